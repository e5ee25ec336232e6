"""The office's board of returned reports: forms uploaded one by one or in a ZIP, each unit's status,
each problem beside the figure it is about, a unit's second form confirmed before it replaces the
first, figures corrected by hand and kept with who and when, lateness, the documents and workbook
made from it, the charts, and all of it still there after a restart."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from lxml import html
from openpyxl import load_workbook
from sqlalchemy import select

from docgen.batch import DocumentRenderer
from docgen.store import plans as plan_store
from docgen.store.schema import ReportCorrection, ReturnedReport, UnitRecord

from ..hostile import lying_zip
from ..reports.filling import SEED, fill, to_bytes
from .conftest import make_app, page_text, signed_in, upload

BOARD = "/tong-hop/1/"
FIGURES = {  # what each unit's office typed
    "DB01": dict(pages="2", news="10", meetings="1", people="45", banners="3", works="0", movements="1", models="1"),
    "DB02": dict(pages="1", news="1,5", meetings="2 cuộc", people="60", banners="2", works="1", movements="1",
                 models="không"),
    "CB01": dict(pages="0", news="5", meetings="01", people="12 lượt", banners="1", works="0", movements="1", models="1"),
}
NEWS = list(SEED).index("news")


def form_of(app, code: str, **figures: str) -> bytes:
    """The unit's report form as docgen makes it, filled as its office fills it."""
    with app.extensions["docgen.database"].session() as session:
        plan = plan_store.get(session, 1, 1).plan
        unit = session.scalars(select(UnitRecord).where(UnitRecord.code == code)).one().unit
    document = Document(io.BytesIO(DocumentRenderer(plan)(unit, "report")))
    fill(document, **figures)
    return to_bytes(document)


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def unit_id(app, code: str) -> int:
    with app.extensions["docgen.database"].session() as session:
        return session.scalars(select(UnitRecord.id).where(UnitRecord.code == code)).one()


def row(page: str, app, code: str) -> dict:
    """A unit's line on the board: its status badges and each figure cell's text, as shown."""
    line = html.fromstring(page).get_element_by_id(f"don-vi-{unit_id(app, code)}")
    cells = line.findall("td")
    return {"status": [badge.text_content() for badge in cells[1].find_class("badge")],
            "pending": " ".join(part[0].text_content().split()) if (part := cells[1].find_class("pending")) else "",
            "figures": [" ".join(cell.text_content().split()) for cell in cells[2:]]}


def tally(page: str) -> list[str]:
    return [" ".join(item.text_content().split()) for item in html.fromstring(page).find_class("tally")[0]]


@pytest.fixture
def received(app, client):
    """Three units' forms sent in one upload: two files and a ZIP holding the third, a note and Word's lock file."""
    forms = {code: form_of(app, code, **figures) for code, figures in FIGURES.items()}
    archive = zipped({"Báo cáo/CB01 Sở Tư pháp.docx": forms["CB01"], "Báo cáo/ghi chú.txt": b"gui kem",
                      "Báo cáo/~$CB01 Sở Tư pháp.docx": forms["CB01"][:162]})
    response = client.post(BOARD + "tai-len", data={"files": [upload(forms["DB01"], "DB01 Sở Tài chính.docx"),
                                                              upload(forms["DB02"], "DB02.docx"),
                                                              upload(archive, "đợt 1.zip")]})
    assert response.status_code == 200
    return page_text(response)


def test_files_and_a_zip_fill_the_board_with_each_problem_beside_its_figure(app, client, received):
    result = html.fromstring(received).find_class("upload-result")[0].text_content()
    assert "Đã nhận 3 tệp, không nhận 1 tệp." in " ".join(result.split())
    assert "đợt 1.zip/Báo cáo/ghi chú.txt" in result and "~$" not in result
    page = page_text(client.get(BOARD))
    assert tally(page) == ["3/22 đơn vị đã gửi", "1 cần xem lại", "19 chưa gửi", "3 gửi muộn"]
    assert row(page, app, "DB01") == {"status": ["Đã nhận", "Gửi muộn"], "pending": "",
                                      "figures": ["2", "10", "1", "45", "3", "0", "1", "1"]}
    db02 = row(page, app, "DB02")
    assert db02["status"] == ["Cần xem lại", "Gửi muộn"]
    assert db02["figures"][NEWS] == ("— ô số lượng “1,5” là số thập phân; số lượng phải là số nguyên (dấu chấm chỉ để "
                                     "tách hàng nghìn: 1.500)")
    assert db02["figures"][:NEWS] + db02["figures"][NEWS + 1:] == ["1", "2", "60", "2", "1", "1", "0"]
    assert row(page, app, "CB01")["figures"] == ["0", "5", "1", "12", "1", "0", "1", "1"]
    assert row(page, app, "DB03") == {"status": ["Chưa gửi"], "pending": "", "figures": [""] * 8}
    with app.extensions["docgen.database"].session() as session:
        kept = session.scalars(select(ReturnedReport).order_by(ReturnedReport.id)).all()
        assert [(report.unit_code, report.file_name, report.standing) for report in kept] == [
            ("DB01", "DB01 Sở Tài chính.docx", "current"), ("DB02", "DB02.docx", "current"),
            ("CB01", "đợt 1.zip/Báo cáo/CB01 Sở Tư pháp.docx", "current")]
        assert kept[1].data.startswith(b"PK")


def test_a_units_second_form_replaces_the_first_only_when_the_office_confirms(app, client, received):
    second = form_of(app, "DB01", **{**FIGURES["DB01"], "pages": "20"})
    page = page_text(client.post(BOARD + "tai-len", data={"files": [upload(second, "DB01 bản sửa.docx")]}))
    assert "chờ xác nhận thay bản cũ" in page
    shown = row(page_text(client.get(BOARD)), app, "DB01")
    assert shown["figures"][0] == "2" and shown["pending"].startswith("Bản mới chờ xác nhận: DB01 bản sửa.docx")
    pending = _reports(app, "DB01")[-1][0]
    assert client.post(f"{BOARD}bao-cao/{pending}/giu").status_code == 302
    assert row(page_text(client.get(BOARD)), app, "DB01")["figures"][0] == "2"

    third = form_of(app, "DB01", **{**FIGURES["DB01"], "pages": "30"})
    client.post(BOARD + "tai-len", data={"files": [upload(third, "DB01 bản 3.docx")]})
    latest = _reports(app, "DB01")[-1][0]
    assert client.post(f"{BOARD}bao-cao/{latest}/thay").status_code == 302
    assert row(page_text(client.get(BOARD)), app, "DB01") == {
        "status": ["Đã nhận", "Gửi muộn"], "pending": "", "figures": ["30", "10", "1", "45", "3", "0", "1", "1"]}
    assert [standing for _, _, standing in _reports(app, "DB01")] == ["replaced", "discarded", "current"]
    assert client.post(f"{BOARD}bao-cao/{latest}/thay").status_code == 404  # no longer waiting


def _reports(app, code: str) -> list[tuple[int, str, str]]:
    with app.extensions["docgen.database"].session() as session:
        return [(report.id, report.file_name, report.standing) for report in session.scalars(
            select(ReturnedReport).where(ReturnedReport.unit_code == code).order_by(ReturnedReport.id))]


def test_a_figure_corrected_by_hand_is_counted_and_kept_with_who_and_when(app, client, received):
    page = f"/tong-hop/1/don-vi/{unit_id(app, 'DB02')}"
    refused = client.post(page, data={"indicator": SEED["news"], "value": "nhiều"})
    assert refused.status_code == 400
    assert "không phải số lượng; ghi số nguyên" in page_text(refused)
    assert client.post(page, data={"indicator": SEED["news"], "value": "16"}).status_code == 302
    assert client.post(page, data={"indicator": SEED["news"], "value": "15 tin"}).status_code == 302
    shown = row(page_text(client.get(BOARD)), app, "DB02")
    assert shown["status"] == ["Đã nhận", "Gửi muộn"]  # its one problem is solved
    news = shown["figures"][NEWS]
    assert news.startswith("15 sửa tay: van-phong, ") and news.endswith("là số thập phân; số lượng phải là số nguyên "
                                                                      "(dấu chấm chỉ để tách hàng nghìn: 1.500)")
    with app.extensions["docgen.database"].session() as session:
        kept = session.execute(select(ReportCorrection.indicator, ReportCorrection.value, ReportCorrection.corrected_by,
                                      ReportCorrection.corrected_at).order_by(ReportCorrection.id)).all()
    assert [(indicator, value) for indicator, value, _, _ in kept] == [(SEED["news"], 16), (SEED["news"], 15)]
    assert all(by is not None and (dt.datetime.utcnow() - at) < dt.timedelta(minutes=5) for _, _, by, at in kept)
    detail = page_text(client.get(page))
    assert "16 · van-phong · " in detail and "15 · van-phong · " in detail
    sheet = load_workbook(io.BytesIO(client.get(BOARD + "so-lieu.xlsx").data))["Tổng hợp"]
    totals = [cell.value for cell in sheet[sheet.max_row]]
    assert totals[4:12] == [3, 10 + 15 + 5, 4, 117, 6, 1, 3, 2]
    assert client.post(page, data={"indicator": "Chỉ tiêu không có", "value": "1"}).status_code == 400


def test_a_report_after_the_deadline_is_late(app, client, received):
    assert row(page_text(client.get(BOARD)), app, "CB01")["status"] == ["Đã nhận", "Gửi muộn"]
    with app.extensions["docgen.database"].session() as session:
        record = plan_store.get(session, 1, 1)
        plan = record.plan
        plan_store.update(record, plan.model_copy(update={"report": plan.report.model_copy(
            update={"deadline": dt.date.today() + dt.timedelta(days=30)})}))
    page = page_text(client.get(BOARD))
    assert row(page, app, "CB01")["status"] == ["Đã nhận"]
    assert tally(page)[3] == "0 gửi muộn"


def test_the_board_survives_a_restart(app, client, received, tmp_path):
    before = page_text(client.get(BOARD))
    again = signed_in(make_app(tmp_path))
    after = page_text(again.get(BOARD))
    assert tally(after) == tally(before)
    assert [row(after, app, code) for code in FIGURES] == [row(before, app, code) for code in FIGURES]


def test_the_summary_the_workbook_the_reminder_and_the_charts_come_from_the_board(app, client, received):
    summary = Document(io.BytesIO(client.get(BOARD + "bao-cao-tong-hop.docx").data))
    text = [paragraph.text for paragraph in summary.paragraphs]
    assert "Ban Thường vụ Đảng ủy Khối đã nhận được báo cáo của 3/22 đảng bộ, chi bộ cơ sở (2/12 đảng bộ cơ sở, " \
           "1/10 chi bộ cơ sở)." in text
    totals = next(table for table in summary.tables if table.rows[0].cells[-1].text == "Tổng số")
    news_row = next(line for line in totals.rows if line.cells[1].text == SEED["news"])
    assert [cell.text for cell in news_row.cells[3:]] == ["10", "5", "15"]  # DB02's unread figure is not counted

    book = load_workbook(io.BytesIO(client.get(BOARD + "so-lieu.xlsx").data))
    assert [cell.value for cell in book["Cần xem lại"][2]][:4] == ["DB02", "Sở Giáo dục và Đào tạo", SEED["news"], "1,5"]

    reminder = client.get(BOARD + "cong-van-don-doc.docx?han=20/12/2021")
    letter = Document(io.BytesIO(reminder.data))
    paragraphs = [paragraph.text for paragraph in letter.paragraphs]
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" in paragraphs
    assert any(paragraph.endswith("trước ngày\u00a020/12/2021./.") for paragraph in paragraphs)  # kept on one line
    listed = [line.cells[1].text for line in letter.tables[-1].rows[1:]]
    assert len(listed) == 19 and "Đảng ủy Sở Y tế" in listed and "Đảng ủy Sở Tài chính" not in listed
    bad_date = client.get(BOARD + "cong-van-don-doc.docx?han=31/2/2021")
    assert bad_date.status_code == 302
    assert "không có trên lịch" in page_text(client.get(bad_date.location))

    chart = client.get(BOARD + f"bieu-do/{NEWS + 1}.svg")
    assert chart.mimetype == "image/svg+xml"
    svg = chart.get_data(as_text=True)
    assert svg.index("Đảng ủy Sở Tài chính") < svg.index("Chi bộ Sở Tư pháp") < svg.index("Đảng ủy Sở Giáo dục")
    assert svg.count("chưa có số liệu") == 20  # DB02's unread figure and the 19 units that have not reported
    assert client.get(BOARD + "bieu-do/9.svg").status_code == 404
    charts = page_text(client.get(BOARD + "bieu-do"))
    assert charts.count('<img src="/tong-hop/1/bieu-do/') == 8 and "<script" not in svg  # drawn here, no script


def test_a_zip_is_measured_by_what_its_members_really_inflate_to(app, client):
    bomb = lying_zip({"DB01.docx": form_of(app, "DB01", **FIGURES["DB01"])}, "DB02.docx", inflated_mb=300)
    page = page_text(client.post(BOARD + "tai-len", data={"files": [upload(bomb, "bao cao.zip")]}))
    refused = " ".join(html.fromstring(page).find_class("upload-result")[0].text_content().split())
    assert "Đã nhận 0 tệp, không nhận 1 tệp." in refused and "bao cao.zip" in refused and "zip bomb" in refused
    assert _reports(app, "DB01") == []


def test_a_units_upload_through_its_portal_lands_on_the_board(app, client):
    unit = signed_in(app, "db01")
    form = form_of(app, "DB01", **FIGURES["DB01"])
    assert unit.post("/cong-don-vi/1/bao-cao", data={"file": upload(form, "Báo cáo STC.docx")}).status_code == 302
    assert row(page_text(client.get(BOARD)), app, "DB01")["figures"] == ["2", "10", "1", "45", "3", "0", "1", "1"]
    unit.post("/cong-don-vi/1/bao-cao", data={"file": upload(form, "Báo cáo STC lần 2.docx")})
    assert row(page_text(client.get(BOARD)), app, "DB01")["pending"].startswith(
        "Bản mới chờ xác nhận: Báo cáo STC lần 2.docx")
