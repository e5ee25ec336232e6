"""The book as XLSX: the paper book's heading and eight columns, one line per number, values only."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from docgen.files import load_organisation
from docgen.register import book, terms
from docgen.register.book import Issue, take
from docgen.register.export import COLUMNS, HEADING_ROW, workbook


def test_the_book_reads_back_as_the_paper_book_holds_it(database, organisation_id):
    day = dt.date(2026, 2, 5)
    taken = take(database, organisation_id, [
        Issue("KH", day, summary="=HYPERLINK(\"http://x\") tuyên truyền", recipients=("Các đảng bộ cơ sở", "Lưu VP"),
              signer="Trần Quốc Toản", keeper="Văn phòng Đảng ủy Khối", copies=30),
        Issue("CV", day, summary="về việc báo cáo", joint_with="Ban Tuyên giáo Tỉnh ủy"),
        Issue("CV", day + dt.timedelta(days=1))])
    take(database, organisation_id, [Issue("TB", day)], reserve=True)
    with database.session() as session:
        book.cancel(book.get(session, organisation_id, taken[2].id), "in sai")
    with database.session() as session:
        term = terms.term_on(session, organisation_id, day)
        data = workbook(load_organisation(), term, book.entries(session, organisation_id, term.id))
    sheet = load_workbook(io.BytesIO(data)).active
    assert [sheet.cell(row, 1).value for row in (1, 2, 5, 6)] == [
        "ĐẢNG BỘ TỈNH HƯNG YÊN", "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Nhiệm kỳ 2025 - 2030 (01/7/2025 – nay)"]
    assert [sheet.cell(HEADING_ROW, column).value for column in range(1, 9)] == [title for title, _ in COLUMNS]
    assert [sheet.cell(HEADING_ROW + 1, column).value for column in range(1, 9)] == list(range(1, 9))
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADING_ROW + 2)]
    assert lines == [
        ["01-KH/ĐUK", dt.datetime(2026, 2, 5), "Kế hoạch =HYPERLINK(\"http://x\") tuyên truyền", "Trần Quốc Toản",
         "Các đảng bộ cơ sở\nLưu VP", "Văn phòng Đảng ủy Khối", 30, None],
        ["01-CV/ĐUK", dt.datetime(2026, 2, 5), "Công văn về việc báo cáo", None, None, None, None,
         "Liên tịch với Ban Tuyên giáo Tỉnh ủy"],
        ["02-CV/ĐUK", dt.datetime(2026, 2, 6), "Công văn", None, None, None, None, "Đã hủy; in sai"],
        ["01-TB/ĐUK", dt.datetime(2026, 2, 5), "Thông báo", None, None, None, None, "Giữ số"],
    ]
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row), "a cell is a formula"
    assert sheet.cell(HEADING_ROW + 2, 2).number_format == "dd/mm/yyyy"
    assert sheet.print_title_rows == f"${HEADING_ROW}:${HEADING_ROW + 1}"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 8), "A3 landscape"
