"""Units in the database, listed in Vietnamese alphabetical order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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


@dataclass
class Changes:
    """What saving a list of units would do to the stored ones."""

    added: list[Unit] = field(default_factory=list)
    updated: list[tuple[UnitRecord, Unit]] = field(default_factory=list)
    unchanged: int = 0
    removed: list[UnitRecord] = field(default_factory=list)


def compare(session: Session, units: Sequence[Unit], replace: bool = False) -> Changes:
    """New codes are added, known ones updated when they differ; with ``replace``, the units not
    in ``units`` are removed."""
    existing = {record.code: record for record in session.scalars(select(UnitRecord))}
    changes = Changes()
    for unit in units:
        record = existing.pop(unit.code, None)
        if record is None:
            changes.added.append(unit)
        elif record.unit != unit:
            changes.updated.append((record, unit))
        else:
            changes.unchanged += 1
    if replace:
        changes.removed = list(existing.values())
    return changes


def save_all(session: Session, units: Sequence[Unit], replace: bool = False) -> tuple[int, int, int]:
    """Save what :func:`compare` finds; returns (added, updated, removed)."""
    changes = compare(session, units, replace)
    # Not flushed one by one: the new rows go to the database together at the commit.
    session.add_all(_record(unit) for unit in changes.added)
    for record, unit in changes.updated:
        record.unit = unit
    for record in changes.removed:
        session.delete(record)
    return len(changes.added), len(changes.updated), len(changes.removed)
