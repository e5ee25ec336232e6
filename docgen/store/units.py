"""Units in the database, listed in Vietnamese alphabetical order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.model import Unit
from docgen.store.schema import UnitRecord
from docgen.vn.collate import sort_key


def _owned(organisation_id: int):
    return select(UnitRecord).where(UnitRecord.organisation_id == organisation_id)


def all_units(session: Session, organisation_id: int) -> list[UnitRecord]:
    """The organisation's units by name as a Vietnamese reader expects (Đ after D, tones after
    letters), then by code."""
    records = session.scalars(_owned(organisation_id))
    return sorted(records, key=lambda record: (sort_key(record.name), sort_key(record.code)))


def get(session: Session, organisation_id: int, unit_id: int) -> UnitRecord | None:
    """The unit, when it is the organisation's."""
    return session.scalars(_owned(organisation_id).where(UnitRecord.id == unit_id)).first()


def by_code(session: Session, organisation_id: int, code: str) -> UnitRecord | None:
    return session.scalars(_owned(organisation_id).where(UnitRecord.code == code)).first()


def _record(organisation_id: int, unit: Unit) -> UnitRecord:
    record = UnitRecord(organisation_id=organisation_id)
    record.unit = unit
    return record


def add(session: Session, organisation_id: int, unit: Unit) -> UnitRecord:
    """The unit stored, with its id."""
    record = _record(organisation_id, unit)
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


def compare(session: Session, organisation_id: int, units: Sequence[Unit], replace: bool = False) -> Changes:
    """New codes are added, known ones updated when they differ; with ``replace``, the organisation's
    units not in ``units`` are removed."""
    existing = {record.code: record for record in session.scalars(_owned(organisation_id))}
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


def save_all(session: Session, organisation_id: int, units: Sequence[Unit],
             replace: bool = False) -> tuple[int, int, int]:
    """Save what :func:`compare` finds; returns (added, updated, removed)."""
    changes = compare(session, organisation_id, units, replace)
    # Not flushed one by one: the new rows go to the database together at the commit.
    session.add_all(_record(organisation_id, unit) for unit in changes.added)
    for record, unit in changes.updated:
        record.unit = unit
    for record in changes.removed:
        session.delete(record)
    return len(changes.added), len(changes.updated), len(changes.removed)
