"""Cổng đơn vị: a unit's account sees, for each of its committee's plans, its own unit plan, letter,
guidance and report form (made on request, as the office's downloads are), sends back its filled
report, and sees what was read from it and whether the office accepted it.

Nothing here takes a unit from the request: the unit is the account's. A plan of another
committee, or a report of another unit, is not found (404).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired

from docgen.errors import BadInput
from docgen.kinds import KINDS
from docgen.store import plans as plan_store
from docgen.store import returns
from webui import audit
from webui.access import UNIT, Section, organisation_id, own_unit
from webui.database import session
from webui.downloads import send_bytes
from webui.generate import DOCX, send_document
from webui.i18n import core_message
from webui.reports import upload_data, upload_name

blueprint = Section("portal", __name__, url_prefix="/cong-don-vi", admits=UNIT)

# The documents a unit has of each plan: those made for one unit from the plan alone.
UNIT_KINDS = tuple(kind.id for kind in KINDS.values() if kind.per_unit != "never" and not kind.inputs)


class UploadForm(FlaskForm):
    file = FileField(_l("Báo cáo đã điền (.docx)"), validators=[
        FileRequired(_l("Chọn tệp báo cáo Word .docx.")), FileAllowed(["docx"], _l("Chỉ nhận tệp Word .docx."))])


@blueprint.get("/")
def index():
    unit = own_unit()
    latest = {}
    for report in returns.of_unit(session(), organisation_id(), unit.id):
        latest.setdefault(report.plan_id, report)
    return render_template("portal/index.html", unit=unit, plans=plan_store.all_plans(session(), organisation_id()),
                           kinds=UNIT_KINDS, latest=latest, form=UploadForm(), status_names=returns.STATUS_NAMES)


@blueprint.get("/<int:plan_id>/<kind>.docx")
def document(plan_id: int, kind: str):
    record = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    if kind not in UNIT_KINDS:
        abort(404)
    return send_document(record, own_unit(), kind)


@blueprint.post("/<int:plan_id>/bao-cao")
def upload(plan_id: int):
    """Keep the unit's filled report, with what the report reader finds in it; a file that is not this
    unit's form of this plan is refused with the reason."""
    record = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    unit = own_unit()
    form = UploadForm()
    if not form.validate_on_submit():
        for error in form.file.errors:
            flash(error, "error")
        return redirect(url_for(".index"))
    name = upload_name(form.file.data)
    try:
        data = upload_data(form.file.data)
        found = read_form(record.plan, unit.unit, data, name)
    except BadInput as error:
        flash(_("Không nhận được tệp “%(name)s”: %(reason)s", name=name, reason=core_message(error)), "error")
        return redirect(url_for(".index"))
    report = returns.add(session(), record, unit, current_user.id, name, data, found)
    audit.record("upload", "report", report.id, f"{unit.code}: {name}")
    session().commit()
    flash(_("Đã gửi báo cáo. Văn phòng sẽ xem và trả lời."), "success")
    return redirect(url_for(".report", report_id=report.id))


def read_form(plan, unit, data: bytes, name: str):
    """What the report reader finds in the form, or None when the plan has no indicators to read it
    by; :class:`BadInput` when it is not this unit's form of this plan, or no readable .docx."""
    from docgen.reports.document import read_document
    from docgen.reports.read import FormReader

    try:
        reader = FormReader(plan, [unit])
    except BadInput:
        read_document(data)
        return None
    return reader.read(data, name)


@blueprint.get("/bao-cao/<int:report_id>")
def report(report_id: int):
    found = returns.get(session(), organisation_id(), report_id, unit_id=own_unit().id) or abort(404)
    return render_template("portal/report.html", report=found, status_names=returns.STATUS_NAMES)


@blueprint.get("/bao-cao/<int:report_id>/tep")
def report_file(report_id: int):
    found = returns.get(session(), organisation_id(), report_id, unit_id=own_unit().id) or abort(404)
    audit.record_now("download", "report", found.id, found.file_name)
    return send_bytes(found.data, found.file_name, DOCX)
