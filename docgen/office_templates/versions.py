"""An organisation's template versions in the database: added once they validate, one live per kind
(none: docgen's own, version 0), any earlier one made live again, none ever deleted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.atomic import atomic_output
from docgen.engine import template_path
from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.kinds import get_kind
from docgen.office_templates.validate import Validation, validate
from docgen.store.schema import LiveTemplate, TemplateVersion
from docgen.vn.text import collapse_spaces, normalize

OWN = 0
"""The version number of docgen's own template of a kind."""
MAX_NOTE = 500


def versions(session: Session, organisation_id: int, kind: str) -> list[TemplateVersion]:
    """A kind's versions, the latest first."""
    query = select(TemplateVersion).where(TemplateVersion.organisation_id == organisation_id,
                                          TemplateVersion.kind == kind)
    return list(session.scalars(query.order_by(TemplateVersion.version.desc())))


def get(session: Session, organisation_id: int, kind: str, version: int) -> TemplateVersion | None:
    return session.scalars(select(TemplateVersion).where(
        TemplateVersion.organisation_id == organisation_id, TemplateVersion.kind == kind,
        TemplateVersion.version == version)).first()


def live(session: Session, organisation_id: int) -> dict[str, TemplateVersion]:
    """The version each kind is made from, for the kinds not made from docgen's own."""
    query = (select(LiveTemplate.kind, TemplateVersion)
             .join(TemplateVersion, LiveTemplate.version_id == TemplateVersion.id)
             .where(LiveTemplate.organisation_id == organisation_id))
    return {kind: record for kind, record in session.execute(query)}


def live_numbers(session: Session, organisation_id: int, kinds: Iterable[str]) -> dict[str, int]:
    """The version number each of ``kinds`` is made from (:data:`OWN` for docgen's own): what a batch records."""
    chosen = live(session, organisation_id)
    return {kind: chosen[kind].version if kind in chosen else OWN for kind in kinds}


def add(session: Session, organisation_id: int, kind: str, file_name: str, data: bytes, user_id: int | None = None,
        note: str = "") -> tuple[TemplateVersion | None, Validation]:
    """A new version of ``kind``'s template, kept when it validates (not yet live: :func:`use`); with
    what validating it found, and its preview."""
    get_kind(kind)
    note = collapse_spaces(normalize(note[:MAX_NOTE * 4]))
    if len(note) > MAX_NOTE:
        raise BadInput(N_("ghi chú: dài tối đa %(max)s ký tự"), max=MAX_NOTE)
    validation = validate(kind, data)
    if not validation.ok:
        return None, validation
    number = 1 + (session.scalar(select(func.max(TemplateVersion.version)).where(
        TemplateVersion.organisation_id == organisation_id, TemplateVersion.kind == kind)) or 0)
    record = TemplateVersion(organisation_id=organisation_id, kind=kind, version=number,
                             file_name=collapse_spaces(normalize(file_name))[:200] or f"{kind}.docx", data=data,
                             digest=hashlib.sha256(data).hexdigest(), note=note, uploaded_by=user_id)
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        raise BadInput(N_("có người vừa thêm phiên bản %(version)s của mẫu này cùng lúc: hãy tải lên lại"),
                       version=number) from None
    return record, validation


def use(session: Session, organisation_id: int, kind: str, version: int) -> None:
    """Make ``version`` of ``kind`` the one documents are made from (:data:`OWN`: docgen's own)."""
    get_kind(kind)
    current = session.get(LiveTemplate, (organisation_id, kind))
    if version == OWN:
        if current is not None:
            session.delete(current)
        return
    record = get(session, organisation_id, kind, version)
    if record is None:
        raise BadInput(N_("mẫu “%(kind)s” không có phiên bản %(version)s"), kind=kind, version=version)
    if current is None:
        session.add(LiveTemplate(organisation_id=organisation_id, kind=kind, version_id=record.id))
    else:
        current.version_id = record.id


def template_data(session: Session, organisation_id: int, kind: str, version: int | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of a version of ``kind``'s template: the live one when ``version`` is None,
    docgen's own for :data:`OWN`."""
    if version is None:
        record = live(session, organisation_id).get(kind)
    elif version == OWN:
        record = None
    else:
        record = get(session, organisation_id, kind, version) or _missing(kind, version)
    if record is None:
        path = template_path(kind)
        return path.name, path.read_bytes()
    return record.file_name, record.data


def _missing(kind: str, version: int):
    raise BadInput(N_("mẫu “%(kind)s” không có phiên bản %(version)s"), kind=kind, version=version)


def template_files(session: Session, organisation_id: int, numbers: dict[str, int], folder: Path) -> dict[str, Path]:
    """The office's templates among ``numbers`` (kind → version, as :func:`live_numbers` gives) as files
    under ``folder`` for the engine, each written once under its digest; docgen's own are left out."""
    files = {}
    for kind, number in numbers.items():
        if number == OWN:
            continue
        record = get(session, organisation_id, kind, number) or _missing(kind, number)
        path = folder / str(organisation_id) / f"{kind}-{record.version}-{record.digest[:16]}.docx"
        if not path.exists():
            with atomic_output(path) as out:
                out.write(record.data)
        files[kind] = path
    return files
