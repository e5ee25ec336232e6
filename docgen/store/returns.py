"""Report forms the units uploaded, what the report reader made of them, and the office's decision.

Every upload is kept (a unit may send a corrected form); the newest of a unit for a plan is the
one its status shows.
"""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.i18n import N_
from docgen.reports.read import Form
from docgen.store.schema import PlanRecord, ReturnedReport, UnitRecord, now

MAX_FILE_BYTES = 10 * 1024 * 1024
STATUS_NAMES = {
    ReturnedReport.SUBMITTED: N_("Đã gửi, chờ văn phòng xem"),
    ReturnedReport.ACCEPTED: N_("Văn phòng đã chấp nhận"),
    ReturnedReport.RETURNED: N_("Văn phòng trả lại"),
}


def reading(form: Form | None) -> str:
    """What the reader found in a form, as stored (None: the plan has no indicators to read)."""
    if form is None:
        return ""
    return json.dumps({"values": form.values, "cells": form.cells, "remarks": form.remarks,
                       "problems": [dataclasses.asdict(problem) for problem in form.problems],
                       "notes": [dataclasses.asdict(note) for note in form.notes]}, ensure_ascii=False)


def add(session: Session, plan: PlanRecord, unit: UnitRecord, user_id: int, file_name: str, data: bytes,
        form: Form | None) -> ReturnedReport:
    report = ReturnedReport(organisation_id=plan.organisation_id, plan_id=plan.id, unit_id=unit.id,
                            plan_summary=plan.summary, unit_code=unit.code, unit_name=unit.unit.committee,
                            file_name=file_name, data=data, reading=reading(form), uploaded_by=user_id)
    session.add(report)
    session.flush()
    return report


def get(session: Session, organisation_id: int, report_id: int, unit_id: int | None = None) -> ReturnedReport | None:
    """The report, when it is the organisation's (and, given ``unit_id``, that unit's)."""
    query = select(ReturnedReport).where(ReturnedReport.id == report_id,
                                         ReturnedReport.organisation_id == organisation_id)
    if unit_id is not None:
        query = query.where(ReturnedReport.unit_id == unit_id)
    return session.scalars(query).first()


def of_unit(session: Session, organisation_id: int, unit_id: int) -> list[ReturnedReport]:
    """A unit's uploads, newest first."""
    query = select(ReturnedReport).where(ReturnedReport.organisation_id == organisation_id,
                                         ReturnedReport.unit_id == unit_id)
    return list(session.scalars(query.order_by(ReturnedReport.id.desc())))


def of_organisation(session: Session, organisation_id: int, plan_id: int | None = None) -> list[ReturnedReport]:
    """The organisation's uploads (of one plan, given ``plan_id``), newest first."""
    query = select(ReturnedReport).where(ReturnedReport.organisation_id == organisation_id)
    if plan_id is not None:
        query = query.where(ReturnedReport.plan_id == plan_id)
    return list(session.scalars(query.order_by(ReturnedReport.id.desc())))


def review(report: ReturnedReport, user_id: int, accepted: bool, note: str = "") -> None:
    report.status = ReturnedReport.ACCEPTED if accepted else ReturnedReport.RETURNED
    report.note, report.reviewed_by, report.reviewed_at = note, user_id, now()
