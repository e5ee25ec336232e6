"""Which line of a document is which element of the Party format.

docgen's own documents name every element with a style, but a document typed by hand does
not, so elements are found by what they say and where they sit: the heading and the place-date
anchor the header, the left column holds the issuer, ``*`` and the number, then come the type
title, summary and ``-----``, the body, and the signature block with Nơi nhận.  Lines, not
paragraphs, are the unit: people often break a header cell into lines with Shift+Enter.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from docgen.check.properties import Paragraph, Run, WordDocument
from docgen.format import Profile
from docgen.vn.text import fold, upper

TITLE_WINDOW = 6  # lines after the header in which the type title is looked for
SUMMARY_WINDOW = 4  # lines after the title in which the summary and ----- are looked for
HEADER_WINDOW = 20  # lines from the top in which header elements are looked for off a table
SEPARATOR = re.compile(r"^[-‐‑‒–—―_]{3,}$")
# In the header's left column any "Số …" line is the number; elsewhere it must look like one.
NUMBER_LINE = re.compile(r"^Số\b", re.IGNORECASE)
NUMBER_LIKE = re.compile(r"^Số\s*:?[\d\s]*[-/]\s*[A-ZĐ]", re.IGNORECASE)
# Likewise the right column's date line, and a place-and-date line off the header.
DATE_LINE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
DATE_LIKE = re.compile(r"^[^,.;:]{1,40},?\s*ngày[\d\s]*tháng[\d\s]*năm", re.IGNORECASE)
PERIOD = re.compile(r"^\(.*\)$")  # a report's period under its summary: "(từ ngày … đến ngày …)"
DASHES = ("-", "–", "—", "+", "•")


@dataclass(frozen=True, eq=False)
class Line:
    """A stretch of one paragraph: a whole paragraph, or one of its Shift+Enter lines."""

    paragraph: Paragraph
    start: int
    end: int

    @cached_property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end].replace("\xa0", " ").strip()

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def cells(self) -> tuple:
        return self.paragraph.location.cells

    @property
    def runs(self) -> list[Run]:
        """The parts of runs this line draws, each with its run's formatting."""
        found, offset = [], 0
        for run in self.paragraph.runs:
            start, end = max(offset, self.start), min(offset + len(run.text), self.end)
            if start < end and run.text[start - offset:end - offset].strip():
                found.append(Run(run.text[start - offset:end - offset], run.format))
            offset += len(run.text)
        return found

    def narrowed(self, start: int, end: int) -> Line:
        return Line(self.paragraph, self.start + start, self.start + end)


@dataclass
class Layout:
    lines: list[Line]
    heading: Line | None = None
    state_heading: Line | None = None
    state_motto: Line | None = None
    superior: Line | None = None
    issuer: list[Line] = field(default_factory=list)
    star: Line | None = None
    number: Line | None = None
    letter_summary: list[Line] = field(default_factory=list)
    place_date: Line | None = None
    title: Line | None = None
    summary: list[Line] = field(default_factory=list)
    separator: Line | None = None
    salutation: Line | None = None
    body: list[Line] = field(default_factory=list)
    authority: Line | None = None
    authority_word: str | None = None  # T/M, K/T, T/L, or a State TM., KT., TL.
    signer_title: Line | None = None
    signer_name: Line | None = None
    recipients_label: Line | None = None
    recipients: list[Line] = field(default_factory=list)

    def index(self, line: Line | None) -> int:
        """Position of the line holding ``line`` (which may be narrowed to part of it); -1 for None."""
        if line is None:
            return -1
        return self.lines.index(_same_paragraph(self.lines, line))


def document_lines(paragraphs: list[Paragraph]) -> list[Line]:
    lines = []
    for paragraph in paragraphs:
        start = 0
        for part in paragraph.text.split("\n"):
            line = Line(paragraph, start, start + len(part))
            if line.text:
                lines.append(line)
            start += len(part) + 1
    return lines


def find_layout(doc: WordDocument, profile: Profile) -> Layout:
    checks = profile.checks
    layout = Layout(document_lines(doc.paragraphs))
    lines = layout.lines
    layout.heading = _find_text(lines, profile.elements["party_heading"].text)
    layout.state_heading = _find_text(lines, checks.state_heading)
    layout.state_motto = _find_text(lines, checks.state_motto)
    anchor = layout.heading or layout.state_heading
    titles = {fold(title) for title in checks.doc_titles}
    left, right, table = _header_columns(lines, anchor, titles)

    layout.place_date = _first(right, DATE_LINE.search) or _first(lines[:HEADER_WINDOW], DATE_LIKE.match)
    layout.star = _first(left, lambda text: text == "*")
    layout.number = _first(left, NUMBER_LINE.match) or _first(lines[:HEADER_WINDOW], NUMBER_LIKE.match)
    stop = layout.star if layout.star is not None else layout.number
    if stop in left:
        names = left[:left.index(stop)]
    else:
        names = list(itertools.takewhile(lambda line: line.text == upper(line.text) or _all_caps(line), left))
    names = [line for line in names if line not in (anchor, layout.place_date, layout.number)]
    if len(names) >= 2:
        layout.superior, layout.issuer = names[0], names[1:]
    else:
        layout.issuer = names
    if table and layout.number in left:
        layout.letter_summary = [line for line in left[left.index(layout.number) + 1:] if line is not layout.place_date]

    header = [anchor, layout.place_date, layout.number, layout.star, *names, *layout.letter_summary]
    header_end = max(layout.index(line) for line in header + (left + right if table else []))
    _find_title_block(layout, header_end, titles)
    after_header = lines[header_end + 1:header_end + 1 + TITLE_WINDOW + SUMMARY_WINDOW]
    layout.salutation = _first(after_header, lambda text: fold(text).startswith("kinh gui"))
    _find_signature(layout, [*checks.authority.values(), *checks.state_authority])
    _find_body(layout, header_end)
    return layout


def _find_text(lines: list[Line], wanted: str) -> Line | None:
    """The line that says ``wanted`` (in any case or marks, as people misspell it), narrowed to it."""
    target = fold(wanted)
    for line in lines:
        if line.folded == target:
            return line
    for line in lines[:HEADER_WINDOW]:
        # Fold character by character, so positions in the folded text are positions in the line.
        folded = "".join(map(_fold_letter, line.paragraph.text[line.start:line.end]))
        if target in folded:
            position = folded.index(target)
            return line.narrowed(position, position + len(target))
    return None


@lru_cache(maxsize=None)
def _fold_letter(char: str) -> str:
    """One character folded to one (a space stays a space), so positions stay positions."""
    return (fold(char) or char)[:1]


def _header_columns(lines: list[Line], anchor: Line | None, titles: set[str]) -> tuple[list[Line], list[Line], bool]:
    """Lines of the header's left column (issuer, ``*``, number) and right column (heading, date),
    and whether the header is a table (``titles``: the document types' titles, folded).

    In a table the heading's column is the right one; off a table the header is what comes
    before the type title, and every line but the heading and the date is "left".
    """
    first = anchor if anchor is not None else (lines[0] if lines else None)
    if first is not None and first.paragraph.table is not None:
        table = [line for line in lines if line.paragraph.table == first.paragraph.table]
        columns = sorted({line.paragraph.column for line in table})
        if len(columns) > 1:
            right_column = anchor.paragraph.column if anchor is not None else columns[-1]
            right = [line for line in table if line.paragraph.column == right_column]
            return [line for line in table if line not in right], right, True
        at = table.index(_same_paragraph(table, anchor)) if anchor is not None else len(table)
        return table[:at], table[at:], True
    top = lines[:HEADER_WINDOW]
    end = next((i for i, line in enumerate(top) if line.folded in titles), min(len(top), 8))
    header = top[:end]
    right = [line for line in header if line is anchor or DATE_LINE.search(line.text)]
    left = [line for line in header if line not in right and _same_paragraph([line], anchor) is None]
    return left, right, False


def _all_caps(line: Line) -> bool:
    return all(run.format.caps for run in line.runs)


def _same_paragraph(lines: list[Line], line: Line | None) -> Line | None:
    if line is None:
        return None
    return next((other for other in lines if other.paragraph is line.paragraph
                 and other.start <= line.start and line.end <= other.end), None)


def _first(lines: list[Line], test) -> Line | None:
    return next((line for line in lines if test(line.text)), None)


def _find_title_block(layout: Layout, header_end: int, titles: set[str]) -> None:
    window = layout.lines[header_end + 1:header_end + 1 + TITLE_WINDOW]
    layout.title = next((line for line in window if line.folded in titles), None)
    if layout.title is None:
        return
    following = layout.lines[layout.index(layout.title) + 1:][:SUMMARY_WINDOW]
    separator = next((line for line in following if SEPARATOR.match(line.text)), None)
    if separator is not None:
        layout.separator = separator
        layout.summary = [line for line in following[:following.index(separator)] if not PERIOD.match(line.text)]
    elif following and following[0].paragraph.format.alignment == "center":
        layout.summary = following[:1]


def _find_signature(layout: Layout, words: list[str]) -> None:
    lines = layout.lines
    labels = [line for line in lines if line.folded.startswith("noi nhan")]
    layout.recipients_label = labels[-1] if labels else None
    pattern = re.compile(rf"^({'|'.join(map(re.escape, words))})(\s|$)")
    authorities = [line for line in lines if pattern.match(line.text)]
    layout.authority = authorities[-1] if authorities else None
    if layout.authority is not None:
        layout.authority_word = pattern.match(layout.authority.text).group(1)
        same = _following_in_container(lines, layout.authority)
        layout.signer_title = same[0] if same else None
        layout.signer_name = same[1] if len(same) > 1 else None
    elif layout.recipients_label is not None and layout.recipients_label.cells:
        table, row, column = layout.recipients_label.cells[0]
        signer = [line for line in lines if line.cells and line.cells[0][:2] == (table, row)
                  and line.cells[0][2] != column]
        layout.signer_title = signer[0] if signer else None
        layout.signer_name = signer[-1] if len(signer) > 1 else None
    if layout.recipients_label is not None:
        layout.recipients = _recipient_items(lines, layout.recipients_label)


def _following_in_container(lines: list[Line], line: Line) -> list[Line]:
    return [other for other in lines[lines.index(line) + 1:] if other.cells == line.cells]


def _recipient_items(lines: list[Line], label: Line) -> list[Line]:
    """The items under Nơi nhận: the rest of its cell, or the dashed lines after it, up to ``- Lưu``."""
    items = []
    for line in _following_in_container(lines, label):
        if not label.cells and not line.text.startswith(DASHES):
            break
        items.append(line)
        if fold(line.text.lstrip("".join(DASHES))).startswith("luu"):
            break
    return items


def _find_body(layout: Layout, header_end: int) -> None:
    """Top-level lines between the title block (or salutation) and the signature block."""
    starts = [layout.index(line) for line in (layout.title, layout.separator, layout.salutation, *layout.summary)]
    first = max([header_end, *starts]) + 1
    ends = [layout.index(line) for line in (layout.authority, layout.recipients_label, layout.signer_title)
            if line is not None]
    last = min(ends) if ends else len(layout.lines)
    layout.body = [line for line in layout.lines[first:last] if not line.cells]
