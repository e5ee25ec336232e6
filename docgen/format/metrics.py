"""How wide a text is in Times New Roman, and where a centred text is best broken into lines.

Widths come from ``times-metrics.json`` (advance widths of Liberation Serif 2, which has Times New
Roman's metrics; made by ``scripts/font_metrics.py``), so no font is needed where docgen runs.  A
summary left to Word wraps as far as the first line goes and may leave "của Đảng" alone on the
last; an office breaks it into lines of nearly equal width, as :func:`balanced` does.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

METRICS = Path(__file__).parent / "times-metrics.json"
# Word and LibreOffice fit a line a little differently: a line is planned this much narrower.
FIT = 0.97


@cache
def _metrics() -> tuple[int, dict[str, dict[str, int]]]:
    table = json.loads(METRICS.read_text(encoding="utf-8"))
    styles = {style: {char: int(width) for width, chars in grouped.items() for char in chars}
              for style, grouped in table["styles"].items()}
    return table["units_per_em"], styles


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get((bold, italic),
                                                                                          "bold-italic")


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` on one line, in points; a character the table lacks counts as an ``n``
    (U+2011, the no-break hyphen, as the hyphen that is drawn for it)."""
    units, styles = _metrics()
    widths = styles[_style(bold, italic)]
    other = widths["n"]
    return sum(widths.get("-" if char == "\u2011" else char, other) for char in text) * size / units


@lru_cache(maxsize=256)
def balanced(text: str, width: float, size: float, *, bold: bool = False, italic: bool = False) -> str:
    """``text`` in as few lines as wrapping it within ``width`` points takes, broken between words
    where the longest line is shortest; lines joined by "\\n".  Words joined by a no-break space stay
    together; a word longer than a line is a line of its own."""
    words = text.split(" ")
    limit = width * FIT
    space = text_width(" ", size, bold=bold, italic=italic)
    sizes = [text_width(word, size, bold=bold, italic=italic) for word in words]

    def line(start: int, end: int) -> float:
        return sum(sizes[start:end]) + space * (end - start - 1)

    count, start = 0, 0
    while start < len(words):  # lines greedy wrapping takes
        end = start + 1
        while end < len(words) and line(start, end + 1) <= limit:
            end += 1
        count, start = count + 1, end
    if count <= 1:
        return text

    @cache
    def best(start: int, lines: int) -> tuple[float, tuple[int, ...]]:
        """(longest line, where lines break) for words[start:] in ``lines`` lines."""
        if lines == 1:
            return line(start, len(words)), ()
        found = (float("inf"), ())
        for end in range(start + 1, len(words) - lines + 2):
            if line(start, end) > limit and end > start + 1:
                break
            rest, breaks = best(end, lines - 1)
            longest = max(line(start, end), rest)
            if longest < found[0]:
                found = (longest, (end, *breaks))
        return found

    breaks = (0, *best(0, count)[1], len(words))
    return "\n".join(" ".join(words[low:high]) for low, high in zip(breaks, breaks[1:]))
