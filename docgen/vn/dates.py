"""Dates in the official form, and the one reader of the dates staff write.

Babel's Vietnamese format (`19 tháng 5, 2021`) is not the official form.
"""

import calendar
import re
from datetime import date

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.vn.text import collapse_spaces, normalize

# Left blank on an unsigned draft for the date to be written in by hand.
_BLANK = " " * 4
# Longer than any way of writing a date: cut (and so refused) before it is searched or quoted.
MAX_DATE_CHARS = 40
_UNREADABLE = N_("Không đọc được ngày “%(text)s”: hãy viết ngày/tháng/năm, ví dụ 25/5/2021, 25-5-2021, 25.5.2021, "
                 "ngày 25 tháng 5 năm 2021 hoặc 2021-05-25")

_YEAR = r"(?P<year>[1-9]\d{3})"
_FORMATS = (
    re.compile(rf"(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep){_YEAR}"),
    re.compile(rf"{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})"),
    re.compile(rf"ngày\s+(?P<day>\d{{1,2}})\s+tháng\s+(?P<month>\d{{1,2}})\s+năm\s+{_YEAR}", re.IGNORECASE),
)


# The official padding rule: days 1-9 and months 1-2 take a leading zero so that no digit can be added
# by hand (1 -> 11); months 3-12 cannot grow into another month and stay bare.
def padded_day(day: int) -> str:
    return f"{day:02d}"


def padded_month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def long_date(d: date) -> str:
    """`ngày 05 tháng 02 năm 2021`, the form of the place-and-date line."""
    return f"ngày {padded_day(d.day)} tháng {padded_month(d.month)} năm {d.year}"


def short_date(d: date) -> str:
    """`05/02/2021`, the form used when the body cites another document."""
    return f"{padded_day(d.day)}/{padded_month(d.month)}/{d.year}"


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
    """Read `25/5/2021`, `25-5-2021` (older texts), `25.5.2021`, `ngày 25 tháng 5 năm 2021` or `2021-05-25`.

    Raises BadInput saying, in Vietnamese, what is wrong: a form it cannot read, or a day the
    calendar does not have (`31/2/2021`).
    """
    written = collapse_spaces(normalize(text[:MAX_DATE_CHARS])) + ("…" if len(text) > MAX_DATE_CHARS else "")
    match = next(filter(None, (pattern.fullmatch(written) for pattern in _FORMATS)), None)
    if match is None:
        raise BadInput(_UNREADABLE, text=written)
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    if not 1 <= month <= 12:
        raise BadInput(N_("Ngày “%(text)s” không có trên lịch: tháng %(month)s không có, tháng chỉ từ 1 đến 12"),
                       text=written, month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise BadInput(N_("Ngày “%(text)s” không có trên lịch: tháng %(month)s năm %(year)s chỉ có %(days)s ngày"),
                       text=written, month=month, year=year, days=days)
    return date(year, month, day)


def date_or_none(value: object) -> date | None:
    """The one way a date field reads its value: a date, text read by :func:`parse_date`, or nothing
    (None, blank text)."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, str):
        return parse_date(value) if value.strip() else None
    raise BadInput(_UNREADABLE, text=str(value))
