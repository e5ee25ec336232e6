"""The office's board in a real headless Chromium, for a bloc of 84 units: a ZIP of the forms that came
back uploaded, each problem beside its figure, one corrected by hand, a unit's second form confirmed,
the summary report and the reminder downloaded, the charts; screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import random

from docx import Document

from docgen.batch import DocumentRenderer
from docgen.model import Plan, Unit
from docgen.store import plans as plan_store
from docgen.store import units as unit_store

from ..reports.filling import SEED, fill, to_bytes
from .conftest import demo_logins
from .test_board import zipped
from .test_browser import demo_app, demo_server, page, sign_in  # noqa: F401 (fixtures)

UNITS = 84
MISSING = 8
BODIES = ["Công ty Cổ phần Xây dựng", "Trường Trung học phổ thông", "Trung tâm Y tế", "Chi cục Thuế khu vực",
          "Ban Quản lý dự án", "Công ty TNHH Thương mại", "Bệnh viện", "Trung tâm Văn hóa"]
WRITTEN = ["{n}", " {n} ", "{n} {unit}", "{n} (trong đó {part} trực tuyến)", "không"]


def a_bloc_of_84(app) -> tuple[list[Unit], Plan]:
    """The demo's 22 units and 62 more, about as many đảng bộ as chi bộ, as in a bloc committee."""
    with app.extensions["docgen.database"].session() as session:
        for number in range(1, UNITS - 21):
            unit_store.add(session, 1, Unit(code=f"G{number:03d}", name=f"{BODIES[number % len(BODIES)]} số {number}",
                                            kind="dang-bo" if number % 2 else "chi-bo", secretary=f"Nguyễn Văn {number}"))
        return [record.unit for record in unit_store.all_units(session, 1)], plan_store.get(session, 1, 1).plan


def returned(plan, units: list[Unit]) -> tuple[bytes, dict[str, bytes]]:
    """The forms that came back, as one ZIP: all units but the last eight, each filled its own way, two with
    a figure that is not a count; and a later form of DB01."""
    rng, render = random.Random(84), DocumentRenderer(plan)
    forms = {}
    for unit in units[:-MISSING]:
        document = Document(io.BytesIO(render(unit, "report")))
        fill(document, **{short: rng.choice(WRITTEN).format(n=rng.randint(1, 60), unit=indicator.unit, part=1)
                          for short, indicator in zip(SEED, plan.report.indicators)})
        if unit.code == "DB02":
            fill(document, news="1,5")
        if unit.code == "CB01":
            fill(document, people="nhiều")
        forms[unit.code] = to_bytes(document)
    later = Document(io.BytesIO(forms["DB01"]))
    fill(later, pages="25")
    return zipped({f"Báo cáo đơn vị/{code}.docx": data for code, data in forms.items()}), {"DB01": to_bytes(later)}


def test_the_office_collects_84_units_reports_on_its_board(demo_server, demo_app, page, tmp_path, artifacts):
    def shot(name: str, full_page: bool = False) -> None:
        page.screenshot(path=str(artifacts / f"web-{name}.png"), full_page=full_page)

    units, plan = a_bloc_of_84(demo_app)
    archive, later = returned(plan, units)
    (tmp_path / "bao cao 84 don vi.zip").write_bytes(archive)
    (tmp_path / "DB01 ban sua.docx").write_bytes(later["DB01"])
    page.goto(demo_server + "/tong-hop/")
    sign_in(page, "van-phong", demo_logins(demo_app)["van-phong"])
    page.get_by_role("heading", name="Tổng hợp báo cáo").wait_for()
    assert page.locator(".tally li").first.inner_text().split() == ["0/84", "đơn", "vị", "đã", "gửi"]

    page.set_input_files("#files", str(tmp_path / "bao cao 84 don vi.zip"))
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_text(f"Đã nhận {UNITS - MISSING} tệp, không nhận 0 tệp.").wait_for(timeout=120_000)
    page.goto(demo_server + "/tong-hop/1/")
    tally = [" ".join(item.inner_text().split()) for item in page.locator(".tally li").all()]
    assert tally == ["76/84 đơn vị đã gửi", "2 cần xem lại", "8 chưa gửi", "76 gửi muộn"]
    db02 = page.locator("tr", has=page.get_by_role("link", name="Đảng ủy Sở Giáo dục và Đào tạo"))
    assert "là số thập phân" in db02.locator("td.has-problem").inner_text()
    shot("30-board-84-units", full_page=True)
    shot("30a-board-top")
    db02.scroll_into_view_if_needed()
    shot("30b-board-a-problem")

    cb01 = page.get_by_role("link", name="Chi bộ Sở Tư pháp")
    cb01.click()
    page.get_by_label(f"Số đúng của “{SEED['people']}”").fill("14")
    page.locator(f"#chi-tieu-{list(SEED).index('people') + 1}").get_by_role("button", name="Sửa").click()
    page.get_by_text(f"Đã sửa số liệu “{SEED['people']}” của Chi bộ Sở Tư pháp.").wait_for()
    assert "14 · van-phong · " in page.locator(f"#chi-tieu-{list(SEED).index('people') + 1}").inner_text()
    shot("31-board-unit-corrected", full_page=True)

    page.goto(demo_server + "/tong-hop/1/")
    page.set_input_files("#files", str(tmp_path / "DB01 ban sua.docx"))
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_text("chờ xác nhận thay bản cũ").wait_for()
    db01 = page.locator("tr", has=page.get_by_role("link", name="Đảng ủy Sở Tài chính"))
    db01.scroll_into_view_if_needed()
    shot("32-board-pending-replacement")
    db01.get_by_role("button", name="Thay bằng bản mới").click()
    page.get_by_text("Đã thay báo cáo của Đảng ủy Sở Tài chính bằng bản mới (DB01 ban sua.docx).").wait_for()
    assert page.locator("tr", has=page.get_by_role("link", name="Đảng ủy Sở Tài chính")).locator(
        "td.figure").first.inner_text().strip() == "25"

    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo tổng hợp (.docx)").click()
    summary = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert any(paragraph.text.startswith("Ban Thường vụ Đảng ủy Khối đã nhận được báo cáo của 76/84 đảng bộ, chi bộ cơ sở")
               for paragraph in summary.paragraphs)
    assert download.value.suggested_filename.startswith("Báo cáo tổng hợp - ")
    with page.expect_download() as download:
        page.get_by_role("button", name="Công văn đôn đốc 8 đơn vị chưa gửi (.docx)").click()
    letter = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" in [p.text for p in letter.paragraphs]
    assert len(letter.tables[-1].rows) == 1 + MISSING

    page.get_by_role("link", name="Biểu đồ").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.chart img").count() == len(SEED)
    assert all(image.evaluate("image => image.naturalWidth") > 0 for image in page.locator("figure.chart img").all())
    shot("33-board-charts")
