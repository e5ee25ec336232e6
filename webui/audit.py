"""Nhật ký: what each account did, for the office and the administrator; and :func:`record`, which the
other pages call for each change, generation, download and upload.

An entry is added in the request's transaction, so that it is kept exactly when the change it
tells of is. There is no page that changes or deletes an entry.
"""

from __future__ import annotations

import datetime as dt

from flask import render_template, request, url_for
from flask_babel import get_timezone
from flask_login import current_user

from docgen.errors import BadInput
from docgen.store import audit, users
from docgen.store.schema import User
from docgen.vn.dates import date_or_none
from webui.access import OFFICE, Section, organisation_id
from webui.database import session
from webui.fields import record_id
from webui.i18n import core_message

blueprint = Section("audit", __name__, url_prefix="/nhat-ky", admits=OFFICE)

PAGE_SIZE = 100


def record(action: str, target: str, target_id: int | None = None, detail: str = "",
           user: User | None = None) -> None:
    """Log what the signed-in account (or ``user``) just did; committed with the request's change."""
    user = user or current_user
    audit.record(session(), user.organisation_id, user.id, action, target, target_id, detail,
                 request.remote_addr or "")


def record_now(action: str, target: str, target_id: int | None = None, detail: str = "") -> None:
    """Log something that changes nothing else (a download), at once."""
    record(action, target, target_id, detail)
    session().commit()


@blueprint.get("/")
def index():
    db = session()
    accounts = users.all_users(db, organisation_id())
    names = {account.id: account.name for account in accounts}
    user = request.args.get("user", "")
    action = request.args.get("action", "")
    errors = {}
    start, end = (day_start(field, errors) for field in ("from", "to"))
    before = request.args.get("before", "")
    entries = [] if errors else audit.entries(
        db, organisation_id(), user_id=record_id(user) if record_id(user) in names else None,
        action=action if action in audit.ACTIONS else None, start=start,
        end=end + dt.timedelta(days=1) if end else None,
        before=record_id(before), limit=PAGE_SIZE)
    filters = {name: request.args.get(name, "") for name in ("user", "action", "from", "to")}
    older = url_for(".index", **filters, before=entries[-1].id) if len(entries) == PAGE_SIZE else None
    return render_template("audit/index.html", entries=entries, accounts=accounts, names=names, errors=errors,
                           actions=audit.ACTIONS, targets=audit.TARGETS, filters=filters, older=older)


def day_start(field: str, errors: dict) -> dt.datetime | None:
    """The start of the day typed in a filter (dd/mm/yyyy, the office's time zone), in UTC as stored."""
    try:
        day = date_or_none(request.args.get(field, "")[:40])
    except BadInput as error:
        errors[field] = core_message(error)
        return None
    if day is None:
        return None
    local = dt.datetime.combine(day, dt.time(), tzinfo=get_timezone())
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)

