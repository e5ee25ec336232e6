"""The outgoing register: taking numbers, filling in a reserved one, cancelling, reading the book.

A number is the next of its series — the document type within the term its date falls in, or the one
series of a congress — taken in a transaction that writes the line, with a unique constraint on
(organisation, term, series, number). Two clerks taking numbers at once therefore never get the same
one: on SQLite the transaction takes the write lock first (``BEGIN IMMEDIATE``), so they queue; on a
server database the second insert of a number fails on the constraint and is tried again with the
next. Numbers are never given back: a cancelled one stays in the book, marked, and the next number
is counted past it.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.context import number_line
from docgen.errors import BadInput
from docgen.format import load_profile
from docgen.i18n import N_
from docgen.register.terms import term_on
from docgen.register.types import CONGRESS_ISSUER, CONGRESS_SERIES, DOC_TYPES, doc_type
from docgen.store import Database, audit, organisations
from docgen.store.schema import RegisterEntry, Term, now
from docgen.vn.text import collapse_spaces, normalize

MAX_TEXT = 1000  # a summary, a note
MAX_LINE = 300  # a recipient, the signer, the keeper, joint bodies
MAX_RECIPIENTS = 200
MAX_COPIES = 100_000
MAX_TAKEN = 5_000  # numbers taken at once (a batch's letters)
ATTEMPTS = 200  # a server database's clerks all taking at once: each round, one of them wins

STATUS_NAMES = {RegisterEntry.ISSUED: N_("Đã cấp số"), RegisterEntry.RESERVED: N_("Giữ số"),
                RegisterEntry.CANCELLED: N_("Đã hủy")}


@dataclass(frozen=True)
class Issue:
    """What the book says of one document: its type and date decide its series and term."""

    doc_type: str
    issued_on: dt.date
    summary: str = ""
    recipients: tuple[str, ...] = ()
    signer: str = ""
    keeper: str = ""
    copies: int | None = None
    joint_with: str = ""
    congress: bool = False
    note: str = ""
    file_name: str = ""
    file_data: bytes | None = None
    generation_id: int | None = None

    def checked(self) -> Issue:
        """The issue with its type known and its text as people typed it (NFC, spaces collapsed),
        each text within its limit; else the field and its limit are named."""
        if self.copies is not None and not 1 <= self.copies <= MAX_COPIES:
            raise BadInput(N_("số lượng bản: cần từ 1 đến %(max)s"), max=MAX_COPIES)
        if len(self.recipients) > MAX_RECIPIENTS:
            raise BadInput(N_("nơi nhận: nhiều nhất %(max)s dòng"), max=MAX_RECIPIENTS)
        recipients = tuple(filter(None, (_text(line, N_("nơi nhận"), MAX_LINE) for line in self.recipients)))
        return replace(self, doc_type=doc_type(self.doc_type), summary=_text(self.summary, N_("trích yếu"), MAX_TEXT),
                       recipients=recipients, signer=_text(self.signer, N_("người ký"), MAX_LINE),
                       keeper=_text(self.keeper, N_("nơi lưu"), MAX_LINE),
                       joint_with=_text(self.joint_with, N_("liên tịch với"), MAX_LINE),
                       note=_text(self.note, N_("ghi chú"), MAX_TEXT),
                       file_name=_text(self.file_name, N_("tệp"), MAX_LINE))


def _text(value: str, field: str, limit: int) -> str:
    text = collapse_spaces(normalize(value[:limit * 4]))
    if len(text) > limit:
        raise BadInput(N_("%(field)s: dài tối đa %(max)s ký tự (đang có %(count)s)"), field=field, max=limit,
                       count=len(text))
    return text


def number_text(entry: RegisterEntry) -> str:
    """``16-KH/ĐUK``: the number and symbol as the document prints it after ``Số``."""
    return number_line(entry.number, entry.doc_type, entry.issuer).removeprefix("Số ")


def take(database: Database, organisation_id: int, issues: Sequence[Issue], *, user_id: int | None = None,
         reserve: bool = False, address: str = "") -> list[RegisterEntry]:
    """The next numbers, one for each issue in order (consecutive within a series), written in the book
    as issued, or as reserved for documents to come, and in the audit log as taken by ``user_id`` (None:
    the command line) from ``address``. All or none are taken."""
    if not 1 <= len(issues) <= MAX_TAKEN:
        raise BadInput(N_("lấy từ 1 đến %(max)s số một lần"), max=MAX_TAKEN)
    issues = [issue.checked() for issue in issues]
    for attempt in range(ATTEMPTS):
        try:
            with database.session() as session:
                if database.engine.dialect.name == "sqlite":
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                entries = _write(session, organisation_id, issues, user_id, reserve)
                for entry in entries:
                    audit.record(session, organisation_id, user_id, "reserve" if reserve else "issue", "number",
                                 entry.id, f"{number_text(entry)} {entry.summary}".rstrip(), address)
                return entries
        except IntegrityError:
            time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # let the winner of this round finish
    raise BadInput(N_("không lấy được số sau %(count)s lần thử: có quá nhiều người lấy số cùng lúc; hãy thử lại"),
                   count=ATTEMPTS)


def _write(session: Session, organisation_id: int, issues: list[Issue], user_id: int | None,
           reserve: bool) -> list[RegisterEntry]:
    symbol = organisations.get(session, organisation_id).organisation.symbol
    following: dict[tuple[int, str], int] = {}
    entries = []
    for issue in issues:
        term = term_on(session, organisation_id, issue.issued_on, issue.congress)
        series = CONGRESS_SERIES if issue.congress else issue.doc_type
        key = (term.id, series)
        if key not in following:
            following[key] = 1 + (session.scalar(select(func.max(RegisterEntry.number)).where(
                RegisterEntry.organisation_id == organisation_id, RegisterEntry.term_id == term.id,
                RegisterEntry.series == series)) or 0)
        entry = RegisterEntry(
            organisation_id=organisation_id, term_id=term.id, series=series, number=following[key],
            doc_type=issue.doc_type, issuer=CONGRESS_ISSUER if issue.congress else symbol,
            status=RegisterEntry.RESERVED if reserve else RegisterEntry.ISSUED, created_by=user_id,
            **_details(issue))
        following[key] += 1
        session.add(entry)
        entries.append(entry)
    session.flush()
    return entries


def _details(issue: Issue) -> dict:
    return {"issued_on": issue.issued_on, "summary": issue.summary, "recipients": "\n".join(issue.recipients),
            "signer": issue.signer, "keeper": issue.keeper, "copies": issue.copies, "joint_with": issue.joint_with,
            "note": issue.note, "file_name": issue.file_name, "file_data": issue.file_data,
            "generation_id": issue.generation_id}


def fill(session: Session, entry: RegisterEntry, issue: Issue) -> None:
    """A reserved number given to its document: the details written, the number issued. The date may
    change within the number's term; the type may not."""
    issue = issue.checked()
    if entry.status != RegisterEntry.RESERVED:
        raise BadInput(N_("số %(number)s không phải số đang giữ"), number=number_text(entry))
    if issue.doc_type != entry.doc_type:
        raise BadInput(N_("số %(number)s là số của loại %(type)s"), number=number_text(entry), type=entry.doc_type)
    term = session.get(Term, entry.term_id)
    if term_on(session, entry.organisation_id, issue.issued_on, term.congress).id != term.id:
        raise BadInput(N_("số %(number)s thuộc nhiệm kỳ “%(term)s”: ngày văn bản phải trong nhiệm kỳ đó"),
                       number=number_text(entry), term=term.name)
    for name, value in _details(issue).items():
        setattr(entry, name, value)
    entry.status = RegisterEntry.ISSUED


def cancel(entry: RegisterEntry, reason: str) -> None:
    """The number cancelled (huỷ số): it stays in the book, marked, with the reason, and is not given again."""
    if entry.status == RegisterEntry.CANCELLED:
        raise BadInput(N_("số %(number)s đã hủy rồi"), number=number_text(entry))
    reason = _text(reason, N_("lý do hủy"), MAX_TEXT)
    entry.status, entry.cancelled_at = RegisterEntry.CANCELLED, now()
    entry.note = "; ".join(filter(None, (entry.note, reason)))


def entries(session: Session, organisation_id: int, term_id: int, doc_type: str | None = None) -> list[RegisterEntry]:
    """A term's lines in the order they were written, as in the paper book; of one type when asked."""
    query = select(RegisterEntry).where(RegisterEntry.organisation_id == organisation_id,
                                        RegisterEntry.term_id == term_id)
    if doc_type:
        query = query.where(RegisterEntry.doc_type == doc_type)
    return list(session.scalars(query.order_by(RegisterEntry.id)))


def of_generation(session: Session, organisation_id: int, generation_id: int) -> list[RegisterEntry]:
    """The numbers a generation's documents were given, in the book's order."""
    query = select(RegisterEntry).where(RegisterEntry.organisation_id == organisation_id,
                                        RegisterEntry.generation_id == generation_id)
    return list(session.scalars(query.order_by(RegisterEntry.id)))


def get(session: Session, organisation_id: int, entry_id: int) -> RegisterEntry | None:
    return session.scalars(select(RegisterEntry).where(RegisterEntry.id == entry_id,
                                                       RegisterEntry.organisation_id == organisation_id)).first()


def find(session: Session, organisation_id: int, text: str, term_id: int | None = None) -> RegisterEntry:
    """The line of a number written as the document prints it (``16-KH/ĐUK``, with or without ``Số``), in
    the term given, else in whichever term has it (a number two terms have needs the term)."""
    written = collapse_spaces(normalize(text[:40])).removeprefix("Số ").strip()
    match = re.fullmatch(load_profile().checks.number, f"Số {written}")
    if match is None or match[2] not in DOC_TYPES:
        raise BadInput(N_("“%(text)s” không phải số văn bản dạng 16-KH/ĐUK"), text=written)
    query = select(RegisterEntry).where(
        RegisterEntry.organisation_id == organisation_id, RegisterEntry.number == int(match[1]),
        RegisterEntry.doc_type == match[2], RegisterEntry.issuer == match[3])
    if term_id is not None:
        query = query.where(RegisterEntry.term_id == term_id)
    found = list(session.scalars(query))
    if not found:
        raise BadInput(N_("sổ không có số %(number)s"), number=written)
    if len(found) > 1:
        raise BadInput(N_("số %(number)s có trong %(count)s nhiệm kỳ: hãy chọn nhiệm kỳ"), number=written,
                       count=len(found))
    return found[0]
