"""The demo data a fresh database starts with: the seed plan and the sample units."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen.files import EXAMPLES, load_plan
from docgen.store import plans, units
from docgen.store.schema import PlanRecord, UnitRecord
from docgen.units import read_units


def is_empty(session: Session) -> bool:
    return not (session.scalar(select(func.count(PlanRecord.id))) or session.scalar(select(func.count(UnitRecord.id))))


def load_demo_data(session: Session) -> bool:
    """Fill an empty database with the examples; a database holding anything is left alone."""
    if not is_empty(session):
        return False
    plans.add(session, load_plan(EXAMPLES / "seed-plan.yaml"))
    units.save_all(session, read_units(EXAMPLES / "units.csv"))
    return True
