"""Terms (nhiệm kỳ) and congresses (đại hội), set by the administrator: each is a span of days whose
documents the register numbers from 01. Terms do not overlap one another, nor congresses one another;
a congress falls at the end of one term, so it may overlap a term."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen import settings
from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.store.schema import RegisterEntry, Term
from docgen.vn.dates import short_date
from docgen.vn.text import collapse_spaces, normalize

MAX_NAME = 100


def today() -> dt.date:
    """The office's date (``DOCGEN_TIMEZONE``), whatever the server's clock zone."""
    zone = settings.current().timezone
    try:
        return dt.datetime.now(ZoneInfo(zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(N_("DOCGEN_TIMEZONE: không có múi giờ “%(zone)s”; cần tên như Asia/Ho_Chi_Minh"),
                       zone=zone[:60]) from None


def span(term: Term) -> str:
    """``01/7/2025 – nay`` (an open term), as lists and messages show it."""
    end = short_date(term.ends_on) if term.ends_on else "nay"
    return f"{short_date(term.starts_on)} – {end}"


def all_terms(session: Session, organisation_id: int) -> list[Term]:
    """The organisation's terms and congresses, the latest first."""
    query = select(Term).where(Term.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(Term.starts_on.desc(), Term.id.desc())))


def get(session: Session, organisation_id: int, term_id: int) -> Term | None:
    """The term, when it is the organisation's."""
    return session.scalars(select(Term).where(Term.id == term_id, Term.organisation_id == organisation_id)).first()


def term_on(session: Session, organisation_id: int, day: dt.date, congress: bool = False) -> Term:
    """The term (or congress) ``day`` falls in; none is refused with what to do."""
    query = select(Term).where(Term.organisation_id == organisation_id, Term.congress == congress,
                               Term.starts_on <= day, (Term.ends_on.is_(None)) | (Term.ends_on >= day))
    found = session.scalars(query).first()
    if found is None:
        message = (N_("chưa có đại hội nào diễn ra ngày %(date)s: người quản trị khai báo đại hội (docgen term add "
                      "--congress) trước khi lấy số văn bản đại hội") if congress else
                   N_("chưa có nhiệm kỳ nào chứa ngày %(date)s: người quản trị khai báo nhiệm kỳ (trang Nhiệm kỳ, "
                      "hoặc docgen term add) trước khi lấy số"))
        raise BadInput(message, date=short_date(day))
    return found


def add(session: Session, organisation_id: int, name: str, starts_on: dt.date, ends_on: dt.date | None = None,
        congress: bool = False) -> Term:
    term = Term(organisation_id=organisation_id, congress=congress)
    _set(session, term, name, starts_on, ends_on)
    session.add(term)
    session.flush()
    return term


def update(session: Session, term: Term, name: str, starts_on: dt.date, ends_on: dt.date | None) -> None:
    """A term's name or span changed (its end set, above all); its numbered documents must stay inside."""
    _set(session, term, name, starts_on, ends_on)
    outside = session.scalar(select(func.count(RegisterEntry.id)).where(
        RegisterEntry.term_id == term.id,
        (RegisterEntry.issued_on < starts_on) | (RegisterEntry.issued_on > (ends_on or dt.date.max))))
    if outside:
        raise BadInput(N_("nhiệm kỳ “%(name)s”: %(count)s văn bản đã lấy số nằm ngoài khoảng %(span)s"),
                       name=term.name, count=outside, span=span(term))


def _set(session: Session, term: Term, name: str, starts_on: dt.date, ends_on: dt.date | None) -> None:
    name = collapse_spaces(normalize(name[:MAX_NAME + 1]))
    if not name or len(name) > MAX_NAME:
        raise BadInput(N_("tên nhiệm kỳ: cần từ 1 đến %(max)s ký tự, ví dụ “2025 - 2030”"), max=MAX_NAME)
    if ends_on is not None and ends_on < starts_on:
        raise BadInput(N_("nhiệm kỳ “%(name)s”: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s"), name=name,
                       end=short_date(ends_on), start=short_date(starts_on))
    term.name, term.starts_on, term.ends_on = name, starts_on, ends_on
    for other in all_terms(session, term.organisation_id):
        if other is not term and other.congress == term.congress and _overlap(other, term):
            raise BadInput(N_("nhiệm kỳ “%(name)s” (%(span)s) trùng thời gian với “%(other)s” (%(other_span)s)"),
                           name=name, span=span(term), other=other.name, other_span=span(other))


def _overlap(one: Term, other: Term) -> bool:
    return one.starts_on <= (other.ends_on or dt.date.max) and other.starts_on <= (one.ends_on or dt.date.max)
