"""Write docgen/format/times-metrics.json: the advance widths of Times New Roman, read from Liberation
Serif 2 (whose metrics are Times New Roman's), for the characters Vietnamese Party documents use.

docgen measures a line's width with it to break a centred summary into lines of nearly equal width,
as the office would; the fonts themselves are not needed where docgen runs. Run once when the table
should change (needs fontTools: ``pip install fonttools``):

    python scripts/font_metrics.py [FONT_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
TARGET = Path(__file__).resolve().parents[1] / "docgen" / "format" / "times-metrics.json"
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "BoldItalic"}
# Printable ASCII, Latin-1, the Latin letters Vietnamese uses (ă â đ ê ô ơ ư with their tone marks)
# and the punctuation of Party documents (dashes, quotes, ellipsis, no-break space).
RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x102, 0x103), (0x110, 0x111), (0x128, 0x129), (0x168, 0x169),
          (0x1A0, 0x1A1), (0x1AF, 0x1B0), (0x1EA0, 0x1EF9), (0x2010, 0x2026))


def widths(path: Path) -> dict[str, str]:
    """Characters by advance width (font units): ``{"909": "eéè…"}``, small and readable."""
    font = TTFont(path)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    grouped: dict[int, list[str]] = {}
    for low, high in RANGES:
        for code in range(low, high + 1):
            if code in cmap:
                grouped.setdefault(metrics[cmap[code]][0], []).append(chr(code))
    return {str(width): "".join(chars) for width, chars in sorted(grouped.items())}


def main() -> None:
    regular = TTFont(FONT_DIR / "LiberationSerif-Regular.ttf")
    table = {
        "font": "Times New Roman (advance widths of Liberation Serif 2, metric-compatible)",
        "units_per_em": regular["head"].unitsPerEm,
        "styles": {style: widths(FONT_DIR / f"LiberationSerif-{name}.ttf") for style, name in STYLES.items()},
    }
    TARGET.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
