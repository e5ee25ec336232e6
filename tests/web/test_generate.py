"""Generation: preview, single documents, a batch in the background with its progress, the ZIP."""

import csv
import io
import unicodedata
import zipfile

from docx import Document

from docgen.store import generations
from docgen.store.schema import Generation

from .conftest import make_app, page_text, signed_in, wait_for_generation


def generate(client, **data):
    response = client.post("/tao-van-ban/", data={"plan": "1", "scope": "all", **data})
    assert response.status_code == 302, page_text(response)
    return int(response.location.rstrip("/").rsplit("/", 1)[1])


def test_a_batch_for_all_units_gives_a_zip_listing_every_unit_and_kind(client):
    generation_id = generate(client, kinds=["unit-plan", "letter", "report"])
    status = wait_for_generation(client, generation_id)
    assert status == {"status": "done", "done": 66, "total": 66, "finished": True, "percent": 100, "error": ""}
    page = page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    assert "Tải tệp ZIP" in page and "22 đơn vị × 3 loại văn bản" in page

    response = client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve")
    assert response.mimetype == "application/zip"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    codes = {row["code"] for row in rows}
    assert len(codes) == 22 and len(rows) == 66
    assert {(code, kind) for code in codes for kind in ("unit-plan", "letter", "report")} == {
        (row["code"], row["kind"]) for row in rows}
    names = archive.namelist()
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert "DB01 - Đảng ủy Sở Tài chính/DB01 - Kế hoạch thực hiện.docx" in names
    document = Document(io.BytesIO(archive.read("DB01 - Đảng ủy Sở Tài chính/DB01 - Kế hoạch thực hiện.docx")))
    assert any("ĐẢNG ỦY SỞ TÀI CHÍNH" in cell.text for table in document.tables for cell in table._cells)

    first = page.index('/tep/0"')
    member = client.get(f"/tao-van-ban/lan/{generation_id}/tep/0")
    assert member.mimetype.endswith("wordprocessingml.document") and member.data[:2] == b"PK"
    assert first > 0 and client.get(f"/tao-van-ban/lan/{generation_id}/tep/66").status_code == 404
    history = page_text(client.get("/tao-van-ban/"))
    assert f"/tao-van-ban/lan/{generation_id}/tai-ve" in history and "Xong" in history


def test_some_units_only(app, client):
    generation_id = generate(client, kinds=["report"], scope="some", units=["1", "2"])
    assert wait_for_generation(client, generation_id)["total"] == 2
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").data))
    assert len(archive.namelist()) == 3


def test_batch_form_errors_are_in_vietnamese(client):
    text = page_text(client.post("/tao-van-ban/", data={"plan": "1", "scope": "all"}))
    assert "Chọn ít nhất một loại văn bản." in text
    text = page_text(client.post("/tao-van-ban/", data={"plan": "1", "scope": "some", "kinds": ["letter"]}))
    assert "Chọn ít nhất một đơn vị, hoặc chọn “Tất cả đơn vị”." in text
    text = page_text(client.post("/tao-van-ban/", data={"plan": "9", "scope": "all", "kinds": ["letter"]}))
    assert "Chọn một kế hoạch" in text
    text = page_text(client.post("/tao-van-ban/", data={"plan": "1", "scope": "all", "kinds": ["letter", "x"]}))
    assert "Chọn ít nhất một loại văn bản." in text


def test_no_units_yet_says_where_to_add_them(tmp_path):
    client = signed_in(make_app(tmp_path, LOAD_DEMO_DATA=False))
    text = page_text(client.post("/tao-van-ban/", data={"plan": "1", "scope": "all", "kinds": ["letter"]}))
    assert "Chọn một kế hoạch; nếu chưa có, hãy tạo hoặc nhập kế hoạch trước." in text
    assert "Chưa có đơn vị nào: hãy thêm hoặc nhập danh sách đơn vị trước." in text


def test_preview_lays_out_the_document_where_libreoffice_is_missing(client, tmp_path, monkeypatch):
    """The HTML draft (the true pages: test_preview.py)."""
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-office" / "soffice"))
    text = page_text(client.get("/tao-van-ban/xem-truoc?plan=1&kind=unit-plan&unit=1"))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "KẾ HOẠCH" in text
    assert 'class="p-roman"' in text and "T/M ĐẢNG ỦY" in text
    assert "/tao-van-ban/van-ban.docx?plan=1&amp;kind=unit-plan&amp;unit=1" in text
    letter = page_text(client.get("/tao-van-ban/xem-truoc?plan=1&kind=letter&unit=1"))
    assert "Kính gửi:" in letter and "Về việc triển khai" in letter
    report = page_text(client.get("/tao-van-ban/xem-truoc?plan=1&kind=report&unit=1"))
    assert "Đơn vị tính" in report
    plan = page_text(client.get("/tao-van-ban/xem-truoc?plan=1&kind=plan"))
    assert "Số 15-KH/ĐUK" in plan


def test_preview_errors(client):
    assert "Chọn đơn vị: loại văn bản này làm riêng cho từng đơn vị." in page_text(
        client.get("/tao-van-ban/xem-truoc?plan=1&kind=letter"))
    assert "Chọn một kế hoạch." in page_text(client.get("/tao-van-ban/xem-truoc?plan=x&kind=plan"))
    assert "Chọn một loại văn bản." in page_text(client.get("/tao-van-ban/xem-truoc?plan=1&kind=bad"))
    assert client.get("/tao-van-ban/van-ban.docx?plan=1&kind=letter").status_code == 400


def test_single_documents_have_vietnamese_names(client):
    response = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=unit-plan&unit=1")
    assert response.data[:2] == b"PK"
    assert "Kế hoạch thực hiện.docx".encode("utf-8") in response.headers["Content-Disposition"].encode("latin-1", "replace") or \
        "K%E1%BA%BF%20ho%E1%BA%A1ch%20th%E1%BB%B1c%20hi%E1%BB%87n.docx" in response.headers["Content-Disposition"]
    plan = client.get("/tao-van-ban/van-ban.docx?plan=1&kind=plan")
    assert "K%E1%BA%BF%20ho%E1%BA%A1ch%2015" in plan.headers["Content-Disposition"]
    assert client.get("/tao-van-ban/van-ban.docx?plan=1&kind=guidance").data[:2] == b"PK"


def test_a_failed_batch_says_so_and_leaves_no_zip(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("docgen.jobs.write_batch", broken)
    generation_id = generate(client, kinds=["letter"])
    status = wait_for_generation(client, generation_id)
    assert status["status"] == "failed" and status["error"].startswith("Không tạo được văn bản.")
    text = page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
    assert "Không thành công" in text and "disk full" not in text
    assert client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").status_code == 404


def test_running_page_refreshes_itself_without_javascript(app, client):
    with app.extensions["docgen.database"].session() as session:
        session.add(Generation(organisation_id=1, plan_id=1, plan_summary="x", kinds="letter", unit_count=2, total=2,
                               status=Generation.RUNNING, done=1))
    text = page_text(client.get("/tao-van-ban/lan/1"))
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in text
    assert '<progress max="100" value="50"' in text


def test_batches_cut_off_by_a_restart_are_marked_failed(tmp_path):
    app = make_app(tmp_path)
    with app.extensions["docgen.database"].session() as session:
        session.add(Generation(organisation_id=1, plan_id=1, plan_summary="x", kinds="letter", unit_count=2, total=2,
                               status=Generation.RUNNING))
    (tmp_path / "generations").mkdir(exist_ok=True)
    (tmp_path / "generations" / ".1.zip.abc.part").write_bytes(b"half")
    app = make_app(tmp_path)
    with app.extensions["docgen.database"].session() as session:
        record = generations.get(session, 1, 1)
        assert record.status == Generation.FAILED and "khởi động" not in record.error and "dừng" in record.error
    assert not list((tmp_path / "generations").glob("*.part"))


def test_deleting_the_plan_keeps_its_past_generations(app, client):
    generation_id = generate(client, kinds=["letter"])
    wait_for_generation(client, generation_id)
    assert client.post("/ke-hoach/1/xoa").status_code == 302
    assert client.get(f"/tao-van-ban/lan/{generation_id}/tai-ve").status_code == 200
    with app.extensions["docgen.database"].session() as session:
        assert generations.get(session, 1, generation_id).plan_id is None


def test_a_kind_sent_twice_is_made_and_counted_once(client):
    generation_id = generate(client, kinds=["letter", "letter"])
    assert wait_for_generation(client, generation_id)["total"] == 22
    assert "22 đơn vị × 1 loại văn bản" in page_text(client.get(f"/tao-van-ban/lan/{generation_id}"))
