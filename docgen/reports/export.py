"""The collection for people: an XLSX workbook for the office's spreadsheet, a summary to read.

Every cell of the workbook is a value, never a formula: text that starts like one (``=``, ``+``,
``-``, ``@``) is stored as text, so a unit's name or a cell copied from a form cannot run in Excel.
"""

from __future__ import annotations

import io

from docgen.i18n import N_, translate
from docgen.reports.collect import Collection
from docgen.units import KIND_LABELS
from docgen.vn.numbers import format_number

STATUS = {"received": "Đã nhận", "review": "Đã nhận, cần xem lại", "missing": "Chưa gửi"}


def workbook(collection: Collection) -> bytes:
    """Sheets: Tổng hợp (a row per unit, a column per indicator, totals by kind and in all), Cần xem
    lại (every problem and every file not taken), Dòng thêm (rows the units added, not counted)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    figures = book.active
    figures.title = "Tổng hợp"
    names = [indicator.name for indicator in collection.indicators]
    header = ["Mã", "Đơn vị", "Loại", "Trạng thái",
              *(f"{indicator.name} ({indicator.unit})" for indicator in collection.indicators), "Tệp"]
    _append(figures, header)
    for unit in collection.units:
        form = collection.forms.get(unit.code)
        values = [form.values[name] if form else None for name in names]
        status = STATUS["missing"] if form is None else STATUS["review" if form.problems else "received"]
        _append(figures, [unit.code, unit.name, KIND_LABELS[unit.kind], status, *values, form.file if form else None])
    for kind, totals in collection.totals_by_kind().items():
        _append(figures, ["", f"Cộng {KIND_LABELS[kind].lower()}", "", "", *totals.values()])
    _append(figures, ["", "Tổng cộng", "", "", *collection.totals().values()])
    for row in (figures[1], figures[figures.max_row]):
        for cell in row:
            cell.font = Font(bold=True)
    for cell in figures[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    figures.freeze_panes = "C2"
    _widths(figures, [8, 40, 14, 18, *[16] * len(names), 40])

    review = book.create_sheet("Cần xem lại")
    _append(review, ["Mã", "Đơn vị", "Chỉ tiêu", "Ô trong báo cáo", "Vấn đề", "Tệp"])
    for form in collection.received:
        for problem in form.problems:
            _append(review, [form.unit.code, form.unit.name, problem.indicator or "",
                             form.cells.get(problem.indicator, ""), problem.message, form.file])
    units = {unit.code: unit for unit in collection.units}
    for error in collection.files:
        unit = units.get(error.unit)
        _append(review, [error.unit or "", unit.name if unit else "", "", "", error.error, error.file])
    _widths(review, [8, 40, 40, 20, 80, 40])

    added = book.create_sheet("Dòng thêm")
    _append(added, ["Mã", "Đơn vị", "Nội dung (đơn vị thêm, không tính vào tổng)", "Đơn vị tính", "Số lượng", "Tệp"])
    for form in collection.received:
        for note in form.notes:
            _append(added, [form.unit.code, form.unit.name, note.text, note.unit, note.value, form.file])
    _widths(added, [8, 40, 60, 14, 20, 40])
    for sheet in (review, added):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _append(sheet, values: list) -> None:
    """A row of values; text is stored as text even when it starts like a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _widths(sheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def summary_text(collection: Collection, language: str = "vi") -> str:
    """What ``docgen collect`` prints, in ``language``: who reported, the totals, what needs a look."""
    plan = collection.plan
    forms, missing = collection.forms, collection.missing
    problems = [(form, problem) for form in collection.received for problem in form.problems]
    lines = [translate(N_("Tổng hợp báo cáo: %(title)s"), language, title=plan.report.title or plan.summary),
             translate(N_("Đã nhận %(received)s/%(units)s đơn vị; %(missing)s chưa gửi; %(files)s tệp không được tính; "
                          "%(problems)s vấn đề cần xem lại."), language, received=len(forms),
                       units=len(collection.units), missing=len(missing), files=len(collection.files),
                       problems=len(problems)), "",
             translate(N_("Tổng số liệu (%(count)s đơn vị đã gửi):"), language, count=len(forms))]
    totals = collection.totals()
    for number, indicator in enumerate(collection.indicators, start=1):
        lines.append(f"  {number}. {indicator.name}: {format_number(totals[indicator.name])} {indicator.unit}")
    sections = [
        (N_("Chưa gửi báo cáo (%(count)s):"), [f"{unit.code} {unit.committee}" for unit in missing]),
        (N_("Tệp không được tính (%(count)s):"), [f"{error.file}: {error.error.translate(language)}"
                                                  for error in collection.files]),
        (N_("Cần xem lại (%(count)s):"), [f"{form.unit.code} ({form.file}): {problem.message.translate(language)}"
                                          for form, problem in problems]),
        (N_("Dòng các đơn vị thêm vào bảng (không tính vào tổng):"),
         [f"{form.unit.code}: {note.text or translate(N_('(không tên)'), language)}: {note.value}"
          for form in collection.received for note in form.notes]),
    ]
    for title, items in sections:
        if items:
            lines += ["", translate(title, language, count=len(items)), *(f"  - {item}" for item in items)]
    return "\n".join(lines)
