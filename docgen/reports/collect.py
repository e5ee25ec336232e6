"""Many returned forms + the plan + the units → the collection: who reported what, and the totals.

A file that cannot be taken (not a .docx, cut short, a form of another plan, a second form for a
unit already read) is listed with its reason and does not stop the others.  The collection keeps
everything a committee's summary report is written from: each unit's figures and narrative, the
totals for all units, for each kind of unit (đảng bộ cơ sở, chi bộ cơ sở) and by the plan's groups
of indicators, and the units that have not reported.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docgen.check.package import UnreadableDocument, read_source
from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.model import Indicator, Plan, Unit
from docgen.reports.document import FormError
from docgen.reports.read import Form, FormReader
from docgen.uploads import open_zip, size_text
from docgen.vn.numbers import format_number

MAX_FILES = 5_000
MAX_ZIP_UNPACKED = 200 * 1024 * 1024  # a ZIP of returned forms, all its files inflated
# Files a folder of returned forms holds besides them: Word's lock files, system files.
_NOT_FORMS = ("~$", ".")
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class FileError:
    """A file that was not taken, and why; ``unit`` when it is known whose it is."""

    file: str
    unit: str | None
    error: Message


@dataclass
class Collection:
    plan: Plan
    units: list[Unit]
    forms: dict[str, Form]
    """The forms taken, by unit code."""
    files: list[FileError]

    @property
    def indicators(self) -> list[Indicator]:
        return self.plan.report.indicators

    @property
    def received(self) -> list[Form]:
        """The forms taken, in the order of the units list."""
        return [self.forms[unit.code] for unit in self.units if unit.code in self.forms]

    @property
    def missing(self) -> list[Unit]:
        """The units that have not reported, in the order of the units list."""
        return [unit for unit in self.units if unit.code not in self.forms]

    @property
    def needs_review(self) -> bool:
        """Something a person must look at: a file not taken, or a problem in a form."""
        return bool(self.files) or any(form.problems for form in self.forms.values())

    def totals(self, units: Iterable[Unit] | None = None) -> dict[str, int]:
        """Each indicator's sum over the forms of ``units`` (all units by default); figures that were
        not reported or could not be read count for nothing, rows the units added are never counted."""
        codes = {unit.code for unit in (self.units if units is None else units)}
        totals = dict.fromkeys((indicator.name for indicator in self.indicators), 0)
        for code, form in self.forms.items():
            if code in codes:
                for name, value in form.values.items():
                    totals[name] += value or 0
        return totals

    def totals_by_kind(self) -> dict[str, dict[str, int]]:
        """The totals of the đảng bộ cơ sở (``dang-bo``) and of the chi bộ cơ sở (``chi-bo``) apart."""
        return {kind: self.totals(unit for unit in self.units if unit.kind == kind) for kind in ("dang-bo", "chi-bo")}

    def groups(self) -> list[tuple[str, list[Indicator]]]:
        """The plan's indicators by their group (its form of work), groups in the order they first appear."""
        grouped: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            grouped.setdefault(indicator.group, []).append(indicator)
        return list(grouped.items())

    def narrative(self, section: str) -> list[tuple[Unit, list[str]]]:
        """What each unit wrote under a section (:data:`docgen.reports.read.SECTIONS`), in the units' order."""
        return [(form.unit, form.narrative[section]) for form in self.received if form.narrative.get(section)]

    def to_json(self, language: str = "vi") -> dict:
        """The collection as ``docgen collect --json`` prints it, its messages in ``language``."""
        names = [indicator.name for indicator in self.indicators]
        units = []
        for unit in self.units:
            form = self.forms.get(unit.code)
            units.append({
                "code": unit.code,
                "name": unit.name,
                "status": "received" if form else "missing",
                "file": form.file if form else None,
                "values": form.values if form else dict.fromkeys(names),
                "problems": [{"indicator": p.indicator, "message": p.message.translate(language)}
                             for p in form.problems] if form else [],
            })
        return {
            "indicators": names,
            "units": units,
            "files": [{"file": f.file, "unit": f.unit, "error": f.error.translate(language)} for f in self.files],
            "totals": self.totals(),
        }


def collect(plan: Plan, units: Sequence[Unit], sources: Sequence[Path]) -> Collection:
    """Read every returned form in ``sources`` (files, or folders searched for them)."""
    reader = FormReader(plan, units)
    forms: dict[str, Form] = {}
    errors: list[FileError] = []
    for path in returned_files(sources):
        name = str(path)
        try:
            form = reader.read(read_source(path), name)
        except (FormError, UnreadableDocument) as error:
            errors.append(FileError(name, getattr(error, "unit", None), error.message))
            continue
        if form.unit.code in forms:
            first = forms[form.unit.code].file
            errors.append(FileError(name, form.unit.code, Message(
                N_("đã có báo cáo của %(unit)s (%(code)s) trong tệp %(first)s; tệp này không được tính"),
                unit=form.unit.committee, code=form.unit.code, first=first)))
            continue
        forms[form.unit.code] = form
    return Collection(plan, list(units), forms, errors)


def returned_files(sources: Sequence[Path]) -> list[Path]:
    """The files to read: each file named, and every file in each folder named (its sub-folders too,
    in name order), leaving out Word's lock files (``~$…``), hidden and system files; each file once."""
    found: dict[Path, Path] = {}
    for source in sources:
        if not source.exists():
            raise BadInput(N_("%(path)s: không có tệp hoặc thư mục này"), path=source)
        for path in _files_in(source) if source.is_dir() else [source]:
            found.setdefault(path.resolve(), path)
            if len(found) > MAX_FILES:
                raise BadInput(N_("quá nhiều tệp (hơn %(max)s); tổng hợp từng đợt"), max=format_number(MAX_FILES))
    return list(found.values())


def _files_in(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and _may_be_form(path.relative_to(folder).parts):
            yield path


def _may_be_form(parts: Sequence[str]) -> bool:
    """Whether a file (by the parts of its path in a folder or a ZIP) may be a returned form: not
    Word's lock file, not hidden, not a system file."""
    return not any(part.startswith(_NOT_FORMS) for part in parts) and parts[-1].lower() not in _SYSTEM_FILES


def uploaded_files(name: str, data: bytes, max_file: int) -> tuple[list[tuple[str, bytes]], list[FileError]]:
    """The files an upload holds: itself, or when it is a ZIP the files in it (its folders too) that
    may be forms, each named after the ZIP, and those refused (larger than ``max_file``). A ZIP is
    measured by what its members really inflate to before any is read (:func:`docgen.uploads.open_zip`)."""
    if not name.lower().endswith(".zip"):
        return [(name, data)], []
    files, refused = [], []
    archive = open_zip(data, MAX_ZIP_UNPACKED)
    members = [member for member in archive.infolist() if not member.is_dir()]
    if len(members) > MAX_FILES:
        raise BadInput(N_("quá nhiều tệp (hơn %(max)s); tổng hợp từng đợt"), max=format_number(MAX_FILES))
    for member in members:
        inner = _member_name(member)
        if not _may_be_form(PurePosixPath(inner).parts):
            continue
        shown = f"{name}/{inner}"
        if member.file_size > max_file:
            refused.append(FileError(shown, None, Message(N_("tệp quá lớn (tối đa %(max)s)"), max=size_text(max_file))))
        else:
            files.append((shown, archive.read(member)))
    return files, refused


def _member_name(member: zipfile.ZipInfo) -> str:
    """A ZIP member's name as written: one made without the UTF-8 mark (Windows' own ZIP folders) is
    read as UTF-8 when it is, else as zipfile read it."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename
