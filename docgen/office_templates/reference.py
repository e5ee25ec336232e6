"""The reference for template authors, made from what docgen declares and does, never written by hand:
every variable of every kind with its type and what it holds (the declared context types), an
example value (the kind's context made from the office's latest plan and first unit, or the demo
data), and the filters and tests a template may use (the sandbox's, described by Jinja's own
documentation of them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docgen.engine.sandbox import SIZE_FILTERS, TESTS, BoundedEnvironment
from docgen.kinds import KINDS, get_kind
from docgen.model import Plan, Unit
from docgen.office_templates.shapes import Shape, shape_of, variables
from docgen.office_templates.validate import demo_context

MAX_EXAMPLE = 90


@dataclass(frozen=True)
class Line:
    """One variable: ``body[].text``, its shape, and what the demo data has there."""

    path: str
    shape: Shape
    example: str


def kind_reference(kind: str, plan: Plan | None = None, units: Sequence[Unit] = ()) -> list[Line]:
    """A kind's variables, the examples from ``plan`` and the first of ``units`` (default: the demo data)."""
    context = demo_context(kind, plan, units)
    return [Line(variable.path, variable.shape, example(context, variable.path, variable.shape))
            for variable in variables(shape_of(get_kind(kind).context_type))]


def reference(plan: Plan | None = None, units: Sequence[Unit] = ()) -> dict[str, list[Line]]:
    """Each kind's variables, in the registry's order."""
    return {kind: kind_reference(kind, plan, units) for kind in KINDS}


def example(context: dict[str, Any], path: str, shape: Shape) -> str:
    """What the demo context holds at ``path`` (the first item of a list, for ``list[].field``), as
    one short line; empty when the demo data has nothing there."""
    value: Any = context
    for part in path.split("."):
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        name = part.removesuffix("[]")
        value = value.get(name) if isinstance(value, dict) else None
    if value is None or shape.kind == "group":
        return ""
    if isinstance(value, (list, tuple)):
        first = value[0] if value else ""
        return f"[{len(value)}] {_short(first)}" if isinstance(first, str) else f"[{len(value)}]"
    if isinstance(value, dict):
        return _short("; ".join(f"{key}: {item}" for key, item in value.items()))
    return _short(value)


def _short(value: Any) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= MAX_EXAMPLE else text[:MAX_EXAMPLE - 1].rsplit(" ", 1)[0] + " …"


def filters() -> dict[str, str]:
    """The filters a template may use, each with the first sentence of Jinja's own description."""
    return _described(BoundedEnvironment().filters, SIZE_FILTERS)


def tests() -> dict[str, str]:
    return _described(BoundedEnvironment().tests, TESTS)


def _described(functions: dict, names) -> dict[str, str]:
    found = {}
    for name in sorted(names):
        text = " ".join((functions[name].__doc__ or "").replace("``", "").split())
        found[name] = re.split(r"(?<=[.:])\s", text)[0].rstrip(".:") + "." if text else ""
    return found
