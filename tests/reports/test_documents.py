"""The committee's documents written from a round of returned forms: its summary report to the level above
and its reminder to the units that have not reported, made by `docgen render`, read back with
python-docx, passed by `docgen check`, and rendered to pictures for people to look at."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.section import WD_ORIENT

from docgen.cli import main
from docgen.derive import document_context
from docgen.engine import Engine
from docgen.errors import BadInput
from docgen.reports.collect import Collection, collect

from ..conftest import assert_passes_check
from .conftest import PLAN, UNITS
from .filling import SEED, fill, open_form, save, write_under

FIGURES = {  # unit → what its office typed, by indicator
    "DB01": dict(pages="2", news="10", meetings="1", people="45", banners="3", works="0", movements="1", models="1"),
    "DB02": dict(pages="1", news="1,5", meetings="2 cuộc", people="60", banners="2", works="1", movements="1",
                 models="không"),
    "CB01": dict(pages="0", news="5", meetings="01", people="12 lượt", banners="1", works="0", movements="1", models="1"),
}


def plain(text: str) -> str:
    """A paragraph's words as read: its line breaks, no-break spaces and hyphens as plain ones."""
    return " ".join(text.replace("\u2011", "-").split())


def paragraphs(document) -> list[str]:
    return [plain(paragraph.text) for paragraph in document.paragraphs if paragraph.text.strip()]


def cells(table) -> list[list[str]]:
    return [[plain(cell.text) for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, blank_forms):
    """Three units' forms came back; DB02 wrote a figure that is not a count; the other 19 are missing."""
    folder = tmp_path_factory.mktemp("round")
    for code, figures in FIGURES.items():
        form = open_form(blank_forms(code))
        fill(form, **figures)
        if code == "DB01":
            write_under(form, "1. Ưu điểm", "Cấp ủy lãnh đạo, chỉ đạo kịp thời; 100% đảng viên được quán triệt.")
            write_under(form, "IV. ĐỀ XUẤT, KIẾN NGHỊ", "- Đề nghị mở lớp bồi dưỡng báo cáo viên.",
                        "- Đề nghị cấp thêm tài liệu tuyên truyền.")
        if code == "CB01":
            write_under(form, "2. Hạn chế, nguyên nhân", "Tuyên truyền trên mạng xã hội còn ít.")
        save(form, folder / f"{code}.docx")
    return folder


@pytest.fixture(scope="module")
def units():
    from docgen.units import read_units

    return read_units(UNITS)


@pytest.fixture(scope="module")
def collection(folder, units, plan) -> Collection:
    return collect(plan, units, [folder])


def render(*arguments) -> None:
    result = CliRunner().invoke(main, ["render", str(PLAN), *map(str, arguments)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def summary(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("summary") / "tong-hop.docx"
    render("--kind", "summary", "--units", UNITS, "--reports", folder, "-o", out)
    return out


def test_the_summary_says_who_reported_and_what_they_wrote(summary, units):
    document = Document(str(summary))
    text = paragraphs(document)
    missing = [unit.committee for unit in units if unit.code not in FIGURES]
    assert text[text.index("BÁO CÁO") + 1:text.index("-----")] == [
        "tổng hợp kết quả tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng năm 2021",
        "(từ ngày 25/5/2021 đến ngày 30/11/2021)"]
    body = text[text.index("-----") + 1:]
    assert body[:8] == [
        "Thực hiện Kế hoạch số 20-KH/TU ngày 19/5/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh công tác tuyên truyền "
        "sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, ngày 25/5/2021, Ban Thường vụ Đảng ủy Khối ban hành "
        "Kế hoạch số 15-KH/ĐUK về đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
        "Trên cơ sở báo cáo của các đảng bộ, chi bộ cơ sở, Ban Thường vụ Đảng ủy Khối báo cáo kết quả thực hiện "
        "như sau:",
        "I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐẢNG BỘ, CHI BỘ CƠ SỞ",
        "Ban Thường vụ Đảng ủy Khối đã nhận được báo cáo của 3/22 đảng bộ, chi bộ cơ sở (2/12 đảng bộ cơ sở, "
        "1/10 chi bộ cơ sở).",
        f"Còn 19 đảng bộ, chi bộ cơ sở chưa báo cáo: {', '.join(missing)}.",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả cụ thể (số liệu)",
        "Số liệu tổng hợp từ báo cáo của 3/22 đảng bộ, chi bộ cơ sở (số liệu của từng đơn vị tại Phụ lục kèm theo):",
    ]
    start = body.index("2. Kết quả thực hiện tại các đảng bộ, chi bộ cơ sở")
    end = next(index for index, line in enumerate(body) if line.startswith("Trên đây là")) + 1
    assert body[start:end] == [  # the lines to write on are paragraphs of a tab: no text
        "2. Kết quả thực hiện tại các đảng bộ, chi bộ cơ sở",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "- Đảng ủy Sở Tài chính: Cấp ủy lãnh đạo, chỉ đạo kịp thời; 100% đảng viên được quán triệt.",
        "2. Hạn chế, nguyên nhân",
        "- Chi bộ Sở Tư pháp: Tuyên truyền trên mạng xã hội còn ít.",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "- Đảng ủy Sở Tài chính:",
        "+ Đề nghị mở lớp bồi dưỡng báo cáo viên.",
        "+ Đề nghị cấp thêm tài liệu tuyên truyền.",
        "Trên đây là báo cáo tổng hợp kết quả thực hiện Kế hoạch số 15-KH/ĐUK của Ban Thường vụ Đảng ủy Khối./.",
    ]
    signature = document.tables[-2]
    assert [plain(p.text) for p in signature.rows[0].cells[0].paragraphs] == [
        "Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy (để báo cáo),", "- Ban Tuyên giáo Đảng ủy Khối,",
        "- Lưu Văn phòng Đảng ủy Khối."]


def test_the_summary_totals_each_group_for_dang_bo_and_chi_bo_apart(summary):
    totals = next(table for table in Document(str(summary)).tables if table.rows[0].cells[-1].text == "Tổng số")
    rows = cells(totals)
    assert rows[0] == ["STT", "Nội dung", "Đơn vị tính", "Đảng bộ cơ sở", "Chi bộ cơ sở", "Tổng số"]
    assert rows[1][:2] == ["I", "Tuyên truyền trên các phương tiện thông tin đại chúng"]
    assert rows[2:4] == [["1", SEED["pages"], "chuyên mục", "3", "0", "3"],
                         ["2", SEED["news"], "tin, bài", "10", "5", "15"]]  # DB02's “1,5” is not counted
    assert rows[4][:2] == ["II", "Tuyên truyền miệng"]
    assert rows[5:7] == [["3", SEED["meetings"], "cuộc", "3", "1", "4"],
                         ["4", SEED["people"], "lượt người", "105", "12", "117"]]
    assert [row[0] for row in rows[1:]] == ["I", "1", "2", "II", "3", "4", "III", "5", "IV", "6", "V", "7", "8"]


def test_the_summary_annexes_every_units_figures_on_landscape_pages(summary, units):
    document = Document(str(summary))
    annex = cells(document.tables[-1])
    assert paragraphs(document)[-3:] == [
        "Phụ lục", "(Kèm theo Báo cáo số …-BC/ĐUK ngày …/…/2021 của Ban Thường vụ Đảng ủy Khối)",
        "SỐ LIỆU BÁO CÁO CỦA CÁC ĐẢNG BỘ, CHI BỘ CƠ SỞ"]
    assert annex[0] == ["STT", "Đảng bộ, chi bộ cơ sở",
                        *(f"{name} ({unit})" for name, unit in (
                            (SEED["pages"], "chuyên mục"), (SEED["news"], "tin, bài"), (SEED["meetings"], "cuộc"),
                            (SEED["people"], "lượt người"), (SEED["banners"], "cái"), (SEED["works"], "tác phẩm"),
                            (SEED["movements"], "phong trào"), (SEED["models"], "mô hình")))]
    assert annex[1] == ["I", "Đảng bộ cơ sở", *[""] * 8]
    assert annex[2] == ["1", "Sở Tài chính", "2", "10", "1", "45", "3", "0", "1", "1"]
    assert annex[3] == ["2", "Sở Giáo dục và Đào tạo", "1", "", "2", "60", "2", "1", "1", "0"]
    assert annex[4] == ["3", "Sở Y tế (chưa báo cáo)", *[""] * 8]
    dang_bo = sum(unit.kind == "dang-bo" for unit in units)
    assert annex[2 + dang_bo] == ["", "Cộng đảng bộ cơ sở", "3", "10", "3", "105", "5", "1", "2", "1"]
    assert annex[3 + dang_bo][:2] == ["II", "Chi bộ cơ sở"]
    assert annex[4 + dang_bo] == [str(dang_bo + 1), "Sở Tư pháp", "0", "5", "1", "12", "1", "0", "1", "1"]
    assert annex[-1] == ["", "Tổng cộng", "3", "15", "4", "117", "6", "1", "3", "2"]
    assert len(annex) == 1 + 2 + len(units) + 2 + 1
    widths = [column.w for column in document.tables[-1]._tbl.tblGrid.gridCol_lst]
    assert len(widths) == 2 + len(SEED) and len(set(widths[2:])) == 1  # a column for each figure, alike
    assert widths[1] > widths[0] and sum(widths) > 240 * 36000  # across the landscape page (EMU)
    first, annexed = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and annexed.orientation == WD_ORIENT.LANDSCAPE
    assert annexed.page_width > annexed.page_height


def test_the_summary_passes_the_checker(summary):
    assert_passes_check(summary)


# -- the reminder ---------------------------------------------------------------------------


def reminder(plan, collection: Collection, missing: list[str], deadline: dt.date | None = None):
    """The reminder when the units ``missing`` (codes) are those that have not reported."""
    reported = [form.unit for form in collection.received]
    listed = reported + [unit for code in missing for unit in collection.units if unit.code == code]
    round_ = Collection(plan, listed, dict(collection.forms), [])
    data = Engine().render("reminder", document_context("reminder", plan, reports=round_, deadline=deadline))
    assert_passes_check(data)
    return Document(io.BytesIO(data))


OPENING = ("Ngày 25/5/2021, Ban Thường vụ Đảng ủy Khối ban hành Kế hoạch số 15-KH/ĐUK về đẩy mạnh công tác tuyên "
           "truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, đề nghị các đảng bộ, chi bộ cơ sở báo cáo kết "
           "quả thực hiện về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối) trước ngày 10/12/2021.")


def test_a_reminder_to_one_unit_is_addressed_to_it(plan, collection):
    document = reminder(plan, collection, ["DB03"], dt.date(2021, 12, 20))
    text = paragraphs(document)
    assert text[text.index("Kính gửi: Đảng ủy Sở Y tế") + 1:][:3] == [
        OPENING,
        "Đến nay, Đảng ủy Sở Y tế chưa gửi báo cáo.",
        "Để kịp thời tổng hợp, báo cáo cấp trên, Ban Thường vụ Đảng ủy Khối đề nghị Đảng ủy Sở Y tế khẩn trương báo "
        "cáo kết quả thực hiện Kế hoạch số 15-KH/ĐUK (theo mẫu đã gửi) về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên "
        "giáo Đảng ủy Khối) trước ngày 20/12/2021./."]
    header = [plain(p.text) for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert header[-1] == "Về việc đôn đốc báo cáo kết quả thực hiện Kế hoạch số 15-KH/ĐUK"
    assert len(document.tables) == 2 and "Phụ lục" not in text  # header and signature: no annex


def test_a_reminder_to_a_few_units_names_them_under_kinh_gui(plan, collection):
    document = reminder(plan, collection, ["DB03", "DB04", "CB02"])
    lines = [paragraph.text for paragraph in document.paragraphs if paragraph.text.startswith(("Kính gửi:", "\t"))]
    assert lines == ["Kính gửi:\t- Đảng ủy Sở Y tế;", "\t- Đảng ủy Bệnh viện Đa khoa tỉnh Hưng Yên;",
                     "\t- Chi bộ Sở Khoa học và Công nghệ."]
    text = paragraphs(document)
    assert "Đến nay, các đảng bộ, chi bộ cơ sở nêu trên chưa gửi báo cáo." in text
    assert text[text.index("Đến nay, các đảng bộ, chi bộ cơ sở nêu trên chưa gửi báo cáo.") + 1].endswith(
        "đề nghị các đảng bộ, chi bộ cơ sở nêu trên khẩn trương báo cáo kết quả thực hiện Kế hoạch số 15-KH/ĐUK (theo "
        "mẫu đã gửi) về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối)./.")


def test_a_reminder_to_many_units_lists_them_in_an_annex(plan, collection, units):
    missing = [unit.code for unit in units if unit.code not in FIGURES]
    document = reminder(plan, collection, missing, dt.date(2021, 12, 20))
    text = paragraphs(document)
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" in text
    assert "Đến nay, còn 19 đảng bộ, chi bộ cơ sở chưa gửi báo cáo." in text
    assert text[-3:] == ["Phụ lục", "(Kèm theo Công văn số …-CV/ĐUK ngày …/…/2021 của Ban Thường vụ Đảng ủy Khối)",
                         "DANH SÁCH CÁC ĐẢNG BỘ, CHI BỘ CƠ SỞ CHƯA GỬI BÁO CÁO"]
    listed = cells(document.tables[-1])
    assert listed[0] == ["STT", "Đảng bộ, chi bộ cơ sở"]
    assert listed[1:] == [[str(number), unit.committee]
                          for number, unit in enumerate((unit for unit in units if unit.code in missing), start=1)]


def test_only_chi_bo_missing_are_called_chi_bo(plan, collection):
    document = reminder(plan, collection, ["CB02", "CB03"])
    assert "Đến nay, các chi bộ cơ sở nêu trên chưa gửi báo cáo." in paragraphs(document)


def test_no_reminder_when_every_unit_has_reported(plan, collection):
    everyone = Collection(plan, [form.unit for form in collection.received], dict(collection.forms), [])
    with pytest.raises(BadInput, match="^mọi đơn vị đã báo cáo: không có đơn vị nào cần đôn đốc$"):
        document_context("reminder", plan, reports=everyone)


def test_the_command_line_renders_the_reminder_and_refuses_what_does_not_fit(folder, tmp_path):
    out = tmp_path / "don-doc.docx"
    render("--kind", "reminder", "--units", UNITS, "--reports", folder, "--deadline", "20/12/2021", "-o", out)
    assert any(paragraph.endswith("trước ngày 20/12/2021./.") for paragraph in paragraphs(Document(str(out))))
    for arguments, message in [
        (["--kind", "summary", "--units", UNITS], "--kind summary cần --units TỆP và --reports THƯ_MỤC"),
        (["--kind", "summary", "--units", UNITS, "--reports", folder, "--deadline", "20/12/2021"],
         "--deadline chỉ dùng cho --kind reminder"),
        (["--kind", "plan", "--reports", folder], "--reports chỉ dùng cho --kind summary, reminder"),
        (["--kind", "reminder", "--units", UNITS, "--reports", folder, "--deadline", "31/2/2021"], "không có trên lịch"),
    ]:
        result = CliRunner().invoke(main, ["render", str(PLAN), *map(str, arguments), "-o", str(tmp_path / "x.docx")])
        assert result.exit_code == 2 and message in result.output, result.output


# -- as printed -----------------------------------------------------------------------------


def test_both_print_as_an_office_sends_them(summary, folder, units, office, artifacts, tmp_path):
    letter = tmp_path / "cong-van-don-doc.docx"
    render("--kind", "reminder", "--units", UNITS, "--reports", folder, "--deadline", "20/12/2021", "-o", letter)
    summary_pdf, letter_pdf = office.to_pdf(summary, letter)
    pages = office.pages(summary_pdf)
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(summary_pdf)], check=True, capture_output=True,
                           text=True).stdout
    upright = [float(width) < float(height) for width, height in re.findall(r"size: +([\d.]+) x ([\d.]+) pts \(A4\)", sizes)]
    assert len(upright) == pages and upright[0] and not upright[-1]  # A4; the body upright, the annex landscape
    text = " ".join(office.text(summary_pdf).split())
    assert "đã nhận được báo cáo của 3/22 đảng bộ, chi bộ cơ sở" in text and "Tổng cộng" in text
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" in " ".join(office.text(letter_pdf).split())
    office.page_png(summary_pdf, artifacts / "summary-page-1", 1)
    office.page_png(summary_pdf, artifacts / "summary-annex", pages)
    office.page_png(letter_pdf, artifacts / "reminder-page-1", 1)
    office.page_png(letter_pdf, artifacts / "reminder-annex", office.pages(letter_pdf))
