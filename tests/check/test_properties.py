"""Effective formatting, resolved the way Word resolves it, on documents docgen did not make."""

import io

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.check.package import Package
from docgen.check.properties import Location, WordDocument


def read(doc) -> WordDocument:
    buffer = io.BytesIO()
    doc.save(buffer)
    return WordDocument(Package(buffer.getvalue()))


def first_run(word: WordDocument, text: str):
    paragraph = next(p for p in word.paragraphs if text in p.text)
    return next(run for run in paragraph.runs if text in run.text).format


def test_direct_formatting_wins():
    doc = Document()
    run = doc.add_paragraph().add_run("trực tiếp")
    run.font.name, run.font.size, run.bold, run.italic = "Times New Roman", Pt(13), True, True
    run.underline, run.font.all_caps = True, True
    fmt = first_run(read(doc), "trực tiếp")
    assert (fmt.font, fmt.font_hansi, fmt.size_pt) == ("Times New Roman", "Times New Roman", 13)
    assert (fmt.bold, fmt.italic, fmt.underline, fmt.caps) == (True, True, True, True)


def test_theme_fonts_and_document_defaults():
    """python-docx's blank document: its theme's minor font (Cambria), 11 pt from the defaults."""
    doc = Document()
    doc.add_paragraph("mặc định")
    fmt = first_run(read(doc), "mặc định")
    assert fmt.font == fmt.font_hansi == "Cambria"
    assert fmt.size_pt == 11
    assert not fmt.bold and not fmt.underline


def test_major_theme_font_of_a_heading_style():
    doc = Document()
    doc.add_heading("tiêu đề", level=1)
    fmt = first_run(read(doc), "tiêu đề")
    assert fmt.font == "Calibri"  # the theme's major font
    assert fmt.bold


def test_paragraph_style_chain_and_character_style():
    doc = Document()
    base = doc.styles.add_style("Base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.name, base.font.size, base.font.italic = "Times New Roman", Pt(14), True
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    base.paragraph_format.first_line_indent = Mm(10)
    child = doc.styles.add_style("Child", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base
    child.font.size = Pt(15)
    strong = doc.styles.add_style("Strongish", WD_STYLE_TYPE.CHARACTER)
    strong.font.underline = True
    paragraph = doc.add_paragraph(style="Child")
    paragraph.add_run("kế thừa")
    paragraph.add_run("ký tự", style="Strongish")
    word = read(doc)
    inherited = first_run(word, "kế thừa")
    assert (inherited.font, inherited.size_pt, inherited.italic, inherited.underline) == ("Times New Roman", 15, True, False)
    assert first_run(word, "ký tự").underline
    fmt = next(p for p in word.paragraphs if p.text == "kế thừaký tự").format
    assert fmt.alignment == "justify"
    assert fmt.first_line_indent_twips == 567
    assert fmt.style == "Child"


def test_toggle_properties_flip_between_paragraph_and_character_styles():
    """Bold in the paragraph style and again in the character style gives regular text in Word;
    a direct value is taken as set."""
    doc = Document()
    bold_paragraph = doc.styles.add_style("Bold Para", WD_STYLE_TYPE.PARAGRAPH)
    bold_paragraph.font.bold = True
    bold_char = doc.styles.add_style("Bold Char", WD_STYLE_TYPE.CHARACTER)
    bold_char.font.bold = True
    paragraph = doc.add_paragraph(style="Bold Para")
    paragraph.add_run("đậm")
    paragraph.add_run("lật", style="Bold Char")
    paragraph.add_run("trực tiếp", style="Bold Char").bold = True
    word = read(doc)
    assert first_run(word, "đậm").bold
    assert not first_run(word, "lật").bold
    assert first_run(word, "trực tiếp").bold


def test_table_style_sits_between_paragraph_styles_and_defaults():
    doc = Document()
    table_style = doc.styles.add_style("Grid Bold", WD_STYLE_TYPE.TABLE)
    table_style.font.bold = True
    table_style.font.size = Pt(12)
    sized = doc.styles.add_style("Sized", WD_STYLE_TYPE.PARAGRAPH)
    sized.font.size = Pt(13)
    table = doc.add_table(rows=1, cols=2)
    table.style = table_style
    table.cell(0, 0).paragraphs[0].add_run("bảng")
    table.cell(0, 1).paragraphs[0].style = sized
    table.cell(0, 1).paragraphs[0].add_run("kiểu đoạn")
    word = read(doc)
    from_table = first_run(word, "bảng")
    assert from_table.bold and from_table.size_pt == 12
    assert first_run(word, "kiểu đoạn").size_pt == 13


def test_no_fonts_anywhere():
    doc = Document()
    doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts")).attrib.clear()
    doc.add_paragraph("không phông")
    assert first_run(read(doc), "không phông").font is None


def test_locations_in_reading_order():
    doc = Document()
    doc.add_paragraph("một")
    table = doc.add_table(rows=2, cols=2)
    table.cell(1, 1).paragraphs[0].add_run("ô")
    table.cell(1, 1).add_paragraph("ô hai")
    doc.add_paragraph("hai")
    word = read(doc)
    where = {p.text: p.location for p in word.paragraphs if p.text}
    assert where["một"] == Location(1)
    assert where["ô hai"] == Location(2, ((1, 2, 2),))
    assert where["hai"] == Location(2)
    assert where["ô hai"].describe("vi") == "bảng 1, ô (2,2), đoạn 2"
    assert where["ô hai"].describe("en") == "table 1, cell (2,2), paragraph 2"


def test_cell_width_border_and_line_breaks():
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    table.cell(0, 1).width = Mm(90)
    paragraph = table.cell(0, 1).paragraphs[0]
    paragraph.add_run("dòng một")
    paragraph.add_run().add_break()
    paragraph.add_run("dòng hai")
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    found = next(p for p in read(doc).paragraphs if "dòng" in p.text)
    assert found.text == "dòng một\ndòng hai"
    assert found.format.bottom_border
    assert found.width_twips == Mm(90).twips - 2 * 108


def test_sections_and_headers():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = Mm(30)
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].add_run("đầu trang")
    word = read(doc)
    (only,) = word.sections
    assert (only.width_twips, only.height_twips, only.landscape, only.title_page) == (11906, 16838, False, True)
    assert only.margins_twips["left"] == Mm(30).twips
    (paragraph,) = word.header_paragraphs(only.headers["default"], 1)
    assert paragraph.text == "đầu trang"
    assert paragraph.location.describe("vi") == "đầu trang phần 1, đoạn 1"
    assert paragraph.location.describe("en") == "header of section 1, paragraph 1"


@pytest.mark.parametrize("deleted", [True, False])
def test_deleted_text_is_not_read(deleted):
    doc = Document()
    paragraph = doc.add_paragraph("giữ ")
    run = paragraph.add_run("bỏ")
    if deleted:
        wrapper = OxmlElement("w:del")
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        run._r.find(qn("w:t")).tag = qn("w:delText")
    text = next(p.text for p in read(doc).paragraphs if p.text.startswith("giữ"))
    assert text == ("giữ " if deleted else "giữ bỏ")
