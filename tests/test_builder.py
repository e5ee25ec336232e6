"""The templates: built reproducibly from the profile, committed up to date, styled as the profile says."""

import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docgen.builder import build_templates
from docgen.format import load_profile
from docgen.kinds import KINDS

from .conftest import REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("templates")
    return {path.stem: path for path in build_templates(out)}


def test_profile_holds_the_format_numbers():
    profile = load_profile("hd36-2018")
    assert (profile.page.width_mm, profile.page.height_mm) == (210, 297)
    assert profile.page.margins_mm == {"top": 20, "bottom": 20, "left": 30, "right": 15}
    assert profile.font == "Times New Roman"
    assert profile.text_width_mm == 165
    assert profile.header.left_mm + profile.header.right_mm == 165
    heading = profile.elements["party_heading"]
    assert (heading.size, heading.bold, heading.text) == (15, True, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert profile.elements["place_date"].italic is True
    assert profile.elements["recipient"].size == 12
    assert profile.resolved("level_roman").size == 14
    assert profile.resolved("level_roman").bold is True


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown format profile"):
        load_profile("hd99-2030")


def test_build_is_reproducible(built, tmp_path):
    again = {path.stem: path for path in build_templates(tmp_path)}
    assert sorted(again) == sorted({kind.template.removesuffix(".docx") for kind in KINDS.values()})
    for name in again:
        assert built[name].read_bytes() == again[name].read_bytes(), name


def test_committed_templates_are_up_to_date(built):
    """templates/ must be what `docgen build-templates` makes from the profile today."""
    for name, path in built.items():
        committed = REPO / "templates" / f"{name}.docx"
        assert committed.read_bytes() == path.read_bytes(), (
            f"templates/{name}.docx is stale: run `docgen build-templates`"
        )


def test_page_setup(built):
    section = Document(built["plan"]).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [margin.twips for margin in margins] == [1134, 1134, 1701, 850]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_every_profile_element_is_a_named_style(built):
    profile = load_profile()
    styles = Document(built["plan"]).styles
    for key, element in profile.elements.items():
        style = styles[element.style]
        resolved = profile.resolved(key)
        size = style.font.size or style.base_style.font.size
        assert size == Pt(resolved.size), key
        assert style.font.name == "Times New Roman", key
        assert bool(style.font.bold) == bool(resolved.bold), key
        assert bool(style.font.italic) == bool(resolved.italic), key
    assert styles["Party Body"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert styles["Party Recipients Label"].font.underline


def test_templates_are_docx_packages_without_thumbnail(built):
    names = zipfile.ZipFile(io.BytesIO(built["plan"].read_bytes())).namelist()
    assert "word/document.xml" in names
    assert "docProps/thumbnail.jpeg" not in names
