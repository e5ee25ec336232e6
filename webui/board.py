"""Tổng hợp: a plan's board of returned reports. Every unit with where its report stands (received,
with problems, missing, late) and each figure with the problem found in it beside it; the office
uploads returned forms (many files at once, or a ZIP), confirms that a unit's second form replaces
its first, corrects a figure by hand, and downloads the committee's summary report, the workbook of
all figures and the reminder to the units that have not reported; a chart of each indicator.

What the board shows lives in the database (:mod:`docgen.store.returns`): it survives a restart, and a
unit's upload through its portal lands on it as the office's does.
"""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, StringField
from wtforms.validators import Length

from docgen.batch import safe_name
from docgen.derive import document_context
from docgen.engine import Engine
from docgen.errors import BadInput
from docgen.kinds import KINDS
from docgen.reports.collect import FileError, uploaded_files
from docgen.reports.export import workbook
from docgen.reports.values import parse_count
from docgen.store import plans as plan_store
from docgen.store import returns
from docgen.store import units as unit_store
from docgen.vn.dates import parse_date, short_date
from docgen.vn.numbers import format_number
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.charts import bar_chart
from webui.database import session
from webui.fields import record_id
from webui.downloads import send_bytes
from webui.generate import DOCX
from webui.i18n import core_message
from webui.reports import upload_data, upload_name
from webui.units import XLSX

blueprint = Section("board", __name__, url_prefix="/tong-hop", admits=OFFICE)

MAX_FIGURE_CHARS = 32
REMINDER_DAYS = 7  # the new deadline a reminder offers, from today
STATUS_NAMES = {"received": _l("Đã nhận"), "problems": _l("Cần xem lại"), "missing": _l("Chưa gửi")}


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Báo cáo đơn vị gửi về (.docx; chọn nhiều tệp cùng lúc, hoặc một tệp .zip)"))


class CorrectionForm(FlaskForm):
    indicator = HiddenField()
    value = StringField(_l("Số đúng"), validators=[Length(max=MAX_FIGURE_CHARS, message=_l("Dài tối đa %(max)d ký tự."))])


@blueprint.app_template_filter("number")
def number(value: int) -> str:
    """A count as Vietnamese write it: 1.250."""
    return format_number(value)


@blueprint.get("/")
def index():
    """The board of the plan chosen (``plan``), else of the plan most recently changed."""
    if (chosen := record_id(request.args.get("plan"))) is not None:
        return redirect(url_for(".board", plan_id=chosen))
    plans = plan_store.all_plans(session(), organisation_id(), limit=1)
    if not plans:
        return render_template("board/empty.html")
    return redirect(url_for(".board", plan_id=plans[0].id))


def _plan(plan_id: int):
    """The organisation's plan, which must have indicators for its reports to be read by."""
    record = plan_store.get(session(), organisation_id(), plan_id) or abort(404)
    if not record.plan.report.indicators:
        flash(_("Kế hoạch này không có chỉ tiêu báo cáo: thêm chỉ tiêu ở trang kế hoạch để tổng hợp số liệu."), "error")
        abort(redirect(url_for("plans.edit", plan_id=record.id)))
    return record


def _board(record) -> returns.Board:
    return returns.board(session(), record, get_timezone())


@blueprint.get("/<int:plan_id>/")
def board(plan_id: int):
    record = _plan(plan_id)
    return _show(record, UploadForm())


def _show(record, form: UploadForm, taken=None, refused=None):
    found = _board(record)
    counts = {status: sum(entry.status == status for entry in found.entries) for status in STATUS_NAMES}
    counts["late"] = sum(entry.late for entry in found.entries)
    counts["pending"] = sum(entry.pending is not None for entry in found.entries)
    return render_template("board/board.html", plan=record, plans=plan_store.all_plans(session(), organisation_id()),
                           board=found, counts=counts, form=form, taken=taken, refused=refused,
                           status_names=STATUS_NAMES, names=[indicator.name for indicator in record.plan.report.indicators],
                           deadline=_default_deadline())


@blueprint.post("/<int:plan_id>/tai-len")
def upload(plan_id: int):
    """Every file uploaded (or in an uploaded ZIP) read as a returned form and kept for its unit; the
    board is shown with what was taken and what was not, and why."""
    record = _plan(plan_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _show(record, form), 400
    files, refused = [], []
    for storage in form.files.data or []:
        name = upload_name(storage)
        if not name:
            continue
        try:
            inside, left_out = uploaded_files(name, upload_data(storage), returns.MAX_FILE_BYTES)
        except BadInput as error:
            refused.append(FileError(name, None, error.message))
            continue
        files += inside
        refused += left_out
    if not files and not refused:
        form.files.errors.append(_("Chọn ít nhất một tệp báo cáo (.docx) hoặc một tệp .zip."))
        return _show(record, form), 400
    taken, not_read = returns.take(session(), record, current_user.id, files)
    for report in taken:
        audit.record("upload", "report", report.id, f"{report.unit_code}: {report.file_name}")
    session().commit()
    return _show(record, UploadForm(), taken, refused + not_read)


@blueprint.post("/<int:plan_id>/bao-cao/<int:report_id>/<any(thay, giu):choice>")
def replace(plan_id: int, report_id: int, choice: str):
    """The office's answer to a unit's later form: it replaces the current one (``thay``), or the
    current one stays (``giu``)."""
    record = _plan(plan_id)
    report = returns.get(session(), organisation_id(), report_id) or abort(404)
    if report.plan_id != record.id or report.standing != report.PENDING:
        abort(404)
    if choice == "thay":
        returns.confirm(report)
        audit.record("replace", "report", report.id, f"{report.unit_code}: {report.file_name}")
        flash(_("Đã thay báo cáo của %(unit)s bằng bản mới (%(file)s).", unit=report.unit_name, file=report.file_name),
              "success")
    else:
        returns.discard(report)
        audit.record("discard", "report", report.id, f"{report.unit_code}: {report.file_name}")
        flash(_("Đã giữ báo cáo cũ của %(unit)s; bản mới (%(file)s) không được tính.", unit=report.unit_name,
                file=report.file_name), "success")
    session().commit()
    return redirect(url_for(".board", plan_id=record.id, _anchor=f"don-vi-{report.unit_id}"))


@blueprint.route("/<int:plan_id>/don-vi/<int:unit_id>", methods=["GET", "POST"])
def unit(plan_id: int, unit_id: int):
    """One unit's report: each figure as written and as read, the problem found in it, and a form to
    correct it by hand; every correction with who made it and when."""
    record = _plan(plan_id)
    unit_store.get(session(), organisation_id(), unit_id) or abort(404)
    entry = next(entry for entry in _board(record).entries if entry.unit.id == unit_id)
    names = [indicator.name for indicator in record.plan.report.indicators]
    form = CorrectionForm()
    if entry.report is not None and form.validate_on_submit():
        if form.indicator.data not in names:
            abort(400)
        try:
            value = parse_count(form.value.data or "")
        except BadInput as error:
            form.value.errors.append(core_message(error))
        else:
            returns.correct(session(), entry.report, form.indicator.data, value, current_user.id)
            audit.record("correct", "report", entry.report.id,
                         f"{entry.unit.code}: {form.indicator.data} = {'' if value is None else value}")
            session().commit()
            flash(_("Đã sửa số liệu “%(indicator)s” của %(unit)s.", indicator=form.indicator.data,
                    unit=entry.unit.unit.committee), "success")
            return redirect(url_for(".unit", plan_id=plan_id, unit_id=unit_id))
    return render_template("board/unit.html", plan=record, row=entry, names=names, form=form,
                           status_names=STATUS_NAMES), 400 if form.errors else 200


# -- downloads ------------------------------------------------------------------------------


def _document(record, kind: str, **options) -> Response:
    """The committee's document of ``kind`` made from the board, logged as downloaded."""
    context = document_context(kind, record.plan, reports=_board(record).collection, **options)
    name = safe_name(f"{_(KINDS[kind].file_name)} - {record.summary}") + ".docx"
    audit.record_now("download", "document", None, name)
    return send_bytes(Engine().render(kind, context), name, DOCX)


@blueprint.get("/<int:plan_id>/bao-cao-tong-hop.docx")
def summary(plan_id: int):
    return _document(_plan(plan_id), "summary")


@blueprint.get("/<int:plan_id>/cong-van-don-doc.docx")
def reminder(plan_id: int):
    """The reminder to the units that have not reported; ``han`` (a day) is the new deadline it gives."""
    record = _plan(plan_id)
    try:
        deadline = parse_date(request.args["han"]) if request.args.get("han", "").strip() else None
        return _document(record, "reminder", deadline=deadline)
    except BadInput as error:
        flash(core_message(error), "error")
        return redirect(url_for(".board", plan_id=plan_id))


@blueprint.get("/<int:plan_id>/so-lieu.xlsx")
def figures(plan_id: int):
    record = _plan(plan_id)
    name = safe_name(_("Số liệu báo cáo - %(summary)s", summary=record.summary)) + ".xlsx"
    audit.record_now("download", "document", None, name)
    return send_bytes(workbook(_board(record).collection), name, XLSX)


# -- charts ---------------------------------------------------------------------------------


@blueprint.get("/<int:plan_id>/bieu-do")
def charts(plan_id: int):
    record = _plan(plan_id)
    return render_template("board/charts.html", plan=record, indicators=record.plan.report.indicators)


@blueprint.get("/<int:plan_id>/bieu-do/<int:number>.svg")
def chart(plan_id: int, number: int):
    """The chart of the plan's indicator ``number`` (counted from 1): each unit's figure."""
    record = _plan(plan_id)
    indicators = record.plan.report.indicators
    if not 1 <= number <= len(indicators):
        abort(404)
    indicator = indicators[number - 1]
    rows = [(entry.unit.unit.committee, entry.form.values[indicator.name] if entry.form else None)
            for entry in _board(record).entries]
    svg = bar_chart(indicator.name, indicator.unit, rows, _("chưa có số liệu"))
    return Response(svg, mimetype="image/svg+xml")


def _default_deadline() -> str:
    """A week from today, as the reminder's form offers it."""
    return short_date(dt.datetime.now(get_timezone()).date() + dt.timedelta(days=REMINDER_DAYS))
