"""Charts of the returned figures, drawn on the server as SVG: no script, no library, nothing fetched
from elsewhere, and the same picture whatever the browser.

One chart is one indicator: a bar per unit that reported it, longest first, then the units that
have not reported it (not reported, or a figure left for a person to look at), named without a bar.
"""

from __future__ import annotations

from markupsafe import escape

from docgen.vn.numbers import format_number

BAR, GAP = 14, 4  # a bar's height and the space under it, in pixels
LABEL, PLOT, VALUE = 300, 420, 70  # widths: the units' names, the longest bar, its figure
TITLE = 46  # the title's band
FONT = "Liberation Serif, Times New Roman, serif"
INK, BAR_FILL, MUTED = "#1f2933", "#8a1c1c", "#6b7280"
MAX_LABEL_CHARS = 48


def bar_chart(title: str, unit: str, rows: list[tuple[str, int | None]], missing_label: str) -> str:
    """The SVG of one indicator (``title``, counted in ``unit``) over ``rows`` of (unit name, figure or
    None); the units without a figure are labelled ``missing_label``."""
    counted = sorted(((name, value) for name, value in rows if value is not None), key=lambda row: -row[1])
    missing = [name for name, value in rows if value is None]
    largest = max((value for _, value in counted), default=0) or 1
    height = TITLE + (BAR + GAP) * (len(counted) + len(missing)) + GAP
    width = LABEL + PLOT + VALUE
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12" role="img" '
             f'aria-label="{escape(title)}">',
             f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
             f'<text x="0" y="18" font-size="15" font-weight="bold" fill="{INK}">{escape(_cut(title, 90))}</text>',
             f'<text x="0" y="36" fill="{MUTED}">({escape(unit)})</text>']
    y = TITLE
    for name, value in counted:
        length = round(PLOT * value / largest)
        parts += [_label(name, y, INK),
                  f'<rect x="{LABEL}" y="{y}" width="{max(length, 1)}" height="{BAR}" fill="{BAR_FILL}"/>',
                  f'<text x="{LABEL + length + 6}" y="{y + BAR - 3}" fill="{INK}">{format_number(value)}</text>']
        y += BAR + GAP
    for name in missing:
        parts += [_label(name, y, MUTED),
                  f'<text x="{LABEL}" y="{y + BAR - 3}" fill="{MUTED}" font-style="italic">{escape(missing_label)}</text>']
        y += BAR + GAP
    parts.append("</svg>")
    return "\n".join(parts)


def _label(name: str, y: int, colour: str) -> str:
    """A unit's name, right-aligned before its bar, cut to fit, whole in its tooltip."""
    return (f'<text x="{LABEL - 8}" y="{y + BAR - 3}" text-anchor="end" fill="{colour}">'
            f'<title>{escape(name)}</title>{escape(_cut(name, MAX_LABEL_CHARS))}</text>')


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
