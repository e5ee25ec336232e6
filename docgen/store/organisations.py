"""The committees using the app, each with its profile (:class:`~docgen.model.Organisation`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.model import Organisation
from docgen.store.schema import OrganisationRecord


def add(session: Session, organisation: Organisation) -> OrganisationRecord:
    record = OrganisationRecord()
    record.organisation = organisation
    session.add(record)
    session.flush()
    return record


def get(session: Session, organisation_id: int) -> OrganisationRecord | None:
    return session.get(OrganisationRecord, organisation_id)


def all_organisations(session: Session) -> list[OrganisationRecord]:
    return list(session.scalars(select(OrganisationRecord).order_by(OrganisationRecord.id)))
