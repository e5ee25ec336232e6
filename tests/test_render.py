"""The committee's plan rendered in the Party format: inspected with python-docx, opened in LibreOffice."""

import io
import re
import unicodedata
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import outline
from docgen.cli import main
from docgen.context import plan_context
from docgen.derive import document_context
from docgen.engine import RenderError, render_reference, template_path
from docgen.vn.text import apply_tone_style

from .conftest import SEED_TEXT, assert_passes_check, paragraph_template


def seed_body_paragraphs(seed_text: str) -> list[str]:
    """The seed's body paragraphs as the document must show them: markers spaced, ủy style."""
    body = seed_text[seed_text.index("-----") + 5: seed_text.index("Nơi nhận:")]
    paragraphs = []
    for _, node in outline.walk(outline.parse(body)):
        text = node.text.upper() if node.kind == "roman" else node.text
        paragraphs.append(apply_tone_style(f"{node.marker} {text}".strip(), "old"))
    return paragraphs


@pytest.fixture(scope="module")
def imported_and_rendered(tmp_path_factory):
    """The seed text through `docgen import-plan` then `docgen render --kind plan`."""
    work = tmp_path_factory.mktemp("render")
    runner = CliRunner()
    imported = runner.invoke(main, ["import-plan", str(SEED_TEXT), "-o", str(work / "plan.yaml")])
    assert imported.exit_code == 0, imported.output
    rendered = runner.invoke(main, ["render", str(work / "plan.yaml"), "--kind", "plan", "-o", str(work / "plan.docx")])
    assert rendered.exit_code == 0, rendered.output
    return work / "plan.docx"


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory, seed_plan):
    path = tmp_path_factory.mktemp("example") / "ke-hoach.docx"
    path.write_bytes(render_reference(template_path("plan"), plan_context(seed_plan)))
    return path


# Numbers and dates are kept on one line with a no-break space and hyphen, which a reader sees as any other.
AS_SEEN = str.maketrans({"\u00a0": " ", "\u2011": "-"})


def texts(document) -> list[str]:
    """The paragraphs as a reader sees them."""
    return [paragraph.text.translate(AS_SEEN) for paragraph in document.paragraphs]


def test_every_seed_paragraph_and_recipient_is_in_the_document(imported_and_rendered, seed_text):
    document = Document(imported_and_rendered)
    shown = texts(document)
    missing = [paragraph for paragraph in seed_body_paragraphs(seed_text) if paragraph not in shown]
    assert missing == []
    recipients = [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients == [
        "Nơi nhận:",
        "- Ban Tuyên giáo Tỉnh ủy (để b/c),",
        "- Các đồng chí UVBTV ĐUK,",
        "- Các đảng bộ, chi bộ cơ sở,",
        "- Đoàn Khối CQ - DN tỉnh,",
        "- BTG ĐUK,",
        "- Lưu VP.",
    ]


def test_rendered_plans_pass_the_checker(example_docx, tmp_path):
    """The example, and the seed imported with its glued words fixed (without --fix the text
    keeps them, and the checker rightly reports them)."""
    assert_passes_check(example_docx)
    runner = CliRunner()
    imported = runner.invoke(main, ["import-plan", str(SEED_TEXT), "--fix", "-o", str(tmp_path / "plan.yaml")])
    assert imported.exit_code == 0, imported.output
    rendered = runner.invoke(main, ["render", str(tmp_path / "plan.yaml"), "-o", str(tmp_path / "plan.docx")])
    assert rendered.exit_code == 0, rendered.output
    assert_passes_check(tmp_path / "plan.docx")


def test_no_template_tags_are_left_and_text_is_nfc(imported_and_rendered):
    xml = zipfile.ZipFile(imported_and_rendered).read("word/document.xml").decode("utf-8")
    assert "{{" not in xml and "{%" not in xml and "}}" not in xml
    assert unicodedata.is_normalized("NFC", xml)


def test_header_block(example_docx):
    document = Document(example_docx)
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ TỈNH HƯNG YÊN",
        "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH",
        "*",
        "Số 15-KH/ĐUK",
    ]
    assert [p.style.name for p in left.paragraphs] == [
        "Party Superior Body", "Party Issuing Body", "Party Star", "Party Number",
    ]
    heading, date_line = right.paragraphs
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert heading.style.font.size == Pt(15) and heading.style.font.bold
    border = heading._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "single"
    assert date_line.text == "Hưng Yên, ngày 25 tháng 5 năm 2021"
    assert date_line.style.font.italic and date_line.style.font.size == Pt(14)
    assert left.paragraphs[1].style.font.bold and not left.paragraphs[0].style.font.bold
    widths = [cell.width.mm for cell in header.rows[0].cells]
    assert [round(width) for width in widths] == [75, 90]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is None or all(b.get(qn("w:val")) in ("nil", "none") for b in borders)


def test_title_body_and_signature(example_docx):
    document = Document(example_docx)
    paragraphs = document.paragraphs
    shown = texts(document)
    title = shown.index("KẾ HOẠCH")
    # Two lines of nearly equal width, not a full line and "của Đảng" alone.
    assert shown[title + 1] == "đẩy mạnh công tác tuyên truyền sau Đại hội\nđại biểu toàn quốc lần thứ XIII của Đảng"
    assert shown[title + 2] == "-----"
    assert paragraphs[title].style.font.size == Pt(16) and paragraphs[title].style.font.bold
    assert paragraphs[title + 1].style.font.bold
    body = paragraphs[title + 3]
    assert body.text.startswith("Thực hiện Kế hoạch số\u00a020\u2011KH/TU ngày\u00a019/5/2021")
    assert body.style.name == "Party Body"
    assert body.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    heading = paragraphs[shown.index("I. MỤC ĐÍCH, YÊU CẦU")]
    assert heading.style.name == "Party Level I" and heading.style.font.bold
    assert paragraphs[shown.index("1. Mục đích")].style.name == "Party Level 1"
    assert paragraphs[shown.index("2.2. Tuyên truyền miệng")].style.name == "Party Level 1.1"
    runin = next(p for p in paragraphs if p.text.startswith("3. Trang thông tin điện tử"))
    assert runin.runs[0].bold and runin.runs[0].text == "3."
    assert not runin.runs[1].bold
    plus = next(p for p in paragraphs if p.text.startswith("+ Vận động"))
    assert plus.style.name == "Party Level Plus"
    signer = document.tables[-1].rows[0].cells[1].paragraphs
    assert [p.text for p in signer if p.text] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Quốc Toản"]
    assert signer[0].style.font.bold and not signer[1].style.font.bold and signer[-1].style.font.bold
    label = document.tables[-1].rows[0].cells[0].paragraphs[0]
    assert label.text == "Nơi nhận:" and label.style.font.underline
    assert document.tables[-1].rows[0].cells[0].paragraphs[1].style.font.size == Pt(12)


def test_tone_style_is_the_organisation_s(example_docx, seed_plan):
    assert "Cấp uỷ" in seed_plan.body
    shown = "\n".join(texts(Document(example_docx)))
    assert "Cấp ủy các cơ quan" in shown and "uỷ" not in shown


def test_properties(example_docx):
    properties = Document(example_docx).core_properties
    assert properties.title == "Kế hoạch"
    assert properties.author == "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"
    assert properties.subject.startswith("Kế hoạch đẩy mạnh công tác tuyên truyền")
    assert properties.language == "vi-VN"


def test_blank_number_when_not_registered(seed_plan):
    context = plan_context(seed_plan.model_copy(update={"number": None, "date": None}))
    assert context["header"]["number"] == "Số       -KH/ĐUK"
    assert context["header"]["place_date"].startswith("Hưng Yên, ngày ")
    document = Document(io.BytesIO(render_reference(template_path("plan"), context)))
    assert document.tables[0].rows[0].cells[0].paragraphs[3].text == "Số       -KH/ĐUK"


def test_markup_in_the_data_is_escaped(seed_plan):
    """docxtpl does not escape by default: one `&` used to cut the document short."""
    hostile = 'Sở Tài chính & Kế hoạch <b>"đầu tư"</b> {{ 7*7 }}'
    plan = seed_plan.model_copy(update={"summary": hostile, "body": seed_plan.body + "\n- " + hostile})
    document = Document(io.BytesIO(render_reference(template_path("plan"), plan_context(plan))))
    shown = texts(document)
    assert shown.count(hostile) == 1 and f"- {hostile}" in shown
    assert len(document.paragraphs) == len(Document(io.BytesIO(render_reference(
        template_path("plan"), plan_context(seed_plan)))).paragraphs) + 1


def test_templates_cannot_reach_python_internals(tmp_path):
    """A template someone uploads runs in the sandbox: no attribute walk to Python's internals."""
    path = paragraph_template(tmp_path / "hostile.docx", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError, match="unsafe"):
        render_reference(path, {})


def test_missing_data_is_a_render_error(seed_plan):
    context = plan_context(seed_plan)
    del context["signature"]
    with pytest.raises(RenderError, match="signature"):
        render_reference(template_path("plan"), context)


def test_libreoffice_renders_the_seed_plan(example_docx, office, artifacts):
    (pdf,) = office.to_pdf(example_docx)
    assert 3 <= office.pages(pdf) <= 7  # 14 pt on lines of exactly 18 pt
    fonts = office.fonts(pdf)
    assert fonts and all("LiberationSerif" in font for font in fonts), fonts
    text = office.text(pdf)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Hưng Yên, ngày 25 tháng 5 năm 2021", "KẾ HOẠCH",
                     "ĐẢNG ỦY KHỐI CƠ QUAN -", "Số 15-KH/ĐUK", "T/M BAN THƯỜNG VỤ", "Trần Quốc Toản",
                     "phong phú, sinh động, toàn diện, đồng bộ, thống nhất"):
        assert expected in text, expected
    page1 = office.page_png(pdf, artifacts / "plan-page1")
    assert page1.stat().st_size > 10_000


def test_libreoffice_renders_the_guidance(seed_plan, office, artifacts, tmp_path):
    path = tmp_path / "huong-dan.docx"
    path.write_bytes(render_reference(template_path("guidance"), document_context("guidance", seed_plan)))
    assert_passes_check(path)
    (pdf,) = office.to_pdf(path)
    assert 1 <= office.pages(pdf) <= 3
    text = office.text(pdf)
    for expected in ("HƯỚNG DẪN", "I. NỘI DUNG", "V. TỔ CHỨC THỰC HIỆN", "Nơi nhận:",
                     "- Các đảng bộ, chi bộ cơ sở trực thuộc,"):
        assert expected in text, expected
    assert re.search(r"Số +-HD/ĐUK", text)
    office.page_png(pdf, artifacts / "guidance-page1")
