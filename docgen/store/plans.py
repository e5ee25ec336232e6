"""Plans in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.model import Plan
from docgen.store.schema import PlanRecord


def all_plans(session: Session, organisation_id: int, limit: int | None = None) -> list[PlanRecord]:
    """The organisation's plans, most recently changed first: the plan being worked on is at the top."""
    query = (select(PlanRecord).where(PlanRecord.organisation_id == organisation_id)
             .order_by(PlanRecord.updated_at.desc(), PlanRecord.id.desc()).limit(limit))
    return list(session.scalars(query))


def get(session: Session, organisation_id: int, plan_id: int) -> PlanRecord | None:
    """The plan, when it is the organisation's."""
    return session.scalars(select(PlanRecord).where(PlanRecord.id == plan_id,
                                                    PlanRecord.organisation_id == organisation_id)).first()


def add(session: Session, organisation_id: int, plan: Plan) -> PlanRecord:
    record = PlanRecord(organisation_id=organisation_id)
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
