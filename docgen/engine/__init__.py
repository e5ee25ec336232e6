"""Rendering .docx templates with a sandboxed, autoescaping Jinja environment.

docxtpl's default environment neither escapes nor sandboxes: one ``&`` in the data breaks
the XML of the document, and a template uploaded by a user could reach Python internals.
Every render here goes through :func:`jinja_environment`.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.kinds import get_kind

# The templates ship inside the package (``docgen/templates`` links to the top-level folder in a checkout).
TEMPLATE_DIR = Path(os.environ.get("DOCGEN_TEMPLATES") or files("docgen") / "templates")
ENGINES = ("compiled", "reference")


class RenderError(BadInput):
    """A template could not be rendered with the given data (message says why)."""


TEMPLATE_ERROR = N_("mẫu %(template)s: %(error)s")


class DocumentEnvironment(SandboxedEnvironment):
    """The sandbox, with ``x.key`` on a plain dict looked up as the key straight away.

    Jinja tries the attribute first and falls back to the item through an exception, which for
    docgen's contexts (dicts all the way down) was a quarter of a document's render time.  A key
    that is also a dict method name (``items``) still means the method, as in Jinja."""

    _DICT_ATTRIBUTES = frozenset(dir(dict))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj and attribute not in self._DICT_ATTRIBUTES:
            return obj[attribute]
        return super().getattr(obj, attribute)


def jinja_environment() -> SandboxedEnvironment:
    return DocumentEnvironment(autoescape=True, undefined=StrictUndefined)


def template_path(kind: str) -> Path:
    return TEMPLATE_DIR / get_kind(kind).template


# Word keeps a property to 255 characters; python-docx refuses longer ones.
MAX_PROPERTY_CHARS = 255


def document_properties(context: dict[str, Any]) -> dict[str, str]:
    """The core properties (python-docx names) a context asks for, cut to Word's length limit
    at a word: a long trích yếu must not stop the document from being made."""
    wanted = context.get("properties", {})
    properties = {}
    for name in ("subject", "author"):
        value = str(wanted.get(name, ""))
        if len(value) > MAX_PROPERTY_CHARS:
            value = value[:MAX_PROPERTY_CHARS - 1].rsplit(" ", 1)[0] + "…"
        properties[name] = value
    return properties


CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
               'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
               'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}</Properties>')
# Word numbers them from 2, in the one set of user-defined properties.
_CUSTOM_PROPERTY = ('<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
                    '<vt:lpwstr>{value}</vt:lpwstr></property>')


def custom_properties_xml(context: dict[str, Any]) -> bytes | None:
    """docProps/custom.xml with the custom properties a context asks for (``properties.custom``, name →
    text), None when it asks for none: Word keeps them through editing, so a document docgen made is
    recognised when it comes back."""
    custom = context.get("properties", {}).get("custom")
    if not custom:
        return None
    items = (_CUSTOM_PROPERTY.format(pid=pid, name=escape(name), value=escape(value))
             for pid, (name, value) in enumerate(custom.items(), start=2))
    return _CUSTOM_XML.format("".join(items)).encode("utf-8")


# A template writes ``{_{`` for a literal ``{{`` (and ``}_}``, ``{_%``, ``%_}``); docxtpl puts them
# back over the whole rendered part, data included, where they must stay as typed.
DOCXTPL_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
# Data that could become part of one of them, alone or beside other text.
_ESCAPE_LIKE = re.compile(r"[{%]_|_[}%]")


def _out_of_reach(value: Any) -> Any:
    """The context with every string docxtpl would unescape written with ``_`` as a character
    reference, which its replacements do not see and the XML parser reads back as ``_``."""
    if isinstance(value, str):
        return Markup(str(escape(value)).replace("_", "&#95;")) if _ESCAPE_LIKE.search(value) else value
    if isinstance(value, dict):
        return {key: _out_of_reach(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_out_of_reach(item) for item in value]
    return value


def render_reference(template: Path, context: dict[str, Any]) -> bytes:
    """Plain docxtpl: a fresh ``DocxTemplate`` for each document."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    document = DocxTemplate(template)
    try:
        document.render(_out_of_reach(context), jinja_env=jinja_environment(), autoescape=True)
    except TemplateError as error:
        raise RenderError(TEMPLATE_ERROR, template=template.name, error=error) from error
    for name, value in document_properties(context).items():
        setattr(document.docx.core_properties, name, value)
    if custom := custom_properties_xml(context):
        _set_custom_part(document.docx.part.package, custom)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_custom_part(package, xml: bytes) -> None:
    """The package's custom properties part holds ``xml``: the template's own replaced, or a new one."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    try:
        package.part_related_by(RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)._blob = xml
    except KeyError:
        part = Part(PackURI(f"/{CUSTOM_PART}"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, xml, package)
        package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


class Engine:
    """Renders documents of every kind; ``compiled`` (default) or ``reference`` (plain docxtpl).

    ``templates`` are an office's own templates for some kinds (kind → .docx): untrusted, they are
    always compiled in the sandbox (:mod:`docgen.engine.sandbox`), whichever engine is named."""

    def __init__(self, name: str = "compiled", templates: Mapping[str, Path] | None = None):
        if name not in ENGINES:
            raise RenderError(N_("không có bộ dựng “%(engine)s”; chọn một trong: %(engines)s"), engine=name,
                              engines=", ".join(ENGINES))
        self.name = name
        self.templates = dict(templates or {})
        self._compiled: dict[str, Any] = {}

    def prepare(self, kind: str):
        """The compiled template of a kind, compiled on first use."""
        if kind not in self._compiled:
            from docgen.engine.compiled import CompiledTemplate

            office = self.templates.get(kind)
            self._compiled[kind] = CompiledTemplate(office or template_path(kind), untrusted=office is not None)
        return self._compiled[kind]

    def render(self, kind: str, context: dict[str, Any]) -> bytes:
        if self.name == "reference" and kind not in self.templates:
            return render_reference(template_path(kind), context)
        return self.prepare(kind).render(context)

    def __getstate__(self) -> dict[str, Any]:
        """Sent to another process without its compiled templates (lxml trees do not pickle):
        a spawned worker compiles its own, a forked one inherits them."""
        return {"name": self.name, "templates": self.templates, "_compiled": {}}
