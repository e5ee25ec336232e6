"""The format rules of Hướng dẫn 36-HD/VPTW, judged on a document's effective formatting.

Every number and pattern comes from the format profile; severities follow the spec's §12.1:
a breach of a primary or corroborated rule is an error, of a rule known from memory or a single
source a warning.  Each rule reports where (paragraph, table cell) and what (an excerpt), in
Vietnamese or English.  The text rules of :mod:`docgen.vn.textcheck` run on every paragraph too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from docgen.check.findings import CheckResult, Finding
from docgen.check.layout import Layout, Line, find_layout
from docgen.check.messages import ELEMENT_NAMES, MARGIN_SIDES, MESSAGES, PROBLEMS
from docgen.check.properties import TWIPS_PER_MM, W, Paragraph, Run, Section, WordDocument
from docgen.format import Element, Profile
from docgen.i18n import N_, translate
from docgen.vn.dates import padded_day, padded_month
from docgen.vn.text import collapse_spaces, fold, tone_styles_in, upper
from docgen.vn.textcheck import check_text

# A number line taken apart whatever its order (Party 15-KH/ĐUK, State 15/KH-UBND), to say what is wrong.
NUMBER_PARTS = re.compile(
    r"^Số\s*(?P<colon>:?)\s*(?P<number>\d*)(?P<blank>\s*)(?P<sep1>[-/])(?P<type>[^-/\s]+)(?P<sep2>[-/])(?P<body>\S+)$"
)
# The day and month of a date line, to judge their zero-padding.
DATE_PARTS = re.compile(r"ngày\s*(?P<day>\d+)\s*tháng\s*(?P<month>\d+)\s*năm", re.IGNORECASE)
PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)
LINES_PER_PAGE = 40  # 14 pt single-spaced on A4 with the Party margins, with paragraph spacing
CHARS_PER_LINE = 90
EXCERPT_CHARS = 80
MAX_TEXT_FINDINGS = 1_000  # text findings listed; past them one note says there are more


def run_rules(doc: WordDocument, profile: Profile, *, allow: Iterable[str] = (), language: str = "vi") -> CheckResult:
    return Checker(doc, profile, tuple(allow), language).run()


class Checker:
    """One check of one document: the layout found, the findings collected in document order."""

    def __init__(self, doc: WordDocument, profile: Profile, allow: tuple[str, ...], language: str):
        self.doc = doc
        self.profile = profile
        self.checks = profile.checks
        self.allow = allow
        self.language = language
        self.layout: Layout = find_layout(doc, profile)
        self.findings: list[Finding] = []

    def run(self) -> CheckResult:
        kind = self.kind()
        if kind != "party":
            heading = self.profile.elements["party_heading"].text
            self.report("state-document" if kind == "state" else "unknown-kind", None, heading=heading)
        for rule in (self.page, self.fonts, self.heading, self.issuer, self.number, self.place_date,
                     self.title_block, self.letter, self.body, self.signature, self.recipients,
                     self.page_numbers, self.text):
            rule()
        return CheckResult(kind=kind, findings=self.findings)

    # -- reporting ----------------------------------------------------------------------------

    def say(self, message: str, **values) -> str:
        return translate(message, self.language, **values)

    def report(self, key: str, where, excerpt: str | None = None, *, rule: str | None = None,
               severity: str | None = None, **values) -> None:
        message = MESSAGES[key]
        self.findings.append(Finding(
            rule=rule or key.split("/")[0],
            severity=severity or message.severity,
            message=self.say(message.text, **values),
            location=self.where(where),
            excerpt=_excerpt(excerpt if excerpt is not None else _text_of(where)),
        ))

    def where(self, where) -> str:
        if where is None:
            return self.say(N_("toàn văn bản"))
        if isinstance(where, Line):
            where = where.paragraph
        if isinstance(where, Paragraph):
            return where.location.describe(self.language)
        return where.describe(self.language)

    def element(self, key: str, line: Line | None) -> None:
        """Size, bold, italic, underline and capitals of one element against the profile."""
        if line is None:
            return
        element = self.profile.resolved(key)
        problems = [self.say(PROBLEMS[name], **values) for name, values in _format_problems(element, line.runs)]
        if problems:
            self.report("format", line, rule=key.replace("_", "-") + "-format", severity=element.check_severity,
                        name=self.say(ELEMENT_NAMES[key]), problems=", ".join(problems))

    # -- the kind of document -----------------------------------------------------------------

    def kind(self) -> str:
        """Party or State, by the marks §12 lists: heading vs Quốc hiệu, number form, authority words,
        ``*`` vs a line under the issuer."""
        layout = self.layout
        if layout.heading is not None:
            return "party"
        if layout.state_heading is not None or layout.state_motto is not None:
            return "state"
        party = state = 0
        if layout.number is not None and (parts := NUMBER_PARTS.match(layout.number.text)):
            state_like = parts["colon"] or parts["sep1"] == "/"
            state += bool(state_like)
            party += not state_like
        if layout.authority_word is not None:
            dotted = layout.authority_word in self.checks.state_authority
            state += dotted
            party += not dotted
        party += layout.star is not None
        state += layout.star is None and self._line_under_issuer()
        if party == state:
            return "unknown"
        return "party" if party > state else "state"

    def _line_under_issuer(self) -> bool:
        if not self.layout.issuer:
            return False
        last = self.layout.issuer[-1].paragraph
        following = self._next_paragraphs(last, 1)
        return last.format.bottom_border or any(p.drawn_lines_mm for p in [last, *following])

    def _next_paragraphs(self, paragraph: Paragraph, count: int) -> list[Paragraph]:
        """The paragraphs after ``paragraph`` in the same body or cell."""
        paragraphs = self.doc.paragraphs
        at = paragraphs.index(paragraph)
        return [p for p in paragraphs[at + 1:at + 1 + count] if p.location.cells == paragraph.location.cells]

    # -- page ---------------------------------------------------------------------------------

    def page(self) -> None:
        page = self.profile.page
        expected = f"{_num(page.width_mm)} × {_num(page.height_mm)}"
        for section in self.doc.sections:
            if section.width_twips is None or section.height_twips is None:
                continue
            sides = sorted((section.width_twips / TWIPS_PER_MM, section.height_twips / TWIPS_PER_MM))
            if any(abs(a - b) > page.paper_tolerance_mm for a, b in zip(sides, (page.width_mm, page.height_mm))):
                self.report("paper-size", section, "", actual=f"{_num(sides[0])} × {_num(sides[1])}",
                            expected=expected)
            if section.number == 1 and section.landscape:
                self.report("orientation", section, "")
            if not section.landscape:
                self._margins(section)

    def _margins(self, section: Section) -> None:
        page = self.profile.page
        actual = {side: section.margins_twips.get(side, 0) / TWIPS_PER_MM for side in MARGIN_SIDES}
        wrong = [side for side in MARGIN_SIDES if abs(actual[side] - page.margins_mm[side]) > page.margin_tolerance_mm]
        if wrong:
            def listing(values, sides):
                return ", ".join(f"{self.say(MARGIN_SIDES[side])} {_num(values[side])} mm" for side in sides)
            self.report("margins", section, "", actual=listing(actual, wrong),
                        expected=listing(page.margins_mm, MARGIN_SIDES), tolerance=_num(page.margin_tolerance_mm))

    # -- fonts --------------------------------------------------------------------------------

    def fonts(self) -> None:
        """One finding per wrong font, at its first paragraph, counting the paragraphs it is used in."""
        legacy = [re.compile(pattern, re.IGNORECASE) for pattern in self.checks.legacy_fonts]
        used: dict[str | None, list[Paragraph]] = {}
        for paragraph in [*self.doc.paragraphs, *self._furniture()]:
            for font in {font for run in paragraph.text_runs for font in run.fonts}:
                if (font or "").strip().lower() != self.profile.font.lower():
                    used.setdefault(font, []).append(paragraph)
        for font, paragraphs in used.items():
            key = "legacy-font" if font and any(p.match(font) for p in legacy) else "font"
            name = font or self.say(N_("không khai báo"))
            self.report(key, paragraphs[0], font=name, count=len(paragraphs), expected=self.profile.font)

    def _furniture(self) -> list[Paragraph]:
        """Paragraphs of the headers and footers each section shows."""
        seen, found = set(), []
        for section in self.doc.sections:
            for part in [*section.headers.values(), *section.footers.values()]:
                if id(part) not in seen:
                    seen.add(id(part))
                    found.extend(self.doc.header_paragraphs(part, section.number))
        return found

    # -- header -------------------------------------------------------------------------------

    def heading(self) -> None:
        layout, element = self.layout, self.profile.elements["party_heading"]
        for line in (layout.state_heading, layout.state_motto):
            if line is not None:
                self.report("state-header", line, heading=element.text)
        if layout.heading is None:
            if layout.state_heading is None:
                self.report("party-heading-missing", None, "", expected=element.text)
            return
        shown = collapse_spaces("".join(upper(run.text) if run.format.caps else run.text
                                        for run in layout.heading.runs))
        if shown != element.text:
            self.report("party-heading-text", layout.heading, text=shown, expected=element.text)
        self.element("party_heading", layout.heading)
        self._heading_line(layout.heading)

    def _heading_line(self, heading: Line) -> None:
        """A bottom border as long as the heading, or a drawn line just under it: either will do."""
        expected = self.profile.heading_line_mm
        tolerance = self.profile.heading_line_tolerance
        paragraph = heading.paragraph
        lengths = list(paragraph.drawn_lines_mm)
        for following in self._next_paragraphs(paragraph, 2):
            lengths.extend(following.drawn_lines_mm)
        if paragraph.format.bottom_border:
            width = paragraph.width_twips
            lengths.append(None if width is None else
                           (width - paragraph.format.left_indent_twips - paragraph.format.right_indent_twips)
                           / TWIPS_PER_MM)
        if not lengths:
            self.report("party-heading-line", heading, expected=_num(expected))
        elif all(length is not None and abs(length - expected) > tolerance * expected for length in lengths):
            closest = min(lengths, key=lambda length: abs(length - expected))
            self.report("party-heading-line/length", heading, actual=_num(closest), expected=_num(expected),
                        tolerance=_num(tolerance * 100))

    def issuer(self) -> None:
        layout = self.layout
        if not layout.issuer:
            self.report("issuer-missing", None, "")
        self.element("superior", layout.superior)
        for line in layout.issuer:
            self.element("issuer", line)
        if layout.star is None:
            where = layout.issuer[-1] if layout.issuer else None
            self.report("star-missing/line" if self._line_under_issuer() else "star-missing", where,
                        "" if where is None else None)
        self.element("star", layout.star)

    def number(self) -> None:
        line = self.layout.number
        if line is None:
            self.report("number-missing", None, "")
            return
        self.element("number", line)
        text = line.text
        parts = NUMBER_PARTS.match(text)
        if parts is None:
            if not re.match(self.checks.number_blank, text):
                self.report("number-form", line)
            return
        before = len(self.findings)
        number, symbol, body = parts["number"], parts["type"], parts["body"]
        fixed_number = f"{int(number):02d}" if number else parts["blank"] or " "
        state_order = parts["sep1"] == "/" and parts["sep2"] == "-"
        fixed_symbol = self.checks.state_symbols.get(symbol, symbol)
        fix = f"Số {fixed_number}-{fixed_symbol}/{body}"
        if parts["colon"]:
            self.report("number-colon", line, fix=fix)
        if state_order:
            self.report("number-state-order", line, fix=fix)
        if len(number) == 1 and number != "0":
            self.report("number-leading-zero", line, fix=fix)
        if symbol in self.checks.state_symbols:
            self.report("number-state-symbol", line, symbol=symbol, fix=fixed_symbol)
        if not state_order and "/" in body:
            self.report("number-third-segment", line, segment=body.split("/", 1)[1])
        if len(self.findings) == before and not (re.match(self.checks.number, text)
                                                 or re.match(self.checks.number_blank, text)):
            self.report("number-form", line)

    def place_date(self) -> None:
        line = self.layout.place_date
        if line is None:
            self.report("place-date-missing", None, "")
            return
        self.element("place_date", line)
        text = collapse_spaces(line.text) if not re.match(self.checks.place_date_blank, line.text) else line.text
        parts = DATE_PARTS.search(text)
        if parts is not None:
            day, month = int(parts["day"]), int(parts["month"])
            fixed_day, fixed_month = padded_day(day), padded_month(month)
            fixed = text[:parts.start("day")] + fixed_day + text[parts.end("day"):parts.start("month")] \
                + fixed_month + text[parts.end("month"):]
            if (fixed_day, fixed_month) != (parts["day"], parts["month"]) and 1 <= day <= 31 and 1 <= month <= 12:
                self.report("place-date-padding", line, fix=fixed)
                text = fixed
        if not (re.match(self.checks.place_date, text) or re.match(self.checks.place_date_blank, text)):
            self.report("place-date-form", line)

    # -- title, summary, separator ------------------------------------------------------------

    def is_letter(self) -> bool:
        number = self.layout.number
        parts = NUMBER_PARTS.match(number.text) if number is not None else None
        if parts is not None and parts["type"] == self.checks.letter_symbol:
            return True
        return self.layout.title is None and self.layout.salutation is not None

    def title_block(self) -> None:
        layout = self.layout
        if self.is_letter():
            return
        if layout.title is None:
            self.report("doc-title-missing", None, "")
            return
        self.element("doc_title", layout.title)
        for line in layout.summary:
            self.element("summary", line)
        expected = self.profile.elements["separator"].text
        if layout.separator is not None:
            if layout.separator.text != expected:
                self.report("separator-form", layout.separator, text=layout.separator.text, expected=expected)
            self.element("separator", layout.separator)
            return
        last = (layout.summary or [layout.title])[-1].paragraph
        drawn = last.format.bottom_border or any(p.drawn_lines_mm for p in [last, *self._next_paragraphs(last, 2)])
        self.report("separator-drawn" if drawn else "separator-missing", last, expected=expected)

    def letter(self) -> None:
        if not self.is_letter():
            return
        layout = self.layout
        for line in layout.letter_summary:
            self.element("letter_summary", line)
        prefix = self.checks.state_letter_prefix
        if layout.letter_summary and layout.letter_summary[0].text.startswith(prefix):
            self.report("letter-summary-prefix", layout.letter_summary[0], prefix=prefix)
        expected = self.checks.salutation
        if layout.salutation is None:
            self.report("letter-salutation", None, "", expected=expected)
        elif not layout.salutation.text.startswith(expected):
            self.report("letter-salutation/form", layout.salutation, expected=expected)

    # -- body ---------------------------------------------------------------------------------

    def body(self) -> None:
        """Body text size, one finding per wrong size (a hand-made file may have hundreds)."""
        allowed = self.profile.resolved("body").allowed_sizes
        wrong: dict[float, list[Line]] = {}
        for line in self.layout.body:
            for size in sorted({run.format.size_pt for run in line.runs} - set(allowed)):
                wrong.setdefault(size, []).append(line)
        for size, lines in wrong.items():
            self.report("body-size", lines[0], actual=_num(size), count=len(lines), expected=_sizes(allowed))

    # -- signature and recipients -------------------------------------------------------------

    def signature(self) -> None:
        layout = self.layout
        if layout.authority is not None:
            line, word, authority = layout.authority, layout.authority_word, self.checks.authority
            rest = line.text[len(word):].strip()
            slashed = self.checks.state_authority.get(word, word)
            if word != slashed:
                self.report("authority-state-style", line, word=word, fix=f"{slashed} {rest}".strip())
            if slashed == authority["deputy"]:
                if any(fold(rest).startswith(fold(collective))
                       for collective in self.checks.committees + self.checks.collectives):
                    self.report("authority-deputy-collective", line, fix=f"{authority['collective']} {rest}")
                elif (committee := self._issuing_committee()) is not None:
                    self.report("authority-deputy-committee", line, fix=f"{authority['collective']} {committee}")
            self.element("signature_authority", line)
        self.element("signer_title", layout.signer_title)
        self.element("signer_name", layout.signer_name)

    def _issuing_committee(self) -> str | None:
        """The committee the issuer is (``ĐẢNG ỦY`` for ``ĐẢNG ỦY KHỐI …``), as the profile names it;
        None when a body with one head (a ban, a văn phòng) or an unknown one issues the document."""
        issuer = fold(" ".join(line.text for line in self.layout.issuer)) + " "
        return next((name for name in self.checks.committees if issuer.startswith(fold(name) + " ")), None)

    def recipients(self) -> None:
        layout = self.layout
        self.element("recipients_label", layout.recipients_label)
        for item in layout.recipients:
            self.element("recipient", item)
            if not item.text.startswith("- "):
                self.report("recipient-prefix", item)
            if re.match(r"^-\s*Lưu\s*:", item.text):
                self.report("recipient-archive-colon", item)
        if layout.recipients and not layout.recipients[-1].text.endswith("."):
            self.report("recipient-last-period", layout.recipients[-1])

    # -- page numbers -------------------------------------------------------------------------

    def page_numbers(self) -> None:
        first = self.doc.sections[0]
        page_one = first.headers.get("first") if first.title_page else first.headers.get("default")
        if page_one is not None and _has_page_field(page_one) and self.profile.page.page_number_from > 1:
            self.report("page-number-first-page", first, "", first=self.profile.page.page_number_from)
        numbered = next(((section, part) for section in self.doc.sections for part in section.headers.values()
                         if _has_page_field(part)), None)
        if numbered is not None:
            for paragraph in self.doc.header_paragraphs(numbered[1], numbered[0].number):
                if _has_page_field(paragraph.element):
                    self.element("page_number", Line(paragraph, 0, len(paragraph.text)))
        elif any(_has_page_field(part) for section in self.doc.sections for part in section.footers.values()):
            self.report("page-number-position", first, "")
        elif self._estimated_lines() > LINES_PER_PAGE:
            self.report("page-number-missing", first, "")

    def _estimated_lines(self) -> int:
        """Roughly how many lines the document fills: a one-page document needs no page number.
        A table is as tall as its tallest column."""
        body, columns = 0, Counter()
        for paragraph in self.doc.paragraphs:
            lines = max(1, math.ceil(len(paragraph.text) / CHARS_PER_LINE))
            if paragraph.location.cells:
                columns[paragraph.table, paragraph.column] += lines
            else:
                body += lines
        tallest: dict[int, int] = {}
        for (table, _), lines in columns.items():
            tallest[table] = max(tallest.get(table, 0), lines)
        return body + sum(tallest.values())

    # -- text ---------------------------------------------------------------------------------

    def text(self) -> None:
        """The text rules on every paragraph, the ủy/uỷ style judged against the whole document's majority."""
        words = Counter(word for p in self.doc.paragraphs for word in p.text.split())
        styles = Counter()
        for word, count in words.items():
            for style in tone_styles_in(word):
                styles[style] += count
        tone_style = styles.most_common(1)[0][0] if len(styles) == 2 and len(set(styles.values())) == 2 else None
        blanks = [re.compile(self.checks.number_blank), re.compile(self.checks.place_date_blank)]
        listed = 0
        for paragraph in self.doc.paragraphs:
            if not paragraph.text.strip():
                continue
            blank = any(pattern.match(paragraph.text.strip()) for pattern in blanks)
            for found in check_text(paragraph.text, allow=self.allow, tone_style=tone_style):
                if blank and found.rule == "double-space":
                    continue
                if listed == MAX_TEXT_FINDINGS:
                    self.report("text-findings-cut", None, max=MAX_TEXT_FINDINGS)
                    return
                listed += 1
                self.findings.append(Finding(
                    rule=found.rule,
                    severity=found.severity,
                    message=found.message.translate(self.language),
                    location=paragraph.location.describe(self.language),
                    excerpt=found.excerpt,
                ))


def _format_problems(element: Element, runs: list[Run]) -> list[tuple[object, dict]]:
    """(problem, values) for each way the runs differ from the element; the first offending run speaks."""
    runs = [run for run in runs if run.text.strip()]
    problems: list[tuple[object, dict]] = []
    allowed = element.allowed_sizes
    bad = [run.format.size_pt for run in runs if allowed and run.format.size_pt not in allowed]
    if bad:
        problems.append(("size", {"actual": _num(bad[0]), "expected": _sizes(allowed)}))
    lettered = [run for run in runs if any(c.isalpha() for c in run.text)]
    for name in ("bold", "italic", "underline"):
        wanted = getattr(element, name)
        if wanted is not None and any(getattr(run.format, name) != wanted for run in lettered):
            problems.append(((name, wanted), {}))
    if element.caps and any(not run.format.caps and run.text != upper(run.text) for run in lettered):
        problems.append(("caps", {}))
    return problems


def _has_page_field(element) -> bool:
    instructions = [node.text or "" for node in element.iter("{*}instrText")]
    instructions += [node.get(f"{{{W}}}instr") or "" for node in element.iter("{*}fldSimple")]
    return any(PAGE_FIELD.match(instruction) for instruction in instructions)


def _text_of(where) -> str:
    return where.text if isinstance(where, (Line, Paragraph)) else ""


def _excerpt(text: str) -> str:
    text = collapse_spaces(text)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1] + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sizes(sizes: tuple[float, ...]) -> str:
    return _num(sizes[0]) if len(sizes) == 1 else f"{_num(min(sizes))}–{_num(max(sizes))}"
