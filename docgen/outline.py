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
paragraph a line, must not be. Without being told, the text counts as wrapped when at least one
line in twenty is plain, starts in lower case and follows a line that ends no sentence.
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


def clean_lines(text: str) -> list[str]:
    """The lines of pasted text, NFC and single-spaced, debris gone; blank lines stay as ""."""
    text = _INVISIBLE.sub("", _DEBRIS.sub("", normalize(text)))
    return [collapse_spaces(line) for line in text.splitlines()]


def read_marker(line: str) -> tuple[str, str, str] | None:
    """``(kind, marker, text)`` when a clean line opens with an outline marker."""
    for kind, pattern, form in _MARKERS:
        if match := pattern.match(line):
            text = line[match.end():].strip()
            if text and (kind != "roman" or text[0].isupper()):
                return kind, form.format(*match.groups()), text
    return None


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
    fills = [] if wrapped is False else [_fill(previous, line) for previous, line in _pairs(blocks)
                                         if _lower_break(previous, line)]
    if wrapped is None:
        wrapped = _looks_wrapped(blocks, len(fills))
    if not wrapped or not blocks:
        return [line for block in blocks for line in block]
    width = _full_width(blocks, sorted(fills))
    result = []
    for block in blocks:
        current = block[0]
        for previous, line in zip(block, block[1:]):
            if _continues(previous, line, width, heading=_is_heading(current), opening=current == previous):
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


def _pairs(blocks: list[list[str]]) -> Iterator[tuple[str, str]]:
    for block in blocks:
        yield from zip(block, block[1:])


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _fill(previous: str, line: str) -> int:
    """How long the previous line would be with the next word pulled up onto it."""
    return len(previous) + 1 + len(line.split(" ", 1)[0])


def _lower_break(previous: str, line: str) -> bool:
    """A plain line starting in lower case after an unfinished one: a sure sign of a wrapped paragraph."""
    return line[0].islower() and read_marker(line) is None and not _ends_sentence(previous)


def _looks_wrapped(blocks: list[list[str]], breaks: int) -> bool:
    """Word gives one paragraph a line; wrapped text breaks sentences before lower-case words, often."""
    return breaks > 0 and breaks * 20 >= sum(map(len, blocks))


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


def _continues(previous: str, line: str, width: int, heading: bool, opening: bool) -> bool:
    """Whether, in wrapped text, a line goes on the paragraph of the line before it.

    Lower case goes on, as items and paragraphs start in upper case, but a ``-``/``+`` after a
    finished sentence starts an item. An upper-case item goes on only when the line before is full
    (its first word would not have fitted there) and is not the first line of a heading; a plain
    upper-case line goes on when the line before is full, and always inside running text whose
    sentence is unfinished. ``heading``: the paragraph so far is a heading; ``opening``: previous
    is its first line.
    """
    found = read_marker(line)
    if found and found[0] not in _LISTS:
        return False
    first = (found[2] if found else line)[0]
    ends = _ends_sentence(previous)
    if found and ends:
        return False
    if first.islower() or (found and first.isdigit()):
        return True
    full = _fill(previous, line) >= width
    if found:
        return full and not (heading and opening)
    return full if ends or heading else True
