"""Kiểm tra: findings of an uploaded .docx, grouped by severity; unreadable files said so."""

import io
import zipfile

from .conftest import page_text, upload


def test_a_generated_document_is_checked(client):
    data = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=unit-plan&unit=1").data
    text = page_text(client.post("/kiem-tra/", data={"file": upload(data, "kế hoạch DB01.docx")}))
    assert "kế hoạch DB01.docx" in text
    assert "Không có lỗi thể thức." in text


def test_findings_are_grouped_by_severity(client):
    data = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=plan").data
    package = zipfile.ZipFile(io.BytesIO(data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for item in package.infolist():
            content = package.read(item)
            if item.filename == "word/document.xml":
                content = content.replace("Times New Roman".encode(), b"Arial").replace("Số 15-KH".encode(), "Số: 15-KH".encode())
            out.writestr(item, content)
    text = page_text(client.post("/kiem-tra/", data={"file": upload(broken.getvalue(), "sai.docx")}))
    assert "lỗi," in text and 'class="finding severity-error"' in text
    assert '<h3 class="severity-error">Lỗi (' in text


def test_unreadable_files_are_refused_next_to_the_field(client):
    assert "Không đọc được tệp" in page_text(client.post("/kiem-tra/", data={"file": upload(b"not a zip", "a.docx")}))
    assert "Chỉ nhận tệp Word .docx." in page_text(client.post("/kiem-tra/", data={"file": upload(b"x", "a.doc")}))
    assert "Chọn một tệp Word .docx." in page_text(client.post("/kiem-tra/", data={}))


def test_core_reasons_are_shown_in_the_page_language(client):
    client.get("/ngon-ngu/en")
    text = page_text(client.post("/kiem-tra/", data={"file": upload(b"not a zip", "a.docx")}))
    assert "Cannot read the file: not a .docx file (not a ZIP archive)" in text
    client.get("/ngon-ngu/vi")
    text = page_text(client.post("/kiem-tra/", data={"file": upload(b"not a zip", "a.docx")}))
    assert "Không đọc được tệp: không phải tệp .docx (không phải tệp ZIP)" in text


def test_zip_bombs_are_refused(client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    text = page_text(client.post("/kiem-tra/", data={"file": upload(bomb.getvalue(), "bom.docx")}))
    assert "zip bomb" in text
