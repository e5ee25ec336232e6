"""The requests that gave 500s in issue 13's red-team run, replayed against the real app: each now
gets a clear 4xx (or the page with the problem next to its field), and nothing is lost or doubled.

Uploads that attack the server's memory are replayed in tests/test_hardening.py, each reader in a
process of its own.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import zipfile

import pytest

from docgen.store import units as unit_store
from webui.fields import MAX_RECORD_ID, record_id

from .conftest import demo_logins, page_text, signed_in, upload

HUGE = (str(MAX_RECORD_ID + 1), "1" + "0" * 30)


@pytest.fixture
def app(tmp_path):
    from .conftest import make_app

    return make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)  # a failure is the page a user would see


@pytest.mark.parametrize("huge", HUGE)
@pytest.mark.parametrize("path", ["/ke-hoach/{}", "/don-vi/{}", "/don-vi/{}/xoa", "/tao-van-ban/lan/{}",
                                  "/tao-van-ban/lan/{}/tai-ve", "/tao-van-ban/lan/1/tep/{}", "/tong-hop/{}/",
                                  "/ra-soat/1/{}"])
def test_an_id_no_database_holds_finds_no_page(client, path, huge):
    response = client.get(path.format(huge))
    assert response.status_code == 404 and "Không tìm thấy trang" in page_text(response)


def test_the_largest_id_is_simply_not_found(client):
    assert client.get(f"/ke-hoach/{MAX_RECORD_ID}").status_code == 404


@pytest.mark.parametrize("value", ["²", "١", *HUGE, "-1", "1.0", " 1"])
def test_a_query_id_that_is_no_id_is_ignored_or_refused(client, value):
    assert record_id(value) is None
    for path in (f"/tao-van-ban/?plan={value}", f"/tao-van-ban/xem-truoc?plan={value}&kind=plan",
                 f"/tao-van-ban/xem-truoc?plan=1&kind=unit-plan&unit={value}", f"/tong-hop/?plan={value}",
                 f"/nhat-ky/?user={value}&before={value}", f"/bao-cao/?plan={value}", f"/ra-soat/?plan={value}"):
        assert client.get(path).status_code < 400, path
    refused = client.get(f"/tao-van-ban/van-ban.docx?plan={value}&kind=plan")
    assert refused.status_code == 400 and "Chọn một kế hoạch." in page_text(refused)


@pytest.mark.parametrize("number, problem", [(str(10**30), "Phải từ 999999 trở xuống."),
                                             ("²", "Số văn bản là số nguyên dương")])
def test_a_plan_number_no_database_holds_is_put_next_to_its_field(client, number, problem):
    from docgen.files import load_plan
    from webui.plan_form import form_data

    from ..conftest import EXAMPLES

    data = {**form_data(load_plan(EXAMPLES / "seed-plan.yaml")), "number": number, "save": "1"}
    for path in ("/ke-hoach/moi", "/ke-hoach/1"):
        response = client.post(path, data=data)
        assert response.status_code == 200 and problem in page_text(response)
    assert "15-KH/ĐUK" in page_text(client.get("/ke-hoach/"))  # the plan kept its number


def test_concurrent_creates_of_one_code_make_one_unit_and_no_error(app):
    """Twelve office sessions submit the same new code at the same instant: one unit is made; the
    others see the code taken, or a 409 saying someone saved the same thing at once."""
    clients = [signed_in(app) for _ in range(12)]
    barrier, statuses = threading.Barrier(len(clients)), []

    def create(client):
        barrier.wait()
        statuses.append(client.post("/don-vi/them", data={"code": "TRUNG", "name": "Sở Trùng", "kind": "chi-bo"}))

    threads = [threading.Thread(target=create, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 12 and {response.status_code for response in statuses} <= {302, 200, 409}
    assert [response.status_code for response in statuses].count(302) == 1
    for response in statuses:
        if response.status_code == 409:
            assert "Dữ liệu vừa được lưu cùng lúc" in page_text(response)
        elif response.status_code == 200:
            assert "Mã “TRUNG” đã dùng" in page_text(response)
    with app.extensions["docgen.database"].session() as session:
        assert [record.code for record in unit_store.all_units(session, 1)].count("TRUNG") == 1


@pytest.mark.parametrize("target", ["/%0d%0aSet-Cookie:%20x=1", "%0d%0a/x", "/x%0aLocation:%20//evil.vn",
                                    "//evil.vn", "/\\evil.vn", "https://evil.vn/"])
def test_a_sign_in_goes_back_only_to_a_path_of_the_site(app, target):
    client = app.test_client()
    page = client.get(f"/dang-nhap?next={target}")
    assert page.status_code == 200
    response = client.post(f"/dang-nhap?next={target}", data={"name": "van-phong",
                                                              "password": demo_logins(app)["van-phong"]})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_csv_field_past_the_csv_modules_own_limit_is_named(client):
    """The csv module refuses a field over 128 KB with an error that read as a misplaced quote."""
    text = "Mã,Tên đơn vị,Loại\nA1," + "x" * (128 * 1024 + 10) + ",Chi bộ cơ sở\n"
    response = client.post("/don-vi/nhap", data={"file": upload(text, "don-vi.csv")})
    assert response.status_code == 400
    assert "dòng 2: ô dài hơn 131072 ký tự (tối đa 500)" in page_text(response)


def xlsx_with(sheet_edit) -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Mã", "Tên đơn vị", "Loại"])
    workbook.active.append(["A1", "TEN", "Chi bộ cơ sở"])
    workbook.save(out)
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, sheet_edit(data) if name == "xl/worksheets/sheet1.xml" else data)
    return edited.getvalue()


LAUGHS = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
    b'<!ENTITY %s "%s">' % (bytes([ord("a") + n]), b"&%s;" % bytes([ord("a") + n - 1]) * 10) for n in range(1, 9)) + b"]>"


@pytest.mark.parametrize("entity", [b"&i;", b"&a;", b"&nowhere;"])
def test_an_xlsx_with_a_dtd_is_refused_whole(client, entity):
    data = xlsx_with(lambda sheet: sheet.replace(b"?>", b"?>" + LAUGHS, 1).replace(b"TEN", entity))
    response = client.post("/don-vi/nhap", data={"file": upload(data, "don-vi.xlsx")})
    assert response.status_code == 400 and "không phải tệp Excel .xlsx hợp lệ" in page_text(response)


def test_batch_zips_past_the_retention_days_are_deleted_at_start_and_daily(tmp_path, monkeypatch):
    """DOCGEN_RETENTION_DAYS (default 90): a ZIP goes once its batch finished that long ago; the batch
    stays listed. Before, every ZIP stayed for ever."""
    import datetime as dt

    from docgen.store.generations import zip_key
    from docgen.store.schema import Generation, now

    from .conftest import make_app

    def finished(app, days_ago: float, status: str = Generation.DONE) -> str:
        """A batch of the demo committee that finished ``days_ago`` days ago, with its ZIP; its key."""
        with app.extensions["docgen.database"].session() as session:
            record = Generation(organisation_id=1, plan_summary="cũ", kinds="letter", unit_count=1, status=status,
                                finished_at=now() - dt.timedelta(days=days_ago))
            session.add(record)
            session.flush()
            record.path = f"{record.id}.zip"
            key = zip_key(record)
        with app.extensions["docgen.storage"].writing(key) as path:
            path.write_bytes(b"PK\x05\x06" + bytes(18))
        return key

    first = make_app(tmp_path)
    assert first.config["RETENTION_DAYS"] == 90
    old, failed, recent = finished(first, 100), finished(first, 95, Generation.FAILED), finished(first, 89)
    storage = first.extensions["docgen.storage"]
    again = make_app(tmp_path, RETENTION_INTERVAL=0)  # a restart; and, for the test, a day is no time
    assert (storage.size(old), storage.size(failed), storage.size(recent)) == (None, None, 22)
    client = signed_in(again)
    assert client.get(f"/tao-van-ban/lan/{old.split('/')[1].split('.')[0]}").status_code == 200  # still listed
    assert client.get(f"/tao-van-ban/lan/{old.split('/')[1].split('.')[0]}/tai-ve").status_code == 404
    later = finished(again, 91)
    client.get("/")
    assert storage.size(later) is None and storage.size(recent) == 22
    monkeypatch.setenv("DOCGEN_RETENTION_DAYS", "0")
    forever = make_app(tmp_path)
    kept = finished(forever, 10_000)
    signed_in(make_app(tmp_path)).get("/")
    assert storage.size(kept) == 22


@pytest.mark.parametrize("host", ["localhost", "localhost:5000", "127.0.0.1:5000", "192.168.1.20", "[::1]:5000",
                                  "[fe80::1]"])
def test_by_default_the_app_answers_to_localhost_this_machines_names_and_any_address(app, host):
    client = app.test_client()
    assert client.get("/dang-nhap", headers={"Host": host}).status_code == 200
    assert client.get("/dang-nhap", headers={"Host": socket.gethostname()}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "docgen.evil.example:5000", "localhost.evil.example",
                                  "127.0.0.1.nip.io", "[zz"])
def test_another_host_name_is_refused_as_a_dns_rebinding_would_send_it(app, host):
    """Before: any Host was accepted. DOCGEN_TRUSTED_HOSTS names the site's own (test_accounts)."""
    response = app.test_client().get("/dang-nhap", headers={"Host": host})
    assert response.status_code == 400 and page_text(response) == "400 Bad Request: host not trusted"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def test_no_page_needs_inline_script_or_style(app):
    """The Content-Security-Policy lets only the app's own files script and style a page: every page a
    route gives (ids as 1), to anyone, to the office and to the administrator, holds no inline script,
    style or event handler."""
    clients = (app.test_client(), signed_in(app), signed_in(app, "quan-tri"))
    pages = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<int:\w+>", "1", rule.rule)
        if "GET" not in rule.methods or "<" in path:
            continue
        for client in clients:
            response = client.get(path)
            if response.mimetype == "text/html":
                pages.add(path)
                found = INLINE.search(page_text(response))
                assert found is None, (path, found and found[0])
    assert len(pages) > 30


def test_upload_attacks_are_refused_with_a_400_naming_the_reason(client):
    """What each upload page says of the attacks tests/test_hardening.py measures (replayed against a
    real docgen serve, its peak stayed at the 161 MB it had after start and sign-in)."""
    from ..hostile import docx_bytes, docx_parts, lying_zip
    from ..test_hardening import seed_paragraphs, xlsx_parts

    bomb = lying_zip({path: data for path, data in docx_parts(b"").items() if path != "word/document.xml"},
                     "word/document.xml", inflated_mb=300)
    sheet_bomb = lying_zip({path: data for path, data in xlsx_parts().items() if path != "xl/styles.xml"},
                           "xl/styles.xml", inflated_mb=300)
    long = docx_bytes(seed_paragraphs(6_000))
    for path, name, data, said in [
        ("/kiem-tra/", "bom.docx", bomb, "phần word/document.xml chứa nhiều hơn kích thước khai báo"),
        ("/ke-hoach/nhap", "bom.docx", bomb, "phần word/document.xml chứa nhiều hơn kích thước khai báo"),
        ("/don-vi/nhap", "bom.xlsx", sheet_bomb, "phần xl/styles.xml chứa nhiều hơn kích thước khai báo"),
        ("/kiem-tra/", "dai.docx", long, "văn bản quá lớn: hơn 5000 đoạn văn"),
        ("/ke-hoach/nhap", "dai.docx", long, "văn bản quá lớn: hơn 5000 đoạn văn"),
    ]:
        response = client.post(path, data={"file": upload(data, name)})
        assert response.status_code == 400 and said in page_text(response), path
