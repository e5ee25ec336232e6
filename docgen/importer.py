"""Bring an existing plan in: text pasted from Word, a PDF or a web page, or a .docx file.

What the document says about itself (issuer, number, place, date, trích yếu) is taken; the
organisation given fills in only what it lacks (the seed plan lost its header), unless the user
chose it (``keep_organisation``): then it stays, and where the document differs is reported.
Pasted text is forgiving: table rows joined into lines or split into cell fragments, columns
interleaved, lines cut anywhere, page numbers and a printed web page's headers and footers in the
middle of the text. Import never changes a word silently: suspected glued words (``Khốixây``) and
commas without a space (``Đảng,Ban``) come back as ``glued-word`` suggestions, applied only with
``fix=True``; ``normalised`` suggestions report what import did change (marker spacing is not
reported: ``1.Mục đích`` always becomes ``1. Mục đích``); ``missing`` ones say what was not found.

In a .docx, Word's automatic numbering and bullets are not in the paragraph text: they are
rebuilt, best effort, from the numbering definitions (``1.``, ``a)``, ``I.``; any bullet
becomes ``-`` at the first level and ``+`` below). A soft line break ends a paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import IO

from lxml import etree
from pydantic import ValidationError

from docgen import outline
from docgen.check.package import MAX_FILE_BYTES, NS, RT_NUMBERING, Package, UnreadableDocument, read_source
from docgen.check.properties import VISIBLE_RUNS, Styles, blocks, run_text
from docgen.errors import BadInput
from docgen.format import load_profile
from docgen.model import DocType, Organisation, Plan, Signature, describe_errors
from docgen.uploads import MAX_DOCUMENT_CHARS
from docgen.vn.numbers import to_roman
from docgen.vn.syllable import find_glued_words
from docgen.vn.text import collapse_spaces, fold, tone_styles_in

_TYPES = {doc_type.title: doc_type for doc_type in DocType if doc_type.title}
_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
_RULE = re.compile(r"[-–—_=]{3,}")
# The rule under the trích yếu glued to the paragraph below it: pdftotext joins a line that ends in "-".
_GLUED_RULE = re.compile(r"^([-–—_=]{3,})(?=[^\W\d_])")
_NUMBER = re.compile(r"\bSố\s*:?\s*(\d*)\s*-\s*([A-ZĐ][A-Za-zĐđ]*)\s*/\s*([A-ZĐ][A-Za-zĐđ/]*)")
_DATE = re.compile(r",?\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\b\s*(\d{4})?")
# "TP." in "TP. Thủ Đức", also when it ended the line above the date.
_PLACE_ABBREVIATION = re.compile(r"[A-ZĐ][A-Za-zĐđ]{0,2}\.")
# Header lines (folded) that begin the name of an issuing body (a committee, a board, an office, a
# congress), or of any body, a superior too.
_ISSUING = re.compile(r"(?:dang uy|chi bo|(?:tinh|thanh|huyen|quan|thi|xa) uy|ban|van phong|uy ban|dang doan|dai hoi)\b")
_BODY = re.compile(rf"dang bo\b|{_ISSUING.pattern}")
# How the opening sentence of a Party document starts: words a trích yếu writes in lower case.
_OPENING = re.compile(r"(?:Thực hiện|Căn cứ|Triển khai|Thi hành|Theo|Để|Nhằm|Qua|Trong|Trên cơ sở|Sau khi|Được sự)\b")
# What a PDF or a printed web page repeats on every page: a page number (2, - 2 -, Trang 2, 2/5),
# the page's address, the browser's date and time (with the page's title and address after it
# when a PDF reader gives the line whole).
_PAGE_LINE = re.compile(
    r"\d{1,3}|-\s*\d{1,3}\s*-|(?:Trang|Page)\s*\d{1,3}(?:\s*(?:/|of|trên)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}"
    r"|(?:(?:https?|file)://|www\.)\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\b.*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_RECIPIENTS = re.compile(r"Nơi\s+nhận\s*:?", re.IGNORECASE)
_AUTHORITY = re.compile(r"(T/M|K/T|T/L|TM\.|KT\.|TL\.)\s*(?=\S)")
_SIGNED = re.compile(r"\(?\s*(đã\s+)?ký\b.*", re.IGNORECASE)
_ITEM = re.compile(r"[-–—•+]\s*")
_CITATION = re.compile(
    r"(?:Nghị quyết|Kế hoạch|Chỉ thị|Hướng dẫn|Quy định|Kết luận|Công văn|Thông báo|Quyết định|Chương trình)"
    r"\s+(?:số\s+)?\d+\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ]"
)
_GLUED_COMMA = re.compile(r"(?<![^\W\d_])[^\W\d_]++,(?=[^\W\d_])[^\W\d_]+")  # from a word's start: linear
_TBL = f"{{{NS['w']}}}tbl"
_VISIBLE_RUNS = etree.XPath(VISIBLE_RUNS, namespaces=NS)


@dataclass
class Suggestion:
    """Something import noticed: ``glued-word`` (applied with fix), ``normalised`` (applied), ``missing``."""

    kind: str
    where: str
    message: str
    original: str
    replacement: str | None = None


@dataclass
class ImportResult:
    """The plan, what import noticed on the way, and whether the glued words were split."""

    plan: Plan
    suggestions: list[Suggestion]
    fixed: bool


class PlanImportError(BadInput):
    """Input that holds no plan docgen can read; the message says what was expected."""


def decode_text(data: bytes) -> str:
    """A .txt as Notepad or Word saves it: UTF-8 (with or without a BOM) or UTF-16; raises
    UnicodeDecodeError for anything else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-16")


def import_text(text: str, organisation: Organisation, *, fix: bool = False,
                keep_organisation: bool = False) -> ImportResult:
    """A plan from plain text; hard-wrapped lines (PDF, web page) are re-joined.

    ``organisation`` fills in what the text does not say; with ``keep_organisation`` (the user chose
    it) it is the plan's, whatever the text says."""
    if not text.strip():
        raise PlanImportError("Văn bản trống: cần nội dung một kế hoạch (tên loại, trích yếu, nội dung)")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise PlanImportError(f"Văn bản quá dài: hơn {MAX_DOCUMENT_CHARS} ký tự; cần một kế hoạch, không phải cả tập tài liệu")
    return _import(outline.clean_lines(text, cells=True), organisation, fix, None, keep_organisation)


def import_docx(path_or_file: str | PathLike | IO[bytes], organisation: Organisation, *,
                fix: bool = False, keep_organisation: bool = False) -> ImportResult:
    """A plan from a .docx: paragraphs and tables in reading order, Word's numbering rebuilt. The
    file is read as the checker reads it, within the same limits (size, parts, paragraphs, tables,
    characters)."""
    try:
        source = path_or_file.read(MAX_FILE_BYTES + 1) if hasattr(path_or_file, "read") else Path(path_or_file)
        lines = "\n".join(_docx_lines(Package(read_source(source))))
    except UnreadableDocument as error:
        raise PlanImportError(f"Không đọc được tệp .docx: {error}; cần một tệp Word .docx") from None
    return _import(outline.clean_lines(lines), organisation, fix, False, keep_organisation)


def _import(lines: list[str], organisation: Organisation, fix: bool, wrapped: bool | None,
            keep: bool) -> ImportResult:
    """Header, title, summary, ``-----``, body, then ``Nơi nhận`` and the signature, as Party documents run;
    a công văn has no title: its trích yếu is under the number and its body starts at ``Kính gửi``."""
    found: list[Suggestion] = []
    lines = [part for line in lines for part in _GLUED_RULE.sub("\\1\n", line).split("\n")]
    lines = _without_page_furniture(lines, found)
    title_at = next((i for i, line in enumerate(lines) if line in _TYPES), None)
    salutation = load_profile().checks.salutation.rstrip(":")
    body_at = title_at if title_at is not None else next(
        (i for i, line in enumerate(lines) if line.startswith(salutation)), None)
    if body_at is None:
        raise PlanImportError(
            "Không tìm thấy tên loại văn bản: cần một dòng KẾ HOẠCH, HƯỚNG DẪN hoặc BÁO CÁO, "
            "tiếp theo là trích yếu và nội dung (hoặc, trong một công văn, dòng «Kính gửi:»)"
        )
    header = _header(lines[:body_at], found)
    if title_at is None:
        doc_type, summary_lines = DocType.CONG_VAN, header.summary
    else:
        doc_type = _TYPES[lines[title_at]]
        summary_lines, body_at = _summary_lines(lines[title_at + 1:])
        body_at += title_at + 1
    summary = _summary(" ".join(summary_lines), typed=title_at is not None, fix=fix, found=found)
    tail_at = next((i for i in range(body_at, len(lines)) if _ends_body(lines[i])), len(lines))
    nodes = outline.parse("\n".join(lines[body_at:tail_at]), wrapped)
    if not nodes:
        raise PlanImportError("Không tìm thấy nội dung văn bản: cần các đoạn nội dung sau trích yếu và «-----»")
    lines_of_body = outline.to_text(nodes).splitlines()
    body = "\n".join(_checked(line, f"đoạn {i}", fix, found) for i, line in enumerate(lines_of_body, 1))
    recipients, signature = _tail(lines[tail_at:], fix, found)
    try:
        plan = Plan(organisation=_organisation(header, organisation, keep, "\n".join(lines), found),
                    type=doc_type, number=header.number, date=header.date, summary=summary, body=body,
                    basis=_basis(outline.parse(body)), recipients=recipients, signature=signature)
    except ValidationError as error:
        raise PlanImportError("Kế hoạch nhập vào không hợp lệ: " + "; ".join(describe_errors(error))) from None
    return ImportResult(plan, found, fixed=fix and any(s.kind == "glued-word" for s in found))


def _without_page_furniture(lines: list[str], found: list[Suggestion]) -> list[str]:
    """The lines without what a PDF or a printed web page repeats on every page (see _PAGE_LINE), nor
    the lines that come back beside them each time (the page's title); the blank lines around them go
    too, so that a paragraph a page break cut is one again. What went is reported."""
    filled = [i for i, line in enumerate(lines) if line]
    furniture = {i for i in filled if _PAGE_LINE.fullmatch(lines[i])}
    if not furniture:
        return lines
    beside = {j for k, i in enumerate(filled) if i in furniture for j in filled[max(k - 1, 0):k + 2]}
    occurrences: dict[str, list[int]] = {}
    for i in filled:
        occurrences.setdefault(lines[i], []).append(i)
    furniture |= {i for at in occurrences.values() if len(at) > 1 and beside.issuperset(at) for i in at}
    kept: list[str] = []
    dropped = False
    for i, line in enumerate(lines):
        if i in furniture:
            while kept and not kept[-1]:
                kept.pop()
            dropped = True
        elif line or not dropped:
            kept.append(line)
            dropped = False
    found.append(Suggestion("normalised", "toàn văn",
                            f"Bỏ {len(furniture)} dòng số trang, đầu trang, chân trang của bản PDF hoặc trang web",
                            "\n".join(lines[i] for i in sorted(furniture)), ""))
    return kept


@dataclass
class _Header:
    """What the header block says: the number with its kind and symbol (``Số 15-KH/ĐUK``), place and
    date, the issuing body (its superior above it), and in a công văn the trích yếu under the number."""

    number: int | None = None
    symbol: str | None = None
    date: dt.date | None = None
    place: str | None = None
    superior: str = ""
    name: str | None = None
    summary: list[str] = field(default_factory=list)


def _header(lines: list[str], found: list[Suggestion]) -> _Header:
    """The header block, in whatever order a PDF, a table or a web page gave its two columns and
    wherever it cut their lines (``Số:`` above its number, ``TP.`` above the place); lines above it
    (a web page's links) are left out: the issuer starts at the name of a body."""
    header = _Header()
    text = "\n".join(lines).replace(_PARTY, "\n")
    if match := _NUMBER.search(text):
        header.number, header.symbol = int(match[1] or 0) or None, match[3].split("/")[0]
        text = text[:match.start()] + "\n" + text[match.end():]
    else:
        found.append(Suggestion("missing", "tiêu đề", "Không tìm thấy số văn bản: để trống", ""))
    if match := _DATE.search(text):
        header.date = _date(match, found)
        before, header.place = _place(text[:match.start()])
        text = before + "\n" + text[match.end():]
    else:
        found.append(Suggestion("missing", "tiêu đề", "Không tìm thấy ngày ban hành: để trống", ""))
    rest = [line for line in (collapse_spaces(_RULE.sub(" ", line).replace("*", " ").replace("|", " "))
                              for line in text.split("\n")) if line]
    start = next((i for i, line in enumerate(rest) if line.isupper() and _BODY.match(fold(line))),
                 next((i for i, line in enumerate(rest) if line.isupper()), len(rest)))
    issuer = [line for line in rest[start:] if line.isupper()]
    header.summary = [line for line in rest[start:] if not line.isupper()]
    if issuer:
        at = next((i for i in range(1, len(issuer)) if _ISSUING.match(fold(issuer[i]))), 1 if len(issuer) > 1 else 0)
        header.superior, header.name = " ".join(issuer[:at]), " ".join(issuer[at:])
    return header


def _place(text: str) -> tuple[str, str | None]:
    """The text before the date without the place that ends it, and the place (capitalised words,
    ``TP.`` and the like, one of them ending the line above)."""
    above, _, line = text.rpartition("\n")
    words = line.split()
    at = len(words)
    while at and (_PLACE_ABBREVIATION.fullmatch(words[at - 1]) or words[at - 1][0].isupper()
                  and not words[at - 1].isupper()):
        at -= 1
    place = words[at:]
    if place and not at:
        higher, _, last = above.rpartition("\n")
        *rest, end = last.split() or [""]
        if _PLACE_ABBREVIATION.fullmatch(end):
            place.insert(0, end)
            above = higher + "\n" + " ".join(rest)
    return above + "\n" + " ".join(words[:at]), " ".join(place) or None


def _organisation(header: _Header, default: Organisation, keep: bool, text: str,
                  found: list[Suggestion]) -> Organisation:
    """The issuer: what the header says, ``default`` filling in the rest (all of it for the same
    body; for another, only how it signs and follows up); with ``keep``, ``default``, and what the
    header says otherwise is reported."""
    expected = " / ".join(filter(None, (default.superior, default.name)))
    written = " / ".join(filter(None, (header.superior, header.name)))
    if not header.name:
        found.append(Suggestion("missing", "tiêu đề",
                                f"Không tìm thấy tên cơ quan ban hành: dùng «{expected}»", "", expected))
    same_name = not header.name or _words(header.name) == _words(default.name)
    same_superior = not header.superior or _words(header.superior) == _words(default.superior)
    if keep:
        differences = (("Cơ quan ban hành", not (same_name and same_superior), written, expected),
                       ("Địa danh", header.place and fold(header.place) != fold(default.place), header.place,
                        default.place),
                       ("Ký hiệu", header.symbol and header.symbol != default.symbol, header.symbol, default.symbol))
        for what, differs, said, kept in differences:
            if differs:
                found.append(Suggestion("normalised", "tiêu đề",
                                        f"{what} trong văn bản khác với đơn vị đã chọn: dùng «{kept}»", said, kept))
        return default
    data = default.model_dump()
    if not (same_name and same_superior):
        spelling = _Spelling(text, [default.superior, default.name, default.party_organisation])
        if not same_name:
            name = spelling.spelt(header.name)
            data = {key: data[key] for key in ("collective", "lead_board", "place", "symbol", "tone_style")}
            data |= {"superior": "", "name": name, "short_name": spelling.short(name)}
        if header.superior:
            data["superior"] = spelling.spelt(header.superior)
        used = " / ".join(filter(None, (data["superior"], data["name"])))
        found.append(Suggestion("normalised", "tiêu đề", f"Cơ quan ban hành theo văn bản: «{used}»", written, used))
    styles = tone_styles_in(text)
    said = {"place": header.place, "symbol": header.symbol,
            "tone_style": next(iter(styles)) if len(styles) == 1 else None}
    return Organisation.model_validate(data | {key: value for key, value in said.items() if value})


def _words(text: str) -> list[str]:
    return [fold(word) for word in _WORD.findall(text)]


class _Spelling:
    """How a document spells a name its header writes in capitals: as the organisation does, or as
    its own running text does (``Đảng ủy phường Linh Trung``); in capitals when neither says."""

    def __init__(self, text: str, known: list[str]):
        self.text = text
        self.known = {tuple(_words(name)): name for name in known if name}
        self.words = [(fold(match[0]), match.start(), match.end()) for match in _WORD.finditer(text)]

    def spelt(self, caps: str) -> str:
        wanted = _words(caps)
        return self.known.get(tuple(wanted)) or self._find(wanted) or caps

    def short(self, name: str) -> str:
        """The name as the text shortens it (``Đảng ủy Công ty``): its longest beginning the text
        uses, of two words at least."""
        wanted = _words(name)
        return next(filter(None, (self._find(wanted[:n]) for n in range(len(wanted), 1, -1))), name)

    def _find(self, wanted: list[str]) -> str | None:
        n = len(wanted)
        for i in range(len(self.words) - n + 1):
            if [word for word, _, _ in self.words[i:i + n]] == wanted:
                spelt = collapse_spaces(self.text[self.words[i][1]:self.words[i + n - 1][2]])
                if not spelt.isupper():
                    return spelt
        return None


def _date(match: re.Match, found: list[Suggestion]) -> dt.date | None:
    from docgen.vn.dates import parse_date

    day, month, year = match.groups()
    if not (day and month and year):
        return None
    try:
        return parse_date(f"{day}/{month}/{year}")
    except BadInput as error:
        found.append(Suggestion("missing", "tiêu đề", f"Để trống ngày ban hành: {error}", match.group().lstrip(", ")))
        return None


def _summary_lines(lines: list[str]) -> tuple[list[str], int]:
    """The trích yếu under the title, and where the body starts.

    Up to ``-----``. Without one (a web page drops it, a PDF may draw it), the lines after the title
    up to a blank line, an outline marker, a line after one that ends a sentence, the opening
    sentence (``Thực hiện …``, ``Căn cứ …``) or, under a trích yếu in capitals, a line that is not;
    when the lines taken end a sentence, the last of them was the opening paragraph.
    """
    rule = next((i for i, line in enumerate(lines[:8]) if _RULE.fullmatch(line)), None)
    if rule is not None:
        return [line for line in lines[:rule] if line], rule + 1
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = start + 1
    while end < len(lines) and _goes_on(lines[end - 1], lines[end]):
        end += 1
    if end - start > 1 and outline.ends_sentence(lines[end - 1]):
        end -= 1
    return lines[start:end], end


def _goes_on(summary: str, line: str) -> bool:
    """Whether a line goes on the trích yếu whose last line is ``summary``."""
    return (bool(line) and outline.read_marker(line) is None and not outline.ends_sentence(summary)
            and not _OPENING.match(line) and (line.isupper() or not summary.isupper()))


def _summary(text: str, typed: bool, fix: bool, found: list[Suggestion]) -> str:
    """The trích yếu; under a title (``typed``), its first letter in lower case as Party documents write it."""
    if not text:
        raise PlanImportError("Không tìm thấy trích yếu: cần một dòng trích yếu ngay dưới tên loại văn bản "
                              "(trong một công văn, dưới số văn bản)")
    text = _checked(text, "trích yếu", fix, found)
    first = text.split(" ", 1)[0]
    if typed and len(first) > 1 and first[0].isupper() and first[1:].islower():
        lowered = text[0].lower() + text[1:]
        found.append(Suggestion("normalised", "trích yếu", "Trích yếu văn bản của Đảng viết thường chữ đầu",
                                text, lowered))
        text = lowered
    return text


def _ends_body(line: str) -> bool:
    return bool(_RECIPIENTS.match(line) or _AUTHORITY.match(line))


def _tail(lines: list[str], fix: bool, found: list[Suggestion]) -> tuple[list[str], Signature]:
    """The ``Nơi nhận`` list and the signature block, whichever of the two comes first."""
    recipients: list[str] = []
    signature: list[str] = []
    listed = signing = False
    for line in filter(None, lines):
        if match := _RECIPIENTS.match(line):
            listed, signing, line = True, False, line[match.end():].strip()
            if not line:
                continue
        if _AUTHORITY.match(line):
            signing, signature = True, [line]
        elif listed and (match := _ITEM.match(line)):
            recipients.append(line[match.end():])
        elif signing:
            if not _SIGNED.fullmatch(line):
                signature.append(line)
        elif listed and recipients and line[0].islower():
            recipients[-1] += " " + line
    recipients = [_checked(item.rstrip(" ,;."), f"nơi nhận {i}", fix, found)
                  for i, item in enumerate(recipients, 1)]
    if not recipients:
        found.append(Suggestion("missing", "nơi nhận", "Không tìm thấy «Nơi nhận:»: danh sách nơi nhận để trống",
                                ""))
    return recipients, _signature(signature, found)


def _signature(lines: list[str], found: list[Suggestion]) -> Signature:
    """``T/M BAN THƯỜNG VỤ`` / title / name; the State's ``TM.`` becomes the Party's ``T/M``."""
    if not lines:
        default = Signature()
        found.append(Suggestion("missing", "chữ ký",
                                f"Không tìm thấy khối chữ ký: dùng «{default.authority} / {default.title}», "
                                "chưa có họ tên người ký", ""))
        return default
    authority = lines[0]
    for state_form, party_form in load_profile().checks.state_authority.items():
        if authority.startswith(state_form):
            authority = collapse_spaces(party_form + " " + authority[len(state_form):])
            found.append(Suggestion("normalised", "chữ ký",
                                    f"Văn bản của Đảng ghi «{party_form}», không ghi «{state_form}»",
                                    lines[0], authority))
    fields = dict(zip(("authority", "title", "name"), [authority, *lines[1:3]]))
    if "name" not in fields:
        found.append(Suggestion("missing", "chữ ký", "Không tìm thấy họ tên người ký: để trống", ""))
    return Signature(**fields)


def _basis(nodes: list[outline.Node]) -> list[str]:
    """Documents cited by the opening paragraphs (``Thực hiện Kế hoạch số 20-KH/TU ngày … về …,``).

    A citation runs to a semicolon, or to a comma before an upper-case word (the subject that
    follows: ``…, Ban Thường vụ …``); a comma inside a trích yếu is followed by lower case.
    """
    citations = []
    for node in nodes:
        if node.kind in outline.HEADINGS:
            break
        starts = [match.start() for match in _CITATION.finditer(node.text)] + [len(node.text)]
        for start, end in zip(starts, starts[1:]):
            citations.append(_citation_end(node.text[start:end]))
    return citations


def _citation_end(text: str) -> str:
    for at, char in enumerate(text):
        if char == ";" or char == "," and text[at + 1:].lstrip()[:1].isupper():
            text = text[:at]
            break
    text = text.rstrip(" ,.:")
    return text[:-3].rstrip(" ,.:") if text.endswith(" và") else text


def _checked(text: str, where: str, fix: bool, found: list[Suggestion]) -> str:
    """Report suspected glued words and commas without a space; with fix, split them."""
    edits = []
    for glued in find_glued_words(text):
        edits.append((glued.start, glued.end, glued.suggestion))
        found.append(Suggestion("glued-word", where,
                                f"Có thể thiếu dấu cách: «{glued.word}» → «{glued.suggestion}»",
                                glued.word, glued.suggestion))
    for match in _GLUED_COMMA.finditer(text):
        comma = match.start() + match.group().index(",")
        edits.append((comma, comma + 1, ", "))
        spaced = match.group().replace(",", ", ")
        found.append(Suggestion("glued-word", where,
                                f"Thiếu dấu cách sau dấu phẩy: «{match.group()}» → «{spaced}»",
                                match.group(), spaced))
    if fix:
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
    return text


def _docx_lines(package: Package) -> Iterator[str]:
    """The text of a .docx, a line per paragraph, table cells in reading order (header, signature);
    a cell merged with the one above is read there."""
    numbering = _Numbering(package)

    def lines(container):
        for block in blocks(container):
            if block.tag == _TBL:
                for cell in block.iterfind("w:tr/w:tc", NS):
                    merge = cell.find("w:tcPr/w:vMerge", NS)
                    if merge is None or merge.get(_w("val"), "continue") != "continue":
                        yield from lines(cell)
                        yield ""
            else:
                yield numbering.marker(block) + "".join(run_text(run) for run in _VISIBLE_RUNS(block))

    yield from lines(package.document.find("w:body", NS))


class _Numbering:
    """The markers Word draws itself (automatic numbering, bullets), which paragraph text leaves out."""

    def __init__(self, package: Package):
        self.styles = Styles(package.styles, None)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        root = package.by_type(RT_NUMBERING)
        if root is None:
            return
        abstracts = {item.get(_w("abstractNumId")): item for item in root.iterfind("w:abstractNum", NS)}
        for num in root.iterfind("w:num", NS):
            ref = num.find("w:abstractNumId", NS)
            abstract = abstracts.get(None if ref is None else ref.get(_w("val")))
            levels = [] if abstract is None else abstract.iterfind("w:lvl", NS)
            self.levels[num.get(_w("numId"))] = {_number(level.get(_w("ilvl")), 0): _level(level) for level in levels}

    def marker(self, paragraph) -> str:
        """``"1. "``, ``"a) "``, ``"- "`` … for a numbered or bulleted paragraph, else ``""``."""
        style_id = self.styles.resolve_id(_value(paragraph.find("w:pPr/w:pStyle", NS)), "paragraph")
        num_id, ilvl = self._num_pr(paragraph, style_id)
        fmt, text, start = self.levels.get(num_id, {}).get(ilvl, ("", "", 1))
        if num_id is None and "Bullet" in (self.styles.name(style_id) or ""):
            fmt = "bullet"
        if fmt == "bullet":
            return "+ " if text == "+" or (ilvl > 0 and text not in ("-", "–")) else "- "
        if not fmt or fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        levels = self.levels[num_id]

        def number(match: re.Match) -> str:
            level = int(match[1]) - 1
            return _format(levels.get(level, ("decimal",))[0], counters.get(level, 1))

        return re.sub(r"%(\d)", number, text) + " "

    def _num_pr(self, paragraph, style_id: str | None) -> tuple[str | None, int]:
        """The paragraph's numbering, its own or its style's."""
        for holder in (paragraph, *self.styles.chain(style_id)):
            num_pr = holder.find("w:pPr/w:numPr", NS)
            if num_pr is not None:
                num_id = _value(num_pr.find("w:numId", NS))
                return num_id, _number(_value(num_pr.find("w:ilvl", NS)), 0)
        return None, 0


def _w(name: str) -> str:
    return f"{{{NS['w']}}}{name}"


def _value(element) -> str | None:
    return None if element is None else element.get(_w("val"))


def _number(text: str | None, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _level(level) -> tuple[str, str, int]:
    def value(tag: str, default: str) -> str:
        return _value(level.find(f"w:{tag}", NS)) or default

    return value("numFmt", "decimal"), value("lvlText", ""), _number(value("start", "1"), 1)


def _format(fmt: str, n: int) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n <= 3999:
        roman = to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter if fmt == "lowerLetter" else letter.upper()
    return f"{n:02d}" if fmt == "decimalZero" else str(n)
