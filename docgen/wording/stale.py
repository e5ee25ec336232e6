"""Warnings, not silence: text a document carries over that its date has overtaken, and deadlines
that the committee's own plan does not state.

Passages found, not judged: the office reads them and decides. A date that cites a document
("Kế hoạch số 20-KH/TU ngày 19/5/2021") or opens a span ("01/01/1997 - 01/01/2022") is no
deadline; everything else before the document's date is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docgen.errors import BadInput
from docgen.vn.dates import parse_date
from docgen.wording.table import Table, default_table, phrase_pattern, phrases_regex

# Where a date may be written in running text; docgen.vn.dates decides whether it is one.
_DATE = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1\d{4}(?![\d/])"
                   r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
_CITED = re.compile(r"\bsố\s+[^\s,;]+(?:\s*-\s*[^\s,;]+)?\s+ngày\s*$", re.IGNORECASE)
_SPAN_OPENS = re.compile(r"\s*[-–]\s*\d")


@dataclass(frozen=True)
class Stale:
    """A passage about a day before the document's: ``kind`` ``date`` (a deadline or a day), ``year``
    (``đến hết năm 2021``) or ``event`` (the table's ``event``, e.g. an election)."""

    kind: str
    passage: str
    start: int
    end: int
    date: dt.date
    """The day it is about; for a year, its last day."""
    event: str = ""


def stale_passages(text: str, date: dt.date, table: Table | None = None) -> tuple[Stale, ...]:
    """The passages of ``text`` about days before ``date`` (the document's), in reading order."""
    table = table or default_table()
    found = [*_dates(text, date), *_years(text, date, table), *_events(text, date, table)]
    return tuple(sorted(found, key=lambda stale: stale.start))


def unstated_deadlines(deadlines: Iterable[dt.date], text: str) -> tuple[dt.date, ...]:
    """The ``deadlines`` set for units that ``text`` (the committee's plan) does not mention."""
    stated = {day for _, day in _days(text)}
    return tuple(dict.fromkeys(day for day in deadlines if day not in stated))


def _days(text: str) -> Iterator[tuple[re.Match, dt.date]]:
    for match in _DATE.finditer(text):
        try:
            yield match, parse_date(match.group())
        except BadInput:
            continue


def _dates(text: str, date: dt.date) -> Iterator[Stale]:
    for match, day in _days(text):
        cites = _CITED.search(text[max(0, match.start() - 60):match.start()])
        opens_span = _SPAN_OPENS.match(text, match.end())
        if day < date and not cites and not opens_span:
            yield Stale("date", match.group(), *match.span(), day)


def _years(text: str, date: dt.date, table: Table) -> Iterator[Stale]:
    if "years" not in table.cache:
        words = "|".join(map(phrase_pattern, table.year_deadlines))
        table.cache["years"] = re.compile(rf"(?:{words})\s+(\d{{4}})(?!\d)", re.IGNORECASE) if words else None
    pattern = table.cache["years"]
    for match in pattern.finditer(text) if pattern else ():
        if int(match[1]) < date.year:
            yield Stale("year", match.group(), *match.span(), dt.date(int(match[1]), 12, 31))


def _events(text: str, date: dt.date, table: Table) -> Iterator[Stale]:
    if "events" not in table.cache:
        table.cache["events"] = [(event, phrases_regex(event.phrases, re.IGNORECASE)) for event in table.events]
    for event, pattern in table.cache["events"]:
        if event.date < date:
            for match in pattern.finditer(text):
                yield Stale("event", match.group(), *match.span(), event.date, event.name)
