"""Báo cáo: the report forms the units sent back through their portal, what the report reader found
in each, and the office's decision — accepted, or returned to the unit with a note."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from docgen.errors import BadInput
from docgen.store import plans as plan_store
from docgen.store import returns
from docgen.vn.text import normalize
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.database import session
from webui.downloads import send_bytes
from webui.fields import choices
from webui.generate import DOCX
from webui.i18n import N_

blueprint = Section("reports", __name__, url_prefix="/bao-cao", admits=OFFICE)

MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 2000


def upload_name(storage) -> str:
    """A returned file's name as uploaded, without the folders a browser may send, cut to what is kept."""
    return normalize(storage.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:MAX_NAME_CHARS]


def upload_data(storage) -> bytes:
    """A returned file's bytes, read no further than a report may be: BadInput when it is larger."""
    data = storage.read(returns.MAX_FILE_BYTES + 1)
    if len(data) > returns.MAX_FILE_BYTES:
        raise BadInput(N_("tệp lớn hơn %(size)s MB"), size=returns.MAX_FILE_BYTES // (1024 * 1024))
    return data


class ReviewForm(FlaskForm):
    decision = RadioField(_l("Quyết định"), choices=choices([("accept", _l("Chấp nhận")),
                                                             ("return", _l("Trả lại để đơn vị sửa"))]),
                          validators=[DataRequired(_l("Chọn chấp nhận hoặc trả lại."))])
    note = TextAreaField(_l("Ghi chú cho đơn vị"), validators=[
        Length(max=MAX_NOTE_CHARS, message=_l("Dài tối đa %(max)d ký tự."))])


@blueprint.get("/")
def index():
    plans = plan_store.all_plans(session(), organisation_id())
    chosen = request.args.get("plan", "")
    plan_id = int(chosen) if chosen.isdigit() and any(str(plan.id) == chosen for plan in plans) else None
    return render_template("reports/index.html", plans=plans, plan_id=plan_id,
                           reports=returns.of_organisation(session(), organisation_id(), plan_id),
                           status_names=returns.STATUS_NAMES)


@blueprint.route("/<int:report_id>", methods=["GET", "POST"])
def report(report_id: int):
    found = returns.get(session(), organisation_id(), report_id) or abort(404)
    form = ReviewForm(data={"note": found.note})
    if form.validate_on_submit():
        accepted = form.decision.data == "accept"
        returns.review(found, current_user.id, accepted, (form.note.data or "").strip())
        audit.record("accept" if accepted else "return", "report", found.id, f"{found.unit_code}: {found.file_name}")
        session().commit()
        flash(_("Đã chấp nhận báo cáo của %(unit)s.", unit=found.unit_name) if accepted
              else _("Đã trả lại báo cáo cho %(unit)s.", unit=found.unit_name), "success")
        return redirect(url_for(".index", plan=found.plan_id))
    return render_template("reports/report.html", report=found, form=form, status_names=returns.STATUS_NAMES)


@blueprint.get("/<int:report_id>/tep")
def report_file(report_id: int):
    found = returns.get(session(), organisation_id(), report_id) or abort(404)
    audit.record_now("download", "report", found.id, found.file_name)
    return send_bytes(found.data, found.file_name, DOCX)
