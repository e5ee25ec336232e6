"""The committee's documents numbered as they are issued: a batch's letters (and its guidance) take
consecutive numbers in the batch's order, a single document the next of its type; each line of the
book says what the document is about, to whom it goes, who signs it and which file it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docgen.batch import batch_entries
from docgen.derive import Issued, document_context
from docgen.kinds import KINDS
from docgen.model import Plan, Unit
from docgen.register.book import Issue, take
from docgen.register.terms import today
from docgen.store import Database


def numbered(kind: str) -> bool:
    """Whether the register numbers ``kind``: the committee's documents, which take the register's
    number and date (:attr:`~docgen.kinds.Kind.options`)."""
    return "issued" in KINDS[kind].options


def issue_of(kind: str, plan: Plan, unit: Unit | None, issued_on: dt.date, **where: Any) -> Issue:
    """The book's line for one document: its summary, Nơi nhận and signer as the document has them;
    ``where`` says which file it is (``file_name``, ``generation_id``)."""
    context = document_context(kind, plan, unit)
    return Issue(KINDS[kind].doc_type, issued_on, summary=context["properties"]["subject"],
                 recipients=recipients_of(context), signer=plan.signature.name, **where)


def recipients_of(context: dict[str, Any]) -> tuple[str, ...]:
    """Nơi nhận as the document lists it, "Như trên" (a công văn's) being whom it is addressed to."""
    addressed = context.get("salutation", "").removeprefix("Kính gửi:").strip()
    lines = [line.removeprefix("- ").rstrip(" .,;") for line in context["recipients"]]
    return tuple(addressed if line == "Như trên" and addressed else line for line in lines)


def number_batch(database: Database, organisation_id: int, plan: Plan, units: Sequence[Unit], kinds: Sequence[str],
                 generation_id: int, user_id: int | None = None, address: str = "") -> dict[tuple[str, str], Issued]:
    """Numbers for the committee's documents of a batch, consecutive in its order, by unit code ("" for
    a document for all units) and kind; none when it has none."""
    entries = [entry for entry in batch_entries(units, kinds) if numbered(entry.kind)]
    if not entries:
        return {}
    day = today()
    issues = [issue_of(entry.kind, plan, entry.unit, day, generation_id=generation_id, file_name=entry.path)
              for entry in entries]
    taken = take(database, organisation_id, issues, user_id=user_id, address=address)
    return {(entry.unit.code if entry.unit else "", entry.kind): Issued(line.number, line.issued_on)
            for entry, line in zip(entries, taken)}
