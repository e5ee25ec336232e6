"""Plans in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.model import Plan
from docgen.store.schema import PlanRecord


def all_plans(session: Session, limit: int | None = None) -> list[PlanRecord]:
    """Most recently changed first: the plan being worked on is at the top."""
    query = select(PlanRecord).order_by(PlanRecord.updated_at.desc(), PlanRecord.id.desc()).limit(limit)
    return list(session.scalars(query))


def get(session: Session, plan_id: int) -> PlanRecord | None:
    return session.get(PlanRecord, plan_id)


def add(session: Session, plan: Plan) -> PlanRecord:
    record = PlanRecord()
    record.plan = plan
    session.add(record)
    session.flush()
    return record


def update(record: PlanRecord, plan: Plan) -> None:
    record.plan = plan


def delete(session: Session, record: PlanRecord) -> None:
    """Past generations stay listed (their ZIPs are still there), detached from the plan by the
    database (``ON DELETE SET NULL``)."""
    session.delete(record)
