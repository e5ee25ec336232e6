"""Tạo văn bản: pick a plan, kinds and units; preview one document; generate the ZIP for all.

A preview is the document's context laid out in HTML the way the .docx lays it out, with a link
to that one .docx. A batch runs in the background (see :mod:`webui.jobs`) and its page shows a
progress bar: polled by JavaScript, or refreshed by the page itself without it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField

from docgen.batch import DocumentRenderer, batch_warnings, check_kinds, document_name, safe_name
from docgen.derive import Issued, document_context
from docgen.errors import BadInput
from docgen.kinds import KINDS, batch_kinds, default_kinds
from docgen.pdf import OfficeMissing
from docgen.office_templates import versions
from docgen.register import book, terms
from docgen.register.book import number_text, take
from docgen.register.issuing import issue_of, number_batch, numbered
from docgen.store import generations, snapshots
from docgen.store import plans as plan_store
from docgen.store import units as unit_store
from docgen.store import wording as wording_store
from docgen.store.schema import Generation
from webui import audit, jobs, pdf_preview
from webui.access import OFFICE, Section, organisation_id
from webui.database import database, session
from webui.downloads import send_bytes
from webui.fields import CheckboxesField, choices, record_id
from webui.i18n import core_message
from webui.review import made_with
from webui.storage import storage

blueprint = Section("generate", __name__, url_prefix="/tao-van-ban", admits=OFFICE)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATUS_NAMES = {
    Generation.QUEUED: _l("Đang chờ"),
    Generation.RUNNING: _l("Đang tạo"),
    Generation.DONE: _l("Xong"),
    Generation.FAILED: _l("Không thành công"),
    Generation.CANCELLED: _l("Đã hủy"),
}


@blueprint.app_context_processor
def names() -> dict:
    """The kinds' labels, and their short names for where the unit is already said (the table of a
    generation's documents), in the page's language."""
    return {"kind_names": {kind.id: _(kind.label) for kind in KINDS.values()},
            "document_names": {kind.id: _(kind.file_name) for kind in KINDS.values()},
            "status_names": STATUS_NAMES}


def kind_choices(ids: Iterable[str]) -> list:
    return choices((kind, _(KINDS[kind].label)) for kind in ids)


def single_kinds() -> list[str]:
    """The kinds one document can be made of here: from the plan (and a unit) alone."""
    return [kind.id for kind in KINDS.values() if not kind.inputs]


class GenerateForm(FlaskForm):
    plan = SelectField(_l("Kế hoạch"), validate_choice=False)
    kinds = CheckboxesField(_l("Loại văn bản"), default=default_kinds, validate_choice=False)
    scope = RadioField(_l("Đơn vị"), choices=choices([("all", _l("Tất cả đơn vị")), ("some", _l("Chỉ các đơn vị chọn dưới đây"))]),
                       default="all", validate_choice=False)
    units = CheckboxesField(_l("Chọn đơn vị"), validate_choice=False)
    numbered = BooleanField(_l("Cấp số từ sổ văn bản đi cho công văn, hướng dẫn của Đảng ủy "
                               "(số liên tiếp, ngày hôm nay)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds.choices = kind_choices(batch_kinds())


class PreviewForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    plan = SelectField(_l("Kế hoạch"), validate_choice=False)
    kind = SelectField(_l("Loại văn bản"), default="unit-plan", validate_choice=False)
    unit = SelectField(_l("Đơn vị"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices(single_kinds())


class IssueForm(PreviewForm):
    """One committee's document to number: the kinds the register numbers."""

    class Meta:
        csrf = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices(kind for kind in single_kinds() if numbered(kind))


def plan_choices() -> list:
    return choices((str(record.id), plan_title(record)) for record in plan_store.all_plans(session(), organisation_id()))


def plan_title(record) -> str:
    number = _("số %(number)s", number=record.number) if record.number else _("chưa có số")
    return f"{record.summary} ({number})"


def unit_choices(records: list) -> list:
    """The units' records as "code · committee" choices."""
    return choices((str(record.id), f"{record.code} · {record.unit.committee}") for record in records)


@blueprint.route("/", methods=["GET", "POST"])
def index():
    form = GenerateForm(plan=request.args.get("plan"))
    everyone = unit_store.all_units(session(), organisation_id())
    form.plan.choices, form.units.choices = plan_choices(), unit_choices(everyone)
    if form.validate_on_submit() and (batch := chosen_batch(form, everyone)) and register_ready(form):
        return start_generation(*batch, numbered=form.numbered.data)
    preview = PreviewForm(request.args, plan=form.plan.data)
    issuing = IssueForm(formdata=None, plan=form.plan.data, kind="letter-all")
    for chooser in (preview, issuing):
        chooser.plan.choices, chooser.unit.choices = form.plan.choices, form.units.choices
    # The plan chosen, else the one the list shows first (the most recently changed).
    record = chosen(plan_store, form.plan.data or next((choice.value for choice in form.plan.choices), None))
    return render_template("generate/index.html", form=form, preview=preview, issuing=issuing, plan=record,
                           warnings=plan_warnings(record, everyone) if record else None,
                           generations=generations.recent(session(), organisation_id()))


def plan_warnings(record, everyone: list) -> dict:
    """What to look at in the plan's unit plans before generating (:func:`docgen.batch.batch_warnings`),
    each with the units' records it concerns, and how many units have a text the office edited."""
    wording, edits = made_with(record.id, everyone)
    by_code = {unit.code: unit for unit in everyone}
    found = batch_warnings(record.plan, [unit.unit for unit in everyone], ["unit-plan"], wording, edits)
    return {"found": {warning: [by_code[unit.code] for unit in units] for warning, units in found.items()},
            "edited": len(edits), "units": len(everyone)}


def chosen(store, value: str | None):
    """The organisation's record a select field names by id, or None when it names nothing (or not a number)."""
    return None if (number := record_id(value)) is None else store.get(session(), organisation_id(), number)


def chosen_batch(form: GenerateForm, everyone: list):
    """The plan record, the units and the kinds chosen, or None with the problems next to the fields."""
    record = chosen(plan_store, form.plan.data)
    if record is None:
        form.plan.errors.append(_("Chọn một kế hoạch; nếu chưa có, hãy tạo hoặc nhập kế hoạch trước."))
    try:
        kinds = check_kinds(form.kinds.data or [])
    except ValueError:
        form.kinds.errors.append(_("Chọn ít nhất một loại văn bản."))
    if form.scope.data == "some":
        wanted = set(form.units.data or [])
        units = [unit for unit in everyone if str(unit.id) in wanted]
        if not units:
            form.units.errors.append(_("Chọn ít nhất một đơn vị, hoặc chọn “Tất cả đơn vị”."))
    else:
        units = everyone
        if not units:
            form.scope.errors.append(_("Chưa có đơn vị nào: hãy thêm hoặc nhập danh sách đơn vị trước."))
    if any(field.errors for field in form):
        return None
    return record, units, kinds


def register_ready(form: GenerateForm) -> bool:
    """Numbers can be taken today when asked for: a term holds today (else said next to the option)."""
    if form.numbered.data:
        try:
            terms.term_on(session(), organisation_id(), terms.today())
        except BadInput as error:
            form.numbered.errors.append(core_message(error))
    return not form.numbered.errors


def start_generation(record, units, kinds, numbered: bool = False):
    """Start the batch of ``kinds`` for the plan ``record`` and the units' records, worded by the
    office's tables and with the texts it edited, made from its templates in use and, when
    ``numbered``, with the register's numbers for the committee's documents; the generation keeps all
    of it (:mod:`docgen.store.snapshots`)."""
    wording, edits = made_with(record.id, units)
    snapshot = snapshots.current(session(), organisation_id(), record.plan, [unit.unit for unit in units], kinds)
    generation = begin_generation(record.id, plan_title(record), kinds, len(units), edits)
    if numbered:
        issued = number_batch(database(), organisation_id(), record.plan, snapshot.units, kinds, generation.id,
                              current_user.id, request.remote_addr or "")
        snapshot = replace(snapshot, issued=issued)
    snapshots.keep(generation, snapshot)
    session().commit()
    jobs.start(generation.id, record.plan, snapshot.units, kinds, generations.zip_key(generation), wording, edits,
               snapshots.template_data(session(), organisation_id(), snapshot), snapshot.issued)
    return redirect(url_for(".generation", generation_id=generation.id))


def begin_generation(plan_id: int | None, summary: str, kinds, unit_count: int, edits: dict[str, str]) -> Generation:
    """A new generation, logged, with the edited texts it uses, stored (committed: numbers taken for it
    name it)."""
    db = session()
    generation = Generation(organisation_id=organisation_id(), plan_id=plan_id, plan_summary=summary,
                            kinds=",".join(kinds), unit_count=unit_count, total=unit_count * len(kinds))
    db.add(generation)
    db.flush()
    generation.path = f"{generation.id}.zip"
    audit.record("generate", "generation", generation.id, f"{generation.plan_summary}: {generation.kinds}, "
                                                          f"{generation.unit_count}")
    wording_store.keep_used(db, generation.id, edits)
    db.commit()
    return generation


@blueprint.post("/lan/<int:generation_id>/tao-lai")
def again(generation_id: int):
    """The batch made again from what it was made from (plan, units, wording, edited texts, template
    versions, numbers): the same documents, in a new generation."""
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    snapshot = snapshots.made_from(record) or abort(404)
    edits = wording_store.used(session(), record.id)
    generation = begin_generation(record.plan_id, record.plan_summary, record.kind_list, len(snapshot.units), edits)
    snapshots.keep(generation, snapshot)
    session().commit()
    jobs.start(generation.id, snapshot.plan, snapshot.units, record.kind_list, generations.zip_key(generation),
               snapshots.wording_table(snapshot), edits, snapshots.template_data(session(), organisation_id(), snapshot),
               snapshot.issued)
    return redirect(url_for(".generation", generation_id=generation.id))


@blueprint.get("/xem-truoc")
def preview():
    """One document before generating anything: its pages as they will print, or, where LibreOffice
    cannot draw them, laid out in the page as a draft."""
    form = PreviewForm(request.args)
    form.plan.choices, form.unit.choices = plan_choices(), unit_choices(unit_store.all_units(session(), organisation_id()))
    document = chosen_document(form)
    context = pages = missing = None
    if document:
        plan, unit, kind = document
        try:
            pages = pdf_preview.page_count(make_document(*document)[1])
        except OfficeMissing:
            missing = _("Máy chủ chưa cài LibreOffice nên chưa vẽ được trang in; dưới đây là bản nháp gần đúng bố cục.")
        except BadInput as error:
            missing = _("Không vẽ được trang in (%(reason)s); dưới đây là bản nháp gần đúng bố cục.",
                        reason=core_message(error))
        wording, edits = made_with(plan.id, [unit] if unit else [])
        context = document_context(kind, plan.plan, unit.unit if unit else None, wording=wording,
                                   edited=edits.get(unit.code) if unit else None)
    return render_template("generate/preview.html", form=form, context=context, pages=pages, missing=missing,
                           download=url_for(".document", **request.args) if context else None)


def chosen_document(form: PreviewForm):
    """(plan's record, unit's record or None, kind) from a preview or download request, or None with
    errors on the form."""
    form.validate()  # nothing to check here, but it gives each field a list to put its errors in
    plan_record, unit_record = chosen(plan_store, form.plan.data), chosen(unit_store, form.unit.data)
    if plan_record is None:
        form.plan.errors.append(_("Chọn một kế hoạch."))
    kind = KINDS[form.kind.data] if form.kind.data in single_kinds() else None
    if kind is None:
        form.kind.errors.append(_("Chọn một loại văn bản."))
    elif kind.per_unit == "required" and unit_record is None:
        form.unit.errors.append(_("Chọn đơn vị: loại văn bản này làm riêng cho từng đơn vị."))
    if plan_record is None or form.kind.errors or form.unit.errors:
        return None
    return plan_record, unit_record if unit_record and kind.per_unit != "never" else None, kind.id


@blueprint.get("/van-ban.docx")
def document():
    """One .docx, made on the spot."""
    form = PreviewForm(request.args)
    document = chosen_document(form)
    if document is None:
        form.plan.choices, form.unit.choices = plan_choices(), unit_choices(unit_store.all_units(session(), organisation_id()))
        return render_template("generate/preview.html", form=form, context=None), 400
    return send_document(*document)


def send_document(record, unit, kind: str):
    """One document made on the spot (:func:`make_document`); logged as downloaded."""
    name, data = make_document(record, unit, kind)
    audit.record_now("download", "document", None, name)
    return send_bytes(data, name, DOCX)


def make_document(record, unit, kind: str, issued: Issued | None = None) -> tuple[str, bytes]:
    """(file name, .docx) of one document of the plan's ``record`` (for the unit's record, or None), as
    the office's batch makes it (its wording, its templates in use), numbered when ``issued``."""
    plan = record.plan
    if unit is not None:
        name = document_name(unit.unit, kind)
    else:
        name = safe_name(f"{plan.type.noun} {plan.number or ''} {plan.summary}") + ".docx"
    wording, edits = made_with(record.id, [unit] if unit else [])
    templates = versions.template_files(session(), organisation_id(),
                                        versions.live_numbers(session(), organisation_id(), [kind]),
                                        Path(current_app.config["DATA_DIR"]) / "templates")
    renderer = DocumentRenderer(plan, wording=wording, edits=edits, templates=templates,
                                issued={(unit.code if unit else "", kind): issued} if issued else None)
    return name, renderer(unit.unit if unit else None, kind)


@blueprint.post("/cap-so")
def issue():
    """One committee's document (a letter to all units, the guidance) given the register's next number
    and today's date, kept in the book with its file, and downloaded."""
    form = IssueForm(request.form)
    form.plan.choices, form.unit.choices = plan_choices(), unit_choices(unit_store.all_units(session(), organisation_id()))
    document = chosen_document(form)
    if document is None or not numbered(document[2]):
        abort(400)
    record, unit, kind = document
    try:
        [entry] = take(database(), organisation_id(), [issue_of(kind, record.plan, unit.unit if unit else None,
                                                                 terms.today())],
                       user_id=current_user.id, address=request.remote_addr or "")
    except BadInput as error:
        flash(core_message(error), "error")
        return redirect(url_for(".index", plan=record.id))
    name = safe_name(f"{number_text(entry)} {_(KINDS[kind].file_name)}") + ".docx"
    data = make_document(record, unit, kind, Issued(entry.number, entry.issued_on))[1]
    line = book.get(session(), organisation_id(), entry.id)
    line.file_name, line.file_data = name, data
    audit.record("download", "document", None, name)
    session().commit()
    return send_bytes(data, name, DOCX)


@blueprint.get("/xem-truoc/trang-<int:page>.png")
def preview_page(page: int):
    """Page ``page`` of the chosen document as it will print, drawn once per document (by its content)."""
    document = chosen_document(PreviewForm(request.args)) or abort(404)
    docx = make_document(*document)[1]
    try:
        pages = pdf_preview.page_count(docx)
    except BadInput:
        abort(404)
    if not 1 <= page <= pages:
        abort(404)
    return send_file(storage().open(pdf_preview.page_key(docx, page)), mimetype="image/png")


@blueprint.get("/lan/<int:generation_id>")
def generation(generation_id: int):
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    return render_template("generate/run.html", generation=record, units=by_unit(zip_files(record)),
                           edited=wording_store.used(session(), record.id), made_from=snapshots.made_from(record),
                           numbers=[number_text(entry) for entry in book.of_generation(session(), organisation_id(),
                                                                                       record.id)])


@blueprint.get("/lan/<int:generation_id>/trang-thai")
def status(generation_id: int):
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    return jsonify(status=record.status, done=record.done, total=record.total, finished=record.finished,
                   percent=record.percent, error=_(record.error) if record.error else "")


def zip_name(record: Generation) -> str:
    return safe_name(_("Văn bản các đơn vị - lần %(number)s - %(summary)s", number=record.id,
                       summary=record.plan_summary)) + ".zip"


@blueprint.post("/lan/<int:generation_id>/huy")
def cancel(generation_id: int):
    """Stop a batch waiting or being made; its worker stops at its next document and keeps no ZIP."""
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    if generations.cancel(session(), record.id):
        audit.record("cancel", "generation", record.id, record.plan_summary)
        session().commit()
    return redirect(url_for(".generation", generation_id=record.id))


@blueprint.get("/lan/<int:generation_id>/tai-ve")
def download(generation_id: int):
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    archive = finished_zip(record) or abort(404)
    audit.record_now("download", "generation", record.id, zip_name(record))
    size = archive.seek(0, io.SEEK_END)
    archive.seek(0)
    response = send_file(archive, mimetype="application/zip", as_attachment=True, download_name=zip_name(record))
    response.content_length = size
    return response


def finished_zip(record: Generation) -> BinaryIO | None:
    """The ZIP of a generation that finished well, opened from the storage, while it is still there."""
    if record.status != Generation.DONE:
        return None
    try:
        return storage().open(generations.zip_key(record))
    except FileNotFoundError:
        return None


def manifest(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))


def zip_files(record: Generation) -> list[dict[str, str]]:
    """The documents of a finished generation, from the ZIP's manifest."""
    opened = finished_zip(record)
    if opened is None:
        return []
    with opened, zipfile.ZipFile(opened) as archive:
        return manifest(archive)


def by_unit(files: list[dict[str, str]]) -> list[dict]:
    """One row per unit, in the ZIP's order, with (index in the manifest, kind) of its documents."""
    units: dict[str, dict] = {}
    for index, row in enumerate(files):
        unit = units.setdefault(row["code"], {"code": row["code"], "name": row["name"], "documents": []})
        unit["documents"].append((index, row["kind"]))
    return list(units.values())


@blueprint.get("/lan/<int:generation_id>/tep/<int:index>")
def zip_member(generation_id: int, index: int):
    """One document out of a generation's ZIP."""
    record = generations.get(session(), organisation_id(), generation_id) or abort(404)
    with finished_zip(record) or abort(404) as opened, zipfile.ZipFile(opened) as archive:
        files = manifest(archive)
        if not 0 <= index < len(files):
            abort(404)
        # By position, which is the manifest's order: a path may be in a ZIP made before paths were unique.
        member = archive.infolist()[index]
        if member.filename != files[index]["path"]:
            abort(404)
        data = archive.read(member)
    audit.record_now("download", "generation", record.id, member.filename)
    return send_bytes(data, member.filename.rsplit("/", 1)[1], DOCX)
