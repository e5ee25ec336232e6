"""Vietnamese outline text ⇄ tree: ``I.``/``I-``, ``1.``, ``1.1.``, ``1.1.1.``, ``a)``, ``-``, ``+``.

One parser serves the web form, the command line and import, so it forgives what Word, PDF
readers and web pages do to text: markers glued to their text (``1.Mục đích``, ``-Các``),
``[bookmark: …]`` debris, tabs and non-breaking spaces, and paragraphs hard-wrapped into lines.

Marker rules (a line that fails them is plain text):

- Roman numerals I to XX, then ``.`` or ``-`` (kept as typed), then text starting in upper case.
- ``1.``/``1-``, ``1.1.``, ``1.1.1.``: one or two digits per part, so years, counts (``12 nội
  dung``, ``03 khâu``), ``1.234 người`` and dates (``19/5/2021``) are not markers; the last dot of
  ``1.1.`` may be missing before a space.
- ``a)`` or ``a.`` (one lower-case letter), ``-``/``–``/``—``/``•`` and ``+``.
- After the marker a space, or a letter directly (``1.Mục``); ``1-`` needs the space (``20-KH``).

Hard-wrapped text (a PDF or a web page breaks paragraphs into lines) is re-joined; Word text, one
paragraph a line, must not be. Without being told, the text counts as wrapped when, of the lines
that follow another line (not a blank one), at least one in twenty is plain, starts in lower case
and follows a line that ends no sentence, or only a clause (``;``). A PDF indents a paragraph's
first line: first lines and the others are full at widths of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from docgen.vn.text import collapse_spaces, normalize

# Outermost first: a marker closes every open item of its own rank or deeper.
KINDS = ("roman", "number", "number2", "number3", "letter", "dash", "plus")
HEADINGS = frozenset(KINDS[:5])
_LISTS = frozenset(("dash", "plus"))

_LETTER = r"[^\W\d_]"
_AFTER = rf"(?=\s|{_LETTER})"
_MARKERS = (
    ("roman", re.compile(rf"(?=[IVX])(XX|X?(?:IX|IV|V?I{{0,3}}))([.-])(?=\s|{_LETTER}{{2}})"), "{0}{1}"),
    ("number3", re.compile(rf"(\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}})(?:\.{_AFTER}|(?=\s))"), "{0}."),
    ("number2", re.compile(rf"(\d{{1,2}}\.\d{{1,2}})(?:\.{_AFTER}|(?=\s))"), "{0}."),
    ("number", re.compile(rf"(\d{{1,2}})(\.{_AFTER}|-(?=\s))"), "{0}{1}"),
    ("letter", re.compile(rf"([a-zđ])(?:\){_AFTER}|\.(?=\s))"), "{0})"),
    ("dash", re.compile(rf"[-–—•●▪\uf0b7]{_AFTER}"), "-"),
    ("plus", re.compile(rf"\+{_AFTER}"), "+"),
)
_DEBRIS = re.compile(r"\[bookmark:[^\]]{0,80}\]")
# Zero-width characters and soft hyphens (a regex: str.translate with a mapping is slow on long text).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Line breaks other than "\n" (normalize() would drop the control ones): Word's manual line break as
# Word copies it (VT), the form feed pdftotext puts between pages, Unicode's line and paragraph separators.
_OTHER_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")
# A word a PDF broke at a soft hyphen at the end of a line.
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")
# Between table cells pasted as one line: a tab, or the wide gap pdftotext -layout leaves between columns.
_CELL_GAP = re.compile(r"\s*\t\s*| {3,}")
# A Markdown table's border row, or one of its cells.
_TABLE_BORDER = re.compile(r"[\s|:-]*")
_SENTENCE_END = tuple(".:;!?…")
_CLOSERS = "\"'”’»)]"
_HYPHEN_BREAK = re.compile(r"[^\W_]-$")


@dataclass
class Node:
    """One paragraph of the outline and the paragraphs it heads."""

    kind: str
    marker: str
    text: str
    children: list[Node] = field(default_factory=list)


def clean_lines(text: str, cells: bool = False) -> list[str]:
    """The lines of pasted text, NFC and single-spaced, debris gone; blank lines stay as "".

    ``cells``: the text may hold table rows pasted as one line (a whole pasted document, not a body
    typed in a form); each cell becomes a line of its own.
    """
    text = normalize(_OTHER_BREAKS.sub("\n", text))
    text = _INVISIBLE.sub("", _DEBRIS.sub("", _SOFT_HYPHEN_BREAK.sub("", text)))
    lines = text.splitlines()
    if cells:
        lines = [cell for line in lines for cell in _cells(line)]
    return [collapse_spaces(line) for line in lines]


def _cells(line: str) -> list[str]:
    """The cells of a table row pasted as one line: ``| a | b |`` (Markdown, its border row a blank
    line), or cells apart by a tab or a wide gap; a tab after a list marker (``1.\tMục``) parts no cells."""
    line = line.strip()
    if line.startswith("|"):
        return [cell for cell in line.strip("|").split("|") if not _TABLE_BORDER.fullmatch(cell)] or [""]
    cells = _CELL_GAP.split(line)
    if len(cells) > 1 and (found := read_marker(collapse_spaces(f"{cells[0]} {cells[1]}"))) \
            and found[2] == collapse_spaces(cells[1]):
        cells[:2] = [f"{cells[0]} {cells[1]}"]
    return cells


def read_marker(line: str) -> tuple[str, str, str] | None:
    """``(kind, marker, text)`` when a clean line opens with an outline marker."""
    for kind, pattern, form in _MARKERS:
        if match := pattern.match(line):
            text = line[match.end():].strip()
            if text and (kind != "roman" or text[0].isupper()):
                return kind, form.format(*match.groups()), text
    return None


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence (``.``, ``:``, ``;`` …, closing quotes and brackets aside)."""
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def parse(text: str, wrapped: bool | None = None) -> list[Node]:
    """The tree of an outline; ``wrapped`` re-joins hard-wrapped lines (None: decide from the text).

    A plain paragraph belongs to the nearest heading above it (``I.`` … ``a)``), not to a list item.
    """
    roots: list[Node] = []
    open_items: list[Node] = []
    for paragraph in paragraphs(text, wrapped):
        found = read_marker(paragraph)
        node = Node(*found) if found else Node("text", "", paragraph)
        if found:
            rank = KINDS.index(node.kind)
            while open_items and KINDS.index(open_items[-1].kind) >= rank:
                open_items.pop()
        else:
            while open_items and open_items[-1].kind not in HEADINGS:
                open_items.pop()
        (open_items[-1].children if open_items else roots).append(node)
        if found:
            open_items.append(node)
    return roots


def to_text(nodes: Iterable[Node]) -> str:
    """One paragraph a line, marker first: the form staff type and :func:`parse` reads back."""
    return "\n".join(f"{node.marker} {node.text}" if node.marker else node.text for _, node in walk(nodes))


def walk(nodes: Iterable[Node], depth: int = 0) -> Iterator[tuple[int, Node]]:
    """Every node with its depth, in reading order."""
    for node in nodes:
        yield depth, node
        yield from walk(node.children, depth + 1)


def paragraphs(text: str, wrapped: bool | None = None) -> list[str]:
    """The paragraphs of a text: one per line, or re-joined when the text is hard-wrapped.

    Blank lines always end a paragraph.
    """
    blocks = _blocks(clean_lines(text))
    # The lines that surely wrap (followed by a lower-case word) tell whether the text is wrapped
    # and at what width: how long each would be with that word pulled up onto it.
    breaks = [] if wrapped is False else [(before, previous, line) for before, previous, line in _runs(blocks)
                                          if _lower_break(previous, line)]
    if wrapped is None:
        wrapped = _looks_wrapped(blocks, len(breaks))
    if not wrapped or not blocks:
        return [line for block in blocks for line in block]
    fills: dict[bool, list[int]] = {True: [], False: []}
    for before, previous, line in breaks:
        first = before is None or ends_sentence(before) or read_marker(previous) is not None
        fills[first].append(_fill(previous, line))
    widths = {first: _full_width(blocks, sorted(fills[first] or fills[not first])) for first in fills}
    result = []
    for block in blocks:
        current = block[0]
        for previous, line in zip(block, block[1:]):
            if _continues(previous, line, widths[current == previous], current):
                current += ("" if _HYPHEN_BREAK.search(current) and line[0].isalnum() else " ") + line
            else:
                result.append(current)
                current = line
        result.append(current)
    return result


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _runs(blocks: list[list[str]]) -> Iterator[tuple[str | None, str, str]]:
    """Each line after another in a block, with the line before that (None at the block's start)."""
    for block in blocks:
        yield from zip([None, *block], block, block[1:])


def _fill(previous: str, line: str) -> int:
    """How long the previous line would be with the next word pulled up onto it."""
    return len(previous) + 1 + len(line.split(" ", 1)[0])


def _lower_break(previous: str, line: str) -> bool:
    """A plain line starting in lower case after an unfinished one, or one that ends a clause (``;``):
    a sure sign of a wrapped paragraph."""
    return line[0].islower() and read_marker(line) is None and (
        not ends_sentence(previous) or previous.rstrip(_CLOSERS).endswith(";"))


def _looks_wrapped(blocks: list[list[str]], breaks: int) -> bool:
    """Word gives one paragraph a line; wrapped text breaks sentences before lower-case words, often.

    Only lines that follow another line count: a web page that parts its paragraphs with blank lines
    and breaks a few of them (``<br>``) is wrapped there.
    """
    return breaks > 0 and breaks * 20 >= sum(len(block) - 1 for block in blocks)


def _full_width(blocks: list[list[str]], fills: list[int]) -> int:
    """The fill from which a line counts as full: the next word would not have fitted on it.

    Exactly the wrapping width for text wrapped by characters; lower for PDF text in a proportional
    font, learnt from the ``fills`` (sorted) of the lines that surely wrap.
    """
    widest = max(len(line) for block in blocks for line in block)
    return min(widest + 1, fills[len(fills) // 10]) if fills else widest + 1


def _is_heading(line: str) -> bool:
    found = read_marker(line)
    return found is not None and found[0] in HEADINGS


def _continues(previous: str, line: str, width: int, paragraph: str) -> bool:
    """Whether, in wrapped text, a line goes on ``paragraph``, the paragraph so far (``previous`` is
    its last line).

    A heading in capitals goes on only with a plain line in capitals: its last words, wrapped, not
    the paragraph below it. Otherwise lower case goes on, as items and paragraphs start in upper
    case, but a ``-``/``+`` after a finished sentence starts an item. An upper-case item goes on
    only when the line before is full (its first word would not have fitted there) and is not the
    first line of a heading; a plain upper-case line goes on when the line before is full, and
    always inside running text whose sentence is unfinished.
    """
    found = read_marker(line)
    if found and found[0] not in _LISTS:
        return False
    heading = _is_heading(paragraph)
    if heading and paragraph.isupper():
        return not found and line.isupper() and not ends_sentence(previous)
    opening = paragraph == previous
    first = (found[2] if found else line)[0]
    ends = ends_sentence(previous)
    if found and ends:
        return False
    if first.islower() or (found and first.isdigit()):
        return True
    full = _fill(previous, line) >= width
    if found:
        return full and not (heading and opening)
    return full if ends or heading else True
