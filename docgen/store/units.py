"""Units in the database, listed in Vietnamese alphabetical order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.model import Unit
from docgen.store.schema import UnitRecord
from docgen.vn.collate import sort_key


def all_units(session: Session) -> list[UnitRecord]:
    """By name as a Vietnamese reader expects (Đ after D, tones after letters), then by code."""
    records = session.scalars(select(UnitRecord))
    return sorted(records, key=lambda record: (sort_key(record.name), sort_key(record.code)))


def get(session: Session, unit_id: int) -> UnitRecord | None:
    return session.get(UnitRecord, unit_id)


def by_code(session: Session, code: str) -> UnitRecord | None:
    return session.scalars(select(UnitRecord).where(UnitRecord.code == code)).first()


def _record(unit: Unit) -> UnitRecord:
    record = UnitRecord()
    record.unit = unit
    return record


def add(session: Session, unit: Unit) -> UnitRecord:
    """The unit stored, with its id."""
    record = _record(unit)
    session.add(record)
    session.flush()
    return record


def save_all(session: Session, units: Sequence[Unit], replace: bool = False) -> tuple[int, int, int]:
    """Add new codes and update known ones; with ``replace``, also remove units not in ``units``.

    Returns (added, updated, removed).
    """
    existing = {record.code: record for record in session.scalars(select(UnitRecord))}
    added = updated = removed = 0
    for unit in units:
        record = existing.pop(unit.code, None)
        if record is None:
            # Not flushed one by one: the new rows go to the database together at the commit.
            session.add(_record(unit))
            added += 1
        elif record.unit != unit:
            record.unit = unit
            updated += 1
    if replace:
        for record in existing.values():
            session.delete(record)
            removed += 1
    return added, updated, removed
