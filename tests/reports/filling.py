"""Filling docgen's report forms the ways unit offices fill them, with python-docx."""

from __future__ import annotations

import copy
import io
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

SEED = {  # the seed plan's indicators, by a short name for the tests
    "pages": "Chuyên trang, chuyên mục về Nghị quyết Đại hội trên trang thông tin điện tử của đơn vị",
    "news": "Tin, bài đăng tải trên trang thông tin điện tử, mạng xã hội",
    "meetings": "Hội nghị quán triệt, học tập, báo cáo viên",
    "people": "Cán bộ, đảng viên, người lao động tham gia hội nghị",
    "banners": "Pa nô, áp phích, băng rôn, khẩu hiệu treo tại trụ sở",
    "works": "Tác phẩm văn học - nghệ thuật sáng tác, quảng bá",
    "movements": "Phong trào thi đua được phát động",
    "models": "Mô hình hay, điển hình tiên tiến được biểu dương, tôn vinh",
}
VALUE, NOTE = 3, 4  # columns of the form's table: STT, Nội dung, Đơn vị tính, Số lượng, Ghi chú


def open_form(path: Path):
    return Document(str(path))


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def indicator_table(document) -> Table:
    return next(table for table in document.tables if table.rows[0].cells[0].text == "STT")


def row_of(table: Table, short: str):
    return next(row for row in table.rows if row.cells[1].text == SEED[short])


def fill(document, **values: str) -> None:
    """Type each value into the Số lượng cell of its indicator's row."""
    table = indicator_table(document)
    for short, text in values.items():
        row_of(table, short).cells[VALUE].text = text


def add_row(document, after: str, *cells: str):
    """A row the unit adds under another, as Word's "Insert row below" does."""
    table = indicator_table(document)
    anchor = row_of(table, after)
    new = copy.deepcopy(anchor._tr)
    anchor._tr.addnext(new)
    row = next(row for row in table.rows if row._tr is new)
    for cell, text in zip(row.cells, cells):
        cell.text = text
    return row


def move_row(document, short: str, before: str) -> None:
    table = indicator_table(document)
    moving, anchor = row_of(table, short)._tr, row_of(table, before)._tr
    anchor.addprevious(moving)


def write_under(document, heading: str, *paragraphs: str) -> None:
    """Type over the first dotted line under a heading, a paragraph more for each further text (Enter at
    its end); the second dotted line stays."""
    body = document.paragraphs
    line = body[next(i for i, p in enumerate(body) if p.text == heading) + 1]
    line.text = paragraphs[0]
    for text in paragraphs[1:]:
        line._p.addnext(copy.deepcopy(line._p))
        line = Paragraph(line._p.getnext(), line._parent)
        line.text = text


def retyped(header: str, rows: list[tuple[str, str, str]], cited: str = "15-KH/ĐUK") -> bytes:
    """A form typed from scratch in a new document: no properties, its own table and headings."""
    document = Document()
    top = document.add_table(rows=1, cols=2)
    top.cell(0, 0).text = f"ĐẢNG BỘ KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH\n{header}\n*\nSố 07-BC/ĐU"
    top.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\nHưng Yên, ngày 05 tháng 12 năm 2021"
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Kết quả tuyên truyền sau Đại hội XIII của Đảng")
    document.add_paragraph(f"Thực hiện Kế hoạch số {cited} ngày 25/5/2021 của Ban Thường vụ Đảng uỷ Khối, "
                           "chúng tôi báo cáo như sau:")
    document.add_paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC")
    document.add_paragraph("Đảng uỷ đã ban hành kế hoạch, quán triệt đến 100% chi bộ trực thuộc.")
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ["TT", "Chỉ tiêu", "Kết quả", "ĐVT"]):
        cell.text = title
    for number, (label, value, unit) in enumerate(rows, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = str(number), label, value, unit
    for text in ("II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm:", "Các chi bộ triển khai kịp thời.", "2. Hạn chế",
                 "Một số chi bộ báo cáo chậm.", "III. PHƯƠNG HƯỚNG THỜI GIAN TỚI", "Tiếp tục tuyên truyền sâu rộng.",
                 "IV. KIẾN NGHỊ", "Không.", "Nơi nhận:", "- Ban Thường vụ Đảng uỷ Khối,"):
        document.add_paragraph(text)
    return to_bytes(document)
