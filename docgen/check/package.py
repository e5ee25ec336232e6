"""Opening a .docx someone sent: a ZIP of XML parts, read defensively.

Anything can arrive as "FILE.docx" (an old .doc, a PDF, a truncated download, a zip bomb), so
every way of failing ends in :class:`UnreadableDocument` with a one-line message, and nothing
is decompressed before the archive's declared sizes have been judged.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.vn.text import collapse_spaces

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PART_RATIO = 100  # XML compresses about 10:1; a hundredfold part is a bomb
MAX_PARTS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

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
W_DOCUMENT = f"{{{NS['w']}}}document"

# No DTDs, no entities, no network: a part is data, never instructions to the parser.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


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
        main = self._main_part_name()
        self.document = self.xml(main)
        if self.document is None or self.document.tag != W_DOCUMENT:
            raise UnreadableDocument(N_("không phải văn bản Word (.docx)"))
        if self.document.find("w:body", NS) is None:
            raise UnreadableDocument(N_("tệp .docx hỏng: không có nội dung"))
        self._rels = self._relationships(main)
        self.styles = self._related_xml(RT_STYLES)
        self.theme = self._related_xml(RT_THEME)

    def xml(self, name: str):
        """The parsed part, or None when the package has no such part; parsed once, so that a part
        several sections show (one header for all) is one and the same element."""
        if name not in self._names:
            return None
        if name in self._parsed:
            return self._parsed[name]
        try:
            self._parsed[name] = etree.fromstring(self._zip.read(name), _PARSER)
            return self._parsed[name]
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                RuntimeError) as error:
            raise UnreadableDocument(N_("tệp hỏng: %(part)s: %(reason)s"), part=name, reason=_reason(error)) from error

    def related(self, rel_id: str):
        """The part a relationship id of the main document points to (headers, footers)."""
        target = self._rels.get(rel_id)
        return self.xml(target[1]) if target else None

    def _related_xml(self, rel_type: str):
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


def read_source(source: Path | bytes) -> bytes:
    """The file's bytes, refusing what is too large before reading it."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_large(path.stat().st_size)
            data = path.read_bytes()
        except OSError as error:
            raise UnreadableDocument(N_("không đọc được tệp: %(reason)s"), reason=error.strerror) from error
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    return data


def _too_large(size: int) -> UnreadableDocument:
    return UnreadableDocument(N_("tệp quá lớn: %(size)s MB > %(limit)s MB"), size=f"{size / 1024 / 1024:.1f}",
                              limit=MAX_FILE_BYTES // (1024 * 1024))


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise UnreadableDocument(N_("tệp rỗng"))
    if data.startswith(OLE_MAGIC):
        raise UnreadableDocument(N_("tệp Word 97-2003 (.doc) hoặc có mật khẩu: hãy lưu lại dạng .docx"))
    if not data.startswith(b"PK"):
        raise UnreadableDocument(N_("không phải tệp .docx (không phải tệp ZIP)"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise UnreadableDocument(N_("tệp .docx hỏng: %(reason)s"), reason=_reason(error)) from error
    _refuse_bombs(infos)
    return archive


def _refuse_bombs(infos: list[zipfile.ZipInfo]) -> None:
    """Judge the declared sizes: zipfile never inflates a part beyond what it declares."""
    if len(infos) > MAX_PARTS:
        raise UnreadableDocument(N_("tệp .docx bất thường (bom nén): %(count)s phần"), count=len(infos))
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(N_("tệp .docx bất thường (bom nén): giải nén ra %(size)s MB"),
                                 size=f"{unpacked / 1024 / 1024:.0f}")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1):
            raise UnreadableDocument(N_("tệp .docx bất thường (bom nén): phần %(part)s nở ra %(ratio)s lần"),
                                     part=info.filename, ratio=info.file_size // max(info.compress_size, 1))
