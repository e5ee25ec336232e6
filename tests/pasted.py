"""The pasted-plan corpus (``tests/data/pasted``) and how an import of it is scored.

Each document is a ``.txt`` as it arrives when a real Party document is copied out of a PDF, a web
page or Word, next to a ``.yaml`` with what import must recover from it: the header fields and the
body paragraphs (one a line, as the outline writes them). The comment at the top of each ``.yaml``
says how its text was made. Used by tests/test_importer.py and scripts/measure_import.py.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.importer import decode_text, import_text
from docgen.model import Organisation, Plan

CORPUS = Path(__file__).parent / "data" / "pasted"
HEADER_FIELDS = ("type", "number", "date", "place", "issuer", "summary")


@dataclass(frozen=True)
class Pasted:
    name: str
    text: str
    header: dict[str, str | None]
    body: list[str]


def corpus() -> list[Pasted]:
    documents = []
    for path in sorted(CORPUS.glob("*.txt")):
        expected = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        documents.append(Pasted(path.stem, decode_text(path.read_bytes()),
                                {field: expected[field] for field in HEADER_FIELDS}, expected["body"].splitlines()))
    return documents


def header_of(plan: Plan) -> dict[str, str | None]:
    """The header fields as the corpus writes them: ``number`` as in ``Số 08-KH/ĐU``, ``issuer`` as
    superior / name."""
    org = plan.organisation
    number = "" if plan.number is None else f"{plan.number:02d}"
    return {
        "type": plan.type.value,
        "number": f"{number}-{plan.type.value}/{org.symbol}",
        "date": plan.date.isoformat() if plan.date else None,
        "place": org.place,
        "issuer": " / ".join(filter(None, (org.superior, org.name))),
        "summary": plan.summary,
    }


def import_pasted(document: Pasted, organisation: Organisation) -> Plan:
    """The plan import makes of a document, the organisation filling in only what it lacks."""
    return import_text(document.text, organisation).plan


def paragraphs_right(expected: list[str], found: list[str]) -> tuple[int, int]:
    """How many expected paragraphs import gave, in order and exactly (marker included), out of the
    expected ones and the ones import made up (a summary line taken for a paragraph, say)."""
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    right = sum(block.size for block in matcher.get_matching_blocks())
    return right, len(expected) + len(found) - right
