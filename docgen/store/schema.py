"""The tables. Change them only together with a new migration in ``migrations/versions``."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from docgen.model import Organisation, Plan, Unit


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


def organisation_column() -> Mapped[int]:
    """The organisation a record belongs to: every query of the web app is scoped by it."""
    return mapped_column(ForeignKey("organisations.id"), index=True)


class OrganisationRecord(Base):
    """A committee using the app: its profile (what its documents say about it), as JSON. Its plans,
    units, generations, users and log are its own; no other organisation's user sees them."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    @property
    def organisation(self) -> Organisation:
        return Organisation.model_validate_json(self.profile)

    @organisation.setter
    def organisation(self, organisation: Organisation) -> None:
        self.profile = organisation.model_dump_json()


class PlanRecord(Base):
    """A committee's plan: the whole validated plan as JSON, plus what lists show and sort by."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    number: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, onupdate=now, index=True)

    @property
    def plan(self) -> Plan:
        return Plan.model_validate_json(self.data)

    @plan.setter
    def plan(self, plan: Plan) -> None:
        self.data = plan.model_dump_json()
        self.number, self.date, self.summary = plan.number, plan.date, plan.summary


class UnitRecord(Base):
    """A grassroots unit, one column per field of :class:`~docgen.model.Unit`."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("organisation_id", "code", name="uq_units_organisation_id_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    symbol: Mapped[str] = mapped_column(String(32), default="")
    secretary: Mapped[str] = mapped_column(Text, default="")
    deputy: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(Text, default="")
    noun: Mapped[str] = mapped_column(Text, default="")
    chi_uy: Mapped[bool | None] = mapped_column(Boolean)
    unions: Mapped[list[str]] = mapped_column(JSON, default=list)

    FIELDS = tuple(Unit.model_fields)

    @property
    def unit(self) -> Unit:
        return Unit.model_validate({field: getattr(self, field) for field in self.FIELDS})

    @unit.setter
    def unit(self, unit: Unit) -> None:
        for field, value in unit.model_dump(mode="json").items():  # the đoàn thể as a JSON list
            setattr(self, field, value)


class Generation(Base):
    """One batch of documents asked for in the web app, and the ZIP it made."""

    __tablename__ = "generations"

    QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    plan_summary: Mapped[str] = mapped_column(Text, default="")
    kinds: Mapped[str] = mapped_column(String(200))
    unit_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    template_versions: Mapped[str] = mapped_column(Text, default="")
    """The office's template version each kind was made from, as JSON (kind → version; 0: docgen's own)."""
    snapshot: Mapped[str] = mapped_column(Text, default="")
    """What the batch was made from, as JSON: the plan, the units and the numbers it issued, so that it
    can be explained and made again."""

    @property
    def kind_list(self) -> list[str]:
        return self.kinds.split(",") if self.kinds else []

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED, self.CANCELLED)

    @property
    def percent(self) -> int:
        return 100 if self.status == self.DONE else (100 * self.done // self.total if self.total else 0)


class User(Base):
    """Someone who signs in: the committee's administrator (``quan-tri``), its office (``van-phong``), or
    one unit (``don-vi``, bound to its unit). Never deleted, only deactivated, so the log keeps naming
    them. It answers what Flask-Login asks of a user (the web app's; the store imports no Flask)."""

    __tablename__ = "users"

    ADMIN, OFFICE, UNIT = "quan-tri", "van-phong", "don-vi"
    ROLES = (ADMIN, OFFICE, UNIT)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    password_hash: Mapped[str] = mapped_column(Text)
    session_token: Mapped[str] = mapped_column(String(64))
    """Part of the id a signed-in session holds: changed with the password, it signs every session out."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        """A unit's account whose unit was deleted can do nothing: it is as good as inactive."""
        return self.active and (self.role != self.UNIT or self.unit_id is not None)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"


class AuditEntry(Base):
    """Who did what and when. Entries are only ever added: no code deletes or changes one, and what
    they name (a plan, a unit) may be deleted without touching them."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    """None: the command line (``docgen user``)."""
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class ReturnedReport(Base):
    """A report form a unit uploaded, with what the report reader made of it and the office's decision.
    The plan's summary and the unit's code and name are copied, so that the record still says whose
    it is when the plan or the unit is deleted."""

    __tablename__ = "returned_reports"

    SUBMITTED, ACCEPTED, RETURNED = "submitted", "accepted", "returned"
    # Where it stands on the office's board of the plan: the unit's report there (one at most), a
    # later one waiting for the office to confirm that it replaces it, one it replaced, one set aside.
    CURRENT, PENDING, REPLACED, DISCARDED = "current", "pending", "replaced", "discarded"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    plan_summary: Mapped[str] = mapped_column(Text)
    unit_code: Mapped[str] = mapped_column(String(64))
    unit_name: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    reading: Mapped[str] = mapped_column(Text, default="")
    """What the report reader found, as JSON (:func:`docgen.store.returns.reading`)."""
    status: Mapped[str] = mapped_column(String(16), default=SUBMITTED)
    note: Mapped[str] = mapped_column(Text, default="")
    """The office's word to the unit, when it returns the report."""
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    standing: Mapped[str] = mapped_column(String(16), default=CURRENT)

    @property
    def found(self) -> dict | None:
        """What the reader found (values, cells, remarks, problems, notes, narrative), or None: not read."""
        return json.loads(self.reading) if self.reading else None


class ReportCorrection(Base):
    """A figure of a returned report corrected by hand in the office: kept, never changed, so that who
    set which figure when stays on record; the latest of an indicator is the one counted."""

    __tablename__ = "report_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    report_id: Mapped[int] = mapped_column(ForeignKey("returned_reports.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(Text)
    value: Mapped[int | None] = mapped_column(Integer)
    """None: the figure is left out (not reported)."""
    corrected_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    corrected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class WordingTables(Base):
    """An organisation's own wording tables (:mod:`docgen.wording`), as the office wrote them: how its
    units are described (``sectors.yaml``) and how the committee's words become theirs (``phrases.yaml``).
    None stored: docgen's own tables."""

    __tablename__ = "wording_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    sectors: Mapped[str] = mapped_column(Text)
    phrases: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class UnitText(Base):
    """A unit plan's body as the office edited it for one plan and one unit, with the derived text it
    started from (so the review can say when the plan, the unit or the tables have changed since)."""

    __tablename__ = "unit_texts"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", name="uq_unit_texts_plan_id_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    derived: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class GenerationText(Base):
    """An edited text a generation used, as it was then: the batch keeps what it was made from."""

    __tablename__ = "generation_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation_id: Mapped[int] = mapped_column(ForeignKey("generations.id", ondelete="CASCADE"), index=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class Term(Base):
    """A committee's term (nhiệm kỳ), or one of its congresses (đại hội): the span in which the
    outgoing register numbers documents from 01, each type apart in a term, all types together in a
    congress (format-36-hd.md §4.2). Set by the administrator; an open term has no end yet."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    name: Mapped[str] = mapped_column(String(100))
    congress: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class RegisterEntry(Base):
    """One line of the outgoing register (sổ đăng ký văn bản đi): a number issued, reserved or cancelled.
    A number is taken once in its series and never again, so a cancelled one stays, marked."""

    __tablename__ = "register_entries"
    __table_args__ = (UniqueConstraint("organisation_id", "term_id", "series", "number",
                                       name="uq_register_entries_number"),)

    ISSUED, RESERVED, CANCELLED = "issued", "reserved", "cancelled"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"), index=True)
    series: Mapped[str] = mapped_column(String(16))
    """The type abbreviation numbered apart (KH), or ``*`` for a congress's one series."""
    number: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str] = mapped_column(String(8))
    issuer: Mapped[str] = mapped_column(String(32))
    """The issuing body's abbreviation after the slash: ĐUK, or ĐH for a congress."""
    status: Mapped[str] = mapped_column(String(16), default=ISSUED)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    """Nơi nhận, one a line."""
    signer: Mapped[str] = mapped_column(Text, default="")
    keeper: Mapped[str] = mapped_column(Text, default="")
    """Who keeps the filed copy (đơn vị, người nhận bản lưu)."""
    copies: Mapped[int | None] = mapped_column(Integer)
    joint_with: Mapped[str] = mapped_column(Text, default="")
    """The other bodies of a joint document this body leads (its series is continued)."""
    note: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The document issued, when it is not in a generation's ZIP (``generation_id``, ``file_name``)."""
    generation_id: Mapped[int | None] = mapped_column(ForeignKey("generations.id", ondelete="SET NULL"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class TemplateVersion(Base):
    """A template an office uploaded for one kind, validated before it was kept. Versions are never
    deleted: a batch names the versions it was made from."""

    __tablename__ = "template_versions"
    __table_args__ = (UniqueConstraint("organisation_id", "kind", "version", name="uq_template_versions_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = organisation_column()
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class LiveTemplate(Base):
    """The version of a kind an organisation's documents are made from; none: docgen's own template."""

    __tablename__ = "live_templates"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("template_versions.id"))
