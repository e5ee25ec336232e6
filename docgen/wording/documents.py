"""Each kind's own words (``documents.yaml``): openings and closings by direction and by the addressee's
kind, headings, and how Nơi nhận names purposes; read and checked like the other tables.

The sentences say ``{plan}``, ``{addressee}`` … (:data:`BLANKS`), never the names themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from docgen.i18n import N_
from docgen.wording.table import BLANK, HERE, MAX_CHARS, WordingError, _at, _read, _Reader

DEFAULT_DOCUMENTS = HERE / "documents.yaml"
KINDS = ("dang-bo", "chi-bo")
_DOWN = ("plan", "plan_number", "issuer", "board", "report_to", "addressee", "form", "period", "deadline")
_GUIDANCE = ("plan", "plan_number", "issuer", "board", "report_to", "form", "period", "deadline", "section")
_REPORT = ("plan", "plan_number", "issuer", "writer", "letter")
_SUMMARY = ("plan", "plan_number", "issuer", "board", "title", "basis", "issued", "subject", "received", "counts",
            "missing", "units", "names", "report")
_REMINDER = ("plan", "plan_number", "issuer", "board", "report_to", "deadline", "issued", "subject", "units",
             "missing", "addressee", "new_deadline", "letter")
# Every sentence of the file, by section, with the blanks it may use; a mapping of unit kinds where a
# sentence is chosen by the addressee's kind.
BLANKS = {
    "letter": {"summary": _DOWN, "opening": _DOWN, "report": _DOWN, "closing": dict.fromkeys((*KINDS, "all"), _DOWN),
               "all_units": ()},
    "guidance": dict.fromkeys(("summary", "opening", "content", "content_lead", "method", "method_lead", "timing",
                               "reporting", "report", "figures", "organisation", "units", "board", "closing",
                               "recipients"), _GUIDANCE),
    "report": dict.fromkeys(("number", "attached", "opening", "results", "leadership", "contents", "figures",
                             "assessment", "strengths", "weaknesses", "lessons", "next", "proposals"), _REPORT),
    "summary": dict.fromkeys(("summary", "opening", "opening_alone", "lead", "reporting", "received", "missing",
                              "results", "figures", "figures_lead", "units_results", "closing", "annex", "attached",
                              "annex_title", "annex_units", "not_reported", "subtotal", "total"), _SUMMARY),
    "reminder": dict.fromkeys(("summary", "addressees", "named", "listed", "opening", "late", "late_many", "closing",
                               "annex", "attached", "annex_title", "annex_units"), _REMINDER),
    "recipients": {"up": (), "down": (), "across": (), "file_copy": dict.fromkeys(KINDS, ())},
}


def fill(sentence: str, **values: str) -> str:
    """A sentence with its blanks filled in (every blank it has is known: :func:`read_documents`)."""
    return BLANK.sub(lambda match: values[match[1]], sentence)


@cache
def default_documents() -> dict:
    """The sentences shipped with docgen, by section and name (see :data:`BLANKS`)."""
    return read_documents()


def read_documents(path: Path = DEFAULT_DOCUMENTS) -> dict:
    return load_documents(_read(path), path.name)


def load_documents(text: str, source: str = "documents.yaml") -> dict:
    """The sentences from the file's text; WordingError names every missing, unknown or bad entry."""
    reader = _Reader(source, text)
    sentences = _section(reader, reader.data, BLANKS, "")
    reader.done(set(reader.data))  # its unknown sections are named by _section
    return sentences


def _section(reader: _Reader, data: object, expected: dict, where) -> dict:
    if not isinstance(data, dict):
        reader.problem(where, N_("cần các mục con (tên: giá trị)"))
        return {}
    reader.unknown_keys(data, set(expected), where)
    found = {}
    for key, blanks in expected.items():
        at = _at(where, key)
        if isinstance(blanks, dict):
            found[key] = _section(reader, data.get(key), blanks, at)
            continue
        found[key] = sentence = reader.text(data, key, where, limit=MAX_CHARS)
        reader.blanks(sentence, at, blanks)
    return found


__all__ = ["BLANKS", "DEFAULT_DOCUMENTS", "WordingError", "default_documents", "fill", "load_documents",
           "read_documents"]
