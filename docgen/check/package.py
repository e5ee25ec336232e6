"""Opening a .docx someone sent: a ZIP of XML parts, read defensively.

Anything can arrive as "FILE.docx" (an old .doc, a PDF, a truncated download, a zip bomb), so
every way of failing ends in :class:`UnreadableDocument` with a one-line message. The archive is
opened by :func:`docgen.uploads.open_zip` (every member inflated and measured first), and each
part is parsed as it is inflated, its elements, paragraphs, tables and characters counted against
limits that keep the memory and the time of whatever reads it (the checker, the importer, the
report reader) bounded.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.uploads import MAX_DOCUMENT_CHARS, UnsafeFile, open_zip, read_file
from docgen.vn.text import collapse_spaces

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, inflated (a hundred pages of Word are under 5 MB)
MAX_ELEMENTS = 300_000  # in all the parts read: about 65 MB of parsed XML
MAX_PARAGRAPHS = 5_000  # about 150 pages
MAX_TABLES = 200
MAX_PARAGRAPH_CHARACTERS = 20_000  # in one paragraph, about six pages: the text rules' work grows with it
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 64 * 1024

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
W_DOCUMENT = f"{{{NS['w']}}}document"
_P, _TBL, _T = (f"{{{NS['w']}}}{tag}" for tag in ("p", "tbl", "t"))

# No DTDs, no entities, no network: a part is data, never instructions to the parser.
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class UnreadableDocument(BadInput):
    """The file is not a .docx that can be checked; the message says why in one line."""


def _reason(error: Exception) -> str:
    """What a library says went wrong, on one line."""
    return collapse_spaces(str(error))


class Package:
    """The parts of a .docx: the main document, its styles and theme, and parts by relationship id."""

    def __init__(self, data: bytes):
        self._zip = _open_zip(data)
        self._names = set(self._zip.namelist())
        self._parsed: dict[str, etree._Element] = {}
        self._counts = {"elements": 0, "paragraphs": 0, "tables": 0, "characters": 0, "paragraph": 0}
        main = self._main_part_name()
        self.document = self.xml(main)
        if self.document is None or self.document.tag != W_DOCUMENT:
            raise UnreadableDocument(N_("không phải văn bản Word (.docx)"))
        if self.document.find("w:body", NS) is None:
            raise UnreadableDocument(N_("tệp .docx hỏng: không có nội dung"))
        self._rels = self._relationships(main)
        self.styles = self.by_type(RT_STYLES)
        self.theme = self.by_type(RT_THEME)

    def xml(self, name: str):
        """The parsed part, or None when the package has no such part; parsed once, so that a part
        several sections show (one header for all) is one and the same element."""
        if name not in self._names:
            return None
        if name not in self._parsed:
            try:
                self._parsed[name] = self._parse(name)
            except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                    RuntimeError) as error:
                raise UnreadableDocument(N_("tệp hỏng: %(part)s: %(reason)s"), part=name,
                                         reason=_reason(error)) from error
        return self._parsed[name]

    def _parse(self, name: str):
        """The part, parsed as it is inflated, what it holds counted as it comes: the first chunk
        past a limit stops the reading."""
        parser = etree.XMLPullParser(events=("end",), **_PARSER_OPTIONS)
        size = 0
        with self._zip.open(name) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise UnreadableDocument(N_("văn bản quá lớn: phần %(part)s hơn %(max)s MB"), part=name,
                                             max=MAX_PART_BYTES // (1024 * 1024))
                parser.feed(chunk)
                self._count(parser.read_events())
        root = parser.close()
        self._count(parser.read_events())
        return root

    def _count(self, events) -> None:
        counts = self._counts
        for _event, element in events:
            counts["elements"] += 1
            if element.tag == _P:
                if counts["paragraph"] > MAX_PARAGRAPH_CHARACTERS:
                    raise _too_much(N_("ký tự trong một đoạn văn"), MAX_PARAGRAPH_CHARACTERS)
                counts["paragraphs"] += 1
                counts["paragraph"] = 0
            elif element.tag == _TBL:
                counts["tables"] += 1
            elif element.tag == _T and element.text:
                counts["characters"] += len(element.text)
                counts["paragraph"] += len(element.text)
        for what, (limit, shown) in _LIMITS.items():
            if counts[what] > limit:
                raise _too_much(shown, limit)

    def related(self, rel_id: str):
        """The part a relationship id of the main document points to (headers, footers)."""
        target = self._rels.get(rel_id)
        return self.xml(target[1]) if target else None

    def by_type(self, rel_type: str):
        """The first part of that relationship type of the main document (styles, numbering …), or None."""
        name = next((target for kind, target in self._rels.values() if kind == rel_type), None)
        return self.xml(name) if name else None

    def _main_part_name(self) -> str:
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iterfind("pr:Relationship", NS):
                if rel.get("Type") == RT_OFFICE_DOCUMENT:
                    return rel.get("Target", "").lstrip("/")
        return "word/document.xml"

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId → (type, part name) for a part's internal relationships."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        found = {}
        for rel in () if rels is None else rels.iterfind("pr:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id")] = (rel.get("Type"), path)
        return found


_LIMITS = {
    "elements": (MAX_ELEMENTS, N_("thẻ XML")),
    "paragraphs": (MAX_PARAGRAPHS, N_("đoạn văn")),
    "tables": (MAX_TABLES, N_("bảng")),
    "characters": (MAX_DOCUMENT_CHARS, N_("ký tự")),
}


def _too_much(what: str, limit: int) -> UnreadableDocument:
    return UnreadableDocument(N_("văn bản quá lớn: hơn %(max)s %(what)s"), max=limit, what=Message(what))


def read_source(source: Path | bytes) -> bytes:
    """The file's bytes (a regular file, read no further than the limit), or the bytes given."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        try:
            data = read_file(Path(source), MAX_FILE_BYTES)
        except UnsafeFile as error:
            raise UnreadableDocument(error.message.id, **error.message.params) from None
        except OSError as error:
            raise UnreadableDocument(N_("không đọc được tệp: %(reason)s"), reason=error.strerror) from error
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(N_("tệp quá lớn: %(size)s MB > %(limit)s MB"), size=f"{len(data) / 1024 / 1024:.1f}",
                                 limit=MAX_FILE_BYTES // (1024 * 1024))
    return data


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise UnreadableDocument(N_("tệp rỗng"))
    if data.startswith(OLE_MAGIC):
        raise UnreadableDocument(N_("tệp Word 97-2003 (.doc) hoặc có mật khẩu: hãy lưu lại dạng .docx"))
    if not data.startswith(b"PK"):
        raise UnreadableDocument(N_("không phải tệp .docx (không phải tệp ZIP)"))
    try:
        return open_zip(data)
    except UnsafeFile as error:
        raise UnreadableDocument(error.message.id, **error.message.params) from None
