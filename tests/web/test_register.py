"""The register, terms and templates pages: the office takes, holds, gives and cancels numbers and
downloads the book; the administrator sets terms; the office uploads a template edited in Word, sees what
is wrong where, previews it and chooses which version is used."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from docgen.office_templates.versions import OWN
from docgen.store.schema import AuditEntry

from ..office_templates.word import edited_in_word, shipped, split_runs, with_body
from .conftest import page_text, signed_in, upload


def numbers(response) -> list[str]:
    return re.findall(r'<td class="code nowrap">(\d+-\w+/\w+)</td>', page_text(response))


def test_the_office_takes_holds_gives_and_cancels_numbers(app, client):
    taken = client.post("/so-van-ban-di/", data={
        "doc_type": "KH", "day": "02/3/2026", "summary": "tuyên truyền", "recipients": "Các đảng bộ\r\nLưu VP",
        "signer": "Trần Quốc Toản", "file": upload(b"%PDF-1.7 signed", "ke-hoach.pdf"), "action": "issue"})
    assert taken.status_code == 302
    assert client.post("/so-van-ban-di/", data={"doc_type": "CV", "count": "2", "action": "reserve"}).status_code == 302
    book = client.get("/so-van-ban-di/")
    assert numbers(book) == ["01-KH/ĐUK", "01-CV/ĐUK", "02-CV/ĐUK"]
    assert "Các đảng bộ\nLưu VP" in page_text(book) and "Giữ số" in page_text(book)
    assert client.get("/so-van-ban-di/1/tep").data == b"%PDF-1.7 signed"

    filled = client.post("/so-van-ban-di/2/cap-so", data={"doc_type": "CV", "day": "05/3/2026", "summary": "về việc A"})
    assert filled.status_code == 302
    assert client.post("/so-van-ban-di/3/huy", data={"reason": "không dùng"}).status_code == 302
    assert client.get("/so-van-ban-di/3/cap-so").status_code == 404, "a cancelled number is no longer held"
    again = client.post("/so-van-ban-di/", data={"doc_type": "CV", "action": "issue"}, follow_redirects=True)
    assert "Đã cấp số 03-CV/ĐUK." in page_text(again)

    workbook = load_workbook(io.BytesIO(client.get("/so-van-ban-di/so-van-ban-di.xlsx?loai=CV").data)).active
    assert [[workbook.cell(row, column).value for column in (1, 3, 8)] for row in range(9, 12)] == [
        ["01-CV/ĐUK", "Công văn về việc A", None], ["02-CV/ĐUK", "Công văn", "Đã hủy; không dùng"],
        ["03-CV/ĐUK", "Công văn", None]]
    with app.app_context():
        from webui.database import session

        logged = [(entry.action, entry.detail) for entry in session().query(AuditEntry).filter(
            AuditEntry.target == "number").order_by(AuditEntry.id)]
    assert logged[:5] == [("issue", "01-KH/ĐUK tuyên truyền"), ("reserve", "01-CV/ĐUK"), ("reserve", "02-CV/ĐUK"),
                          ("download", "ke-hoach.pdf"), ("issue", "01-CV/ĐUK về việc A")]
    assert ("void", "02-CV/ĐUK không dùng") in logged


def test_bad_input_is_shown_on_the_form_and_takes_no_number(client):
    for data, message in [({"day": "31/2/2026"}, "tháng 2 năm 2026 chỉ có 28 ngày"),
                          ({"day": "01/01/2019"}, "chưa có nhiệm kỳ nào chứa ngày 01/01/2019"),
                          ({"doc_type": "XX"}, "không có loại văn bản “XX” trong sổ"),
                          ({"summary": "a" * 1001}, "Dài tối đa 1000 ký tự.")]:
        refused = client.post("/so-van-ban-di/", data={"doc_type": "KH", "action": "issue", **data})
        assert refused.status_code == 400 and message in page_text(refused), message
    assert numbers(client.get("/so-van-ban-di/")) == []


def test_the_administrator_sets_terms_and_the_office_cannot(app, client):
    assert client.get("/nhiem-ky/").status_code == 403
    admin = signed_in(app, "quan-tri")
    assert admin.post("/nhiem-ky/", data={"name": "2030 - 2035", "starts_on": "01/7/2030"}).status_code == 400
    assert admin.post("/nhiem-ky/2", data={"name": "2025 - 2030", "starts_on": "01/7/2025",
                                           "ends_on": "30/6/2030"}).status_code == 302
    assert admin.post("/nhiem-ky/", data={"name": "2030 - 2035", "starts_on": "01/7/2030"}).status_code == 302
    listed = page_text(admin.get("/nhiem-ky/"))
    assert "01/7/2025 – 30/6/2030" in listed and "01/7/2030 – nay" in listed
    client.post("/so-van-ban-di/", data={"doc_type": "KH", "day": "01/7/2030", "action": "issue"})
    shortened = admin.post("/nhiem-ky/3", data={"name": "2030 - 2035", "starts_on": "02/7/2030"})
    assert shortened.status_code == 400 and "1 văn bản đã lấy số nằm ngoài khoảng" in page_text(shortened)


def test_a_template_is_uploaded_checked_previewed_used_and_reverted(client):
    refused = client.post("/mau-van-ban/letter/", data={"file": upload(with_body(shipped("letter"), lambda xml: split_runs(
        xml.replace("{{ salutation }}", "{{ salutaton }}"), "{{ salutaton }}", (4, 9))), "cong-van.docx")})
    text = page_text(refused)
    assert refused.status_code == 400 and "Mẫu chưa dùng được: 1 lỗi. Chưa lưu." in text
    assert "“salutaton” không có trong dữ liệu của loại văn bản này" in text
    assert "Word đã tách thẻ trong đoạn này thành 3 phần định dạng (run)" in text

    saved = client.post("/mau-van-ban/letter/", data={"file": upload(edited_in_word("letter"), "Công văn.docx"),
                                                      "note": "thêm câu cuối"})
    assert saved.headers["Location"].endswith("/mau-van-ban/letter/?phien-ban=1")
    page = client.get("/mau-van-ban/letter/?phien-ban=1")
    assert 'src="/mau-van-ban/letter/1/trang-1.png"' in page_text(page)
    image = client.get("/mau-van-ban/letter/1/trang-1.png")
    assert image.mimetype == "image/png" and image.data.startswith(b"\x89PNG")
    assert client.get("/mau-van-ban/letter/mau.docx").data == shipped("letter"), "not used until chosen"
    assert client.post("/mau-van-ban/letter/1/dung").status_code == 302
    assert client.get("/mau-van-ban/letter/mau.docx").data == edited_in_word("letter")
    assert "Phiên bản 1 của Văn phòng" in page_text(client.get("/mau-van-ban/"))
    assert client.post(f"/mau-van-ban/letter/{OWN}/dung").status_code == 302
    assert client.get("/mau-van-ban/letter/mau.docx").data == shipped("letter")
    assert client.post("/mau-van-ban/letter/7/dung").status_code == 404
    assert client.get("/mau-van-ban/thu/").status_code == 404


def test_the_reference_lists_every_kind_s_variables(client):
    text = page_text(client.get("/mau-van-ban/bien"))
    for path in ("header.letter_summary", "body[].text", "indicators[].unit", "annex.rows[].name", "signature.name"):
        assert f'<td class="code">{path}</td>' in text, path
    assert "Convert a value to uppercase." in text
