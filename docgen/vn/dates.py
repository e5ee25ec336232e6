"""Dates in the official form: Babel's Vietnamese format (`19 tháng 5, 2021`) is not it."""

import re
from datetime import date

from docgen.vn.text import normalize

# Left blank on an unsigned draft for the date to be written in by hand.
_BLANK = " " * 4

_FORMATS = (
    re.compile(r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    re.compile(r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})", re.IGNORECASE),
)


# The official padding rule: days 1-9 and months 1-2 take a leading zero so that no digit can be added
# by hand (1 -> 11); months 3-12 cannot grow into another month and stay bare.
def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def long_date(d: date) -> str:
    """`ngày 05 tháng 02 năm 2021`, the form of the place-and-date line."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def short_date(d: date) -> str:
    """`05/02/2021`, the form used when the body cites another document."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def place_date(place: str, d: date | None, year: int | None = None) -> str:
    """`Hưng Yên, ngày 25 tháng 5 năm 2021`; without a date, blanks to fill in by hand when signing.

    The blank form is `Hưng Yên, ngày    tháng    năm 2026` with `year` given, and the year is left
    blank too when it is None. `year` is ignored when `d` is given.
    """
    if d is not None:
        return f"{normalize(place)}, {long_date(d)}"
    written_year = _BLANK if year is None else str(year)
    return f"{normalize(place)}, ngày{_BLANK}tháng{_BLANK}năm {written_year}"


def parse_date(text: str) -> date:
    """Read `19/5/2021`, `01-10-1997` (older texts), `19.5.2021`, `ngày 19 tháng 5 năm 2021` or `2021-05-19`."""
    cleaned = " ".join(normalize(text).split())
    for pattern in _FORMATS:
        if match := pattern.fullmatch(cleaned):
            try:
                return date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError as exc:
                raise ValueError(f"Ngày không có trên lịch: {text!r} (invalid date: {exc})") from None
    raise ValueError(
        f"Không đọc được ngày: {text!r}; hãy viết 19/5/2021, 19-5-2021, ngày 19 tháng 5 năm 2021 hoặc 2021-05-19"
        " (unrecognised date format)"
    )
