"""Batches and single documents numbered by the register, made from the office's own templates, and
made again the same from what a generation kept."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document

from ..office_templates.word import edited_in_word
from .conftest import page_text, upload, wait_for_generation


def texts(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def header_texts(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def finished_zip(client, generation_id: int) -> zipfile.ZipFile:
    assert wait_for_generation(client, generation_id)["status"] == "done"
    return zipfile.ZipFile(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").data))


def generation_id(response) -> int:
    return int(response.location.rstrip("/").rsplit("/", 1)[1])


def test_a_numbered_batch_gives_each_letter_the_next_number_and_can_be_made_again(client):
    client.post("/so-van-ban-di/", data={"doc_type": "CV", "action": "issue"})  # 01-CV/ĐUK is taken already
    assert client.post("/mau-van-ban/letter/", data={"file": upload(edited_in_word("letter"), "cv.docx")}).status_code == 302
    client.post("/mau-van-ban/letter/1/dung")
    started = client.post("/tao-van-ban/", data={"plan": "1", "scope": "some", "units": ["1", "2", "3"],
                                                  "kinds": ["letter", "guidance"], "numbered": "y"})
    first = generation_id(started)
    archive = finished_zip(client, first)
    letters = sorted(name for name in archive.namelist() if name.endswith("Công văn.docx"))
    numbers = sorted(re.search(r"Số (\d+-CV/ĐUK)", header_texts(archive.read(name)))[1] for name in letters)
    assert numbers == ["02-CV/ĐUK", "03-CV/ĐUK", "04-CV/ĐUK"]
    assert "Số 01-HD/ĐUK" in header_texts(archive.read("Hướng dẫn.docx"))
    assert all("Văn phòng Đảng ủy Khối sẽ liên hệ trực tiếp khi cần." in texts(archive.read(name)) for name in letters)

    run = page_text(client.get(f"/tao-van-ban/lan/{first}"))
    assert "Số đã cấp (4): 01-HD/ĐUK, 02-CV/ĐUK, 03-CV/ĐUK, 04-CV/ĐUK" in run
    assert "Công văn gửi đơn vị: phiên bản 1" in run
    book = page_text(client.get("/so-van-ban-di/?loai=CV"))
    assert f"Lần tạo {first}" in book and "Về việc triển khai thực hiện" in book

    # Later changes do not reach a batch made again: the template, the plan, the register.
    client.post("/mau-van-ban/letter/0/dung")
    client.post("/so-van-ban-di/", data={"doc_type": "CV", "action": "issue"})
    again = finished_zip(client, generation_id(client.post(f"/tao-van-ban/lan/{first}/tao-lai")))
    assert sorted(again.namelist()) == sorted(archive.namelist())
    for name in archive.namelist():
        if name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(archive.read(name))) as one, zipfile.ZipFile(io.BytesIO(again.read(name))) as two:
                assert one.read("word/document.xml") == two.read("word/document.xml"), name
    assert "05-CV/ĐUK" in page_text(client.get("/so-van-ban-di/?loai=CV")), "making again takes no number"


def test_one_letter_to_all_units_is_numbered_kept_in_the_book_and_downloaded(client):
    issued = client.post("/tao-van-ban/cap-so", data={"plan": "1", "kind": "letter-all"})
    assert issued.status_code == 200
    assert "01-CV%20-%20%C4%90UK" in issued.headers["Content-Disposition"]
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở trực thuộc" in texts(issued.data)
    assert "Số 01-CV/ĐUK" in header_texts(issued.data)
    assert client.get("/so-van-ban-di/1/tep").data == issued.data
    assert "Các đảng bộ, chi bộ cơ sở trực thuộc" in page_text(client.get("/so-van-ban-di/"))
    assert client.post("/tao-van-ban/cap-so", data={"plan": "1", "kind": "report", "unit": "1"}).status_code == 400
