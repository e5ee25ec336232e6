"""A cell of the indicator table read as a count, the way a clerk reads it.

Accepted: ``12``, `` 12 ``, ``01``, ``1.234`` and ``1 234`` (a dot or space before each group of
three digits), ``12 buổi`` (a word after the number, any unit), ``5 (trong đó 2 trực tuyến)``
(details in brackets), ``2 nghìn`` (2000), ``không``, ``không có``, ``chưa`` and a lone dash
(as in Vietnamese statistical tables: nothing happened) as 0.  An empty cell, or one holding
only the dotted line of the form, is not reported (None).  Anything else is refused with the
reason, so a person decides: ``1,5`` (a decimal), ``1.5``, ``nhiều``, ``khoảng 10``,
``3 cuộc, 250 lượt``, ``80%``.
"""

from __future__ import annotations

import re

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.vn.numbers import format_number
from docgen.vn.text import collapse_spaces, normalize

MAX_COUNT = 999_999_999
# Written for "nothing", lower case.
ZERO_WORDS = frozenset({"0", "không", "không có", "chưa", "chưa có", "-", "–", "—"})
MAGNITUDES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000}
_NUMBER = re.compile(r"(?P<number>[0-9]{1,3}(?:[. ][0-9]{3})+(?![0-9])|[0-9]+)(?P<rest>.*)", re.DOTALL)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_UNFILLED = re.compile(r"[.…_\s]*")
_WORD = re.compile(r"[^\W\d_]+")


def is_unfilled(text: str) -> bool:
    """Nothing written: empty, or only the dotted line the form gave to write on."""
    return bool(_UNFILLED.fullmatch(text))


class NotACount(BadInput):
    """The cell holds something other than a count; the message is the reason."""


def parse_count(text: str) -> int | None:
    """The count a cell holds, None when it is left empty; :class:`NotACount` otherwise."""
    cell = collapse_spaces(normalize(text))
    if is_unfilled(cell):
        return None
    cell = cell.rstrip(".")
    if cell.lower() in ZERO_WORDS:
        return 0
    match = _NUMBER.match(cell)
    if not match:
        raise NotACount(_why_not_a_number(cell))
    number = int(match["number"].replace(".", "").replace(" ", ""))
    rest = collapse_spaces(_BRACKETS.sub(" ", match["rest"]))
    if rest[:1] in (",", ".") and rest[1:2].isdigit():
        raise NotACount(N_("là số thập phân; số lượng phải là số nguyên (dấu chấm chỉ để tách hàng nghìn: 1.500)"))
    if rest.startswith("%"):
        raise NotACount(N_("là tỷ lệ phần trăm, không phải số lượng"))
    if any(char.isdigit() for char in rest):
        raise NotACount(N_("có nhiều số; ghi một số lượng, phần chi tiết để trong ngoặc, ví dụ “5 (trong đó 2 trực tuyến)”"))
    if rest and not _WORD.match(rest):
        raise NotACount(N_("không phải một số lượng rõ ràng; ghi số nguyên, ví dụ “12” hoặc “12 buổi”"))
    word = _WORD.match(rest)
    number *= MAGNITUDES.get(word.group().lower(), 1) if word else 1
    if number > MAX_COUNT:
        raise NotACount(N_("quá lớn (tối đa %(max)s)"), max=format_number(MAX_COUNT))
    return number


def _why_not_a_number(cell: str) -> str:
    """The reason's message id."""
    if cell.startswith(("-", "–")) and cell[1:2].isdigit():
        return N_("là số âm; số lượng không thể âm")
    if any(char.isdigit() for char in cell):
        return N_("có chữ trước số (số ước lượng hoặc câu văn); chỉ ghi số lượng, ví dụ “12” hoặc “12 buổi”")
    return N_("không phải số lượng; ghi số nguyên, ví dụ “12”, hoặc “không” nếu không có")
