"""The tables. Change them only together with a new migration in ``migrations/versions``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from docgen.model import Plan, Unit


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class PlanRecord(Base):
    """A committee's plan: the whole validated plan as JSON, plus what lists show and sort by."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
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

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    symbol: Mapped[str] = mapped_column(String(32), default="")
    secretary: Mapped[str] = mapped_column(Text, default="")
    deputy: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")

    FIELDS = tuple(Unit.model_fields)

    @property
    def unit(self) -> Unit:
        return Unit.model_validate({field: getattr(self, field) for field in self.FIELDS})

    @unit.setter
    def unit(self, unit: Unit) -> None:
        for field in self.FIELDS:
            setattr(self, field, getattr(unit, field))


class Generation(Base):
    """One batch of documents asked for in the web app, and the ZIP it made."""

    __tablename__ = "generations"

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    id: Mapped[int] = mapped_column(primary_key=True)
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

    @property
    def kind_list(self) -> list[str]:
        return self.kinds.split(",") if self.kinds else []

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.status == self.DONE else (100 * self.done // self.total if self.total else 0)
