"""A returned .docx as its reader sees it: paragraphs and tables in order, with their text.

The file is opened by :mod:`docgen.check.package`, which refuses what is not a .docx (an old
.doc, a PDF, a damaged file) and judges every part's size before anything is inflated (zipfile
never inflates a part beyond the size it declares).  Tables are laid out on their grid, so a cell
merged across columns or down rows is seen in every place it covers, and each place knows which
cell it belongs to.  Paragraphs, tables and rows are counted as they are read, against limits.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from docgen.check.package import NS, Package, UnreadableDocument
from docgen.check.properties import VISIBLE_RUNS, run_text
from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.vn.numbers import format_number
from docgen.vn.text import normalize

MAX_PARAGRAPHS = 20_000
MAX_TABLES = 200
MAX_ROWS = 5_000  # in all the tables together
MAX_COLUMNS = 63  # Word's own limit
MAX_XML_BYTES = 16 * 1024 * 1024  # a part of the package, inflated (a report of twenty pages is under 1 MB)
CUSTOM_PART = "docProps/custom.xml"  # where Word, LibreOffice and docgen keep the custom properties

W = NS["w"]
_P, _TBL, _TR, _TC = (f"{{{W}}}{tag}" for tag in ("p", "tbl", "tr", "tc"))
_WRAPPERS = (f"{{{W}}}sdt", f"{{{W}}}sdtContent", f"{{{W}}}customXml")
_VISIBLE_RUNS = etree.XPath(VISIBLE_RUNS, namespaces=NS)
_ZIP_START, _ZIP_END = b"PK\x03\x04", b"PK\x05\x06"


class FormError(BadInput):
    """A returned file that cannot be taken as a form; the message says why; ``unit`` is the code of
    the unit it belongs to, when that is known."""

    def __init__(self, message: str, unit: str | None = None, **params):
        super().__init__(message, **params)
        self.unit = unit


@dataclass(frozen=True)
class Cell:
    """One place of a table's grid: the text of the cell that covers it, and that cell's top-left
    place (two places with the same origin are one merged cell)."""

    text: str
    origin: tuple[int, int]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ReturnedDocument:
    blocks: tuple[str | Table, ...]
    """The body in order: a paragraph's text, or a table."""
    properties: dict[str, str]
    """The custom document properties, name → text."""


def read_document(data: bytes) -> ReturnedDocument:
    """The document in ``data``, or :class:`FormError` saying why it cannot be read."""
    try:
        _check_parts(data)
        return _Reader().read(Package(data))
    except UnreadableDocument as error:
        if data.startswith(_ZIP_START) and _ZIP_END not in data[-65_557:]:  # no end record: cut short
            raise FormError(N_("tệp bị cắt cụt (thiếu phần cuối của tệp .docx, có thể do tải về hoặc gửi "
                               "chưa hết); đề nghị đơn vị gửi lại")) from None
        raise FormError("%(reason)s", reason=error.message) from None


def _check_parts(data: bytes) -> None:
    """Refuse an XML part larger than a form can be, by the size zipfile would inflate it to at most."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a package: the package reader says why
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size > MAX_XML_BYTES:
            raise FormError(N_("phần %(part)s của tệp quá lớn (%(size)s MB; tối đa %(max)s MB): không phải một báo "
                               "cáo theo mẫu"), part=part.filename, size=format_number(part.file_size // 1024 // 1024),
                            max=MAX_XML_BYTES // 1024 // 1024)


class _Reader:
    """One pass over the body, counting what it reads."""

    def __init__(self):
        self.paragraphs = self.tables = self.rows = 0

    def read(self, package: Package) -> ReturnedDocument:
        body = package.document.find("w:body", NS)
        return ReturnedDocument(tuple(self._blocks(body)), _custom_properties(package))

    def _blocks(self, container) -> Iterator[str | Table]:
        for element in _children(container, (_P, _TBL)):
            if element.tag == _P:
                yield self._paragraph(element)
            else:
                yield self._table(element)

    def _paragraph(self, p) -> str:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise _too_many(N_("đoạn văn"), MAX_PARAGRAPHS)
        return normalize("".join(run_text(run) for run in _VISIBLE_RUNS(p)))

    def _table(self, tbl) -> Table:
        self.tables += 1
        if self.tables > MAX_TABLES:
            raise _too_many(N_("bảng"), MAX_TABLES)
        rows: list[tuple[Cell, ...]] = []
        above: dict[int, Cell] = {}  # the cell covering each column in the row above, for vertical merges
        for tr in _children(tbl, (_TR,)):
            self.rows += 1
            if self.rows > MAX_ROWS:
                raise _too_many(N_("dòng trong các bảng"), MAX_ROWS)
            row: list[Cell] = []
            for _ in range(self._columns(row, _number(tr.find("w:trPr/w:gridBefore", NS), 0))):
                row.append(Cell("", (len(rows), len(row))))
            for tc in _children(tr, (_TC,)):
                span = self._columns(row, max(1, _number(tc.find("w:tcPr/w:gridSpan", NS), 1)))
                merge = tc.find("w:tcPr/w:vMerge", NS)
                continued = merge is not None and merge.get(f"{{{W}}}val", "continue") == "continue"
                column = len(row)
                if continued and column in above:
                    cell = above[column]
                else:
                    text = "\n".join(self._paragraph(p) for p in _children(tc, (_P,)))
                    nested = [self._table(t) for t in _children(tc, (_TBL,))]
                    text = "\n".join([text, *(c.text for t in nested for r in t.rows for c in distinct(r))]).strip()
                    cell = Cell(text, (len(rows), column))
                row.extend([cell] * span)
            above = dict(enumerate(row))
            rows.append(tuple(row))
        return Table(tuple(rows))

    @staticmethod
    def _columns(row: list[Cell], count: int) -> int:
        """``count`` more columns for the row, within the limit."""
        if len(row) + count > MAX_COLUMNS:
            raise _too_many(N_("cột trong một bảng"), MAX_COLUMNS)
        return count


def _too_many(what: str, limit: int) -> FormError:
    return FormError(N_("tệp có quá nhiều %(what)s (hơn %(limit)s): không phải một báo cáo theo mẫu"),
                     what=Message(what), limit=format_number(limit))


def distinct(row: tuple[Cell, ...]) -> list[Cell]:
    """The cells of a row, each merged cell once."""
    return list({cell.origin: cell for cell in row}.values())


def _children(container, tags: tuple[str, ...]) -> Iterator:
    """Children of those tags, looking through content controls and custom XML around them."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _number(element, default: int) -> int:
    try:
        return int(element.get(f"{{{W}}}val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _custom_properties(package: Package) -> dict[str, str]:
    root = package.xml(CUSTOM_PART)
    if root is None:
        return {}
    return {item.get("name", ""): normalize("".join(item.itertext())).strip() for item in root.iterfind("{*}property")}
