"""The book as an XLSX workbook, laid out as offices keep it on paper (sổ đăng ký văn bản đi: eight
numbered columns on an A3 landscape page, the heading repeated on every printed page).

Every cell is a value, never a formula: text that starts like one (``=``, ``+``, ``-``, ``@``) is stored
as text, so a summary typed by a clerk cannot run in Excel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docgen.i18n import translate
from docgen.model import Organisation
from docgen.register.book import STATUS_NAMES, number_text
from docgen.register.terms import span
from docgen.register.types import DOC_TYPES
from docgen.store.schema import RegisterEntry, Term
from docgen.vn.text import upper

COLUMNS = (
    ("Số, ký hiệu văn bản", 14),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung văn bản", 60),
    ("Người ký", 22),
    ("Nơi nhận văn bản", 40),
    ("Đơn vị, người nhận bản lưu", 22),
    ("Số lượng bản", 9),
    ("Ghi chú", 30),
)
HEADING_ROW = 7
LINE_POINTS = 15  # a line of 12 pt Times New Roman


def rows(entries: Sequence[RegisterEntry]) -> list[list]:
    """The book's lines, one per number, as the eight columns hold them."""
    return [[number_text(entry), entry.issued_on, f"{DOC_TYPES[entry.doc_type]} {entry.summary}".strip(), entry.signer,
             entry.recipients, entry.keeper, entry.copies, remarks(entry)] for entry in entries]


def remarks(entry: RegisterEntry) -> str:
    """The Ghi chú column: a number reserved or cancelled says so, then the bodies of a joint document
    and the note."""
    parts = [] if entry.status == RegisterEntry.ISSUED else [translate(STATUS_NAMES[entry.status])]
    if entry.joint_with:
        parts.append(f"Liên tịch với {entry.joint_with}")
    return "; ".join(filter(None, (*parts, entry.note)))


def workbook(organisation: Organisation, term: Term, entries: Sequence[RegisterEntry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    last = get_column_letter(len(COLUMNS))
    regular, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    heading = [(1, "A1:C1", upper(organisation.superior), regular), (2, "A2:C2", upper(organisation.name), bold),
               (3, "A3:C3", "*", regular),
               (5, f"A5:{last}5", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", Font(name="Times New Roman", size=16, bold=True)),
               (6, f"A6:{last}6", f"{'Đại hội' if term.congress else 'Nhiệm kỳ'} {term.name} ({span(term)})",
                Font(name="Times New Roman", size=12, italic=True))]
    for row, cells, text, font in heading:
        sheet.merge_cells(cells)
        _value(sheet.cell(row, 1), text, font, centred)
    line = Side(style="thin")
    box = Border(left=line, right=line, top=line, bottom=line)
    for column, (title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        _value(sheet.cell(HEADING_ROW, column), title, bold, centred).border = box
        _value(sheet.cell(HEADING_ROW + 1, column), column, bold, centred).border = box
    sheet.row_dimensions[HEADING_ROW].height = _height([title for title, _ in COLUMNS])
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row, values in enumerate(rows(entries), start=HEADING_ROW + 2):
        for column, value in enumerate(values, start=1):
            cell = _value(sheet.cell(row, column), value, regular, centred if column in (1, 2, 7) else wrapped)
            cell.border = box
            if column == 2:
                cell.number_format = "dd/mm/yyyy"
        sheet.row_dimensions[row].height = _height(values)
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW + 1}"
    sheet.freeze_panes = sheet.cell(HEADING_ROW + 2, 1)
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _height(values: list) -> float:
    """A row tall enough for its longest cell, wrapped in its column's width: spreadsheets do not fit a
    row's height to text a program wrote."""
    lines = 1
    for value, (_, width) in zip(values, COLUMNS):
        if isinstance(value, str):
            lines = max(lines, sum(1 + len(line) // width for line in value.split("\n")))
    return LINE_POINTS * lines


def _value(cell, value, font, alignment):
    """The cell holding ``value`` as a value: text stays text even when it starts like a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    cell.font, cell.alignment = font, alignment
    return cell
