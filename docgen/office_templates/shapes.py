"""The variables a kind's template may read, as its declared context type gives them
(:mod:`docgen.context_types`): each with its type and what it holds. The templates page's reference
and the check of an uploaded template's variables both come from here, so neither can drift from
the contexts docgen makes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Literal, NotRequired, get_args, get_origin, get_type_hints

from typing_extensions import is_typeddict

from docgen.i18n import N_


@dataclass(frozen=True)
class Shape:
    """What a variable holds: text, a yes/no, a group of named fields, a list of items, a table of
    any names (``dict[str, str]``), or one of a few words."""

    kind: str
    """``text``, ``number``, ``flag``, ``group``, ``list``, ``table``, ``choice``, or ``any`` (not known)."""
    about: str = ""
    fields: dict[str, Shape] = field(default_factory=dict)
    item: Shape | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False
    """A group's field the context may leave out (``NotRequired``)."""

    @property
    def holds(self) -> str:
        """What it holds, without the example from the seed plan a declaration ends with after ``: ``
        (the reference shows the office's own)."""
        return self.about.split(": ", 1)[0]


# How the reference calls each kind of shape (translated where it is shown).
KIND_NAMES = {"text": N_("chữ"), "number": N_("số"), "flag": N_("đúng/sai"), "group": N_("nhóm"),
              "list": N_("danh sách"), "table": N_("bảng tên → chữ"), "choice": N_("một trong"), "any": N_("giá trị")}


@cache
def shape_of(declared: type) -> Shape:
    """The shape of a declared context type (a TypedDict), fields in their declared order."""
    return _shape(declared, "")


def _shape(annotation, about: str, optional: bool = False) -> Shape:
    origin = get_origin(annotation)
    if origin is NotRequired:
        return _shape(get_args(annotation)[0], about, optional=True)
    if origin is Annotated:
        inner, *notes = get_args(annotation)
        return _shape(inner, notes[0] if notes else about, optional)
    if is_typeddict(annotation):
        hints = get_type_hints(annotation, include_extras=True)
        return Shape("group", about or (annotation.__doc__ or "").strip(),
                     {name: _shape(hint, "") for name, hint in hints.items()}, optional=optional)
    if origin is Literal:
        return Shape("choice", about, choices=tuple(map(str, get_args(annotation))), optional=optional)
    if origin in (Sequence, list, tuple):
        return Shape("list", about, item=_shape(get_args(annotation)[0], ""), optional=optional)
    if origin is dict:
        return Shape("table", about, optional=optional)
    if annotation is bool:
        return Shape("flag", about, optional=optional)
    if annotation is str:
        return Shape("text", about, optional=optional)
    raise TypeError(f"a context type declares what a template cannot read: {annotation!r}")


@dataclass(frozen=True)
class Variable:
    """One line of the reference: ``body[].text`` is the text of each item of ``body`` in a loop."""

    path: str
    shape: Shape


def variables(shape: Shape, prefix: str = "") -> Iterator[Variable]:
    """Every variable under ``shape``, depth first in declared order."""
    for name, child in shape.fields.items():
        path = f"{prefix}{name}"
        yield Variable(path, child)
        if child.kind == "group":
            yield from variables(child, f"{path}.")
        elif child.kind == "list" and child.item is not None and child.item.kind == "group":
            yield from variables(child.item, f"{path}[].")


# Attributes of ``loop`` inside a {% for %} (Jinja's loop context).
LOOP = Shape("group", "the loop", {
    **{name: Shape("number") for name in ("index", "index0", "revindex", "revindex0", "length", "depth", "depth0")},
    "first": Shape("flag"), "last": Shape("flag"), "previtem": Shape("any"), "nextitem": Shape("any")})
