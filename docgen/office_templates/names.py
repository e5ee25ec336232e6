"""What a template reads, checked against its kind's declared context: every name and attribute it
prints, tests or loops over must be one the context has (or one the template set itself, a loop's
item, ``loop``). A name misspelt in Word would otherwise stop every document at render."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import nodes

from docgen.i18n import N_, Message
from docgen.office_templates.shapes import LOOP, Shape

UNKNOWN = N_("“%(name)s” không có trong dữ liệu của loại văn bản này; ở đây có: %(known)s")
ANY = Shape("any")
NUMBER = Shape("number")
FLAG = Shape("flag")
TEXT = Shape("text")
# What a filter gives, when it is not what it was given.
_FILTERED = {"length": NUMBER, "count": NUMBER, "wordcount": NUMBER, "int": NUMBER, "float": NUMBER,
             "abs": NUMBER, "round": NUMBER, "string": TEXT}


def unknown_names(template: nodes.Template, context: Shape) -> list[tuple[int, Message]]:
    """(line, why) for each name or attribute the template reads that ``context`` does not have."""
    reader = _Reader(context)
    reader.statements(template.body, {})
    return reader.found


class _Reader:
    def __init__(self, context: Shape):
        self.context = context
        self.found: list[tuple[int, Message]] = []

    def statements(self, items: Iterable[nodes.Node], scope: dict[str, Shape]) -> None:
        """Walk statements in order; a {% set %} is seen by what follows it in the same block."""
        for node in items:
            if isinstance(node, nodes.For):
                listed = self.value(node.iter, scope)
                inner = {**scope, "loop": LOOP}
                self.bind(node.target, listed.item if listed.kind == "list" and listed.item else ANY, inner)
                if node.test is not None:
                    self.value(node.test, inner)
                self.statements(node.body, inner)
                self.statements(node.else_, scope)
            elif isinstance(node, nodes.Assign):
                self.bind(node.target, self.value(node.node, scope), scope)
            elif isinstance(node, nodes.With):
                inner = dict(scope)
                for target, value in zip(node.targets, node.values):
                    self.bind(target, self.value(value, scope), inner)
                self.statements(node.body, inner)
            elif isinstance(node, nodes.If):
                self.value(node.test, scope)
                self.statements(node.body, scope)
                self.statements(node.elif_, scope)
                self.statements(node.else_, scope)
            elif isinstance(node, nodes.Output):
                for part in node.nodes:
                    self.value(part, scope)
            elif isinstance(node, nodes.FilterBlock):
                self.statements(node.body, scope)
            else:
                self.statements(node.iter_child_nodes(), scope)

    def bind(self, target: nodes.Node, shape: Shape, scope: dict[str, Shape]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = ANY

    def value(self, node: nodes.Node, scope: dict[str, Shape]) -> Shape:
        """The shape of an expression (``any`` when it cannot be known), reporting what is not there."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return self.field(self.context, node.name, node, node.name)
        if isinstance(node, nodes.Getattr):
            return self.field(self.value(node.node, scope), node.attr, node, f"{_path(node.node)}.{node.attr}")
        if isinstance(node, nodes.Getitem):
            base = self.value(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.field(base, node.arg.value, node, f"{_path(node.node)}.{node.arg.value}")
            self.value(node.arg, scope)
            if isinstance(node.arg, nodes.Slice):
                return base
            return base.item if base.kind == "list" and base.item else ANY
        if isinstance(node, nodes.Filter):
            base = self.value(node.node, scope) if node.node is not None else ANY
            for argument in node.args:
                self.value(argument, scope)
            if node.name in ("first", "last"):
                return base.item if base.kind == "list" and base.item else ANY
            return _FILTERED.get(node.name, base)
        if isinstance(node, (nodes.Const, nodes.TemplateData)):
            return TEXT
        for child in node.iter_child_nodes():
            self.value(child, scope)
        return FLAG if isinstance(node, (nodes.Test, nodes.Compare, nodes.And, nodes.Or, nodes.Not)) else ANY

    def field(self, base: Shape, name: str, node: nodes.Node, path: str) -> Shape:
        if base.kind in ("any", "table"):
            return ANY
        if base.kind == "group" and name in base.fields:
            return base.fields[name]
        known = ", ".join(base.fields) if base.kind == "group" else "–"
        self.found.append((node.lineno, Message(UNKNOWN, name=path, known=known)))
        return ANY


def _path(node: nodes.Node) -> str:
    """How the template wrote an expression: ``header.number``, ``b.text``, ``…`` for anything else."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_path(node.node)}[{node.arg.value!r}]"
    return "…"
