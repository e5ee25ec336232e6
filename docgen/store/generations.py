"""Past and running generations (batches of documents)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from docgen.store.schema import Generation, now

FOLDER = "generations"
"""Where the generations' ZIPs are kept in the shared files (:mod:`docgen.storage`)."""


def zip_key(generation: Generation) -> str:
    return f"{FOLDER}/{generation.path}"


def recent(session: Session, organisation_id: int, limit: int = 50) -> list[Generation]:
    query = select(Generation).where(Generation.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(Generation.id.desc()).limit(limit)))


def latest(session: Session, limit: int) -> list[Generation]:
    """Every organisation's latest generations, for the command line."""
    return list(session.scalars(select(Generation).order_by(Generation.id.desc()).limit(limit)))


def finished_before(session: Session, moment: dt.datetime) -> list[Generation]:
    """Every organisation's generations that finished before ``moment``."""
    return list(session.scalars(select(Generation).where(Generation.finished_at < moment)))


def get(session: Session, organisation_id: int, generation_id: int) -> Generation | None:
    """The generation, when it is the organisation's."""
    return session.scalars(select(Generation).where(Generation.id == generation_id,
                                                    Generation.organisation_id == organisation_id)).first()


UNFINISHED = (Generation.QUEUED, Generation.RUNNING)


def begin(session: Session, generation_id: int) -> bool:
    """Mark the generation running from its start (again, when a worker died under it); False when it
    finished or was cancelled: a job is not redone."""
    return set_progress(session, generation_id, 0, 0)


def set_progress(session: Session, generation_id: int, done: int, total: int) -> bool:
    """False when the generation is no longer to be made (cancelled, or finished by another worker)."""
    return session.execute(update(Generation).where(Generation.id == generation_id,
                                                    Generation.status.in_(UNFINISHED))
                           .values(status=Generation.RUNNING, done=done, total=total)).rowcount == 1


def finish(session: Session, generation_id: int, error: str = "") -> None:
    """Done, or failed with ``error``; a cancelled generation stays so."""
    status = Generation.FAILED if error else Generation.DONE
    session.execute(update(Generation).where(Generation.id == generation_id, Generation.status.in_(UNFINISHED))
                    .values(status=status, error=error, finished_at=now()))


def cancel(session: Session, generation_id: int) -> bool:
    """Stop the generation (its job stops at its next progress); False when it had finished."""
    return session.execute(update(Generation).where(Generation.id == generation_id,
                                                    Generation.status.in_(UNFINISHED))
                           .values(status=Generation.CANCELLED, finished_at=now())).rowcount == 1


def fail_interrupted(session: Session, message: str) -> int:
    """Mark batches that were running when the server stopped as failed: their threads are gone."""
    result = session.execute(
        update(Generation).where(Generation.status.in_(UNFINISHED))
        .values(status=Generation.FAILED, error=message, finished_at=now())
    )
    return result.rowcount
