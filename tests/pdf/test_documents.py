"""Every kind of document as PDF: pages, paper, fonts, text, page numbers and properties as the format wants."""

from __future__ import annotations

import io
import math
import re
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from docgen.format import load_profile
from docgen.pdf import ConversionFailed
from docgen.pdf.pages import page_images

from .conftest import KINDS, MM, fonts, poppler, words

PROFILE = load_profile()
# What the seed plan makes today for the first unit of examples/units.csv, pages looked at.
PAGES = {"plan": 7, "unit-plan": 6, "letter": 1, "guidance": 2, "report": 3}  # body lines of exactly 18 pt
# Times New Roman, as the documents declare it, is Liberation Serif 2 here: nothing else may appear.
LIBERATION = {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}


def paragraphs(docx: bytes) -> list[str]:
    """The text of every paragraph of the body, table cells included; a no-break hyphen (a number kept on
    one line) as the hyphen the PDF draws for it."""
    body = Document(io.BytesIO(docx)).element.body
    texts = ("".join(node.text or "" for node in paragraph.iter(qn("w:t"))) for paragraph in body.iter(qn("w:p")))
    return [text.replace("\u2011", "-") for text in texts if text.strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_on_a4(pdf, kind):
    reader = PdfReader(pdf[kind])
    assert len(reader.pages) == PAGES[kind]
    tolerance = PROFILE.page.paper_tolerance_mm
    for page in reader.pages:
        assert abs(float(page.mediabox.width) / MM - PROFILE.page.width_mm) < tolerance
        assert abs(float(page.mediabox.height) / MM - PROFILE.page.height_mm) < tolerance


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded_liberation_serif(pdf, kind):
    found = fonts(pdf[kind])
    assert {"LiberationSerif", "LiberationSerif-Bold"} <= {name for name, _ in found}
    assert {name for name, _ in found} <= LIBERATION, found
    assert all(embedded for _, embedded in found), found


@pytest.mark.parametrize("kind", KINDS)
def test_the_vietnamese_text_comes_out_intact(pdf, docx, kind):
    """Every paragraph's text, every diacritic of it, is in the PDF's text, which is NFC; only the
    line breaks differ."""
    text = poppler("pdftotext", "-raw", pdf[kind], "-")
    assert unicodedata.is_normalized("NFC", text)
    # A paragraph may go on over a page, whose number comes first in the text of the page.
    squeezed = "".join(re.sub(r"\f\d+\n", "", text).split())
    expected = paragraphs(docx[kind])
    assert len(expected) > 10
    missing = [paragraph for paragraph in expected if "".join(paragraph.split()) not in squeezed]
    assert not missing, missing
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "hiện Kế hoạch số" in text


@pytest.mark.parametrize("kind", KINDS)
def test_page_numbers_from_page_two_centred_in_the_top_margin(pdf, kind):
    page = PROFILE.page
    text_centre = (page.margins_mm["left"] + PROFILE.text_width_mm / 2) * MM
    in_margin = [word for word in words(pdf[kind]) if word.top < (page.margins_mm["top"] - 2) * MM]
    assert [word.text for word in in_margin] == [str(n) for n in range(page.page_number_from, PAGES[kind] + 1)]
    assert [word.page for word in in_margin] == list(range(page.page_number_from, PAGES[kind] + 1))
    for word in in_margin:
        assert abs(word.left + word.width / 2 - text_centre) < 1 * MM
        assert abs(word.top - page.header_distance_mm * MM) < 2 * MM


@pytest.mark.parametrize("kind, author", [
    ("plan", "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"),
    ("unit-plan", "Đảng ủy Sở Tài chính"),
    ("letter", "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"),
    ("guidance", "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"),
    ("report", "Đảng ủy Sở Tài chính"),
])
def test_properties_name_the_document_and_its_issuing_body(pdf, docx, kind, author):
    core = Document(io.BytesIO(docx[kind])).core_properties
    metadata = PdfReader(pdf[kind]).metadata
    assert metadata.author == core.author == author
    assert metadata.title == core.title and metadata.title
    assert metadata.subject == core.subject


def test_pdfa_2b_for_archives(pool, pdf, docx):
    converted = pool.convert(docx["letter"], pdfa=True)
    claims = "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"
    assert all(claim in poppler("pdfinfo", "-meta", "-", data=converted) for claim in claims)
    assert "pdfaid" not in poppler("pdfinfo", "-meta", pdf["letter"])
    assert all(embedded for _, embedded in fonts(converted))


def test_a_document_libreoffice_cannot_open_fails_alone(pool, docx):
    before = pool.stats.retries
    results = [result for _, result in pool.convert_all([docx["letter"], b"PK\x03\x04 not a docx", docx["report"]])]
    assert isinstance(results[1], ConversionFailed)
    assert str(results[1]) == "LibreOffice không mở được văn bản"
    assert results[1].translate("en") == "LibreOffice could not open the document"
    assert [len(PdfReader(io.BytesIO(results[n])).pages) for n in (0, 2)] == [PAGES["letter"], PAGES["report"]]
    assert pool.stats.retries == before  # the office did not crash: nothing to try again


def test_page_images_show_every_page(pdf):
    images = page_images(pdf["guidance"].read_bytes(), resolution=50)
    assert len(images) == PAGES["guidance"]
    for image in images:
        assert image.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
        # pdftoppm rounds a part pixel up: 595.3 × 841.9 points at 50 dpi
        assert (width, height) == (math.ceil(210 / 25.4 * 50), math.ceil(297 / 25.4 * 50)) == (414, 585)
