"""Mẫu văn bản: the office's own templates. For each kind: download the template in use, edit it in
Word, upload it back as a new version — checked first, each problem shown with the paragraph it is in,
and previewed as pages made from the demo data — then make it the one in use, or go back to any earlier
version (or docgen's own). A reference page lists what each kind's template may read."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import StringField
from wtforms.validators import Length

from docgen.errors import BadInput
from docgen.kinds import KINDS
from docgen.office_templates import versions
from docgen.office_templates.reference import filters, reference, tests
from docgen.office_templates.shapes import KIND_NAMES
from docgen.office_templates.validate import MAX_TEMPLATE_BYTES, render_demo
from docgen.office_templates.versions import MAX_NOTE, OWN
from docgen.pdf import OfficeMissing
from docgen.store import plans as plan_store
from docgen.store import units as unit_store
from docgen.uploads import size_text
from webui import audit, pdf_preview
from webui.access import OFFICE, Section, organisation_id
from webui.database import session
from webui.downloads import send_bytes
from webui.i18n import core_message
from webui.storage import storage

blueprint = Section("office_templates", __name__, url_prefix="/mau-van-ban", admits=OFFICE)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UploadForm(FlaskForm):
    file = FileField(_l("Mẫu đã sửa trong Word (.docx)"), validators=[
        FileRequired(_l("Chọn tệp .docx.")), FileAllowed(["docx"], _l("Chỉ nhận tệp .docx."))])
    note = StringField(_l("Ghi chú (sửa gì)"), validators=[Length(max=MAX_NOTE, message=_l("Dài tối đa %(max)d ký tự."))])


def kind_or_404(kind: str) -> str:
    return kind if kind in KINDS else abort(404)


@blueprint.get("/")
def index():
    return render_template("office_templates/index.html", kinds=KINDS.values(),
                           used=versions.live_numbers(session(), organisation_id(), KINDS),
                           kept={kind: len(versions.versions(session(), organisation_id(), kind)) for kind in KINDS})


@blueprint.route("/<kind>/", methods=["GET", "POST"])
def kind_page(kind: str):
    kind_or_404(kind)
    form = UploadForm()
    validation = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_TEMPLATE_BYTES + 1)
        try:
            record, validation = versions.add(session(), organisation_id(), kind, upload.filename, data,
                                              current_user.id, form.note.data or "")
        except BadInput as error:
            form.note.errors.append(core_message(error))
        else:
            if record is not None:
                audit.record("upload", "template", record.id, f"{kind} {record.version}: {record.file_name}")
                session().commit()
                flash(_("Đã lưu phiên bản %(version)s. Xem trước bên dưới; mẫu chỉ được dùng khi bấm “Dùng phiên bản "
                        "này”.", version=record.version), "success")
                return redirect(url_for(".kind_page", kind=kind, **{"phien-ban": record.version}))
    kept = versions.versions(session(), organisation_id(), kind)
    used = versions.live_numbers(session(), organisation_id(), [kind])[kind]
    shown = _shown_version(request.args.get("phien-ban"), kept, used)
    return render_template("office_templates/kind.html", kind=KINDS[kind], form=form, validation=validation,
                           kept=kept, used=used, shown=shown, pages=preview_pages(kind, shown),
                           max_size=size_text(MAX_TEMPLATE_BYTES)), 400 if validation or form.errors else 200


def _shown_version(asked: str | None, kept: list, used: int) -> int:
    """The version whose preview the page shows: the one asked for, else the one in use."""
    known = {OWN, *(record.version for record in kept)}
    return int(asked) if asked and asked.isdigit() and int(asked) in known else used


def preview_pages(kind: str, version: int) -> int | None:
    """How many pages the preview of ``version`` made from the demo data prints on (drawn once, as every
    preview: :mod:`webui.pdf_preview`); None when LibreOffice is not installed here."""
    try:
        return pdf_preview.page_count(demo_document(kind, version))
    except OfficeMissing:
        return None


def demo_document(kind: str, version: int) -> bytes:
    return render_demo(kind, versions.template_data(session(), organisation_id(), kind, version)[1])


@blueprint.get("/<kind>/<int:version>/trang-<int:page>.png")
def preview_page(kind: str, version: int, page: int):
    kind_or_404(kind)
    try:
        document = demo_document(kind, version)
        pages = pdf_preview.page_count(document)
    except BadInput:
        abort(404)
    if not 1 <= page <= pages:
        abort(404)
    return send_file(storage().open(pdf_preview.page_key(document, page)), mimetype="image/png")


@blueprint.get("/<kind>/mau.docx")
def download(kind: str):
    """The template in use for a kind, or the version asked for (``phien-ban``, 0: docgen's own)."""
    kind_or_404(kind)
    asked = request.args.get("phien-ban", "")
    try:
        name, data = versions.template_data(session(), organisation_id(), kind, int(asked) if asked.isdigit() else None)
    except BadInput:
        abort(404)
    audit.record_now("download", "template", None, f"{kind}: {name}")
    return send_bytes(data, name, DOCX)


@blueprint.post("/<kind>/<int:version>/dung")
def use(kind: str, version: int):
    kind_or_404(kind)
    try:
        versions.use(session(), organisation_id(), kind, version)
    except BadInput:
        abort(404)
    audit.record("use", "template", None, f"{kind} {version}")
    session().commit()
    flash(_("Từ nay văn bản loại này làm theo mẫu của docgen.") if version == OWN else
          _("Từ nay văn bản loại này làm theo phiên bản %(version)s.", version=version), "success")
    return redirect(url_for(".kind_page", kind=kind))


@blueprint.get("/bien")
def variables():
    """Every variable of every kind, with its type and an example from the office's latest plan and first
    unit; the filters and tests there are."""
    latest = plan_store.all_plans(session(), organisation_id(), limit=1)
    units = [record.unit for record in unit_store.all_units(session(), organisation_id())]
    return render_template("office_templates/reference.html", filters=filters(), tests=tests(), shape_names=KIND_NAMES,
                           reference=reference(latest[0].plan if latest else None, units))
