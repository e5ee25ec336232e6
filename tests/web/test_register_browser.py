"""The register and the templates pages in headless Chromium, as the office uses them, with screenshots
in test-artifacts/ to look at."""

from __future__ import annotations

from ..office_templates.word import edited_in_word, shipped, split_runs, with_body
from .conftest import demo_logins
from .test_browser import demo_app, demo_server, page, sign_in  # noqa: F401 (fixtures)


def test_the_office_numbers_documents_and_changes_a_template(demo_server, demo_app, page, tmp_path, artifacts):
    def shot(name: str) -> None:
        page.screenshot(path=str(artifacts / f"web-{name}.png"), full_page=True)

    page.goto(demo_server + "/so-van-ban-di/")
    sign_in(page, "van-phong", demo_logins(demo_app)["van-phong"])
    page.get_by_role("heading", name="Sổ văn bản đi").wait_for()
    page.select_option("#doc_type", "KH")
    page.fill("#day", "05/02/2026")
    page.fill("#summary", "đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")
    page.fill("#recipients", "Ban Tuyên giáo Tỉnh ủy (để b/c)\nCác đảng bộ, chi bộ cơ sở trực thuộc\nLưu Văn phòng Đảng ủy Khối")
    page.fill("#signer", "Trần Quốc Toản")
    page.get_by_role("button", name="Cấp số").click()
    page.get_by_text("Đã cấp số 01-KH/ĐUK.").wait_for()
    page.select_option("#doc_type", "CV")
    page.fill("#count", "3")
    page.get_by_role("button", name="Giữ số").click()
    page.get_by_text("Đã giữ số 01-CV/ĐUK, 02-CV/ĐUK, 03-CV/ĐUK.").wait_for()
    page.locator("details.inline-cancel summary").nth(2).click()
    page.locator("details.inline-cancel[open] input[name=reason]").fill("in sai nơi nhận")
    page.get_by_role("button", name="Hủy số 02-CV/ĐUK").click()
    page.get_by_text("Đã hủy số 02-CV/ĐUK").wait_for()
    shot("register-book")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải sổ (Excel)").click()
    assert download.value.suggested_filename == "Sổ văn bản đi - 2025 - 2030.xlsx"

    broken = tmp_path / "cong-van-sai.docx"
    broken.write_bytes(with_body(shipped("letter"), lambda xml: split_runs(
        xml.replace("{{ salutation }}", "{{ salutaton }}"), "{{ salutaton }}", (4, 9))))
    page.goto(demo_server + "/mau-van-ban/letter/")
    page.set_input_files("#file", str(broken))
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    page.get_by_text("Mẫu chưa dùng được: 1 lỗi. Chưa lưu.").wait_for()
    shot("templates-refused")
    edited = tmp_path / "cong-van.docx"
    edited.write_bytes(edited_in_word("letter"))
    page.set_input_files("#file", str(edited))
    page.fill("#note", "thêm câu liên hệ ở cuối")
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    page.get_by_text("Đã lưu phiên bản 1.").wait_for()
    page.locator(".pages img").first.wait_for()
    assert page.locator(".pages img").first.evaluate("image => image.complete && image.naturalWidth > 0")
    page.get_by_role("button", name="Dùng phiên bản này").click()
    page.get_by_text("Từ nay văn bản loại này làm theo phiên bản 1.").wait_for()
    shot("templates-kind")
    page.goto(demo_server + "/mau-van-ban/")
    shot("templates-list")
    page.goto(demo_server + "/mau-van-ban/bien")
    page.screenshot(path=str(artifacts / "web-templates-reference.png"))
