"""What a reader of a .docx sees: the effective formatting of its runs and paragraphs.

A document sent by anyone may carry its formatting anywhere: directly on every run (most
hand-made Word files), in paragraph and character styles and their ``basedOn`` chains (docgen's
templates), in a table style, or only in the document defaults.  The rules judge what the
reader sees, so they read it here, resolved in Word's order:

- run properties: direct ``rPr`` → character style chain → paragraph style chain → table style
  chain → ``docDefaults``; the nearest level that sets a property wins;
- toggle properties (bold, italic, caps, ECMA-376 §17.7.3): a direct value is taken as set;
  otherwise each style chain (table, paragraph, character) contributes its nearest value, and
  each one that is on flips the document default (a bold character style inside a bold
  paragraph style gives regular text, as in Word);
- fonts: the ``ascii`` slot (basic Latin) and the ``hAnsi`` slot (every Vietnamese letter with a
  mark) are resolved separately; a theme font (``asciiTheme``) wins over a named one at its level
  and is looked up in the theme's major/minor Latin fonts;
- paragraph properties: direct ``pPr`` → paragraph style chain → table style → ``docDefaults``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docgen.check.package import NS, Package
from docgen.i18n import N_, translate

W = NS["w"]
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000
DEFAULT_CELL_MARGIN_TWIPS = 108  # Word's 0.19 cm left and right cell margin
DEFAULT_SIZE_PT = 10.0  # what Word assumes when no w:sz is set anywhere
MAX_STYLE_DEPTH = 32  # styles a style is based on, in a chain (Word's own are two or three deep)
TOGGLES = ("b", "i", "caps")
ALIGNMENTS = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
              "both": "justify", "distribute": "justify", "lowKashida": "justify",
              "mediumKashida": "justify", "highKashida": "justify", "thaiDistribute": "justify"}
# The runs of a paragraph a reader sees: not deleted or moved away, not a drawing's fallback copy,
# not in a text box (read where it is).
VISIBLE_RUNS = ("./descendant::w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) "
                "and not(ancestor::mc:Fallback) and not(ancestor::w:txbxContent)]")
_VML_LENGTH = re.compile(r"(-?[\d.]+)\s*(pt|in|mm|cm|px|pc|emu)?")
_UNIT_MM = {"pt": 25.4 / 72, "in": 25.4, "mm": 1.0, "cm": 10.0, "px": 25.4 / 96, "pc": 25.4 / 6,
            "emu": 1 / EMU_PER_MM, None: 25.4 / 72}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(element) -> bool:
    """A boolean property element: present means on unless its value says off."""
    return element.get(w("val"), "true").lower() not in ("0", "false", "off")


def _int(value: str | None) -> int | None:
    try:
        return round(float(value)) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RunFormat:
    """How a run is drawn. ``font`` is the font of basic Latin letters and digits; ``font_hansi``
    the font of the other Latin letters, i.e. of every Vietnamese letter with a mark."""

    font: str | None
    size_pt: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    font_hansi: str | None = None


@dataclass(frozen=True)
class ParagraphFormat:
    alignment: str | None  # left, center, right, justify
    first_line_indent_twips: int  # negative for a hanging indent
    left_indent_twips: int = 0
    right_indent_twips: int = 0
    space_before_twips: int = 0
    space_after_twips: int = 0
    bottom_border: bool = False
    style: str | None = None  # the paragraph style's name, as Word shows it


@dataclass(frozen=True)
class Run:
    text: str
    format: RunFormat

    @property
    def fonts(self) -> set[str | None]:
        """The declared fonts this run's characters are drawn in."""
        used = set()
        if any(ord(c) < 128 and not c.isspace() for c in self.text):
            used.add(self.format.font)
        if any(ord(c) >= 128 and not c.isspace() for c in self.text):
            used.add(self.format.font_hansi)
        return used


@dataclass(frozen=True)
class Location:
    """Where a paragraph is: its number in the body, or its table, cell and number in the cell."""

    paragraph: int
    cells: tuple[tuple[int, int, int], ...] = ()  # (table, row, column), outermost first
    furniture: tuple[str, int] | None = None  # ("header" | "footer", section) for the page's margins

    def describe(self, language: str = "vi") -> str:
        parts = []
        if self.furniture is not None:
            kind, section = self.furniture
            where = N_("đầu trang phần %(section)s") if kind == "header" else N_("chân trang phần %(section)s")
            parts.append(translate(where, language, section=section))
        for table, row, column in self.cells:
            parts.append(translate(N_("bảng %(table)s, ô (%(row)s,%(column)s)"), language,
                                   table=table, row=row, column=column))
        parts.append(translate(N_("đoạn %(paragraph)s"), language, paragraph=self.paragraph))
        return ", ".join(parts)


@dataclass(frozen=True, eq=False)
class Paragraph:
    location: Location
    text: str
    format: ParagraphFormat
    runs: tuple[Run, ...]
    section: int  # 1-based
    width_twips: int | None  # room for the lines: the text width, or the cell's inner width
    drawn_lines_mm: tuple[float | None, ...] = ()  # lengths of line shapes in the paragraph
    element: Any = field(default=None, compare=False, repr=False)

    @property
    def table(self) -> int | None:
        return self.location.cells[0][0] if self.location.cells else None

    @property
    def column(self) -> int | None:
        return self.location.cells[0][2] if self.location.cells else None

    @property
    def text_runs(self) -> tuple[Run, ...]:
        """The runs that draw something: formatting of blank runs is invisible."""
        return tuple(run for run in self.runs if run.text.strip())


@dataclass(frozen=True)
class Section:
    number: int
    width_twips: int | None
    height_twips: int | None
    landscape: bool
    margins_twips: dict[str, int]
    title_page: bool
    headers: dict[str, Any]  # "default" / "first" / "even" → w:hdr, inherited from earlier sections
    footers: dict[str, Any]

    @property
    def text_width_twips(self) -> int | None:
        if self.width_twips is None:
            return None
        return self.width_twips - self.margins_twips.get("left", 0) - self.margins_twips.get("right", 0) \
            - self.margins_twips.get("gutter", 0)

    def describe(self, language: str = "vi") -> str:
        return translate(N_("phần %(section)s"), language, section=self.number)


class Styles:
    """styles.xml and the theme's fonts, with the style chains Word walks."""

    def __init__(self, styles, theme):
        self._by_id = {}
        self._defaults = {}
        self.run_defaults = self.paragraph_defaults = None
        if styles is not None:
            for style in styles.iterfind("w:style", NS):
                self._by_id[style.get(w("styleId"))] = style
                if _on_attr(style.get(w("default"))):
                    self._defaults.setdefault(style.get(w("type")), style.get(w("styleId")))
            self.run_defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
            self.paragraph_defaults = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self._theme_fonts = {}
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//a:fontScheme/a:{kind}Font/a:latin", NS)
                if latin is not None:
                    self._theme_fonts[kind] = latin.get("typeface")

    def resolve_id(self, style_id: str | None, kind: str) -> str | None:
        """The style a reference names, or the default style of its kind for none or an unknown id."""
        if style_id in self._by_id:
            return style_id
        return self._defaults.get(kind)

    def chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first (cycles cut, and chains deeper than
        any document's: each paragraph and run walks its chains)."""
        found, seen = [], set()
        while style_id in self._by_id and style_id not in seen and len(found) < MAX_STYLE_DEPTH:
            seen.add(style_id)
            style = self._by_id[style_id]
            found.append(style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(w("val")) if based is not None else None
        return found

    def name(self, style_id: str | None) -> str | None:
        style = self._by_id.get(style_id)
        name = style.find("w:name", NS) if style is not None else None
        return name.get(w("val")) if name is not None else style_id

    def theme_font(self, theme_value: str) -> str | None:
        return self._theme_fonts.get("major" if theme_value.startswith("major") else "minor")


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


class WordDocument:
    """A .docx as the checker sees it: sections, and every paragraph in reading order."""

    def __init__(self, package: Package):
        self.package = package
        self.styles = Styles(package.styles, package.theme)
        body = package.document.find("w:body", NS)
        self.sections = self._sections(body)
        self.paragraphs: list[Paragraph] = []
        self._body_paragraph = 0
        self._section = 1
        self._tables = 0
        self._walk_blocks(body, (), None, None)

    # -- sections -----------------------------------------------------------------------------

    def _sections(self, body) -> list[Section]:
        properties = [p for p in body.iterfind("w:p/w:pPr/w:sectPr", NS)]
        final = body.find("w:sectPr", NS)
        if final is not None:
            properties.append(final)
        sections, headers, footers = [], {}, {}
        for number, sect in enumerate(properties or [None], start=1):
            headers = dict(headers)
            footers = dict(footers)
            if sect is not None:
                for reference, store in (("headerReference", headers), ("footerReference", footers)):
                    for ref in sect.iterfind(f"w:{reference}", NS):
                        part = self.package.related(ref.get(f"{{{NS['r']}}}id"))
                        if part is not None:
                            store[ref.get(w("type"), "default")] = part
            sections.append(_section(number, sect, headers, footers))
        return sections

    def header_paragraphs(self, part, section: int) -> Iterator[Paragraph]:
        """The paragraphs of a header or footer part, for rules about the page furniture."""
        kind = "footer" if part.tag == w("ftr") else "header"
        for number, p in enumerate(part.iterfind(".//w:p", NS), start=1):
            yield self._paragraph(p, Location(number, furniture=(kind, section)), None, None)

    # -- content ------------------------------------------------------------------------------

    def _walk_blocks(self, container, cells, table_style, cell_width) -> None:
        counter = 0
        for child in blocks(container):
            if child.tag == w("p"):
                if cells:
                    counter += 1
                    location = Location(counter, cells)
                else:
                    self._body_paragraph += 1
                    location = Location(self._body_paragraph)
                self.paragraphs.append(self._paragraph(child, location, table_style, cell_width))
                if not cells and child.find("w:pPr/w:sectPr", NS) is not None:
                    self._section += 1
            elif child.tag == w("tbl"):
                self._walk_table(child, cells)

    def _walk_table(self, table, cells) -> None:
        if not cells:
            self._tables += 1
            number = self._tables
        else:
            number = 1 + sum(1 for t in table.itersiblings(w("tbl"), preceding=True))
        style_id = self.styles.resolve_id(_val(table.find("w:tblPr/w:tblStyle", NS)), "table")
        grid = [_int(col.get(w("w"))) or 0 for col in table.iterfind("w:tblGrid/w:gridCol", NS)]
        margins = self._table_cell_margins(table, style_id)
        for row_number, row in enumerate(table.iterfind("w:tr", NS), start=1):
            position = _int(_val(row.find("w:trPr/w:gridBefore", NS))) or 0
            for column, cell in enumerate(row.iterfind("w:tc", NS), start=1):
                span = _int(_val(cell.find("w:tcPr/w:gridSpan", NS))) or 1
                width = _cell_width(cell, grid[position:position + span])
                position += span
                inner = None
                if width is not None:
                    left, right = _margins(cell.find("w:tcPr/w:tcMar", NS), margins)
                    inner = width - left - right
                self._walk_blocks(cell, cells + ((number, row_number, column),), style_id, inner)

    def _table_cell_margins(self, table, style_id) -> tuple[int, int]:
        margins = (DEFAULT_CELL_MARGIN_TWIPS, DEFAULT_CELL_MARGIN_TWIPS)
        for style in reversed(self.styles.chain(style_id)):
            margins = _margins(style.find("w:tblPr/w:tblCellMar", NS), margins)
        return _margins(table.find("w:tblPr/w:tblCellMar", NS), margins)

    def _paragraph(self, p, location, table_style, cell_width) -> Paragraph:
        p_pr = p.find("w:pPr", NS)
        style_id = self.styles.resolve_id(_val(p_pr.find("w:pStyle", NS)) if p_pr is not None else None,
                                          "paragraph")
        para_chain = self.styles.chain(style_id)
        table_chain = self.styles.chain(table_style)
        runs = tuple(
            Run(run_text(r), self._run_format(r, para_chain, table_chain))
            for r in p.xpath(VISIBLE_RUNS, namespaces=NS)
        )
        section = self.sections[min(self._section, len(self.sections)) - 1]
        return Paragraph(
            location=location,
            text="".join(run.text for run in runs),
            format=self._paragraph_format(p_pr, para_chain, table_chain, style_id),
            runs=runs,
            section=section.number,
            width_twips=cell_width if location.cells else section.text_width_twips,
            drawn_lines_mm=_drawn_lines(p),
            element=p,
        )

    # -- resolution ---------------------------------------------------------------------------

    def _run_format(self, r, para_chain, table_chain) -> RunFormat:
        direct = r.find("w:rPr", NS)
        char_id = _val(direct.find("w:rStyle", NS)) if direct is not None else None
        char_chain = self.styles.chain(self.styles.resolve_id(char_id, "character"))
        chains = [[s.find("w:rPr", NS) for s in chain] for chain in (char_chain, para_chain, table_chain)]
        levels = [direct, *chains[0], *chains[1], *chains[2], self.styles.run_defaults]
        levels = [level for level in levels if level is not None]
        size = _int(_val(_nearest(levels, "w:sz")))
        underline = _nearest(levels, "w:u")
        toggles = {name: self._toggle(name, direct, chains) for name in TOGGLES}
        return RunFormat(
            font=self._font(levels, "ascii"),
            size_pt=size / 2 if size else DEFAULT_SIZE_PT,
            bold=toggles["b"],
            italic=toggles["i"],
            underline=underline is not None and underline.get(w("val"), "single") != "none",
            caps=toggles["caps"],
            font_hansi=self._font(levels, "hAnsi"),
        )

    def _toggle(self, name: str, direct, chains) -> bool:
        """Direct formatting sets the value; each style chain that turns it on flips the default."""
        if direct is not None and (element := direct.find(f"w:{name}", NS)) is not None:
            return _on(element)
        defaults = self.styles.run_defaults
        default = defaults is not None and (element := defaults.find(f"w:{name}", NS)) is not None and _on(element)
        flips = 0
        for chain in chains:
            value = _nearest([level for level in chain if level is not None], f"w:{name}")
            flips += value is not None and _on(value)
        return default != (flips % 2 == 1)

    def _font(self, levels, slot: str) -> str | None:
        for level in levels:
            fonts = level.find("w:rFonts", NS)
            if fonts is None:
                continue
            theme = fonts.get(w(f"{slot}Theme"))
            if theme:
                return self.styles.theme_font(theme)
            if fonts.get(w(slot)):
                return fonts.get(w(slot))
        return None

    def _paragraph_format(self, p_pr, para_chain, table_chain, style_id) -> ParagraphFormat:
        levels = [p_pr, *(s.find("w:pPr", NS) for s in para_chain),
                  *(s.find("w:pPr", NS) for s in table_chain), self.styles.paragraph_defaults]
        levels = [level for level in levels if level is not None]

        def attribute(path: str, *names: str) -> int | None:
            for level in levels:
                element = level.find(path, NS)
                if element is not None:
                    for name in names:
                        if element.get(w(name)) is not None:
                            return _int(element.get(w(name)))
            return None

        first_line = 0
        for level in levels:
            ind = level.find("w:ind", NS)
            if ind is not None and (ind.get(w("firstLine")) is not None or ind.get(w("hanging")) is not None):
                hanging = _int(ind.get(w("hanging")))
                first_line = -hanging if hanging is not None else _int(ind.get(w("firstLine"))) or 0
                break
        border = next((b for level in levels if (b := level.find("w:pBdr/w:bottom", NS)) is not None), None)
        return ParagraphFormat(
            alignment=ALIGNMENTS.get(_val(_nearest(levels, "w:jc"))),
            first_line_indent_twips=first_line,
            left_indent_twips=attribute("w:ind", "left", "start") or 0,
            right_indent_twips=attribute("w:ind", "right", "end") or 0,
            space_before_twips=attribute("w:spacing", "before") or 0,
            space_after_twips=attribute("w:spacing", "after") or 0,
            bottom_border=border is not None and border.get(w("val"), "none") not in ("none", "nil"),
            style=self.styles.name(style_id),
        )


def blocks(container) -> Iterator:
    """Paragraphs and tables of a body or cell, looking through content controls and custom XML."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find("w:sdtContent", NS)
            if content is not None:
                yield from blocks(content)
        elif child.tag == w("customXml"):
            yield from blocks(child)


def _nearest(levels, path: str):
    return next((found for level in levels if (found := level.find(path, NS)) is not None), None)


def _val(element) -> str | None:
    return element.get(w("val")) if element is not None else None


def run_text(r) -> str:
    """A run's text as shown: tabs, line breaks and non-breaking hyphens as characters."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag == w("tab"):
            parts.append("\t")
        elif tag in (w("br"), w("cr")):
            parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _section(number: int, sect, headers, footers) -> Section:
    size = sect.find("w:pgSz", NS) if sect is not None else None
    margin = sect.find("w:pgMar", NS) if sect is not None else None
    width = _int(size.get(w("w"))) if size is not None else None
    height = _int(size.get(w("h"))) if size is not None else None
    orient = size.get(w("orient")) if size is not None else None
    margins = {}
    if margin is not None:
        for side in ("top", "bottom", "left", "right", "gutter"):
            if (value := _int(margin.get(w(side)))) is not None:
                margins[side] = abs(value)
    return Section(
        number=number,
        width_twips=width,
        height_twips=height,
        landscape=orient == "landscape" or (width is not None and height is not None and width > height),
        margins_twips=margins,
        title_page=sect is not None and (t := sect.find("w:titlePg", NS)) is not None and _on(t),
        headers=headers,
        footers=footers,
    )


def _cell_width(cell, grid_columns: list[int]) -> int | None:
    width = cell.find("w:tcPr/w:tcW", NS)
    if width is not None and width.get(w("type"), "dxa") == "dxa" and _int(width.get(w("w"))):
        return _int(width.get(w("w")))
    return sum(grid_columns) or None


def _margins(cell_margins, fallback: tuple[int, int]) -> tuple[int, int]:
    if cell_margins is None:
        return fallback

    def side(*names):
        for name in names:
            element = cell_margins.find(f"w:{name}", NS)
            if element is not None and element.get(w("type"), "dxa") == "dxa":
                return _int(element.get(w("w")))
        return None

    left, right = side("left", "start"), side("right", "end")
    return (fallback[0] if left is None else left, fallback[1] if right is None else right)


def _drawn_lines(p) -> tuple[float | None, ...]:
    """Lengths (mm, None when not measurable) of the straight lines drawn in a paragraph:
    DrawingML line shapes and connectors, VML lines and connectors."""
    lengths = []
    for geometry in p.iterfind(".//a:prstGeom", NS):
        if geometry.get("prst") in ("line", "straightConnector1"):
            frame = next(geometry.iterancestors(f"{{{NS['wp']}}}anchor", f"{{{NS['wp']}}}inline"), None)
            extent = frame.find("wp:extent", NS) if frame is not None else None
            cx = _int(extent.get("cx")) if extent is not None else None
            lengths.append(cx / EMU_PER_MM if cx else None)
    for line in p.iterfind(".//v:line", NS):
        start, end = _vml_x(line.get("from")), _vml_x(line.get("to"))
        lengths.append(abs(end - start) if start is not None and end is not None else None)
    for shape in p.iterfind(".//v:shape", NS):
        if (shape.get("type") or "").endswith("_t32") or shape.get("{urn:schemas-microsoft-com:office:office}connectortype"):
            found = re.search(r"width:\s*([^;]+)", shape.get("style") or "")
            lengths.append(_vml_mm(found.group(1)) if found else None)
    return tuple(lengths)


def _vml_x(point: str | None) -> float | None:
    return _vml_mm(point.split(",")[0]) if point else None


def _vml_mm(value: str) -> float | None:
    found = _VML_LENGTH.match(value.strip())
    return float(found.group(1)) * _UNIT_MM[found.group(2)] if found else None
