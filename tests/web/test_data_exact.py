"""The web app keeps data exactly: an export imports back unchanged, each document of a batch is
its own unit's, and a batch with a document Word cannot open is not called done."""

import html
import io
import zipfile

from docx import Document

from docgen import engine, jobs
from docgen.store import generations
from docgen.store import units as unit_store

from ..conftest import REPO
from .conftest import page_text, upload, wait_for_generation

TEMPLATES = REPO / "templates"
HOSTILE_CSV = (
    "Mã;Tên đơn vị;Loại;Bí thư;Phó Bí thư\r\n"
    '001;"Công ty ""Thành Công""; Hưng Yên, số 1";Chi bộ cơ sở;"Nguyễn Thị Thuỷ";"=1+2"\r\n'
    '002;"Ban quản lý\r\ndự án\tsố 2";đảng bộ;"@Lê Văn Hòa";"{_{ 7*7 }_}"\r\n'
)


def import_file(client, data: bytes, name: str) -> str:
    return page_text(client.post("/don-vi/nhap", data={"file": upload(data, name)}))


def save_import(client, text: str) -> None:
    units_json = text.split('name="units" type="hidden" value="')[1].split('"')[0]
    assert client.post("/don-vi/nhap/luu", data={"units": html.unescape(units_json)}).status_code == 302


def test_an_export_imports_back_unchanged(client):
    text = import_file(client, HOSTILE_CSV.encode("utf-8-sig"), "đơn vị.csv")
    assert "thêm 2, cập nhật 0, giữ nguyên 0" in text
    assert "Công ty &#34;Thành Công&#34;; Hưng Yên, số 1" in text
    save_import(client, text)
    listing = page_text(client.get("/don-vi/"))
    assert "Công ty &#34;Thành Công&#34;; Hưng Yên, số 1" in listing and "Ban quản lý dự án số 2" in listing
    for export, name in (("/don-vi/danh-sach.csv", "lại.csv"), ("/don-vi/danh-sach.xlsx", "lại.xlsx")):
        again = import_file(client, client.get(export).data, name)
        assert "Xem trước: 24 đơn vị" in again and "thêm 0, cập nhật 0, giữ nguyên 24" in again, name


def add(client, **unit) -> None:
    response = client.post("/don-vi/them", data={"kind": "chi-bo", "name": "Sở Tư pháp", **unit})
    assert response.status_code == 302, page_text(response)


def test_each_document_of_a_generation_is_its_own_unit_s(app, client):
    """K/1, K:1 and K?1 make one folder name: each unit's document must still be its own."""
    for code, secretary in (("K/1", "Người Một"), ("K:1", "Người Hai"), ("K?1", "Người Ba")):
        add(client, code=code, secretary=secretary)
    with app.extensions["docgen.database"].session() as session:
        wanted = [str(unit_store.by_code(session, 1, code).id) for code in ("K/1", "K:1", "K?1")]
    response = client.post("/tao-van-ban/", data={"plan": "1", "scope": "some", "units": wanted, "kinds": ["report"]})
    generation_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    assert wait_for_generation(client, generation_id)["status"] == "done"
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").data))
    assert len(set(archive.namelist())) == len(archive.namelist()) == 4
    signed = []
    for index in range(3):
        document = Document(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation_id}/tep/{index}").data))
        signed.append(document.tables[-1].rows[0].cells[1].paragraphs[-1].text)
    assert signed == ["Người Một", "Người Hai", "Người Ba"]


def template_rendering_broken_xml(folder):
    """The templates, with a report whose title closes its text element only in a branch never
    taken: a slip a template edited by hand can make, which no data can."""
    folder.mkdir()
    for template in TEMPLATES.glob("*.docx"):
        with zipfile.ZipFile(template) as source, zipfile.ZipFile(folder / template.name, "w") as copy:
            for name in source.namelist():
                data = source.read(name)
                if template.name == "report.docx" and name == "word/document.xml":
                    data = data.replace(b"{{ title }}</w:t>", b"{{ title }}{% if false %}</w:t>{% endif %}")
                copy.writestr(name, data)
    return folder


def test_a_batch_with_a_document_word_cannot_open_is_failed_and_offers_no_zip(app, client, monkeypatch, tmp_path):
    monkeypatch.setattr(engine, "TEMPLATE_DIR", template_rendering_broken_xml(tmp_path / "templates"))
    response = client.post("/tao-van-ban/", data={"plan": "1", "scope": "all", "kinds": ["letter", "report"]})
    generation_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    status = wait_for_generation(client, generation_id)
    assert status["status"] == "failed" and status["error"] == jobs.DAMAGED
    with app.extensions["docgen.database"].session() as session:
        record = generations.get(session, 1, generation_id)
    assert not (tmp_path / "generations" / record.path).exists()
    assert client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").status_code == 404
    page = page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    assert "Word sẽ không mở được" in page and "Tải tệp ZIP" not in page
