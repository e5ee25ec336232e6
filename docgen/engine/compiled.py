"""Compile once, render many: docxtpl's work split into what is done per template and per document.

docxtpl re-opens the package, re-runs its XML preprocessing and re-compiles the Jinja source
for every document, which is nearly all of its cost (10 to 50 ms a document, by template size).  Here a template is prepared once —
preprocessed body source, compiled Jinja template, the package's unchanged parts kept as
compressed ZIP entries — and each document costs one Jinja render, the same post-processing
docxtpl applies (table fixes, ``\\n``/``\\t`` listings), one serialisation and one deflate.

The steps are docxtpl's own methods, so ``word/document.xml`` comes out byte for byte as
docxtpl writes it (a golden test holds us to that); this depends on docxtpl internals, which
is why its version is pinned.  Templates with tags in headers, footers or footnotes, which only
a full ``DocxTemplate`` renders, go through the reference path instead; pictures and
sub-documents need a ``DocxTemplate`` in the context and are not part of docgen's contexts.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from docgen.engine import RenderError, jinja_environment, render_reference, set_properties
from docgen.engine.rawzip import SMALLEST, Entry, write_zip

DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
_TAG = re.compile(r"\{[{%#]")
# Parts whose tags only a full DocxTemplate renders.
_TAGGED_ELSEWHERE = re.compile(r"^word/(header\d*|footer\d*|footnotes)\.xml$")
# Where docxtpl parses and re-serialises the body, the fast path writes the same bytes itself,
# provided the template only places escaped text: not in tables built by column loops, not
# RichText, not inside attributes, no pictures to renumber.
_NEEDS_TREE = re.compile(r"\{%\s*tc\s|\{[{%]r\s|=\"[^\"]*\{[{%]|<wp:docPr|\{%\s*(colspan|cellbg|vm|hm)\b")
# Data bytes that lxml writes otherwise than Jinja does (\r as &#13;; control characters).
_UNCANONICAL = bytes(set(range(32)) - {9, 10})
_LISTING = re.compile("[\t\n\a\f]")
# lxml closes an empty element as <x/>. Only an element whose start tag is directly followed by a
# template tag can render empty; in docgen's templates that is only <w:t>, done with a replace.
_OPENS_ON_TAG = re.compile(r"<([\w:]+)(?:\s[^<>]*)?(?<!/)>\{")
_EMPTY_TEXT, _CLOSED_TEXT = '<w:t xml:space="preserve"></w:t>', '<w:t xml:space="preserve"/>'
_EMPTY_ELEMENT = re.compile(r"<([\w:]+)((?:\s[^<>]*)?)></\1>")


class CompiledTemplate:
    """A .docx template ready to render many documents."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._source = DocxTemplate(self.path)
        self._source.init_docx()
        with zipfile.ZipFile(self.path) as package:
            self.fallback = any(_TAGGED_ELSEWHERE.match(name) and _TAG.search(package.read(name).decode("utf-8"))
                                for name in package.namelist())
            self._entries = [(name, Entry.deflate(name, package.read(name), SMALLEST))
                             for name in package.namelist()]
        if self.fallback:
            return
        source_xml = self._source.patch_xml(self._source.get_xml())
        try:
            self._body = jinja_environment().from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source_xml))
        except TemplateError as error:
            raise RenderError(f"template {self.path.name}: {error}") from error
        self._root = self._source.docx._element
        self._core = self._source.docx.core_properties
        # Paragraphs with a listing repeat from one document to the next (a report's fill lines).
        self._resolve_paragraph = lru_cache(maxsize=1024)(self._source.resolve_listing)
        self._fast = not _NEEDS_TREE.search(source_xml)
        self._other_empties = bool({match.group(1) for match in _OPENS_ON_TAG.finditer(source_xml)} - {"w:t"})
        placeholder = "docgen-body-placeholder"
        self._root.body.clear()
        self._root.body.text = placeholder
        serialised = etree.tostring(self._root, encoding="UTF-8", standalone=True)
        self._prefix, self._suffix = serialised.split(f"<w:body>{placeholder}</w:body>".encode())

    def render(self, context: dict[str, Any]) -> bytes:
        if self.fallback:
            return render_reference(self.path, context)
        try:
            xml = self._body.render(context)
        except TemplateError as error:
            raise RenderError(f"template {self.path.name}: {error}") from error
        return write_zip(self._members(self._document_xml(xml), self._core_xml(context)))

    def _document_xml(self, rendered: str) -> bytes:
        """docxtpl's post-processing of a rendered body, then the part as python-docx writes it."""
        xml = rendered.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        xml = self._resolve_listings(xml)
        if self._fast and (document := self._serialised(xml)):
            return document
        body = self._source.fix_tables(xml)
        self._source.docx_ids_index = 1000
        self._source.fix_docpr_ids(body)
        self._root.replace(self._root.body, body)
        return etree.tostring(self._root, encoding="UTF-8", standalone=True)

    def _resolve_listings(self, xml: str) -> str:
        """docxtpl's ``\\n``/``\\t``/``\\a``/``\\f`` handling, applied only to the paragraphs that hold
        one (docxtpl runs it over every paragraph; the others come out unchanged)."""
        if not any(char in xml for char in "\t\n\a\f"):
            return xml
        parts, done = [], 0
        while (found := _LISTING.search(xml, done)) is not None:
            start = max(xml.rfind("<w:p>", done, found.start()), xml.rfind("<w:p ", done, found.start()))
            end = xml.find("</w:p>", found.start())
            if start < 0 or end < 0:
                return self._source.resolve_listing(xml)
            end += len("</w:p>")
            parts += (xml[done:start], self._resolve_paragraph(xml[start:end]))
            done = end
        return "".join(parts) + xml[done:] if parts else xml

    def _serialised(self, body: str) -> bytes | None:
        """What lxml would write for this body inside the document: the start tag without the
        namespace declarations the root already makes, quotes unescaped in text, empty
        elements closed.  None when the data holds characters lxml would escape."""
        body = "<w:body>" + body[body.index(">") + 1:]
        body = body.replace("&#34;", '"').replace("&#39;", "'").replace(_EMPTY_TEXT, _CLOSED_TEXT)
        if self._other_empties:
            body = _EMPTY_ELEMENT.sub(r"<\1\2/>", body)
        data = body.encode("utf-8")
        if len(data.translate(None, _UNCANONICAL)) != len(data):
            return None
        return self._prefix + data + self._suffix

    def _core_xml(self, context: dict[str, Any]) -> bytes:
        set_properties(self._core, context)
        return etree.tostring(self._core._element, encoding="UTF-8", standalone=True)

    def _members(self, document: bytes, core: bytes):
        """The template's members in order, compressed once; only the rendered parts are new."""
        for name, entry in self._entries:
            if name == DOCUMENT_PART:
                yield Entry.deflate(name, document)
            elif name == CORE_PART:
                yield Entry.deflate(name, core)
            else:
                yield entry
