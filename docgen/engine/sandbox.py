"""Templates an office uploads are code that runs on the server: what such a template may do, checked
before it is compiled, and what running it may cost, bounded while it runs.

A template may print the context's values, test them, loop over its lists and give a value a short
name; nothing else. Jinja's sandbox (autoescaping, no attribute starting with ``_``) already stops a
template reaching Python's internals; these rules also keep it from making work or text out of
nothing:

- no ``include``, ``import``, ``extends``, macros, call blocks or blocks: it reads no other file and
  defines no code; no ``{% autoescape %}`` and no ``|safe``: the data stays escaped XML;
- no calls (``range()``, ``''.format()``, ``loop.cycle()``) and none of Jinja's globals (``range``,
  ``cycler``, ``joiner``, ``lipsum``, ``namespace``), nor ``self``;
- no ``**``, no ``%``, no ``*`` but a number times a ``loop`` attribute (what docxtpl's ``{% hm %}``
  writes): no text repeated a billion times, no number with a billion digits;
- only filters and tests that cost about what their input is, with constant arguments; a comparison
  has a constant on one side, ``in`` a constant list: no work growing with the square of the data;
- ``{% set %}`` and ``{% with %}`` only name a value there already is (no ``~``, ``+`` or list):
  nothing doubles a text in a loop.

While it runs, each loop's iterations are charged the size of its body against :data:`MAX_WORK`,
and the text it writes is held to :data:`MAX_OUTPUT` characters: a template that would run for
minutes, or write gigabytes, stops with an error instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, nodes, pass_context

from docgen.engine import DocumentEnvironment
from docgen.i18n import N_, Message

# Work a document may take: loop iterations, each weighed by the nodes of its body; and the characters
# of its body. docgen's summary report takes 82 steps and 1,960 characters a unit: for 20,000 units
# (the most a units list holds), 1.6 million steps and 39 million characters.
MAX_WORK = 30_000_000
MAX_OUTPUT = 64 * 1024 * 1024
SIZE_FILTERS = frozenset({"upper", "lower", "capitalize", "title", "trim", "length", "count", "first", "last",
                          "default", "d", "e", "escape", "truncate", "wordcount", "string", "int", "float", "abs",
                          "round"})
TESTS = frozenset({"defined", "undefined", "none", "true", "false", "boolean", "string", "number", "integer", "float",
                   "odd", "even", "divisibleby", "sequence", "mapping", "iterable", "lower", "upper", "eq", "ne",
                   "equalto", "lt", "le", "gt", "ge", "lessthan", "greaterthan", "sameas", "==", "!=", "<", "<=",
                   ">", ">="})
_STATEMENTS = (nodes.Output, nodes.For, nodes.If, nodes.Assign, nodes.With, nodes.FilterBlock)
_VALUES = (nodes.Name, nodes.Const, nodes.TemplateData, nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.CondExpr,
           nodes.Filter, nodes.Test, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.Neg,
           nodes.Pos, nodes.Add, nodes.Sub, nodes.Div, nodes.FloorDiv, nodes.Mul, nodes.Concat, nodes.Tuple,
           nodes.List, nodes.Keyword)
# What each refused construct is called in the reason given for it.
_NAMED = {nodes.Include: "{% include %}", nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}",
          nodes.Extends: "{% extends %}", nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}",
          nodes.Block: "{% block %}", nodes.AssignBlock: "{% set %}…{% endset %}",
          nodes.Scope: "{% autoescape %}", nodes.ScopedEvalContextModifier: "{% autoescape %}",
          nodes.EvalContextModifier: "{% autoescape %}",
          nodes.Call: N_("gọi hàm"), nodes.Pow: "**", nodes.Mod: "%", nodes.Dict: "{…}", nodes.NSRef: "namespace"}
REFUSED = N_("không được dùng %(what)s: mẫu chỉ được in, kiểm tra và lặp qua dữ liệu của văn bản")
UNSAFE_ATTRIBUTE = N_("không được đọc thuộc tính “%(name)s” (bắt đầu bằng dấu gạch dưới: phần bên trong của Python)")
SELF = N_("không được dùng “self” (khối của mẫu): mẫu chỉ đọc dữ liệu của văn bản")
FILTER = N_("không được dùng bộ lọc “%(name)s”; các bộ lọc dùng được: %(allowed)s")
TEST = N_("không được dùng phép thử “is %(name)s”")
ARGUMENT = N_("tham số của “%(name)s” phải là một giá trị cố định (chữ hoặc số)")
MULTIPLY = N_("chỉ được nhân một số với một thuộc tính của loop (như {{ 2 * loop.length }}): phép nhân có thể tạo văn "
              "bản khổng lồ")
COMPARE = N_("phép so sánh phải có một giá trị cố định ở một vế (như kind == 'roman'), và “in” một danh sách cố định")
GROWING = N_("{% set %} / {% with %} chỉ được đặt tên cho một giá trị có sẵn, không ghép chữ hay tạo danh sách")
WORK = N_("mẫu chạy quá lâu (quá %(max)s bước): có vòng lặp lồng nhau quá nhiều?")
OUTPUT = N_("mẫu tạo văn bản quá lớn (quá %(max)s ký tự)")


@dataclass(frozen=True)
class Refusal:
    """Something a template may not do, and on which line of its source (1 for the first)."""

    line: int
    message: Message


class SandboxError(TemplateError):
    """A template broke the rules above, or went past what a document may cost (work or size)."""

    def __init__(self, reason: Message):
        super().__init__(str(reason))
        self.reason = reason


def refusals(template: nodes.Template) -> list[Refusal]:
    """What a parsed template does that it may not, in the order of its source."""
    found: list[Refusal] = []
    _check(template.body, found, in_assignment=False, line=1)
    return sorted(found, key=lambda refusal: refusal.line)


def _check(items: Iterable[nodes.Node], found: list[Refusal], in_assignment: bool, line: int) -> None:
    for node in items:
        # A node the parser made itself ({% autoescape %}'s scope) has no line: its first child's is it.
        here = node.lineno or next((child.lineno for child in node.find_all(nodes.Node) if child.lineno), line)
        refusal = _refusal(node, in_assignment)
        if refusal is not None:
            found.append(Refusal(here, refusal))
            continue
        if isinstance(node, (nodes.Assign, nodes.With)):
            values = [node.node] if isinstance(node, nodes.Assign) else node.values
            _check(values, found, True, here)
            _check([node.target] if isinstance(node, nodes.Assign) else node.targets, found, False, here)
            _check(getattr(node, "body", []), found, False, here)
        else:
            _check(node.iter_child_nodes(), found, in_assignment, here)


def _refusal(node: nodes.Node, in_assignment: bool) -> Message | None:
    """Why this node is refused, not looking at its children (:func:`_check` does)."""
    if type(node) in _NAMED:
        return Message(REFUSED, what=Message(_NAMED[type(node)]))
    if not isinstance(node, (*_STATEMENTS, *_VALUES)):
        return Message(REFUSED, what=type(node).__name__)
    if isinstance(node, nodes.Name) and node.name == "self":
        return Message(SELF)
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return Message(UNSAFE_ATTRIBUTE, name=node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and str(node.arg.value).startswith("_"):
        return Message(UNSAFE_ATTRIBUTE, name=node.arg.value)
    if isinstance(node, (nodes.Filter, nodes.FilterBlock)):
        filter_node = node.filter if isinstance(node, nodes.FilterBlock) else node
        if filter_node.name not in SIZE_FILTERS:
            return Message(FILTER, name=filter_node.name, allowed=", ".join(sorted(SIZE_FILTERS)))
        return _constant_arguments(filter_node)
    if isinstance(node, nodes.Test):
        return Message(TEST, name=node.name) if node.name not in TESTS else _constant_arguments(node)
    if isinstance(node, nodes.Mul) and not _number_times_loop(node):
        return Message(MULTIPLY)
    if isinstance(node, nodes.Compare) and not _against_constant(node):
        return Message(COMPARE)
    if in_assignment and isinstance(node, (nodes.Concat, nodes.Add, nodes.Tuple, nodes.List)):
        return Message(GROWING)
    return None


def _constant_arguments(node: nodes.Filter | nodes.Test) -> Message | None:
    values = [*node.args, *(keyword.value for keyword in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(isinstance(value, nodes.Const) for value in values):
        return Message(ARGUMENT, name=node.name)
    return None


def _number_times_loop(node: nodes.Mul) -> bool:
    def is_loop(side: nodes.Node) -> bool:
        return isinstance(side, nodes.Getattr) and isinstance(side.node, nodes.Name) and side.node.name == "loop"

    def is_number(side: nodes.Node) -> bool:
        return isinstance(side, nodes.Const) and type(side.value) is int and abs(side.value) <= 1000

    return (is_number(node.left) and is_loop(node.right)) or (is_loop(node.left) and is_number(node.right))


def _against_constant(node: nodes.Compare) -> bool:
    sides = [node.expr, *(operand.expr for operand in node.ops)]
    for left, operand in zip(sides, node.ops):
        if operand.op in ("in", "notin"):
            if not _constant(operand.expr):
                return False
        elif not (_constant(left) or _constant(operand.expr)):
            return False
    return True


def _constant(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) or (isinstance(node, (nodes.Tuple, nodes.List))
                                             and all(isinstance(item, nodes.Const) for item in node.items))


def instrumented(template: nodes.Template) -> nodes.Template:
    """The template with each loop's iterable charged to the render's work: ``x|docgen_work(weight)``,
    the weight being the number of nodes in the loop's body. Done after :func:`refusals` has passed
    it, so the template cannot name the filter itself."""
    for loop in template.find_all(nodes.For):
        weight = sum(1 for _ in nodes.Template(loop.body + loop.else_).find_all(nodes.Node)) + 1
        loop.iter = nodes.Filter(loop.iter, "docgen_work", [nodes.Const(weight)], [], None, None, lineno=loop.lineno)
    return template


@pass_context
def _charged(context, iterable: Iterable[Any], weight: int) -> Iterator[Any]:
    for item in iterable:
        context.docgen_work = getattr(context, "docgen_work", 0) + weight
        if context.docgen_work > MAX_WORK:
            raise SandboxError(Message(WORK, max=MAX_WORK))
        yield item


class BoundedEnvironment(DocumentEnvironment):
    """The sandbox for an office's templates: no globals, the work filter, escaping on."""

    def __init__(self):
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.globals.clear()
        self.filters["docgen_work"] = _charged


def render_bounded(template, context: dict[str, Any]) -> str:
    """A compiled template's text, stopped once it passes :data:`MAX_OUTPUT` characters."""
    chunks, size = [], 0
    for chunk in template.root_render_func(template.new_context(context)):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SandboxError(Message(OUTPUT, max=MAX_OUTPUT))
        chunks.append(chunk)
    return "".join(chunks)
