"""End to end in a real headless Chromium (Debian's, driven by Playwright): the office signs in to an
empty app and goes to a downloaded ZIP of every unit's documents; a unit signs in, downloads its
documents and sends its report back, the office accepts it and the unit sees so. Screenshots of the
main pages go to test-artifacts/."""

from __future__ import annotations

import csv
import io
import threading
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from werkzeug.serving import make_server

from ..conftest import SEED_TEXT
from ..reports.filling import fill, save
from ..unitlists import write_nasty_units
from .conftest import add_account, demo_logins, make_app

CHROMIUM = Path("/usr/bin/chromium")
# The machine's network is closed: no QUIC, no background fetches, no component updates.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def serve(app):
    """The app served on a free port in a thread, for as long as the test runs."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


@pytest.fixture
def empty_app(tmp_path):
    """The app as staff get it (CSRF on, worker processes), empty but for the office's account."""
    app = make_app(tmp_path, LOAD_DEMO_DATA=False, GENERATION_JOBS=None, WTF_CSRF_ENABLED=True)
    app.config["OFFICE_PASSWORD"] = add_account(app, "van-phong", "van-phong")
    return app


@pytest.fixture
def server(empty_app):
    yield from serve(empty_app)


@pytest.fixture
def demo_app(tmp_path):
    return make_app(tmp_path, WTF_CSRF_ENABLED=True)


@pytest.fixture
def demo_server(demo_app):
    yield from serve(demo_app)


def sign_in(page, name: str, password: str) -> None:
    page.fill("#name", name)
    page.fill("#password", password)
    page.get_by_role("button", name="Đăng nhập").click()


def first_page_shown(page) -> None:
    """Wait for a preview's first page image (polled from here: the CSP forbids eval in the page)."""
    image = page.locator(".pages img").first
    image.scroll_into_view_if_needed()
    while not image.evaluate("image => image.complete && image.naturalWidth > 0"):
        page.wait_for_timeout(100)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/setup --system")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="vi-VN")
        yield context.new_page()
        browser.close()


def test_from_nothing_to_the_zip_of_every_unit(server, empty_app, page, tmp_path, artifacts):
    from playwright.sync_api import expect

    def shot(name: str, full_page: bool = False) -> None:
        page.screenshot(path=str(artifacts / f"web-{name}.png"), full_page=full_page)

    page.goto(server + "/")
    assert page.url == server + "/dang-nhap?next=%2F"
    assert page.locator("html").get_attribute("lang") == "vi"
    sign_in(page, "van-phong", "không đúng mật khẩu")
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    sign_in(page, "van-phong", empty_app.config["OFFICE_PASSWORD"])
    page.get_by_role("link", name="Nhập từ Word/.txt").wait_for()
    shot("01-home-empty")

    page.get_by_role("link", name="Nhập từ Word/.txt").click()
    page.set_input_files("#file", str(SEED_TEXT))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_text("Nghi dính chữ (10)").wait_for()
    shot("02-plan-import-review")
    page.get_by_role("button", name="Lưu kế hoạch").first.click()
    page.get_by_text("Đã lưu kế hoạch nhập từ tệp (10 chỗ đã tách từ)").wait_for()
    page.locator(".outline-preview .kind-roman").first.wait_for()
    assert page.locator(".outline-preview .kind-roman").count() == 3
    page.fill("#date", "25/5/2021")
    page.fill("#number", "15")
    page.fill("#signature_name", "Trần Quốc Toản")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.get_by_text("Đã lưu kế hoạch.").wait_for()
    shot("03-plan-edit")
    page.locator("#body").fill("I. MỤC ĐÍCH, YÊU CẦU\n1.Mục đích\n- Tuyên truyền sâu rộng\n+ Trong cán bộ, đảng viên\n"
                               "II. TỔ CHỨC THỰC HIỆN\na) Cấp ủy cơ sở")
    expect(page.locator(".outline-preview .kind-letter")).to_have_count(1)
    page.locator(".body-editor").scroll_into_view_if_needed()
    shot("04-plan-body-outline")
    page.reload()

    bad = tmp_path / "sai.csv"
    bad.write_text("Mã,Tên đơn vị,Loại\nA1,Sở Nội vụ,chi bộ\nA2,,đảng bộ\n", encoding="utf-8")
    page.goto(server + "/don-vi/nhap")
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_text("có 1 lỗi; chưa lưu gì").wait_for()
    shot("05-units-import-errors")

    units_csv = write_nasty_units(tmp_path / "84 đơn vị.csv")
    page.set_input_files("#file", str(units_csv))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_role("button", name="Lưu 84 đơn vị").wait_for()
    shot("06-units-import-preview")
    page.get_by_role("button", name="Lưu 84 đơn vị").click()
    page.get_by_text("thêm 84, cập nhật 0, xóa 0 đơn vị").wait_for()
    shot("07-units")

    page.get_by_role("link", name="Tạo văn bản").first.click()
    expect(page.locator(".unit-picker")).to_be_hidden()  # shown only when some units are wanted
    shot("08-generate")
    started = time.perf_counter()
    page.locator("form[data-unit-scope]").get_by_role("button", name="Tạo văn bản").click()
    download_link = page.get_by_role("link", name="Tải tệp ZIP")
    download_link.wait_for(timeout=120_000)
    elapsed = time.perf_counter() - started
    (artifacts / "web-batch-timing.txt").write_text(f"84 units x 3 kinds = 252 documents: {elapsed:.2f} s from "
                                                    "the click to the download link\n")
    assert page.get_by_text("252/252").is_visible()
    shot("09-generation-done")

    with page.expect_download() as download:
        download_link.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name.startswith("Văn bản các đơn vị - lần 1")
    archive = zipfile.ZipFile(target)
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert len(rows) == 252 and len({row["code"] for row in rows}) == 84
    letter = next(row for row in rows if row["code"] == "DB02" and row["kind"] == "letter")
    document = Document(io.BytesIO(archive.read(letter["path"])))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Kính gửi: Đảng ủy Sở Tư pháp" in text
    # The committee has its plan carried out; the number and date are kept on one line (no-break characters).
    assert ("Để triển khai thực hiện Kế hoạch số\u00a015\u2011KH/ĐUK ngày\u00a025/5/2021 của Ban Thường vụ Đảng ủy "
            "Khối") in text

    page.goto(server + "/tao-van-ban/xem-truoc?plan=1&kind=report&unit=2", timeout=120_000)  # LibreOffice starts
    first_page_shown(page)
    shot("10-preview", full_page=True)

    checked = tmp_path / "DB02 công văn.docx"
    checked.write_bytes(archive.read(letter["path"]))
    page.get_by_role("link", name="Kiểm tra").click()
    page.set_input_files("#file", str(checked))
    page.get_by_role("button", name="Kiểm tra").last.click()
    page.locator(".verdict").wait_for()
    shot("11-check", full_page=True)

    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Units", exact=True).click()
    page.get_by_role("link", name="Add a unit").wait_for()
    shot("12-units-english")
    page.get_by_role("link", name="Tiếng Việt").click()

    page.goto(server + "/khong-co-trang-nay")
    page.get_by_text("Không tìm thấy trang").wait_for()
    shot("13-not-found")


def test_a_unit_sends_its_report_and_the_office_accepts_it(demo_server, demo_app, page, tmp_path, artifacts):
    def shot(name: str, full_page: bool = False) -> None:
        page.screenshot(path=str(artifacts / f"web-{name}.png"), full_page=full_page)

    passwords = demo_logins(demo_app)
    page.goto(demo_server + "/cong-don-vi/")
    page.get_by_text("Hãy đăng nhập để tiếp tục.").wait_for()
    shot("20-login")
    sign_in(page, "db01", passwords["db01"])
    page.get_by_role("heading", name="Đảng ủy Sở Tài chính").wait_for()
    assert page.url == demo_server + "/cong-don-vi/"
    shot("21-unit-portal", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Công văn (.docx)").click()
    letter = tmp_path / download.value.suggested_filename
    download.value.save_as(letter)
    assert "Kính gửi: Đảng ủy Sở Tài chính" in "\n".join(paragraph.text for paragraph in Document(str(letter)).paragraphs)
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo (mẫu) (.docx)").click()
    form = tmp_path / "mẫu.docx"
    download.value.save_as(form)
    filled = Document(str(form))
    fill(filled, meetings="4", people="215", banners="12")
    page.set_input_files("#file", str(save(filled, tmp_path / "Báo cáo Sở Tài chính.docx")))
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã gửi báo cáo. Văn phòng sẽ xem và trả lời.").wait_for()
    assert page.locator("tr", has_text="Cán bộ, đảng viên, người lao động tham gia hội nghị").locator("td.number").inner_text() == "215"
    shot("22-unit-report-read", full_page=True)
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Đã đăng xuất.").wait_for()

    sign_in(page, "van-phong", passwords["van-phong"])
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("link", name="DB01 · Đảng ủy Sở Tài chính").click()
    page.get_by_label("Chấp nhận").check()
    page.get_by_role("button", name="Gửi trả lời").click()
    page.get_by_text("Đã chấp nhận báo cáo của Đảng ủy Sở Tài chính.").wait_for()
    page.get_by_role("link", name="Nhật ký").click()
    page.get_by_role("cell", name="Chấp nhận báo cáo").wait_for()
    assert page.get_by_role("cell", name="DB01: Báo cáo Sở Tài chính.docx").count() == 2  # uploaded, accepted
    shot("23-audit", full_page=True)
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "db01", passwords["db01"])
    page.get_by_text("Văn phòng đã chấp nhận").wait_for()
    shot("24-unit-portal-accepted")
