"""Builds the .docx templates in ``templates/`` from the format profile.

The templates are data (staff may open and restyle them in Word), but they are produced by
this code so that every font size, margin and column width can be reviewed here and traced
to the profile.  Each profile element becomes a named paragraph style; the documents'
variable parts are docxtpl/Jinja tags reading the context built by :mod:`docgen.context`.
Building is deterministic: the same profile gives byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import get_type_hints

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from docgen.format import Element, Profile, load_profile, mm_to_twips
from docgen.kinds import KINDS, Kind

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# Body paragraph kinds with text, produced by docgen.context, and the profile element styling each
# (``fill``, a line to write on, is drawn by :meth:`TemplateBuilder.body`).
BODY_STYLES = {
    "roman": "level_roman",
    "number": "level_number",
    "number2": "level_number2",
    "number3": "level_number3",
    "letter": "level_letter",
    "dash": "level_dash",
    "plus": "level_plus",
    "text": "body",
}

FIXED_ZIP_DATE = (2021, 1, 1, 0, 0, 0)


class TemplateBuilder:
    """A python-docx document being laid out as a Party-format template."""

    def __init__(self, profile: Profile, title: str):
        self.profile = profile
        self.doc = Document()
        self._setup_page()
        self._setup_styles()
        self._page_numbers()
        self._properties(title)

    # -- document-wide set-up -------------------------------------------------------------

    def _setup_page(self) -> None:
        page = self.profile.page
        section = self.doc.sections[0]
        section.page_width = Mm(page.width_mm)
        section.page_height = Mm(page.height_mm)
        margins = page.margins_mm
        section.top_margin = Mm(margins["top"])
        section.bottom_margin = Mm(margins["bottom"])
        section.left_margin = Mm(margins["left"])
        section.right_margin = Mm(margins["right"])
        section.header_distance = Mm(page.header_distance_mm)
        section.footer_distance = Mm(page.header_distance_mm)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(run_defaults, self.profile.font)
        run_defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.attrib.clear()
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")

        normal = styles["Normal"]
        normal.font.name = self.profile.font
        _set_fonts(normal.element.get_or_add_rPr(), self.profile.font)
        normal.font.size = Pt(self.profile.elements["body"].size)
        for key in self.profile.elements:
            self._add_style(self.profile.resolved(key), self.profile.elements[key].based_on)

    def _add_style(self, element: Element, based_on: str | None) -> None:
        style = self.doc.styles.add_style(element.style, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles[
            self.profile.elements[based_on].style if based_on else "Normal"
        ]
        style.quick_style = True
        font = style.font
        font.name = self.profile.font
        if element.size:
            font.size = Pt(element.size)
        font.bold = bool(element.bold)
        font.italic = bool(element.italic)
        font.underline = bool(element.underline)
        fmt = style.paragraph_format
        if element.align:
            fmt.alignment = ALIGNMENTS[element.align]
        fmt.first_line_indent = Mm(element.first_line_indent_mm or 0)
        fmt.space_before = Pt(element.space_before or 0)
        fmt.space_after = Pt(element.space_after or 0)
        # A length is a fixed line height (python-docx writes lineRule="exact"); a number, a multiple.
        fmt.line_spacing = Pt(element.line_exact) if element.line_exact else element.line or 1.0
        fmt.keep_with_next = bool(element.keep_with_next)
        fmt.widow_control = True
        if element.tab_right_dots:
            fmt.tab_stops.add_tab_stop(Mm(self.profile.text_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    def _page_numbers(self) -> None:
        """A centred PAGE field in the top margin from page 2; page 1 has an empty header."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.style = self.style("page_number")
        run = paragraph.add_run()
        run._r.append(_field_char("begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        run._r.append(instr)
        run._r.append(_field_char("separate"))
        shown = OxmlElement("w:t")
        shown.text = "2"
        run._r.append(shown)
        run._r.append(_field_char("end"))

    def _properties(self, title: str) -> None:
        props = self.doc.core_properties
        props.title = title
        props.subject = ""
        props.author = ""
        props.comments = f"docgen template, format profile {self.profile.id}"
        props.language = "vi-VN"
        props.keywords = ""
        props.last_modified_by = "docgen"
        props.revision = 1

    # -- building blocks ------------------------------------------------------------------

    def style(self, key: str):
        return self.doc.styles[self.profile.elements[key].style]

    def paragraph(self, key: str, text: str = "", container=None):
        """A paragraph in the element's style; ``text`` may hold Jinja tags."""
        container = container if container is not None else self.doc
        paragraph = container.add_paragraph(style=self.style(key))
        if text:
            _preserve_spaces(paragraph.add_run(text))
        return paragraph

    def tag(self, statement: str, container=None, key: str = "body"):
        """A docxtpl paragraph tag (``{%p … %}``), removed with its paragraph when rendered."""
        return self.paragraph(key, "{%p " + statement + " %}", container)

    def two_columns(self, left_mm: float, right_mm: float):
        """A borderless one-row table over the text width, as the header and signature use."""
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        width = tbl_pr.find(qn("w:tblW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(mm_to_twips(left_mm + right_mm)))
        for column, cell, mm in zip(table.columns, table.rows[0].cells, (left_mm, right_mm)):
            column.width = Mm(mm)
            cell.width = Mm(mm)
        left, right = table.rows[0].cells
        left._tc.remove(left.paragraphs[0]._p)
        right._tc.remove(right.paragraphs[0]._p)
        return left, right

    def header(self, *, letter: bool = False) -> None:
        """Issuer, ``*`` and number on the left; ĐẢNG CỘNG SẢN VIỆT NAM and date on the right."""
        left, right = self.two_columns(self.profile.header.left_mm, self.profile.header.right_mm)
        self.paragraph("superior", "{{ header.superior }}", left)
        self.paragraph("issuer", "{{ header.issuer }}", left)
        self.paragraph("star", "*", left)
        self.paragraph("number", "{{ header.number }}", left)
        if letter:
            self.paragraph("letter_summary", "{{ header.letter_summary }}", left)
        heading = self.paragraph("party_heading", self.profile.elements["party_heading"].text, right)
        self._rule_under(heading)
        self.paragraph("place_date", "{{ header.place_date }}", right)

    def _rule_under(self, paragraph) -> None:
        """The solid line under the heading, as long as the heading: a bottom border with
        equal indents, which Word and LibreOffice both draw between the indents."""
        content = mm_to_twips(self.profile.header.right_mm - 2 * self.profile.cell_margin_mm)
        indent = max(0, (content - mm_to_twips(self.profile.heading_line_mm)) // 2)
        p_pr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{name}"), value)
        borders.append(bottom)
        p_pr.append(borders)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent))
        ind.set(qn("w:right"), str(indent))
        p_pr.append(ind)

    def title_block(self, period: bool = False, form: bool = False) -> None:
        """Type name, summary (and the report's period when asked), then ``-----``; a form's number
        and what it is sent with above them when asked."""
        if form:
            self.paragraph("form_number", "{{ form.number }}")
            self.paragraph("form_attached", "{{ form.attached }}")
        self.paragraph("doc_title", "{{ title }}")
        self.paragraph("summary", "{{ summary }}")
        if period:
            self.tag("if period", key="period")
            self.paragraph("period", "{{ period }}")
            self.tag("endif", key="period")
        self.paragraph("separator", self.profile.elements["separator"].text)

    def salutation(self) -> None:
        self.paragraph("salutation", "{{ salutation }}")

    def indicator_table(self, columns: tuple[tuple[str, str, float, bool], ...], rows: str = "indicators") -> None:
        """A bordered table with a header row, then for each item of ``rows`` a row of its
        columns, or for a group (``group`` true) its number and its name across the other columns."""
        tags = (f"{{%tr for row in {rows} %}}", "{%tr if row.group %}", None, "{%tr else %}", None,
                "{%tr endif %}", "{%tr endfor %}")
        table = self.doc.add_table(rows=1 + len(tags), cols=len(columns))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header, *rows = table.rows
        group, row = rows[2], rows[4]
        for index, (title, field, mm, centred) in enumerate(columns):
            table.columns[index].width = Mm(mm)
            for cell_row in table.rows:
                cell_row.cells[index].width = Mm(mm)
            _set_cell(header.cells[index], title, self.style("table_header"))
            _set_cell(row.cells[index], "{{ row.%s }}" % field, self.style("table_text"))
            if centred:
                row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for tag, tag_row in zip(tags, rows):
            if tag:
                for cell in tag_row.cells:
                    _set_cell(cell, "", self.style("table_text"))
                _set_cell(tag_row.cells[0], tag, self.style("table_text"))
        across = group.cells[1].merge(group.cells[-1])
        _set_cell(group.cells[0], "{{ row.number }}", self.style("table_group"))
        group.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_cell(across, "{{ row.name }}", self.style("table_group"))
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for kept in (group, row):
            kept._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def addressees(self) -> None:
        """The salutation: ``Kính gửi: …`` on a line of its own, or, when there are ``addressees``,
        ``Kính gửi:`` with the first of them and each further one on a line under it, aligned after
        ``Kính gửi:`` (a hanging indent; no space between the lines)."""
        self.tag("if addressees", key="salutation")
        self.tag("for a in addressees", key="salutation")
        line = self.paragraph("salutation")
        _preserve_spaces(line.add_run("{% if loop.first %}{{ salutation }}{% endif %}"))
        line.add_run().add_tab()
        _preserve_spaces(line.add_run("{{ a }}"))
        layout = self.profile.addressees
        line.paragraph_format.alignment = ALIGNMENTS["left"]
        line.paragraph_format.left_indent = Mm(layout.left_mm + layout.hanging_mm)
        line.paragraph_format.first_line_indent = -Mm(layout.hanging_mm)
        line._p.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))
        self.tag("endfor", key="salutation")
        self.tag("else", key="salutation")
        self.salutation()
        self.tag("endif", key="salutation")

    def figures_annex(self) -> None:
        """``annex`` on landscape pages of its own: its heading, what it goes with and its title, then a
        table with a column per item of ``annex.columns`` and a row per item of ``annex.rows``, in bold
        where ``emphasis``."""
        page = self.profile.page
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(page.height_mm), Mm(page.width_mm)
        section.different_first_page_header_footer = False  # its pages numbered from its first
        self._annex_titles()
        # The figures are columns made by a column loop (docxtpl's {%tc %}): docxtpl then scales the
        # template's five columns alike and gives each column it adds an equal share of the width, so
        # the loop's three columns are a fifth each and every figure column comes out as wide.
        width = page.height_mm - page.margins_mm["left"] - page.margins_mm["right"]
        table, header, rows = self._grid([0.1 * width, 0.3 * width] + [0.2 * width] * 3, 7)
        for cell, text in zip(header.cells, ("STT", "{{ annex.name_title }}", "{%tc for c in annex.columns %}",
                                             "{{ c }}", "{%tc endfor %}")):
            _set_cell(cell, text, self.style("table_header"))
        tags = ("{%tr for row in annex.rows %}", "{%tr if row.emphasis %}", "table_group", "{%tr else %}",
                "table_text", "{%tr endif %}", "{%tr endfor %}")
        for tag, row in zip(tags, rows):
            if tag.startswith("{%"):
                self._tag_row(row, tag)
                continue
            for cell, text in zip(row.cells, ("{{ row.number }}", "{{ row.name }}", "{%tc for v in row.figures %}",
                                              "{{ v }}", "{%tc endfor %}")):
                _set_cell(cell, text, self.style(tag))
                if text != "{{ row.name }}":
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def list_annex(self) -> None:
        """``annex`` on a page of its own when it has rows: its heading, what it goes with and its title,
        then a numbered list of units."""
        self.tag("if annex.rows")
        self._annex_titles().paragraph_format.page_break_before = True
        table, header, rows = self._grid([column[2] for column in LIST_COLUMNS], 3)
        for cell, (title, field, _, centred) in zip(header.cells, LIST_COLUMNS):
            _set_cell(cell, title, self.style("table_header"))
        self._tag_row(rows[0], "{%tr for row in annex.rows %}")
        for cell, (title, field, _, centred) in zip(rows[1].cells, LIST_COLUMNS):
            _set_cell(cell, "{{ row.%s }}" % field, self.style("table_text"))
            if centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._tag_row(rows[2], "{%tr endfor %}")
        self.tag("endif")

    def _annex_titles(self):
        """An annex's heading (returned), what it goes with, its title, and a line's space."""
        heading = self.paragraph("form_number", "{{ annex.heading }}")
        self.paragraph("form_attached", "{{ annex.attached }}")
        self.paragraph("summary", "{{ annex.title }}")
        self.spacer()
        return heading

    def _grid(self, widths_mm: list[float], rows: int):
        """A bordered table of those column widths, centred: itself, its header row (repeated on each
        page) and ``rows`` more rows."""
        table = self.doc.add_table(rows=1 + rows, cols=len(widths_mm))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, mm in enumerate(widths_mm):
            table.columns[index].width = Mm(mm)
            for row in table.rows:
                row.cells[index].width = Mm(mm)
        header, *others = table.rows
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        return table, header, others

    def _tag_row(self, row, tag: str) -> None:
        """A row holding a docxtpl row tag (``{%tr … %}``), which rendering removes with the row."""
        for cell in row.cells:
            _set_cell(cell, "", self.style("table_text"))
        _set_cell(row.cells[0], tag, self.style("table_text"))

    def body(self, variable: str = "body") -> None:
        """One paragraph per outline node, styled by its level."""
        self.tag(f"for b in {variable}")
        self.tag("set kind = b.kind")
        for position, (kind, key) in enumerate(BODY_STYLES.items()):
            self.tag(f"{'if' if position == 0 else 'elif'} kind == '{kind}'")
            self.paragraph(key, "{{ b.text }}")
        # A line to write on: one tab, which the style's dotted tab leader draws to the margin.
        self.tag("elif kind == 'fill'")
        self.paragraph("fill_line").add_run().add_tab()
        self.tag("elif kind == 'runin'")
        runin = self.paragraph("body")
        runin.add_run("{{ b.marker }}").bold = True
        _preserve_spaces(runin.add_run(" {{ b.text }}"))
        self.tag("endif")
        self.tag("endfor")

    def signature(self) -> None:
        """Nơi nhận on the left, the signer on the right, side by side, on one page: a long document
        carries the whole block over rather than leave the signer apart from the list."""
        columns = self.profile.signature_table
        left, right = self.two_columns(columns.left_mm, columns.right_mm)
        left._tc.getparent().get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        self.paragraph("recipients_label", self.profile.elements["recipients_label"].text, left)
        self.tag("for r in recipients", left, "recipient")
        self.paragraph("recipient", "{{ r }}", left)
        self.tag("endfor", left, "recipient")
        self.paragraph("signature_authority", "{{ signature.authority }}", right)
        self.paragraph("signer_title", "{{ signature.title }}", right)
        for _ in range(self.profile.signature_blank_lines):
            self.paragraph("signer_title", "", right)
        self.paragraph("signer_name", "{{ signature.name }}", right)

    def spacer(self) -> None:
        self.paragraph("body").paragraph_format.first_line_indent = Mm(0)

    def to_bytes(self) -> bytes:
        self._slim()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _repack(buffer.getvalue())

    def _slim(self) -> None:
        """Drop what python-docx's blank document carries and no Party document uses: the Word
        2010 copy of the styles, custom XML, and about 150 unused styles.  Each generated file
        shrinks from about 38 KB to 10 KB, and Word and LibreOffice parse 800 KB less XML."""
        part = self.doc.part
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                part.drop_rel(rel_id)
        styles = self.doc.styles.element
        used = _used_style_ids([part.element] + [header.part.element for header in self._headers()])
        by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
        keep = {style_id for style_id, style in by_id.items() if style.get(qn("w:default")) == "1"}
        keep |= {style_id for style_id, style in by_id.items() if style.get(qn("w:customStyle")) == "1"}
        pending = list(keep | used)
        while pending:
            style = by_id.get(pending.pop())
            if style is None:
                continue
            for link in ("w:basedOn", "w:next", "w:link"):
                target = style.find(qn(link))
                if target is not None and target.get(qn("w:val")) not in keep:
                    keep.add(target.get(qn("w:val")))
                    pending.append(target.get(qn("w:val")))
            keep.add(style.get(qn("w:styleId")))
        for style_id, style in by_id.items():
            if style_id not in keep:
                styles.remove(style)

    def _headers(self):
        section = self.doc.sections[0]
        return (section.header, section.first_page_header)


def _used_style_ids(elements) -> set[str]:
    """Style ids that paragraphs, runs and tables refer to."""
    used = set()
    for element in elements:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used |= {ref.get(qn("w:val")) for ref in element.iter(qn(tag))}
    return used


def _set_cell(cell, text: str, style) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if text:
        _preserve_spaces(paragraph.add_run(text))


def _preserve_spaces(run) -> None:
    """Keep runs of spaces a value may bring (the blank number "Số      -KH/ĐU")."""
    run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")


def _field_char(kind: str):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _set_fonts(r_pr, font: str) -> None:
    """Name the font for every script, dropping theme fonts that would override it."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.attrib.clear()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def _repack(docx: bytes) -> bytes:
    """The same zip with fixed entry dates and no thumbnail, so builds are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            data = source.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = _drop_thumbnail_references(data)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _drop_thumbnail_references(xml: bytes) -> bytes:
    """The package relationship to the thumbnail and the content type of its JPEG."""
    root = etree.fromstring(xml)
    for child in list(root):
        if child.get("Target", "").endswith("thumbnail.jpeg") or child.get("Extension") == "jpeg":
            root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- the templates --------------------------------------------------------------------------


TOTAL_COLUMNS = (
    ("STT", "number", 14, True),
    ("Nội dung", "name", 66, False),
    ("Đơn vị tính", "unit", 22, True),
    ("Đảng bộ cơ sở", "dang_bo", 21, True),
    ("Chi bộ cơ sở", "chi_bo", 21, True),
    ("Tổng số", "total", 21, True),
)
LIST_COLUMNS = (  # title, context field, width in mm, centred
    ("STT", "number", 15, True),
    ("{{ annex.name_title }}", "name", 150, False),
)
REPORT_COLUMNS = (  # title, context field, width in mm, centred
    ("STT", "number", 14, True),
    ("Nội dung", "name", 81, False),
    ("Đơn vị tính", "unit", 25, True),
    ("Số lượng", "value", 22, True),
    ("Ghi chú", "note", 23, False),
)


def build_template(profile: Profile, kind: Kind) -> bytes:
    """A kind's template: the Party layout of the parts its declared context holds (a công văn's
    summary under the number, a report form's period and table)."""
    parts = get_type_hints(kind.context_type)
    builder = TemplateBuilder(profile, kind.title)
    builder.header(letter="letter_summary" in get_type_hints(parts["header"]))
    if "title" in parts:
        builder.title_block(period="period" in parts, form="form" in parts)
    if "addressees" in parts:
        builder.addressees()
    elif "salutation" in parts:
        builder.salutation()
    builder.body()
    if "indicators" in parts:
        builder.indicator_table(REPORT_COLUMNS)
    if "totals" in parts:
        builder.indicator_table(TOTAL_COLUMNS, "totals")
    if "closing" in parts:
        builder.body("closing")
    builder.spacer()
    builder.signature()
    if "annex" in parts:
        builder.figures_annex() if "columns" in get_type_hints(parts["annex"]) else builder.list_annex()
    return builder.to_bytes()


def build_templates(out_dir: Path, profile: Profile | None = None) -> list[Path]:
    """Write every template into ``out_dir``; returns the paths written."""
    profile = profile or load_profile()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in {kind.template: kind for kind in KINDS.values()}.values():  # kinds may share a template
        path = out_dir / kind.template
        path.write_bytes(build_template(profile, kind))
        written.append(path)
    return written
