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

What preparation produces is kept in the user's cache (:mod:`docgen.engine.cache`), so later
commands start without importing docxtpl and python-docx at all; they are imported only for
documents that need docxtpl's tree-based post-processing.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import astuple
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from lxml import etree

from docgen.engine import (
    CUSTOM_PART,
    DOCXTPL_ESCAPES,
    TEMPLATE_ERROR,
    RenderError,
    cache,
    custom_properties_xml,
    document_properties,
    jinja_environment,
    render_reference,
)
from docgen.engine.rawzip import DEFLATED, Entry, write_zip
from docgen.engine.sandbox import BoundedEnvironment, SandboxError, instrumented, refusals, render_bounded
from docgen.i18n import N_, Message

DOCUMENT_PART = "word/document.xml"
SANDBOX = Path(__file__).with_name("sandbox.py")
OUTSIDE_BODY = N_("chỉ phần thân văn bản được điền: đầu trang, chân trang và chú thích không được có thẻ mẫu ({{ … }}, "
                  "{%% … %%}); hãy chuyển thẻ trong %(parts)s vào thân văn bản")
NO_PROPERTIES = N_("tệp thiếu thuộc tính tài liệu (docProps/core.xml): hãy mở và lưu lại bằng Word")
CORE_PART = "docProps/core.xml"
CONTENT_TYPES_PART, PACKAGE_RELS_PART = "[Content_Types].xml", "_rels/.rels"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
# Core properties by python-docx's names, as elements of docProps/core.xml.
_CORE_ELEMENTS = {"subject": "{http://purl.org/dc/elements/1.1/}subject",
                  "author": "{http://purl.org/dc/elements/1.1/}creator"}
_TAG = re.compile(r"\{[{%#]")
# Parts whose tags only a full DocxTemplate renders.
_TAGGED_ELSEWHERE = re.compile(r"^word/(header\d*|footer\d*|footnotes)\.xml$")
# Where docxtpl parses and re-serialises the body, the fast path writes the same bytes itself,
# provided the template only places escaped text: not in tables built by column loops, not
# RichText, not inside attributes, no pictures to renumber.
_NEEDS_TREE = re.compile(r"\{%\s*tc\s|\{[{%]r\s|=\"[^\"]*\{[{%]|<wp:docPr|\{%\s*(colspan|cellbg|vm|hm)\b")
# Data bytes that lxml writes otherwise than Jinja does (\r as &#13;; control characters).
_UNCANONICAL = bytes(set(range(32)) - {9, 10})
# lxml closes an empty element as <x/>. Only an element whose start tag is directly followed by a
# template tag can render empty; in docgen's templates that is only <w:t>, done with a replace.
_OPENS_ON_TAG = re.compile(r"<([\w:]+)(?:\s[^<>]*)?(?<!/)>\{")
_EMPTY_TEXT, _CLOSED_TEXT = b'<w:t xml:space="preserve"></w:t>', b'<w:t xml:space="preserve"/>'
_LINE_BREAK = b'</w:t><w:br/><w:t xml:space="preserve">'  # docxtpl's for a \n in a text
_EMPTY_ELEMENT = re.compile(rb"<([\w:]+)((?:\s[^<>]*)?)></\1>")


def prepare(path: Path, untrusted: bool = False) -> dict[str, Any]:
    """What rendering needs of a template, made with docxtpl's own preprocessing: the package's
    parts compressed once, the body compiled to Jinja code, and how to write it back. An
    ``untrusted`` template (an office's own) is held to the sandbox's rules and compiled to be
    bounded (:mod:`docgen.engine.sandbox`); it never takes docxtpl's own path."""
    from docxtpl import DocxTemplate

    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    # python-docx adds core properties to a package that has none; docxtpl then does it all.
    tagged = tagged_outside_body(parts)
    if untrusted and (CORE_PART not in parts or tagged):
        raise RenderError(TEMPLATE_ERROR, template=path.name, error=Message(OUTSIDE_BODY, parts=", ".join(tagged))
                          if tagged else Message(NO_PROPERTIES))
    if CORE_PART not in parts or tagged:
        return {"fallback": True}
    prepared = {
        "fallback": False,
        "entries": [astuple(Entry.deflate(name, data, smallest=True)) for name, data in parts.items()],
        "core": parts[CORE_PART],
    }
    source = DocxTemplate(path)
    source.init_docx()
    template_xml = source.get_xml()
    source_xml = literal_braces(source.patch_xml(template_xml))
    try:
        # docxtpl puts a newline before each paragraph and takes it out after rendering; with
        # Jinja's default whitespace handling the output is the same without that round trip.
        prepared["code"] = compile_untrusted(source_xml) if untrusted else jinja_environment().compile(source_xml)
    except TemplateError as error:
        raise RenderError(TEMPLATE_ERROR, template=path.name, error=getattr(error, "reason", error)) from error
    prepared["fast"] = not _NEEDS_TREE.search(template_xml)  # docxtpl's own tags, before it rewrites them
    prepared["other_empties"] = bool({match.group(1) for match in _OPENS_ON_TAG.finditer(source_xml)} - {"w:t"})
    root = source.docx._element
    placeholder = "docgen-body-placeholder"
    root.body.clear()
    root.body.text = placeholder
    serialised = etree.tostring(root, encoding="UTF-8", standalone=True)
    prepared["prefix"], prepared["suffix"] = serialised.split(f"<w:body>{placeholder}</w:body>".encode())
    return prepared


def tagged_outside_body(parts: dict[str, bytes]) -> list[str]:
    """The parts besides the body (headers, footers, footnotes) holding template tags."""
    return [name for name, data in parts.items() if _TAGGED_ELSEWHERE.match(name) and _TAG.search(data.decode("utf-8"))]


def literal_braces(source: str) -> str:
    """The template's escaped braces as Jinja text that prints them, where docxtpl unescapes the
    rendered part: the same document, and data is left as typed."""
    for escaped, literal in DOCXTPL_ESCAPES.items():
        source = source.replace(escaped, f"{{% raw %}}{literal}{{% endraw %}}")
    return source


def compile_untrusted(source: str):
    """An office's template compiled to run bounded, once it has passed the sandbox's rules (else the
    first rule it breaks is the error)."""
    environment = BoundedEnvironment()
    template = environment.parse(source)
    if found := refusals(template):
        raise SandboxError(found[0].message)
    return environment.compile(instrumented(template))


def prepared(path: Path, untrusted: bool = False) -> dict[str, Any]:
    """:func:`prepare`, from the cache when this template was prepared before by this code."""
    key = cache.key(path.read_bytes(), cache.installed("docxtpl"), cache.installed("jinja2"),
                    Path(__file__).read_bytes(), *((b"untrusted", SANDBOX.read_bytes()) if untrusted else ()))
    found = cache.load(key)
    if isinstance(found, dict) and "fallback" in found:
        return found
    result = prepare(path, untrusted)
    cache.store(key, result)
    return result


class CompiledTemplate:
    """A .docx template ready to render many documents."""

    def __init__(self, path: Path, untrusted: bool = False):
        self.path = Path(path)
        self.untrusted = untrusted
        ready = prepared(self.path, untrusted)
        self.fallback = ready["fallback"]
        if self.fallback:
            return
        self._entries = [Entry(*fields) for fields in ready["entries"]]
        environment = BoundedEnvironment() if untrusted else jinja_environment()
        self._body = environment.template_class.from_code(environment, ready["code"],
                                                          environment.make_globals(None), None)
        self._fast, self._other_empties = ready["fast"], ready["other_empties"]
        self._prefix, self._suffix = ready["prefix"], ready["suffix"]
        self._core = etree.fromstring(ready["core"])

    @cached_property
    def _docxtpl(self):
        """The template opened by docxtpl, for the documents its tree-based steps must handle."""
        from docxtpl import DocxTemplate

        source = DocxTemplate(self.path)
        source.init_docx()
        return source

    def render(self, context: dict[str, Any]) -> bytes:
        if self.fallback:
            return render_reference(self.path, context)
        try:
            xml = render_bounded(self._body, context) if self.untrusted else self._body.render(context)
        except TemplateError as error:
            raise RenderError(TEMPLATE_ERROR, template=self.path.name, error=getattr(error, "reason", error)) from error
        return write_zip(self._members(self._document_xml(xml), self._core_xml(context),
                                       custom_properties_xml(context)))

    def _document_xml(self, rendered: str) -> bytes:
        """docxtpl's post-processing of a rendered body, then the part as python-docx writes it.
        Done on UTF-8 bytes, where searching and replacing is several times faster than on
        Vietnamese text."""
        xml = rendered.encode("utf-8")
        # docxtpl's handling of \t, \a, \f in the data (docgen's own contexts hold none), and of \n, a line
        # of a text docgen balances (a summary): the template holds no \n of its own, so each is the data's,
        # in a <w:t>, where docxtpl breaks the line.
        if any(char in xml for char in (b"\t", b"\a", b"\f")):
            xml = self._docxtpl.resolve_listing(xml.decode("utf-8")).encode("utf-8")
        elif b"\n" in xml:
            xml = xml.replace(b"\n", _LINE_BREAK)
        if self._fast and (document := self._serialised(xml)):
            return document
        source = self._docxtpl
        body = source.fix_tables(xml.decode("utf-8"))
        source.docx_ids_index = 1000
        source.fix_docpr_ids(body)
        root = source.docx._element
        root.replace(root.body, body)
        return etree.tostring(root, encoding="UTF-8", standalone=True)

    def _serialised(self, body: bytes) -> bytes | None:
        """What lxml would write for this body inside the document: the start tag without the
        namespace declarations the root already makes, quotes unescaped in text, empty
        elements closed.  None when the data holds characters lxml would escape."""
        if len(body.translate(None, _UNCANONICAL)) != len(body):
            return None
        body = b"<w:body>" + body[body.index(b">") + 1:]
        if b"#" in body:
            body = body.replace(b"&#34;", b'"').replace(b"&#39;", b"'")
        body = body.replace(_EMPTY_TEXT, _CLOSED_TEXT)
        if self._other_empties:
            body = _EMPTY_ELEMENT.sub(rb"<\1\2/>", body)
        return self._prefix + body + self._suffix

    def _core_xml(self, context: dict[str, Any]) -> bytes:
        """docProps/core.xml with the document's properties, as python-docx would set them."""
        for name, value in document_properties(context).items():
            element = self._core.find(_CORE_ELEMENTS[name])
            if element is None:
                element = etree.SubElement(self._core, _CORE_ELEMENTS[name])
            element.text = value
        return etree.tostring(self._core, encoding="UTF-8", standalone=True)

    def _members(self, document: bytes, core: bytes, custom: bytes | None):
        """The template's members in order, compressed once; only the rendered parts are new."""
        for entry in self._entries if custom is None else self._declaring_custom:
            if entry.name == DOCUMENT_PART:
                yield Entry.deflate(entry.name, document)
            elif entry.name == CORE_PART:
                yield Entry.store(entry.name, core)
            else:
                yield entry
        if custom is not None:
            yield Entry.store(CUSTOM_PART, custom)

    @cached_property
    def _declaring_custom(self) -> list[Entry]:
        """The members for a document with custom properties, made once: the package's content types
        and relationships declare the part, and the template's own custom part (if any) makes way."""
        entries = {entry.name: entry for entry in self._entries}
        types, rels = (etree.fromstring(_inflated(entries[name])) for name in (CONTENT_TYPES_PART, PACKAGE_RELS_PART))
        if not any(override.get("PartName") == f"/{CUSTOM_PART}" for override in types):
            etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName=f"/{CUSTOM_PART}",
                             ContentType=CUSTOM_CONTENT_TYPE)
        if not any(rel.get("Type") == CUSTOM_RELATIONSHIP for rel in rels):
            ids = {rel.get("Id") for rel in rels}
            free = next(f"rId{number}" for number in range(1, len(ids) + 2) if f"rId{number}" not in ids)
            etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=free, Type=CUSTOM_RELATIONSHIP,
                             Target=CUSTOM_PART)
        declared = {name: Entry.deflate(name, etree.tostring(root, encoding="UTF-8", standalone=True), smallest=True)
                    for name, root in ((CONTENT_TYPES_PART, types), (PACKAGE_RELS_PART, rels))}
        return [declared.get(entry.name, entry) for entry in self._entries if entry.name != CUSTOM_PART]


def _inflated(entry: Entry) -> bytes:
    return zlib.decompress(entry.compressed, -zlib.MAX_WBITS) if entry.method == DEFLATED else entry.compressed
