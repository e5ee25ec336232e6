"""Report forms the units uploaded (or the office for them), what the report reader made of them,
the office's decision and its corrections, and the board of a plan made from them.

Every upload is kept (a unit may send a corrected form). A unit has one current report of a plan,
the one its figures are counted from; a later upload waits until the office confirms that it
replaces it (or sets it aside). A figure the office corrects by hand is kept with who and when, and
counted instead of the one read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, object_session

from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.reports.collect import Collection, FileError
from docgen.reports.read import Form, FormReader, Note, Problem
from docgen.store.schema import PlanRecord, ReportCorrection, ReturnedReport, UnitRecord, User, now
from docgen.store.units import all_units

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
    problems = [{"indicator": problem.indicator, "message": problem.message, "data": problem.message.to_data()}
                for problem in form.problems]
    return json.dumps({"values": form.values, "cells": form.cells, "remarks": form.remarks, "problems": problems,
                       "notes": [dataclasses.asdict(note) for note in form.notes], "narrative": form.narrative},
                      ensure_ascii=False)


def add(session: Session, plan: PlanRecord, unit: UnitRecord, user_id: int, file_name: str, data: bytes,
        form: Form | None) -> ReturnedReport:
    """The report kept: the unit's current one of the plan when it has none yet, else one waiting for
    the office to confirm that it replaces it (an earlier one still waiting is set aside)."""
    standing = _on_board(session, plan.organisation_id, plan.id, unit_ids=[unit.id])
    for waiting in standing[ReturnedReport.PENDING]:
        waiting.standing = ReturnedReport.DISCARDED
    report = ReturnedReport(organisation_id=plan.organisation_id, plan_id=plan.id, unit_id=unit.id,
                            plan_summary=plan.summary, unit_code=unit.code, unit_name=unit.unit.committee,
                            file_name=file_name, data=data, reading=reading(form), uploaded_by=user_id,
                            standing=ReturnedReport.PENDING if standing[ReturnedReport.CURRENT]
                            else ReturnedReport.CURRENT)
    session.add(report)
    session.flush()
    return report


def take(session: Session, record: PlanRecord, user_id: int,
         files: Sequence[tuple[str, bytes]]) -> tuple[list[ReturnedReport], list[FileError]]:
    """The office's upload of returned forms of the plan: each form read and kept for the unit it is
    of (:func:`add`), each file that is not one of them refused with the reason."""
    units = {unit.code: unit for unit in all_units(session, record.organisation_id)}
    reader = FormReader(record.plan, [unit.unit for unit in units.values()])
    taken, refused = [], []
    for name, data in files:
        try:
            form = reader.read(data, name)
        except BadInput as error:
            refused.append(FileError(name, getattr(error, "unit", None), error.message))
            continue
        taken.append(add(session, record, units[form.unit.code], user_id, name, data, form))
    return taken, refused


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
    """The office's decision; a report waiting to replace the unit's current one replaces it when
    accepted, and is set aside when returned."""
    report.status = ReturnedReport.ACCEPTED if accepted else ReturnedReport.RETURNED
    report.note, report.reviewed_by, report.reviewed_at = note, user_id, now()
    if report.standing == ReturnedReport.PENDING:
        confirm(report) if accepted else discard(report)


def _on_board(session: Session, organisation_id: int, plan_id: int,
              unit_ids: Sequence[int] | None = None) -> dict[str, list[ReturnedReport]]:
    """The plan's current and pending reports (of those units), newest first."""
    query = select(ReturnedReport).where(
        ReturnedReport.organisation_id == organisation_id, ReturnedReport.plan_id == plan_id,
        ReturnedReport.standing.in_((ReturnedReport.CURRENT, ReturnedReport.PENDING)))
    if unit_ids is not None:
        query = query.where(ReturnedReport.unit_id.in_(unit_ids))
    found = {ReturnedReport.CURRENT: [], ReturnedReport.PENDING: []}
    for report in session.scalars(query.options(defer(ReturnedReport.data)).order_by(ReturnedReport.id.desc())):
        found[report.standing].append(report)
    return found


def confirm(report: ReturnedReport) -> None:
    """A report waiting to replace its unit's current one of the plan replaces it."""
    replaced = _on_board(object_session(report), report.organisation_id, report.plan_id, [report.unit_id])
    for current in replaced[ReturnedReport.CURRENT]:
        current.standing = ReturnedReport.REPLACED
    report.standing = ReturnedReport.CURRENT


def discard(report: ReturnedReport) -> None:
    """A report waiting to replace its unit's current one is set aside; the current one stays."""
    report.standing = ReturnedReport.DISCARDED


def correct(session: Session, report: ReturnedReport, indicator: str, value: int | None,
            user_id: int) -> ReportCorrection:
    """A figure of the report corrected by hand (None: left out), kept with who and when."""
    correction = ReportCorrection(organisation_id=report.organisation_id, report_id=report.id, indicator=indicator,
                                  value=value, corrected_by=user_id)
    session.add(correction)
    session.flush()
    return correction


def corrections(session: Session, organisation_id: int,
                report_ids: Sequence[int]) -> dict[int, list[tuple[ReportCorrection, User]]]:
    """Each report's corrections with who made them, oldest first."""
    query = (select(ReportCorrection, User).join(User, User.id == ReportCorrection.corrected_by)
             .where(ReportCorrection.organisation_id == organisation_id, ReportCorrection.report_id.in_(report_ids))
             .order_by(ReportCorrection.id))
    found: dict[int, list[tuple[ReportCorrection, User]]] = {}
    for correction, user in session.execute(query):
        found.setdefault(correction.report_id, []).append((correction, user))
    return found


# -- the board --------------------------------------------------------------------------------


@dataclass
class Entry:
    """A unit's line on a plan's board."""

    unit: UnitRecord
    report: ReturnedReport | None
    """Its current report, the one counted."""
    pending: ReturnedReport | None
    """A later one waiting for the office to confirm that it replaces the current one."""
    form: Form | None
    """The current report as counted: the figures corrected by hand instead of those read, their
    problems solved."""
    problems: list[Problem]
    """Every problem the reader found, solved or not (the board shows them beside their cells)."""
    corrections: dict[str, list[tuple[ReportCorrection, User]]]
    """By indicator, oldest first: the last one is counted."""
    late: bool
    """Received after the plan's deadline."""

    @property
    def status(self) -> str:
        """``missing``, ``problems`` (something left for a person to look at) or ``received``."""
        return "missing" if self.form is None else "problems" if self.form.problems else "received"


@dataclass
class Board:
    collection: Collection
    entries: list[Entry]


def board(session: Session, record: PlanRecord, timezone: dt.tzinfo) -> Board:
    """The plan's board: every unit of its organisation with its current report as counted (and one
    waiting to replace it), and the collection the committee's documents are written from; lateness
    is judged by the day in ``timezone``."""
    plan, units = record.plan, all_units(session, record.organisation_id)
    standing = _on_board(session, record.organisation_id, record.id)
    current = {report.unit_id: report for report in reversed(standing[ReturnedReport.CURRENT])}
    pending = {report.unit_id: report for report in reversed(standing[ReturnedReport.PENDING])}
    corrected = corrections(session, record.organisation_id, [report.id for report in current.values()])
    names = [indicator.name for indicator in plan.report.indicators]
    entries = []
    for unit in units:
        report = current.get(unit.id)
        found = report.found if report is not None else None
        by_indicator: dict[str, list[tuple[ReportCorrection, User]]] = {}
        for correction, user in corrected.get(report.id, []) if report is not None else []:
            by_indicator.setdefault(correction.indicator, []).append((correction, user))
        problems = [Problem(problem["indicator"], Message.from_data(problem["data"]))
                    for problem in found["problems"]] if found else []
        form = _counted(report, unit, names, found, problems, by_indicator) if found else None
        late = bool(report and plan.report.deadline and _day(report.uploaded_at, timezone) > plan.report.deadline)
        entries.append(Entry(unit, report, pending.get(unit.id), form, problems, by_indicator, late))
    collection = Collection(plan, [unit.unit for unit in units],
                            {entry.unit.code: entry.form for entry in entries if entry.form}, [])
    return Board(collection, entries)


def _counted(report: ReturnedReport, unit: UnitRecord, names: list[str], found: dict, problems: list[Problem],
             corrected: dict[str, list[tuple[ReportCorrection, User]]]) -> Form:
    values = {name: found["values"].get(name) for name in names}
    values |= {name: corrected[name][-1][0].value for name in names if name in corrected}
    return Form(report.file_name, unit.unit, values, found["cells"], found["remarks"],
                [problem for problem in problems if problem.indicator not in corrected],
                [Note(**note) for note in found["notes"]], found["narrative"])


def _day(moment: dt.datetime, timezone: dt.tzinfo) -> dt.date:
    """The day a time stored in UTC falls on in ``timezone``."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(timezone).date()
