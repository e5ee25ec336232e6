"""The committee's letter and guidance and the units' report forms as an officer reads them: real
sentences of the rendered .docx for a đảng bộ with chi bộ trực thuộc, a chi bộ cơ sở and units of every
sector; each passes `docgen check`; pages rendered by LibreOffice to look at."""

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen.batch import write_batch
from docgen.context import unbroken
from docgen.derive import document_context
from docgen.engine import Engine
from docgen.format.metrics import balanced, text_width
from docgen.units import read_units
from docgen.wording.documents import DEFAULT_DOCUMENTS, WordingError, load_documents

from .conftest import REPO, assert_passes_check

UNITS = REPO / "tests" / "data" / "units-all-sectors.csv"
AS_SEEN = str.maketrans({"\u00a0": " ", "\u2011": "-"})  # what a reader sees of the no-break characters
CITED = ("Kế hoạch số 15-KH/ĐUK ngày 25/5/2021 của Ban Thường vụ Đảng ủy Khối về đẩy mạnh công tác tuyên truyền "
         "sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")


@pytest.fixture(scope="module")
def units():
    return {unit.code: unit for unit in read_units(UNITS)}


@pytest.fixture(scope="module")
def made(seed_plan, units):
    """Every unit's letter and report form, and the one guidance, as .docx bytes."""
    engine = Engine("compiled")
    documents = {("guidance", None): engine.render("guidance", document_context("guidance", seed_plan))}
    for code, unit in units.items():
        for kind in ("letter", "report"):
            documents[kind, code] = engine.render(kind, document_context(kind, seed_plan, unit))
    return documents


def paragraphs(data: bytes) -> list[str]:
    """The body's paragraphs with text, as a reader sees them."""
    return [paragraph.text.translate(AS_SEEN) for paragraph in Document(io.BytesIO(data)).paragraphs if paragraph.text]


def recipients(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).tables[-1].rows[0].cells[0].paragraphs][1:]


def test_every_document_passes_the_checker(made):
    assert len(made) == 1 + 2 * 30
    for data in made.values():
        assert_passes_check(data)


@pytest.mark.parametrize("code, committee", [
    ("DB01", "Đảng ủy Sở Tài chính"),
    ("DB06", "Đảng ủy Trường Đại học Sư phạm Kỹ thuật Hưng Yên"),
    ("DB08", "Đảng ủy Báo Hưng Yên"),
    ("DB12", "Đảng ủy Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh Hưng Yên"),
    ("DB14", "Đảng ủy Bộ Chỉ huy Quân sự tỉnh"),
])
def test_the_letter_to_a_dang_bo(made, code, committee):
    shown = paragraphs(made["letter", code])
    start = shown.index(f"Kính gửi: {committee}")
    assert shown[start + 1] == (f"Để triển khai thực hiện {CITED}, Ban Thường vụ Đảng ủy Khối đề nghị {committee} "
                                "triển khai thực hiện một số nội dung sau:")
    assert shown[start + 4] == ("3. Báo cáo kết quả thực hiện từ ngày 25/5/2021 đến ngày 30/11/2021 theo Mẫu số 01 "
                                "gửi kèm Công văn này về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối) "
                                "trước ngày 10/12/2021.")
    assert shown[start + 5] == (f"Đề nghị {committee} lãnh đạo, chỉ đạo các chi bộ trực thuộc nghiêm túc triển khai "
                                "thực hiện./.")
    assert recipients(made["letter", code]) == ["- Như trên,", "- Ban Tuyên giáo Đảng ủy Khối,",
                                                "- Lưu Văn phòng Đảng ủy Khối."]


@pytest.mark.parametrize("code", ["CB01", "CB02", "CB05", "CB07", "CB09", "CB15"])
def test_the_letter_to_a_chi_bo_neither_directs_nor_asks_for_care(made, units, code):
    shown = paragraphs(made["letter", code])
    committee = units[code].committee
    assert shown[-1] == f"Đề nghị {committee} nghiêm túc triển khai thực hiện./."
    letter = "\n".join(shown)
    assert "chỉ đạo" not in letter and "quan tâm" not in letter
    assert "Thực hiện Kế hoạch" not in letter  # the committee does not carry its own plan out


def test_the_report_form_of_a_chi_bo(made):
    data = made["report", "CB01"]
    document = Document(io.BytesIO(data))
    shown = paragraphs(data)
    title = shown.index("BÁO CÁO")
    assert shown[title - 2:title] == ["Mẫu số 01", "(Kèm theo Công văn số …-CV/ĐUK\nngày …/…/2021 của Ban Thường vụ "
                                                   "Đảng ủy Khối)"]
    assert next(p for p in document.paragraphs if p.text == "Mẫu số 01").style.name == "Party Form Number"
    assert shown[title + 1] == "kết quả tuyên truyền sau Đại hội đại biểu\ntoàn quốc lần thứ XIII của Đảng năm 2021"
    assert f"Thực hiện {CITED}, Chi bộ Sở Tư pháp báo cáo kết quả thực hiện như sau:" in shown
    parts = [text for text in shown if re.match(r"^[IV]+\. ", text)]
    assert parts == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                     "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert {"1. Ưu điểm", "2. Hạn chế, nguyên nhân", "3. Bài học kinh nghiệm"} <= set(shown)
    signed = shown[title:]
    assert not any("gửi về" in text or "trước ngày" in text for text in signed)  # the letter says where and when
    table = document.tables[1]
    group = table.rows[1]
    assert [cell.text for cell in group.cells] == ["I"] + ["Tuyên truyền trên các phương tiện thông tin đại chúng"] * 4
    assert group._tr.tc_lst[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert [cell.text for cell in table.rows[2].cells][:3] == [
        "1", "Chuyên trang, chuyên mục về Nghị quyết Đại hội trên trang thông tin điện tử của đơn vị", "chuyên mục"]
    assert [row.cells[0].text for row in table.rows[1:]] == ["I", "1", "2", "II", "3", "4", "III", "5", "IV", "6", "V",
                                                            "7", "8"]
    assert recipients(data) == ["- Ban Thường vụ Đảng ủy Khối (để báo cáo),",
                                "- Ban Tuyên giáo Đảng ủy Khối (để báo cáo),", "- Lưu Chi bộ."]


def test_a_unit_without_an_office_files_its_own_copy(made):
    assert recipients(made["report", "DB07"])[-1] == "- Lưu Đảng ủy."
    assert recipients(made["report", "CB10"])[-1] == "- Lưu Chi bộ."


def test_the_unit_plan_names_the_dang_bo_s_own_unions_among_its_recipients(seed_plan, units):
    data = Engine("compiled").render("unit-plan", document_context("unit-plan", seed_plan, units["DB10"]))
    assert recipients(data) == [
        "- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Ban Tuyên giáo Đảng ủy Khối (để báo cáo),",
        "- Các chi bộ trực thuộc (để thực hiện),",
        "- Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh và Ban Nữ công Công ty (để phối hợp),", "- Lưu Đảng ủy."]
    purposes = {purpose for line in recipients(data) for purpose in re.findall(r"\(([^)]*)\)", line)}
    assert purposes == {"để báo cáo", "để thực hiện", "để phối hợp"}  # spelt out, never "(để b/c)"


def test_the_guidance_speaks_to_all_units(made):
    data = made["guidance", None]
    shown = paragraphs(data)
    assert shown[shown.index("HƯỚNG DẪN") + 1] == ("triển khai thực hiện Kế hoạch số 15-KH/ĐUK\n"
                                                   "của Ban Thường vụ Đảng ủy Khối")
    assert (f"Để triển khai thực hiện {CITED}, Ban Thường vụ Đảng ủy Khối hướng dẫn các đảng bộ, chi bộ cơ sở tổ chức "
            "thực hiện như sau:") in shown
    assert shown[-1] == ("Trong quá trình thực hiện, nếu có vướng mắc, các đảng bộ, chi bộ cơ sở phản ánh về Ban Tuyên "
                         "giáo Đảng ủy Khối để được hướng dẫn./.")
    assert recipients(data) == ["- Các đảng bộ, chi bộ cơ sở trực thuộc,", "- Ban Tuyên giáo Đảng ủy Khối,",
                                "- Lưu Văn phòng Đảng ủy Khối."]


def test_a_batch_holds_the_guidance_once_at_its_top(seed_plan, units, tmp_path):
    target = tmp_path / "batch.zip"
    count = write_batch(seed_plan, list(units.values())[:3], ["letter", "guidance", "report"], target, jobs=1)
    names = zipfile.ZipFile(target).namelist()
    assert count == 1 + 3 * 2
    assert names[0] == "Hướng dẫn.docx" and sum("Hướng dẫn" in name for name in names) == 1
    manifest = zipfile.ZipFile(target).read("manifest.csv").decode("utf-8-sig").splitlines()
    assert manifest[1] == ",,,guidance,Hướng dẫn.docx"


def test_the_layout_the_profile_asks_for(made):
    document = Document(io.BytesIO(made["letter", "DB01"]))
    body = document.styles["Party Body"].paragraph_format
    assert (body.line_spacing, body.line_spacing_rule) == (Pt(18), 4)  # WD_LINE_SPACING.EXACTLY
    assert 3 <= document.styles["Party Place Date"].paragraph_format.space_before.pt <= 6
    summary = document.tables[0].rows[0].cells[0].paragraphs[-1].text
    assert summary == "Về việc triển khai thực hiện\nKế hoạch số\u00a015\u2011KH/ĐUK"


def test_libreoffice_keeps_numbers_and_the_summary_together(made, office, tmp_path, artifacts):
    """Each kind's first page as LibreOffice lays it out (PNG in test-artifacts/ to look at): no line
    ends with "số" or a number's hyphen, and no summary line is a word or two alone."""
    files = {}
    for (kind, code), data in made.items():
        if code in (None, "DB01", "CB01"):
            files[kind, code] = tmp_path / f"{kind}-{code or 'all'}.docx"
            files[kind, code].write_bytes(data)
    pdfs = dict(zip(files, office.to_pdf(*files.values())))
    for (kind, code), pdf in pdfs.items():
        lines = [line.strip() for line in office.text(pdf).splitlines() if line.strip()]
        assert not [line for line in lines if re.search(r"\bsố$|\d-$|\bngày$", line)], (kind, code)
        assert "của Đảng" not in lines and "năm 2021" not in lines, (kind, code)
        assert office.page_png(pdf, artifacts / f"{kind}-{code or 'all'}-page1").stat().st_size > 10_000


def test_the_kinds_sentences_are_checked_on_reading():
    shipped = DEFAULT_DOCUMENTS.read_text(encoding="utf-8")
    closing = load_documents(shipped)["letter"]["closing"]
    assert closing["chi-bo"] == "Đề nghị {addressee} nghiêm túc triển khai thực hiện./."
    broken = shipped.replace("Đề nghị {addressee} nghiêm", "Đề nghị {unit} nghiêm").replace("  lessons: ", "  lesson: ")
    with pytest.raises(WordingError) as refused:
        load_documents(broken + "extra: 1\n")
    problems = [problem.translate("vi") for problem in refused.value.problems]
    assert problems == [
        "mục “extra”: không có mục này",
        "mục “letter”, mục “closing”, mục “chi-bo”: không có chỗ trống {unit}; dùng được: {plan}, {plan_number}, "
        "{issuer}, {board}, {report_to}, {addressee}, {form}, {period}, {deadline}",
        "mục “letter”, mục “closing”, mục “all”: không có chỗ trống {unit}; dùng được: {plan}, {plan_number}, "
        "{issuer}, {board}, {report_to}, {addressee}, {form}, {period}, {deadline}",
        "mục “report”, mục “lesson”: không có mục này",
        "mục “report”, mục “lessons”: cần một dòng chữ",
    ]


def test_a_centred_line_is_broken_where_its_lines_come_out_even():
    width = 165 / 25.4 * 72  # the text width, in points
    summary = "đẩy mạnh công tác tuyên truyền sau Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
    assert balanced(summary, width, 14, bold=True) == ("đẩy mạnh công tác tuyên truyền sau Đại hội\n"
                                                       "đại biểu toàn quốc lần thứ XIII của Đảng")
    assert balanced("Tuyên truyền miệng", width, 14, bold=True) == "Tuyên truyền miệng"
    # ĐẢNG CỘNG SẢN VIỆT NAM at 15 pt bold is about 73 mm (format-36-hd.md §3.1).
    assert round(text_width("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True) * 25.4 / 72) == 73


def test_numbers_and_dates_are_kept_on_one_line():
    assert unbroken("theo Hướng dẫn số 03-HD/ĐUK ngày 24/02/2021, số 12 người") == (
        "theo Hướng dẫn số\u00a003\u2011HD/ĐUK ngày\u00a024/02/2021, số 12 người")
