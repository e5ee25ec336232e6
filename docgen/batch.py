"""All units × chosen kinds → one ZIP: a folder per unit, a manifest, nothing half-written.

Documents are rendered in worker processes and written into the archive in a stable order
(units as listed, kinds as asked) as they arrive.  The archive is built in a temporary file
beside the target and renamed into place only when complete, so a failed batch leaves nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from docgen.derive import document_context
from docgen.engine import render_reference, template_path
from docgen.model import Plan, Unit
from docgen.vn.text import normalize

BATCH_KINDS = ("unit-plan", "letter", "guidance", "report")
DEFAULT_KINDS = ("unit-plan", "letter", "report")
FILE_TITLES = {
    "unit-plan": "Kế hoạch thực hiện",
    "letter": "Công văn",
    "guidance": "Hướng dẫn",
    "report": "Báo cáo (mẫu)",
}
MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """A file or folder name that is readable Vietnamese and safe on Windows, macOS and Linux."""
    name = " ".join(_UNSAFE.sub(" - ", normalize(text)).split()).replace("..", "…")
    name = re.sub(r"(\s*-\s*){2,}", " - ", name)
    if len(name) > limit:
        name = name[:limit].rsplit(" ", 1)[0]
    return name.strip(" .-") or "_"


@dataclass(frozen=True)
class Entry:
    """One document of the batch: where it goes in the archive."""

    unit: Unit
    kind: str

    @property
    def folder(self) -> str:
        return safe_name(f"{self.unit.code} - {self.unit.committee}")

    @property
    def path(self) -> str:
        return f"{self.folder}/{safe_name(f'{self.unit.code} - {FILE_TITLES[self.kind]}')}.docx"


Renderer = Callable[[Plan, Unit, str], bytes]


def render_one(plan: Plan, unit: Unit, kind: str) -> bytes:
    """One document with the reference engine."""
    return render_reference(template_path(kind), document_context(kind, plan, unit))


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    unknown = [kind for kind in kinds if kind not in BATCH_KINDS]
    if unknown or not kinds:
        raise ValueError(f"unknown kind(s) {', '.join(unknown) or '(none)'}; expected some of: "
                         f"{', '.join(BATCH_KINDS)}")
    return tuple(dict.fromkeys(kinds))


# Worker processes get the plan once, then only (unit, kind) pairs.
_worker_plan: Plan | None = None
_worker_render: Renderer | None = None


def _init_worker(plan: Plan, render: Renderer) -> None:
    global _worker_plan, _worker_render
    _worker_plan, _worker_render = plan, render


def _render_in_worker(entry: Entry) -> bytes:
    return _worker_render(_worker_plan, entry.unit, entry.kind)


def _rendered(plan: Plan, entries: list[Entry], jobs: int, render: Renderer) -> Iterator[bytes]:
    if jobs <= 1 or len(entries) < 2:
        for entry in entries:
            yield render(plan, entry.unit, entry.kind)
        return
    chunk = max(1, min(64, len(entries) // (jobs * 4)))
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(plan, render)) as pool:
        yield from pool.map(_render_in_worker, entries, chunksize=chunk)


def manifest(entries: list[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "name", "unit_kind", "kind", "path"])
    for entry in entries:
        writer.writerow([entry.unit.code, entry.unit.name, entry.unit.kind, entry.kind, entry.path])
    return out.getvalue().encode("utf-8-sig")


def write_batch(plan: Plan, units: Sequence[Unit], kinds: Sequence[str], target: Path, *,
                jobs: int | None = None, render: Renderer = render_one,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write the ZIP for every unit × kind to ``target``; returns the number of documents."""
    kinds = check_kinds(kinds)
    entries = [Entry(unit, kind) for unit in units for kind in kinds]
    jobs = jobs or os.cpu_count() or 1
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, (entry, data) in enumerate(zip(entries, _rendered(plan, entries, jobs, render)), start=1):
                # A .docx is already compressed: store it as it is.
                archive.writestr(entry.path, data, compress_type=zipfile.ZIP_STORED)
                if progress:
                    progress(done, len(entries))
            archive.writestr("manifest.csv", manifest(entries))
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    return len(entries)
