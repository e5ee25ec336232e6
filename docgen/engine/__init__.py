"""Rendering .docx templates with a sandboxed, autoescaping Jinja environment.

docxtpl's default environment neither escapes nor sandboxes: one ``&`` in the data breaks
the XML of the document, and a template uploaded by a user could reach Python internals.
Every render here goes through :func:`jinja_environment`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

TEMPLATE_DIR = Path(os.environ.get("DOCGEN_TEMPLATES", Path(__file__).resolve().parents[2] / "templates"))
KINDS = ("plan", "unit-plan", "letter", "guidance", "report")


class RenderError(ValueError):
    """A template could not be rendered with the given data (message says why)."""


def jinja_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def template_path(kind: str) -> Path:
    if kind not in KINDS:
        raise RenderError(f"unknown document kind {kind!r}; expected one of: {', '.join(KINDS)}")
    return TEMPLATE_DIR / f"{kind}.docx"


def render_reference(template: Path, context: dict[str, Any]) -> bytes:
    """Plain docxtpl: a fresh ``DocxTemplate`` for each document."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    document = DocxTemplate(template)
    try:
        document.render(context, jinja_env=jinja_environment(), autoescape=True)
    except TemplateError as error:
        raise RenderError(f"template {template.name}: {error}") from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
