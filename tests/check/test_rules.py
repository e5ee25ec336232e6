"""The checker on a good document, on one planted defect per rule, on a plain Word file, and on bad files.

The good document is docgen's own plan template rendered with data: it must pass with no
finding at all.  Every planted defect is made from it by changing one thing.
"""

import io
import json
import re
import zipfile
from dataclasses import replace

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from docgen.check import UnreadableDocument, check_document, package
from docgen.check.report import format_human, to_json
from docgen.engine import render_reference, template_path
from docgen.format import load_profile

from ..conftest import EXAMPLES, SEED_TEXT

HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
NUMBER = "Số 15-KH/ĐUK"
DATE = "Hưng Yên, ngày 25 tháng 5 năm 2021"
BODY = "Căn cứ vào Kế hoạch này, các đảng bộ, chi bộ cơ sở triển khai thực hiện."
AUTHORITY = "T/M BAN THƯỜNG VỤ"
LAST_RECIPIENT = "- Lưu Văn phòng Đảng ủy."

CONTEXT = {
    "header": {"superior": "ĐẢNG BỘ TỈNH HƯNG YÊN", "issuer": "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH",
               "number": NUMBER, "place_date": DATE},
    "title": "KẾ HOẠCH",
    "summary": "đẩy mạnh công tác tuyên truyền",
    "body": [
        {"kind": "roman", "marker": "I.", "text": "I. MỤC ĐÍCH, YÊU CẦU"},
        {"kind": "number", "marker": "1.", "text": "1. Mục đích"},
        {"kind": "dash", "marker": "-", "text": "- Tiếp tục tạo sự thống nhất về nhận thức."},
        {"kind": "text", "marker": "", "text": BODY},
    ],
    "signature": {"authority": AUTHORITY, "title": "PHÓ BÍ THƯ", "name": "Nguyễn Văn An"},
    "recipients": ["- Ban Tuyên giáo Tỉnh ủy (để b/c),", LAST_RECIPIENT],
    "properties": {"subject": "x", "author": "y"},
}


@pytest.fixture(scope="module")
def good() -> bytes:
    return render_reference(template_path("plan"), CONTEXT)


# -- editing a document ---------------------------------------------------------------------------


def edited(data: bytes, *changes) -> bytes:
    doc = Document(io.BytesIO(data))
    for change in changes:
        change(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for cell in table._cells:
            yield from cell.paragraphs


def find(doc, text):
    return next(p for p in all_paragraphs(doc) if p.text == text)


def retext(old, new):
    def change(doc):
        paragraph = find(doc, old)
        paragraph.runs[0].text = new
        for run in paragraph.runs[1:]:
            run.text = ""
    return change


def restyle(text, **values):
    """Direct formatting on every run of the paragraph saying ``text``."""
    def change(doc):
        for run in find(doc, text).runs:
            for name, value in values.items():
                if name == "size":
                    run.font.size = Pt(value)
                elif name == "font":
                    run.font.name = value
                else:
                    setattr(run, name, value)
    return change


def paragraph_xml(text, cell_of=None):
    """Add a paragraph (in the cell holding ``cell_of``, else at the end of the body)."""
    def change(doc):
        container = find(doc, cell_of)._parent if cell_of else doc
        container.add_paragraph(text)
    return change


def no_heading_border(doc):
    p_pr = find(doc, HEADING)._p.pPr
    p_pr.remove(p_pr.find(qn("w:pBdr")))


def full_width_heading_border(doc):
    p_pr = find(doc, HEADING)._p.pPr
    p_pr.remove(p_pr.find(qn("w:ind")))


VML_LINE = ('<w:r {w} xmlns:v="urn:schemas-microsoft-com:vml">'
            '<w:pict><v:line from="0,0" to="{length}pt,0"/></w:pict></w:r>')
DRAWINGML_LINE = (
    '<w:r {w} {wp} {a} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
    ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{emu}" cy="0"/><wp:wrapNone/><wp:docPr id="1" name="Line"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
)


def drawn_heading_line(length_mm, template=VML_LINE):
    """The heading's border replaced by a line shape in an empty paragraph under it."""
    def change(doc):
        no_heading_border(doc)
        holder = OxmlElement("w:p")
        holder.append(parse_xml(template.format(
            w=nsdecls("w"), wp=nsdecls("wp"), a=nsdecls("a"), length=length_mm * 72 / 25.4, emu=length_mm * 36000)))
        find(doc, HEADING)._p.addnext(holder)
    return change


def header_in_one_cell_with_line_breaks(doc):
    """Superior, issuer, * and number typed as one paragraph with Shift+Enter, each line formatted."""
    superior = find(doc, "ĐẢNG BỘ TỈNH HƯNG YÊN")
    for text in ("ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", "*", NUMBER):
        paragraph = find(doc, text)
        superior.runs[-1].add_break()
        run = superior.add_run(text)
        run.bold = text.startswith("ĐẢNG ỦY")
        paragraph._p.getparent().remove(paragraph._p)


def heading_typed_in_lower_case_with_caps(doc):
    heading = find(doc, HEADING)
    heading.runs[0].text = "Đảng Cộng sản Việt Nam"
    heading.runs[0].font.all_caps = True


def separator_drawn(doc):
    separator = find(doc, "-----")
    summary = find(doc, CONTEXT["summary"])
    borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1"/></w:pBdr>')
    summary._p.get_or_add_pPr().append(borders)
    separator._p.getparent().remove(separator._p)


def delete(text):
    def change(doc):
        paragraph = find(doc, text)
        paragraph._p.getparent().remove(paragraph._p)
    return change


def section(**values):
    def change(doc):
        for name, value in values.items():
            setattr(doc.sections[0], name, value)
    return change


def landscape(doc):
    s = doc.sections[0]
    s.orientation, s.page_width, s.page_height = WD_ORIENT.LANDSCAPE, s.page_height, s.page_width


def long_body(doc):
    body = find(doc, BODY)
    for _ in range(60):
        body._p.addnext(parse_xml(body._p.xml))


def no_page_number(doc):
    for paragraph in doc.sections[0].header.paragraphs:
        for run in paragraph.runs:
            run._r.getparent().remove(run._r)


# -- the good document ----------------------------------------------------------------------------


def test_docgen_plan_has_no_finding(good):
    result = check_document(good)
    assert result.kind == "party"
    assert result.findings == []
    assert result.ok


def test_docgen_plan_from_a_path_and_in_english(good, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(good)
    assert check_document(path, language="en").findings == []


def test_the_blank_draft_number_and_a_padded_february_pass(good):
    data = edited(good, retext(NUMBER, "Số      -KH/ĐUK"), retext(DATE, "Hưng Yên, ngày 25 tháng 02 năm 2021"))
    assert check_document(data).findings == []


@pytest.mark.parametrize("template", [VML_LINE, DRAWINGML_LINE], ids=["vml", "drawingml"])
def test_a_drawn_heading_line_of_the_right_length_passes(good, template):
    assert check_document(edited(good, drawn_heading_line(75, template))).findings == []


def test_capitals_by_the_caps_property_pass(good):
    assert check_document(edited(good, heading_typed_in_lower_case_with_caps)).findings == []


def test_header_lines_broken_with_shift_enter_are_read_line_by_line(good):
    assert check_document(edited(good, header_in_one_cell_with_line_breaks)).findings == []
    def bold_superior(doc):
        next(p for p in all_paragraphs(doc) if p.text.startswith("ĐẢNG BỘ")).runs[0].bold = True
    wrong = edited(good, header_in_one_cell_with_line_breaks, bold_superior)
    assert {(f.rule, f.severity) for f in check_document(wrong).findings} == {("superior-format", "error")}


def test_a_report_period_under_the_summary_is_not_summary(good):
    def period(doc):
        find(doc, "-----").insert_paragraph_before("(từ ngày 25/5/2021 đến ngày 30/11/2021)")
    assert check_document(edited(good, period)).findings == []


@pytest.mark.parametrize(("superior", "issuer", "authority"), [
    ("TỈNH ỦY HƯNG YÊN", "BAN TUYÊN GIÁO", "K/T TRƯỞNG BAN"),
    ("TỈNH ỦY HƯNG YÊN", "VĂN PHÒNG", "K/T CHÁNH VĂN PHÒNG"),
    ("ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", "ỦY BAN KIỂM TRA", "K/T CHỦ NHIỆM"),
])
def test_a_deputy_signs_k_t_under_a_body_with_one_head(good, superior, issuer, authority):
    changed = edited(good, retext("ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", issuer),
                     retext("ĐẢNG BỘ TỈNH HƯNG YÊN", superior), retext(AUTHORITY, authority))
    assert check_document(changed).findings == []


def rendered(kind: str, plan, unit=None) -> bytes:
    """One document as docgen makes it."""
    from docgen.derive import document_context
    from docgen.engine import Engine

    return Engine("compiled").render(kind, document_context(kind, plan, unit))


@pytest.mark.parametrize(("kind", "unit_code", "signed", "fix"), [
    ("plan", None, "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY"),
    ("unit-plan", "DB01", "T/M ĐẢNG ỦY", "T/M ĐẢNG ỦY"),
    ("unit-plan", "CB01", "T/M CHI BỘ", "T/M CHI BỘ"),
])
def test_k_t_under_a_committee_is_an_error_with_the_fix(seed_plan, kind, unit_code, signed, fix):
    from docgen.units import read_units

    unit = next(unit for unit in read_units(EXAMPLES / "units.csv") if unit.code == unit_code) if unit_code else None
    document = rendered(kind, seed_plan, unit)
    assert check_document(document).findings == []
    for language, message in [
        ("vi", "Văn bản của cấp ủy ký thay mặt tập thể (“T/M”) dù ai ký, cấp phó cũng vậy; “K/T” chỉ dùng ở cơ quan"
               f" có một người đứng đầu (ban, văn phòng, ủy ban kiểm tra): viết “{fix}”, chức vụ người ký để ở dòng"
               " dưới."),
        ("en", "A Party committee's document is signed on behalf of the committee (“T/M”) whoever signs, a deputy"
               " too; “K/T” belongs only to bodies with one head (a ban, an office, an inspection committee): write"
               f" “{fix}”, with the signer's title on the line below."),
    ]:
        findings = check_document(edited(document, retext(signed, "K/T BÍ THƯ")), language=language).findings
        assert [(f.rule, f.severity, f.excerpt, f.message) for f in findings] == [
            ("authority-deputy-committee", "error", "K/T BÍ THƯ", message)]


def test_a_long_document_with_its_page_numbers_passes(good):
    assert check_document(edited(good, long_body)).findings == []


# -- one planted defect per rule ------------------------------------------------------------------

DEFECTS = [
    ("party-heading-format", "error", restyle(HEADING, size=14)),
    ("party-heading-format", "error", restyle(HEADING, bold=False)),
    ("party-heading-text", "error", retext(HEADING, "ĐẢNG CÔNG SẢN VIỆT NAM")),
    ("party-heading-missing", "error", retext(HEADING, "")),
    ("party-heading-line", "warning", no_heading_border),
    ("party-heading-line", "warning", full_width_heading_border),
    ("party-heading-line", "warning", drawn_heading_line(120)),
    ("party-heading-line", "warning", drawn_heading_line(40, DRAWINGML_LINE)),
    ("state-header", "error", paragraph_xml("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", cell_of=DATE)),
    ("superior-format", "error", restyle("ĐẢNG BỘ TỈNH HƯNG YÊN", bold=True)),
    ("issuer-format", "error", restyle("ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", bold=False)),
    ("issuer-format", "error", restyle("ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", size=13)),
    ("star-missing", "error", delete("*")),
    ("number-colon", "error", retext(NUMBER, "Số: 15-KH/ĐUK")),
    ("number-state-order", "error", retext(NUMBER, "Số 15/KH-ĐUK")),
    ("number-leading-zero", "error", retext(NUMBER, "Số 5-KH/ĐUK")),
    ("number-state-symbol", "error", retext(NUMBER, "Số 15-QyĐ/ĐUK")),
    ("number-third-segment", "warning", retext(NUMBER, "Số 15-KH/ĐUK/VP")),
    ("number-form", "error", retext(NUMBER, "Số 15 KH ĐUK")),
    ("number-format", "error", restyle(NUMBER, bold=True)),
    ("number-missing", "error", delete(NUMBER)),
    ("place-date-padding", "error", retext(DATE, "Hưng Yên, ngày 5 tháng 5 năm 2021")),
    ("place-date-padding", "error", retext(DATE, "Hưng Yên, ngày 25 tháng 2 năm 2021")),
    ("place-date-padding", "error", retext(DATE, "Hưng Yên, ngày 25 tháng 05 năm 2021")),
    ("place-date-form", "error", retext(DATE, "Hưng Yên ngày 25 tháng 5 năm 2021")),
    ("place-date-format", "error", restyle(DATE, italic=False)),
    ("place-date-missing", "error", delete(DATE)),
    ("doc-title-format", "error", restyle("KẾ HOẠCH", bold=False)),
    ("doc-title-format", "error", restyle("KẾ HOẠCH", size=14)),
    ("doc-title-missing", "warning", delete("KẾ HOẠCH")),
    ("summary-format", "error", restyle(CONTEXT["summary"], bold=False)),
    ("separator-missing", "warning", delete("-----")),
    ("separator-drawn", "warning", separator_drawn),
    ("separator-form", "warning", retext("-----", "---")),
    ("body-size", "error", restyle(BODY, size=13)),
    ("body-size", "error", restyle("1. Mục đích", size=16)),
    ("font", "error", restyle(BODY, font="Arial")),
    ("legacy-font", "error", restyle(BODY, font=".VnTime")),
    ("legacy-font", "error", restyle(BODY, font="VNI-Times")),
    ("authority-state-style", "error", retext(AUTHORITY, "TM. BAN THƯỜNG VỤ")),
    ("authority-deputy-collective", "error", retext(AUTHORITY, "K/T BAN THƯỜNG VỤ")),
    ("authority-deputy-collective", "error", retext(AUTHORITY, "K/T ĐẢNG ỦY")),
    ("authority-deputy-committee", "error", retext(AUTHORITY, "K/T PHÓ BÍ THƯ")),
    ("signature-authority-format", "warning", restyle(AUTHORITY, bold=False)),
    ("signer-title-format", "warning", restyle("PHÓ BÍ THƯ", bold=True)),
    ("signer-name-format", "warning", restyle("Nguyễn Văn An", bold=False)),
    ("recipients-label-format", "warning", restyle("Nơi nhận:", underline=False)),
    ("recipients-label-format", "warning", restyle("Nơi nhận:", size=12)),
    ("recipient-format", "warning", restyle(LAST_RECIPIENT, size=14)),
    ("recipient-prefix", "warning", retext(LAST_RECIPIENT, "Lưu Văn phòng Đảng ủy.")),
    ("recipient-last-period", "warning", retext(LAST_RECIPIENT, "- Lưu Văn phòng Đảng ủy")),
    ("recipient-archive-colon", "warning", retext(LAST_RECIPIENT, "- Lưu: VT, VP.")),
    ("margins", "warning", section(left_margin=Mm(35))),
    ("margins", "warning", section(top_margin=Mm(25), bottom_margin=Mm(25))),
    ("paper-size", "error", section(page_width=Mm(215.9), page_height=Mm(279.4))),
    ("orientation", "error", landscape),
    ("page-number-missing", "warning", lambda doc: (long_body(doc), no_page_number(doc))),
    ("page-number-first-page", "warning", section(different_first_page_header_footer=False)),
    ("page-number-format", "warning", lambda doc: setattr(doc.sections[0].header.paragraphs[0].runs[0].font,
                                                          "size", Pt(10))),
]


@pytest.mark.parametrize(("rule", "severity", "change"), DEFECTS,
                         ids=[f"{rule}-{i}" for i, (rule, _, _) in enumerate(DEFECTS)])
def test_each_planted_defect_is_caught(good, rule, severity, change):
    result = check_document(edited(good, change))
    assert result.findings, "the defect was not found"
    assert {(f.rule, f.severity) for f in result.findings} == {(rule, severity)}, result.findings
    assert all(f.message and f.location for f in result.findings)


def test_a_finding_names_the_place_and_quotes_the_text(good):
    data = edited(good, retext(NUMBER, "Số: 15/KH-ĐUK"))
    result = check_document(data)
    finding = check_document(data, language="en").findings[0]
    assert [f.rule for f in result.findings] == ["number-colon", "number-state-order"]
    colon = result.findings[0]
    assert colon.location == "bảng 1, ô (1,1), đoạn 4"
    assert colon.excerpt == "Số: 15/KH-ĐUK"
    assert "Số 15-KH/ĐUK" in colon.message
    assert finding.location == "table 1, cell (1,1), paragraph 4"
    assert "colon" in finding.message


def test_messages_follow_the_language(good):
    data = edited(good, retext(DATE, "Hưng Yên, ngày 5 tháng 2 năm 2021"))
    (vi,) = check_document(data).findings
    (en,) = check_document(data, language="en").findings
    assert "Hưng Yên, ngày 05 tháng 02 năm 2021" in vi.message and "Ngày dưới 10" in vi.message
    assert en.message == ("Days below 10 and months 1 and 2 take a leading zero, months 3 to 12 do not: "
                          "write “Hưng Yên, ngày 05 tháng 02 năm 2021”.")
    assert vi.location == "bảng 1, ô (1,2), đoạn 2" and en.location == "table 1, cell (1,2), paragraph 2"
    with pytest.raises(ValueError, match=r"^language must be one of \('vi', 'en'\), not 'fr'$"):
        check_document(data, language="fr")


def test_fonts_are_counted_not_listed_per_paragraph(good):
    everything = [HEADING, DATE, NUMBER, BODY, "KẾ HOẠCH", AUTHORITY]
    data = edited(good, *(restyle(text, font="Arial") for text in everything))
    (finding,) = [f for f in check_document(data).findings if f.rule == "font"]
    assert "Arial" in finding.message and "6" in finding.message
    assert finding.location == "bảng 1, ô (1,1), đoạn 4"


def sections_sharing_one_header(doc):
    """A second section whose header reference names the first section's header part."""
    doc.sections[0].header.paragraphs[0].add_run("Trang").font.name = "Arial"
    second = doc.add_section()
    for reference in doc.sections[0]._sectPr.iterfind(qn("w:headerReference")):
        second._sectPr.insert(0, parse_xml(reference.xml))


def test_a_header_that_several_sections_show_is_counted_once(good):
    data = edited(good, sections_sharing_one_header)
    (finding,) = [f for f in check_document(data).findings if f.rule == "font"]
    assert "Arial" in finding.message and " 1 " in finding.message


def test_text_rules_run_on_every_paragraph_and_cell(good):
    data = edited(good, retext(BODY, "Căn cứ vào Kế hoạch này,các đảng bộ triển khai."),
                  retext("PHÓ BÍ THƯ", "PHÓ BÍ THƯTHƯỜNG TRỰC"))
    findings = check_document(data).findings
    assert ("space-after-punctuation", "đoạn 7") in {(f.rule, f.location) for f in findings}
    assert any(f.rule == "glued-word" and f.location == "bảng 2, ô (1,2), đoạn 2" for f in findings)


def test_allow_list_reaches_the_text_rules(good):
    data = edited(good, retext(BODY, "Đăng trên fanpage và bookmark của Đoàn."))
    assert any(f.rule == "invalid-syllable" for f in check_document(data).findings)
    assert check_document(data, allow=["bookmark"]).findings == []


# -- công văn ---------------------------------------------------------------------------------------


def letter(summary="Về việc triển khai Kế hoạch số 15-KH/ĐUK", salutation="Kính gửi: Các đảng bộ, chi bộ cơ sở"):
    def change(doc):
        retext(NUMBER, "Số 16-CV/ĐUK")(doc)
        number = find(doc, "Số 16-CV/ĐUK")
        below = number._parent.add_paragraph()
        run = below.add_run(summary)
        run.font.size, run.italic = Pt(12), True
        below.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in ("KẾ HOẠCH", CONTEXT["summary"], "-----"):
            delete(text)(doc)
        if salutation:
            first = find(doc, "I. MỤC ĐÍCH, YÊU CẦU")
            first.insert_paragraph_before(salutation).alignment = WD_ALIGN_PARAGRAPH.CENTER
    return change


def test_a_good_letter_passes(good):
    assert check_document(edited(good, letter())).findings == []


@pytest.mark.parametrize(("change", "rule", "severity"), [
    (letter(summary="V/v triển khai Kế hoạch số 15-KH/ĐUK"), "letter-summary-prefix", "warning"),
    (letter(salutation=None), "letter-salutation", "warning"),
    (letter(salutation="Kính gửi các đảng bộ, chi bộ cơ sở"), "letter-salutation", "warning"),
])
def test_letter_defects(good, change, rule, severity):
    assert {(f.rule, f.severity) for f in check_document(edited(good, change)).findings} == {(rule, severity)}


def test_letter_summary_size_and_style(good):
    data = edited(good, letter(), restyle("Về việc triển khai Kế hoạch số 15-KH/ĐUK", size=14, italic=False))
    (finding,) = check_document(data).findings
    assert (finding.rule, finding.severity) == ("letter-summary-format", "error")


# -- Party or State ---------------------------------------------------------------------------------


def state_document() -> bytes:
    """A State document (Nghị định 30 style) typed in Word with direct formatting."""
    doc = Document()
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    for cell, lines in ((left, ["UBND TỈNH HƯNG YÊN", "SỞ TÀI CHÍNH", "Số: 15/KH-STC"]),
                        (right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                 "Hưng Yên, ngày 25 tháng 5 năm 2021"])):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai công tác năm 2021")
    doc.add_paragraph("Sở Tài chính xây dựng kế hoạch như sau.")
    signature = doc.add_table(rows=1, cols=2)
    signature.rows[0].cells[0].paragraphs[0].text = "Nơi nhận:"
    signature.rows[0].cells[0].add_paragraph("- Lưu: VT.")
    signature.rows[0].cells[1].paragraphs[0].text = "KT. GIÁM ĐỐC"
    signature.rows[0].cells[1].add_paragraph("PHÓ GIÁM ĐỐC")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_state_document_is_told_apart_and_its_party_breaches_reported():
    result = check_document(state_document())
    assert result.kind == "state"
    assert result.findings[0].rule == "state-document" and result.findings[0].severity == "info"
    rules = {f.rule for f in result.errors}
    assert {"state-header", "number-colon", "number-state-order", "authority-state-style", "star-missing",
            "font"} <= rules
    assert "recipient-archive-colon" in {f.rule for f in result.warnings}


def test_unknown_kind():
    doc = Document()
    doc.add_paragraph("Ghi chú họp tổ.")
    buffer = io.BytesIO()
    doc.save(buffer)
    result = check_document(buffer.getvalue())
    assert result.kind == "unknown"
    assert result.findings[0].rule == "unknown-kind"


# -- a plain Word document made from the seed text ------------------------------------------------


def _run(paragraph, text, size=14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = "Times New Roman", Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def _line(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, **run):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    _run(paragraph, text, **run)
    return paragraph


def plain_seed_document() -> bytes:
    """The seed plan as staff type it in Word: no styles, direct formatting on every run,
    the header and the signature in borderless tables, the heading line a paragraph border."""
    lines = [line.replace("[bookmark: _GoBack]", "").strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    separator = lines.index("-----")
    title, summary, body = lines[0], lines[1:separator], lines[separator + 1:]
    label = body.index("Nơi nhận:")
    body, recipients = body[:label], body[label + 1:]

    doc = Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    page.different_first_page_header_footer = True
    number = page.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "/>')
    number._p.append(field)
    field.append(_run(number, "2")._r)

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    _line(left, "ĐẢNG BỘ TỈNH HƯNG YÊN")
    _line(left, "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP TỈNH", bold=True)
    _line(left, "*")
    _line(left, "Số 15-KH/ĐUK")
    heading = _line(right, HEADING, size=15, bold=True)
    heading.paragraph_format.left_indent = heading.paragraph_format.right_indent = Mm(6.5)
    heading._p.get_or_add_pPr().append(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1"/></w:pBdr>'))
    _line(right, DATE, italic=True)

    _line(doc, title, size=16, bold=True)
    for line in summary:
        _line(doc, line, bold=True)
    _line(doc, "-----")
    for line in body:
        paragraph = _line(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Mm(10)

    signature = doc.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(left.paragraphs[0], "Nơi nhận:", underline=True)
    for item in recipients:
        _line(left, item, align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], AUTHORITY, bold=True)
    _line(right, "PHÓ BÍ THƯ")
    for _ in range(4):
        _line(right, "")
    _line(right, "Nguyễn Văn An", bold=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_plain_word_seed_document_has_the_six_text_defects_and_a_good_format():
    result = check_document(plain_seed_document())
    assert result.kind == "party"
    format_rules = {rule for rule, *_ in DEFECTS}
    assert [f for f in result.findings if f.rule in format_rules] == []
    found = {(f.rule, f.excerpt) for f in result.findings}
    for glued in ("Khốixây", "cấpnhiệm", "hiệnnội", "Khốitruyền"):
        assert ("glued-word", glued) in found
    assert ("space-after-punctuation", "Đảng,Ban") in found
    assert ("outline-number-space", "1.Mục") in found
    glued = next(f for f in result.findings if f.excerpt == "Khốixây")
    assert glued.severity == "error" and "Khối xây" in glued.message
    assert re.fullmatch(r"đoạn \d+", glued.location)


def test_seed_glued_word_in_english():
    result = check_document(plain_seed_document(), language="en")
    glued = next(f for f in result.findings if f.excerpt == "cấpnhiệm")
    assert "cấp nhiệm" in glued.message and "glued" in glued.message


# -- files that are not a .docx -------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DAMAGED_XML = "word/document.xml: Namespace prefix w on document is not defined, line 1, column 12 (<string>, line 1)"


@pytest.mark.parametrize(("data", "vi", "en"), [
    (b"", "tệp rỗng", "empty file"),
    (b"%PDF-1.7\n...", "không phải tệp .docx (không phải tệp ZIP)", "not a .docx file (not a ZIP archive)"),
    ("Kế hoạch số 15".encode(), "không phải tệp .docx (không phải tệp ZIP)", "not a .docx file (not a ZIP archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "tệp Word 97-2003 (.doc) hoặc có mật khẩu: hãy lưu lại dạng .docx",
     "a Word 97-2003 (.doc) or password-protected file: save it as .docx"),
    (_zip({"readme.txt": b"hello"}), "không phải văn bản Word (.docx)", "not a Word document (.docx)"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
     f"tệp hỏng: {DAMAGED_XML}", f"damaged file: {DAMAGED_XML}"),
])
def test_unreadable_files(data, vi, en):
    """One line, in Vietnamese, or in English through the catalog."""
    with pytest.raises(UnreadableDocument) as caught:
        check_document(data)
    assert (str(caught.value), caught.value.translate("en")) == (vi, en)


def test_a_truncated_docx_is_damaged(good):
    with pytest.raises(UnreadableDocument, match=r"không đọc được gói zip"):
        check_document(good[: len(good) // 2])


def test_a_zip_bomb_is_refused_before_inflating():
    bomb = _zip({"word/document.xml": bytes(60 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnreadableDocument) as caught:
        check_document(bomb)
    assert caught.value.translate("en") == "suspicious file (zip bomb): part word/document.xml expands 1028×"


def test_a_file_too_large_is_refused_unread(good, tmp_path, monkeypatch):
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(good)
    with pytest.raises(UnreadableDocument) as caught:
        check_document(path)
    assert caught.value.translate("en") == "file too large (at most 1 KB)"
    size = f"{len(good) / 1024 / 1024:.1f}"
    with pytest.raises(UnreadableDocument, match=rf"^tệp quá lớn: {size} MB > 0 MB$"):
        check_document(good)


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableDocument) as caught:
        check_document(tmp_path / "none.docx")
    assert caught.value.translate("en") == "cannot read the file: No such file or directory"


# -- profile and reports ----------------------------------------------------------------------------


def test_numbers_come_from_the_profile(good):
    """A profile with other margins judges the same document differently."""
    profile = load_profile()
    wider = replace(profile, page=replace(profile.page, margins_mm={**profile.page.margins_mm, "left": 35}))
    (finding,) = check_document(good, profile=wider).findings
    assert finding.rule == "margins" and "35" in finding.message


def test_reports(good):
    data = edited(good, retext(NUMBER, "Số: 15-KH/ĐUK"), restyle("PHÓ BÍ THƯ", bold=True))
    result = check_document(data)
    text = format_human(result, "vi")
    assert text.index("Lỗi (1):") < text.index("Cảnh báo (1):")
    assert "[number-colon] bảng 1, ô (1,1), đoạn 4: «Số: 15-KH/ĐUK»" in text
    assert text.splitlines()[-1] == "văn bản của Đảng: 1 lỗi, 1 cảnh báo"
    english = format_human(check_document(data, language="en"), "en")
    assert english.splitlines()[-1] == "Party document: 1 error, 1 warning"
    payload = to_json(result)
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    assert payload["kind"] == "party"
    assert payload["findings"][0] == {
        "rule": "number-colon", "severity": "error", "message": result.findings[0].message,
        "location": "bảng 1, ô (1,1), đoạn 4", "excerpt": "Số: 15-KH/ĐUK",
    }


def test_report_of_a_clean_document(good):
    assert format_human(check_document(good), "en") == "Party document: 0 errors, 0 warnings"
