"""Past and running generations (batches of documents)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from docgen.store.schema import Generation, now


def recent(session: Session, organisation_id: int, limit: int = 50) -> list[Generation]:
    query = select(Generation).where(Generation.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(Generation.id.desc()).limit(limit)))


def get(session: Session, organisation_id: int, generation_id: int) -> Generation | None:
    """The generation, when it is the organisation's."""
    return session.scalars(select(Generation).where(Generation.id == generation_id,
                                                    Generation.organisation_id == organisation_id)).first()


def set_progress(session: Session, generation_id: int, done: int, total: int) -> None:
    session.execute(update(Generation).where(Generation.id == generation_id)
                    .values(status=Generation.RUNNING, done=done, total=total))


def finish(session: Session, generation_id: int, error: str = "") -> None:
    status = Generation.FAILED if error else Generation.DONE
    session.execute(update(Generation).where(Generation.id == generation_id)
                    .values(status=status, error=error, finished_at=now()))


def fail_interrupted(session: Session, message: str) -> int:
    """Mark batches that were running when the server stopped as failed: their threads are gone."""
    result = session.execute(
        update(Generation).where(Generation.status.in_((Generation.QUEUED, Generation.RUNNING)))
        .values(status=Generation.FAILED, error=message, finished_at=now())
    )
    return result.rowcount
