"""Each organisation's wording (:mod:`docgen.wording`): its own tables, or docgen's when it has none,
and the unit plans' texts its office edited, with those each generation used."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from docgen.store.schema import GenerationText, UnitText, WordingTables, now
from docgen.wording import Table, load_table


def tables(session: Session, organisation_id: int) -> WordingTables | None:
    """The organisation's own tables as the office wrote them; None: it uses docgen's."""
    return session.scalars(select(WordingTables).where(WordingTables.organisation_id == organisation_id)).first()


def table(session: Session, organisation_id: int) -> Table | None:
    """The organisation's tables, read (once for every request while they stay the same); None: docgen's."""
    record = tables(session, organisation_id)
    return _read(record.sectors, record.phrases) if record else None


@lru_cache(maxsize=16)
def _read(sectors: str, phrases: str) -> Table:
    return load_table(sectors, phrases)


def save_tables(session: Session, organisation_id: int, sectors: str, phrases: str, user_id: int | None) -> None:
    """Keep the office's tables, which :func:`docgen.wording.load_table` has read without a problem."""
    record = tables(session, organisation_id) or WordingTables(organisation_id=organisation_id)
    record.sectors, record.phrases, record.updated_by, record.updated_at = sectors, phrases, user_id, now()
    session.add(record)


def drop_tables(session: Session, organisation_id: int) -> None:
    """Back to docgen's tables."""
    session.execute(delete(WordingTables).where(WordingTables.organisation_id == organisation_id))


def edit(session: Session, organisation_id: int, plan_id: int, unit_id: int) -> UnitText | None:
    """The unit plan's text as the office edited it for that plan and unit."""
    return session.scalars(select(UnitText).where(UnitText.organisation_id == organisation_id,
                                                  UnitText.plan_id == plan_id, UnitText.unit_id == unit_id)).first()


def edits(session: Session, organisation_id: int, plan_id: int) -> dict[int, UnitText]:
    """The texts the office edited for a plan, by unit id."""
    found = session.scalars(select(UnitText).where(UnitText.organisation_id == organisation_id,
                                                   UnitText.plan_id == plan_id))
    return {record.unit_id: record for record in found}


def save_edit(session: Session, organisation_id: int, plan_id: int, unit_id: int, text: str, derived: str,
              user_id: int | None) -> None:
    """Keep the office's ``text`` for the unit plan, with the ``derived`` text it was edited from."""
    record = edit(session, organisation_id, plan_id, unit_id) or UnitText(
        organisation_id=organisation_id, plan_id=plan_id, unit_id=unit_id)
    record.text, record.derived, record.updated_by, record.updated_at = text, derived, user_id, now()
    session.add(record)


def drop_edit(session: Session, organisation_id: int, plan_id: int, unit_id: int) -> None:
    """Back to the derived text."""
    session.execute(delete(UnitText).where(UnitText.organisation_id == organisation_id, UnitText.plan_id == plan_id,
                                           UnitText.unit_id == unit_id))


def keep_used(session: Session, generation_id: int, texts: dict[str, str]) -> None:
    """The edited texts a generation is made with, by unit code, kept with it as they are now."""
    session.add_all(GenerationText(generation_id=generation_id, unit_code=code, text=text)
                    for code, text in texts.items())


def used(session: Session, generation_id: int) -> dict[str, str]:
    """The edited texts a generation was made with, by unit code."""
    found = session.scalars(select(GenerationText).where(GenerationText.generation_id == generation_id)
                            .order_by(GenerationText.id))
    return {record.unit_code: record.text for record in found}
