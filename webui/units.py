"""Đơn vị: the list of grassroots units, kept by hand or imported from the office's Excel file.

An import is shown first, every bad row marked with its spreadsheet row number, and saved only
when the whole file is good and the user confirms: a bad file changes nothing.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from pydantic import TypeAdapter, ValidationError
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from docgen.derive import unit_profile
from docgen.errors import BadInput
from docgen.model import Unit
from docgen.store import units as unit_store
from docgen.units import KIND_LABELS, MAX_CELL_CHARS, MAX_CODE_CHARS, MAX_FILE_BYTES, UnitsFileError, file_rows
from docgen.units import split_name, unit_cells, units_from_rows, units_to_csv, units_to_xlsx, wording_values
from docgen.vn.text import collapse_spaces, normalize
from docgen.wording import default_table
from docgen.wording.unit import MAX_NOUN_CHARS
from webui import audit
from webui.access import OFFICE, Section, organisation_id
from webui.database import session
from webui.downloads import send_bytes
from webui.fields import choices, field_error, model_error
from webui.i18n import core_message
from webui.wording import office_table

blueprint = Section("units", __name__, url_prefix="/don-vi", admits=OFFICE)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 1000
UNIT_LIST = TypeAdapter(list[Unit])
CHOOSE_KIND = _l("Chọn Đảng bộ cơ sở hoặc Chi bộ cơ sở.")
KIND_NAMES = {"dang-bo": _l("Đảng bộ cơ sở"), "chi-bo": _l("Chi bộ cơ sở")}
# What a units file may hold, so that what is typed here can be exported and imported again.
AS_IN_A_FILE = Length(max=MAX_CELL_CHARS, message=_l("Dài tối đa %(max)d ký tự."))


class UnitForm(FlaskForm):
    code = StringField(_l("Mã"), validators=[DataRequired(_l("Nhập mã đơn vị, ví dụ DB01.")),
                                             Length(max=MAX_CODE_CHARS, message=_l("Mã dài tối đa %(max)d ký tự."))])
    name = StringField(_l("Tên đơn vị"), validators=[DataRequired(_l("Nhập tên đơn vị, ví dụ Sở Tài chính.")),
                                                     AS_IN_A_FILE])
    kind = RadioField(_l("Loại"), choices=choices(KIND_NAMES.items()),
                      validate_choice=False, validators=[DataRequired(CHOOSE_KIND)])
    symbol = StringField(_l("Ký hiệu"), validators=[
        Optional(), Regexp(r"^[A-ZĐ][A-Za-zĐđ]*$", message=_l("Chỉ gồm chữ cái, viết hoa chữ đầu, ví dụ ĐU hoặc CB."))])
    secretary = StringField(_l("Bí thư"), validators=[AS_IN_A_FILE])
    deputy = StringField(_l("Phó Bí thư"), validators=[AS_IN_A_FILE])
    place = StringField(_l("Địa danh"), validators=[AS_IN_A_FILE])
    email = StringField(_l("Email"), validators=[
        Optional(), AS_IN_A_FILE, Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Địa chỉ email chưa đúng, ví dụ vanphong@hungyen.gov.vn."))])
    # How documents speak of the unit, as the units list's columns hold it (docgen.units.wording_values).
    sector = SelectField(_l("Khối/Lĩnh vực"), validate_choice=False)
    noun = StringField(_l("Danh xưng"), validators=[Length(max=MAX_NOUN_CHARS, message=_l("Dài tối đa %(max)d ký tự."))])
    chi_uy = RadioField(_l("Chi bộ có chi ủy"), default="", validate_choice=False, choices=choices([
        ("", _l("Chưa rõ")), ("Có", _l("Có (từ 9 đảng viên chính thức)")), ("Không", _l("Không, chỉ có bí thư"))]))
    unions = StringField(_l("Đoàn thể"), validators=[AS_IN_A_FILE])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = [sector.label for sector in (office_table() or default_table()).sectors.values()]
        typed = [self.sector.data] if self.sector.data and self.sector.data not in labels else []
        self.sector.choices = choices([("", _("Nhận ra từ tên đơn vị")), *((label, label) for label in labels + typed)])


class ImportForm(FlaskForm):
    file = FileField(_l("Tệp danh sách (.xlsx hoặc .csv)"), validators=[
        FileRequired(_l("Chọn tệp Excel (.xlsx) hoặc CSV.")),
        FileAllowed(["xlsx", "csv"], _l("Chỉ nhận tệp .xlsx hoặc .csv."))])
    replace = BooleanField(_l("Xóa các đơn vị không có trong tệp (thay toàn bộ danh sách)"))


class ConfirmImportForm(FlaskForm):
    units = HiddenField()
    replace = HiddenField()


@blueprint.get("/")
def index():
    records = unit_store.all_units(session(), organisation_id())
    return render_template("units/list.html", units=records, kinds=KIND_NAMES, described=described(records))


def described(records: list) -> dict:
    """How documents speak of each unit (what the list says, else what its name shows), by record id;
    None for a unit whose sector the office's tables no longer have."""
    table = office_table() or default_table()
    found = {}
    for record in records:
        try:
            profile = unit_profile(record.unit, table)
        except BadInput:
            found[record.id] = None
        else:
            found[record.id] = {"sector": table.sectors[profile.sector].label, "noun": profile.noun}
    return found


@blueprint.route("/them", methods=["GET", "POST"])
def create():
    form = UnitForm()
    if form.validate_on_submit() and (unit := unit_from_form(form)):
        record = unit_store.add(session(), organisation_id(), unit)
        audit.record("create", "unit", record.id, f"{unit.code} · {unit.committee}")
        session().commit()
        flash(_("Đã thêm đơn vị %(name)s.", name=unit.committee), "success")
        return redirect(url_for(".index"))
    return render_template("units/edit.html", form=form, record=None)


@blueprint.route("/<int:unit_id>", methods=["GET", "POST"])
def edit(unit_id: int):
    record = unit_store.get(session(), organisation_id(), unit_id) or abort(404)
    form = UnitForm(data={**unit_cells(record.unit), "kind": record.kind})
    if form.validate_on_submit() and (unit := unit_from_form(form, record.id)):
        record.unit = unit
        audit.record("update", "unit", record.id, f"{unit.code} · {unit.committee}")
        session().commit()
        flash(_("Đã lưu đơn vị %(name)s.", name=unit.committee), "success")
        return redirect(url_for(".index"))
    return render_template("units/edit.html", form=form, record=record)


@blueprint.route("/<int:unit_id>/xoa", methods=["GET", "POST"])
def delete(unit_id: int):
    record = unit_store.get(session(), organisation_id(), unit_id) or abort(404)
    if request.method == "POST":
        name = record.unit.committee
        audit.record("delete", "unit", record.id, f"{record.code} · {name}")
        session().delete(record)
        session().commit()
        flash(_("Đã xóa đơn vị %(name)s.", name=name), "success")
        return redirect(url_for(".index"))
    return render_template("confirm_delete.html", what=record.unit.committee, back=url_for(".index"))


def unit_from_form(form: UnitForm, unit_id: int | None = None) -> Unit | None:
    """The unit the form describes, or None with the problems put next to the fields."""
    if form.kind.data not in KIND_LABELS:
        form.kind.errors.append(CHOOSE_KIND)
        return None
    name, kind_in_name = split_name(collapse_spaces(normalize(form.name.data)))
    if kind_in_name and kind_in_name != form.kind.data:
        form.name.errors.append(_("Tên ghi “%(written)s” nhưng loại đã chọn là “%(chosen)s”.",
                                  written=KIND_NAMES[kind_in_name], chosen=KIND_NAMES[form.kind.data]))
        return None
    code = collapse_spaces(normalize(form.code.data))  # as the model will store it
    same_code = unit_store.by_code(session(), organisation_id(), code)
    if same_code is not None and same_code.id != unit_id:
        form.code.errors.append(_("Mã “%(code)s” đã dùng cho %(name)s.", code=code, name=same_code.unit.committee))
        return None
    values = {field.name: field.data or "" for field in form if field.name in Unit.model_fields}
    read, bad = wording_values(values, office_table())
    for field, message in bad.items():
        getattr(form, field).errors.append(field_error(message))
    if bad:
        return None
    values.update(read, code=code, name=name)
    try:
        return Unit.model_validate(values)
    except ValidationError as error:
        for item in error.errors():
            getattr(form, str(item["loc"][0])).errors.append(model_error(item))
        return None


@blueprint.route("/nhap", methods=["GET", "POST"])
def import_file():
    """Upload, then a preview: bad rows marked (nothing saved), or the units to confirm."""
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("units/import.html", form=form)
    upload = form.file.data
    name = normalize(upload.filename or "")
    try:
        rows = file_rows(upload.read(MAX_FILE_BYTES + 1), name)
    except UnitsFileError as error:
        form.file.errors.append("; ".join(core_message(item.describe()) for item in error.errors))
        return render_template("units/import.html", form=form), 400
    try:
        units = units_from_rows(rows, name, office_table())
    except UnitsFileError as error:
        return render_template("units/import.html", form=form, file_name=name, rows=rows[:PREVIEW_ROWS + 1],
                               row_count=len(rows) - 1, errors=error.errors, bad_rows=rows_errors(error))
    confirm = ConfirmImportForm(units=UNIT_LIST.dump_json(units).decode(), replace="1" if form.replace.data else "")
    return render_template("units/import.html", form=form, file_name=name, units=units, confirm=confirm,
                           changes=changes(units, form.replace.data), kinds=KIND_NAMES)


def rows_errors(error: UnitsFileError) -> dict[int, list]:
    """The errors of each bad row, by spreadsheet row number (0: the header)."""
    found: dict[int, list] = {}
    for item in error.errors:
        found.setdefault(item.row, []).append(item)
    return found


def changes(units: list[Unit], replace: bool) -> dict[str, int]:
    """What saving would do: units added, changed, left as they are, removed."""
    found = unit_store.compare(session(), organisation_id(), units, replace)
    return {"added": len(found.added), "updated": len(found.updated), "unchanged": found.unchanged,
            "removed": len(found.removed)}


@blueprint.post("/nhap/luu")
def save_import():
    form = ConfirmImportForm()
    try:
        units = UNIT_LIST.validate_json(form.units.data or "") if form.validate_on_submit() else []
    except ValidationError:
        units = []
    if not units or len({unit.code for unit in units}) != len(units):
        flash(_("Dữ liệu xem trước không hợp lệ; hãy tải tệp lên lại."), "error")
        return redirect(url_for(".import_file"))
    added, updated, removed = unit_store.save_all(session(), organisation_id(), units, replace=bool(form.replace.data))
    audit.record("import", "units", None, f"+{added} ~{updated} -{removed}")
    session().commit()
    flash(_("Đã lưu danh sách: thêm %(added)s, cập nhật %(updated)s, xóa %(removed)s đơn vị.",
            added=added, updated=updated, removed=removed), "success")
    return redirect(url_for(".index"))


@blueprint.get("/danh-sach.xlsx")
def export_xlsx():
    units = [record.unit for record in unit_store.all_units(session(), organisation_id())]
    audit.record_now("download", "units", None, "Danh sách đơn vị.xlsx")
    return send_bytes(units_to_xlsx(units), "Danh sách đơn vị.xlsx", XLSX)


@blueprint.get("/danh-sach.csv")
def export_csv():
    units = [record.unit for record in unit_store.all_units(session(), organisation_id())]
    audit.record_now("download", "units", None, "Danh sách đơn vị.csv")
    return send_bytes(units_to_csv(units), "Danh sách đơn vị.csv", "text/csv; charset=utf-8")
