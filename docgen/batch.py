"""All units × chosen kinds → one ZIP: a folder per unit, a manifest, nothing half-written.

Documents are rendered in worker processes and written into the archive in a stable order
(units as listed, kinds as asked) as they arrive.  The archive is built in a temporary file
beside the target and renamed into place only when complete, so a failed batch leaves nothing.
"""

from __future__ import annotations

import csv
import gc
import io
import multiprocessing
import multiprocessing.connection
import os
import re
import threading
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from docgen.atomic import atomic_output
from docgen.derive import Issued, document_context, document_warnings
from docgen.engine import Engine
from docgen.errors import BadInput
from docgen.i18n import N_, Message
from docgen.kinds import KINDS, batch_kinds
from docgen.model import Plan, Unit
from docgen.vn.text import collapse_spaces, normalize
from docgen.wording import Table

MAX_NAME_CHARS = 80
CHUNK = 24  # documents a worker renders per task
MAX_JOBS = 4 * (os.cpu_count() or 1)  # worker processes: more only wait for a core, each holding the engine
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """A file or folder name that is readable Vietnamese and safe on Windows, macOS and Linux."""
    name = collapse_spaces(_UNSAFE.sub(" - ", normalize(text))).replace("..", "…")
    name = re.sub(r"(\s*-\s*){2,}", " - ", name)
    if len(name) > limit:
        name = name[:limit].rsplit(" ", 1)[0]
    return name.strip(" .-") or "_"


@dataclass(frozen=True)
class Entry:
    """One document of the batch, in its unit's folder (unique in the batch: :func:`batch_entries`), or
    one for all the units (``unit`` None) at the top of the ZIP."""

    unit: Unit | None
    kind: str
    folder: str

    @cached_property
    def path(self) -> str:
        if self.unit is None:
            return f"{KINDS[self.kind].file_name}.docx"
        return f"{self.folder}/{document_name(self.unit, self.kind)}"


def document_name(unit: Unit, kind: str) -> str:
    """``A01 - Công văn.docx``: the unit's code, cut short if need be, and the kind, never cut."""
    title = KINDS[kind].file_name
    return f"{safe_name(unit.code, MAX_NAME_CHARS - len(title) - 3)} - {title}.docx"


def batch_entries(units: Sequence[Unit], kinds: Sequence[str]) -> list[Entry]:
    """The kinds made once for all units first, then every unit × the other kinds, each unit in a
    folder of its own: where two folders' names would be the same on a disk (codes differing only by
    what a file name cannot hold, K/1 and K:1, or by case, or beyond the length a name is cut to), the
    later gets " (2)", " (3)" …"""
    taken: set[str] = set()
    last: dict[str, int] = {}  # the last number given after each name
    entries = [Entry(None, kind, "") for kind in kinds if KINDS[kind].for_all_units]
    kinds = [kind for kind in kinds if not KINDS[kind].for_all_units]
    for unit in units:
        folder = base = safe_name(f"{unit.code} - {unit.committee}")
        while folder.casefold() in taken:
            last[base.casefold()] = number = last.get(base.casefold(), 1) + 1
            folder = f"{base} ({number})"
        taken.add(folder.casefold())
        entries += [Entry(unit, kind, folder) for kind in kinds]
    return entries


class DocumentRenderer:
    """Everything a worker needs to turn (unit, kind) into a .docx: the plan, an engine, the office's
    wording table (None: docgen's own), the units' texts it edited (by unit code), its own templates
    (by kind, rendered in the sandbox) and the numbers the register gave the documents (by unit code,
    "" for a document for all units, and kind)."""

    def __init__(self, plan: Plan, engine: str = "compiled", wording: Table | None = None,
                 edits: Mapping[str, str] | None = None, templates: Mapping[str, Path] | None = None,
                 issued: Mapping[tuple[str, str], Issued] | None = None):
        self.plan = plan
        self.engine = Engine(engine, templates)
        self.wording = wording
        self.edits = dict(edits or {})
        self.issued = dict(issued or {})

    def prepare(self, kinds: Sequence[str]) -> None:
        """Compile the templates before forking, so the workers inherit them instead of each compiling
        (workers started otherwise compile their own on first use)."""
        if self.engine.name == "compiled":
            for kind in kinds:
                self.engine.prepare(kind)

    def __call__(self, unit: Unit | None, kind: str) -> bytes:
        edited = self.edits.get(unit.code) if unit else None
        context = document_context(kind, self.plan, unit, wording=self.wording, edited=edited,
                                   issued=self.issued.get((unit.code if unit else "", kind)))
        return self.engine.render(kind, context)


Renderer = Callable[[Unit | None, str], bytes]


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds asked for, each once, when all are offered in batches."""
    offered = batch_kinds()
    unknown = [kind for kind in kinds if kind not in offered]
    if unknown or not kinds:
        raise BadInput(N_("không có loại văn bản %(unknown)s; chọn trong: %(offered)s"),
                       unknown=", ".join(unknown) or "–", offered=", ".join(offered))
    return tuple(dict.fromkeys(kinds))


# Each worker process holds the renderer and the batch's entries, set once when the pool starts;
# a task is then only a range of entries.
_worker_render: Renderer | None = None
_worker_entries: list[Entry] = []


def _init_worker(render: Renderer, entries: list[Entry]) -> None:
    global _worker_render, _worker_entries
    _worker_render, _worker_entries = render, entries
    threading.Thread(target=_end_with_parent, name="end-with-parent", daemon=True).start()


def _end_with_parent() -> None:
    """End this worker as soon as the process that started the batch ends, however it ends: a worker
    otherwise waits for its next task forever (it holds the task queue's writing end itself), and a
    fork server with it (its workers hold its lifeline). The parent's sentinel, which every start
    method gives, is ready then."""
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(1)


def _render_range(start: int, stop: int) -> list[bytes]:
    return [_worker_render(entry.unit, entry.kind) for entry in _worker_entries[start:stop]]


def _rendered(entries: list[Entry], jobs: int, render: Renderer, start_method: str | None) -> Iterator[bytes]:
    """Documents in the order of ``entries``; with several jobs, at most ``2 × jobs`` chunks are
    in flight, so memory stays bounded however many units there are."""
    if jobs <= 1 or len(entries) <= CHUNK:
        for entry in entries:
            yield render(entry.unit, entry.kind)
        return
    jobs = min(jobs, -(-len(entries) // CHUNK))  # no worker without a range to render
    context = multiprocessing.get_context(start_method)
    if context.get_start_method() == "fork":
        # Forked workers share the parent's objects until they write to them; a garbage collection
        # in a worker would touch (and so copy) every one of them.
        gc.freeze()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(render, entries))
    try:
        pending: deque = deque()
        for start in range(0, len(entries), CHUNK):
            pending.append(pool.submit(_render_range, start, start + CHUNK))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def manifest(entries: list[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "name", "unit_kind", "kind", "path"])
    for entry in entries:
        unit = entry.unit
        writer.writerow([unit.code, unit.name, unit.kind, entry.kind, entry.path] if unit else
                        ["", "", "", entry.kind, entry.path])
    return out.getvalue().encode("utf-8-sig")


def batch_warnings(plan: Plan, units: Sequence[Unit], kinds: Sequence[str], wording: Table | None = None,
                   edits: Mapping[str, str] | None = None) -> dict[Message, list[Unit]]:
    """Each warning on the batch's documents (:func:`~docgen.derive.document_warnings`) with the
    units it concerns, in the order found. Worked out before the workers start, it leaves them the
    derived text in the caches they inherit."""
    found: dict[Message, list[Unit]] = {}
    for unit in units:
        for kind in kinds:
            for warning in document_warnings(kind, plan, unit, wording, (edits or {}).get(unit.code)):
                concerned = found.setdefault(warning, [])
                if unit not in concerned[-1:]:
                    concerned.append(unit)
    return found


def write_batch(plan: Plan, units: Sequence[Unit], kinds: Sequence[str], target: Path, *,
                jobs: int | None = None, engine: str = "compiled", render: Renderer | None = None,
                progress: Callable[[int, int], None] | None = None, start_method: str | None = None,
                wording: Table | None = None, edits: Mapping[str, str] | None = None,
                templates: Mapping[str, Path] | None = None,
                issued: Mapping[tuple[str, str], Issued] | None = None) -> int:
    """Write the ZIP for every unit × kind to ``target``; returns the number of documents. Documents
    are worded by the office's ``wording`` table, with the units' texts it edited (``edits``, by unit
    code) where the kind takes them, made from the office's own ``templates`` and numbered as the
    register ``issued`` them (see :class:`DocumentRenderer`).

    ``start_method`` is how worker processes start: the platform's default (fork on Linux, where
    workers inherit the compiled templates), or "forkserver" from a multi-threaded program such as
    the web server, where forking a thread-holding process can deadlock."""
    kinds = check_kinds(kinds)
    entries = batch_entries(units, kinds)
    jobs = min(jobs or os.cpu_count() or 1, MAX_JOBS)
    if render is None:
        render = DocumentRenderer(plan, engine, wording, edits, templates, issued)
        if (start_method or multiprocessing.get_start_method()) == "fork":
            render.prepare(kinds)
    with atomic_output(target) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        documents = _rendered(entries, jobs, render, start_method)
        for done, (entry, data) in enumerate(zip(entries, documents), start=1):
            # A .docx is already compressed: store it as it is.
            archive.writestr(entry.path, data, compress_type=zipfile.ZIP_STORED)
            if progress:
                progress(done, len(entries))
        archive.writestr("manifest.csv", manifest(entries))
    return len(entries)
