"""Batches of the web app as jobs, run by one of two runners behind one interface (:class:`Runner`,
chosen by :func:`runner`): in this process (:class:`InProcess`: a thread, whose batch workers start by
fork server, or by spawn where there is none, as on Windows), or, with ``DOCGEN_QUEUE_URL``
(redis://…), on a queue that ``docgen worker`` processes consume on any machine (:mod:`docgen.jobs.queue`).

Either way the job is :func:`run`, and its Generation row is its state: progress, cancellation (the
row marked cancelled; the job stops at its next progress) and failure read the same in both modes.
A job is idempotent: one that finished or was cancelled is not redone, and a re-run (after its
worker died) rewrites the same ZIP, which appears only when complete, so no half ZIP is offered.
A batch is done only when every XML part of every document in its ZIP parses: Word would refuse a
document with one that does not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import multiprocessing
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

from docgen.batch import write_batch
from docgen.derive import Issued
from docgen.i18n import N_
from docgen.model import Plan, Unit
from docgen.storage import Storage
from docgen.store import Database, generations
from docgen.store.schema import now
from docgen.wording import Table

FAILED = N_("Không tạo được văn bản. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người quản trị.")
DAMAGED = N_("Có văn bản tạo ra bị hỏng (Word sẽ không mở được), nên không có tệp ZIP. "
             "Hãy báo cho người quản trị.")
PROGRESS_INTERVAL = 0.2
PRELOAD = ["docgen.batch", "docgen.engine.compiled"]
"""What a fork server imports once, so that each batch's workers start ready."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One generation's batch: what to make. Where the database and the shared files are, each runner
    knows (a worker from its own settings, so no password travels through the queue)."""

    generation_id: int
    plan: Plan
    units: tuple[Unit, ...]
    kinds: tuple[str, ...]
    target: str
    """The ZIP's key in the shared files."""
    wording: Table | None = None
    edits: Mapping[str, str] = field(default_factory=dict)
    processes: int | None = None
    """Processes making the batch; None: the number of cores."""
    templates: Mapping[str, bytes] = field(default_factory=dict)
    """The office's own templates the batch is made from, by kind (the others: docgen's)."""
    issued: Mapping[tuple[str, str], Issued] = field(default_factory=dict)
    """The register's numbers of its documents, by unit code ("" for one for all units) and kind."""


class Runner(Protocol):
    def submit(self, job: Job) -> None:
        """Have the job run, now or when a worker is free."""

    def check(self) -> None:
        """Raise when jobs cannot be handed on (the queue is unreachable)."""


class Damaged(Exception):
    """A batch with a part that does not parse: its ZIP is not kept."""


class Cancelled(Exception):
    """The batch is no longer to be made: cancelled while it ran (or finished by a worker that was
    taken for dead and was not)."""


def start_method(chosen: str = "auto") -> str:
    """How batch workers start in a multi-threaded program (the web server, where forking could
    deadlock): a fork server where the platform has one, else spawn (Windows)."""
    if chosen != "auto":
        return chosen
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class InProcess:
    """Each job in a thread of this process, into its ``database`` and ``storage``."""

    def __init__(self, database: Database, storage: Storage, method: str = "auto"):
        self.database, self.storage, self.method = database, storage, start_method(method)
        if self.method == "forkserver":
            multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)

    def submit(self, job: Job) -> None:
        threading.Thread(target=run, args=(job, self.database, self.storage, self.method),
                         name=f"generation-{job.generation_id}", daemon=True).start()

    def check(self) -> None:
        """Nothing to reach."""


def runner(queue_url: str, database: Database, storage: Storage, method: str = "auto") -> Runner:
    """The queue ``queue_url`` names, or, when empty, this process."""
    if not queue_url:
        return InProcess(database, storage, method)
    from docgen.jobs.queue import QueueRunner

    return QueueRunner(queue_url)


class Progress:
    """The ``progress`` callback of write_batch: stores done/total, but not on every document, and
    stops the batch once it is cancelled."""

    def __init__(self, database: Database, generation_id: int):
        self.database, self.generation_id, self.last = database, generation_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= PROGRESS_INTERVAL or done == 1:
            self.last = now
            with self.database.session() as session:
                if not generations.set_progress(session, self.generation_id, done, total):
                    raise Cancelled


def run(job: Job, database: Database, storage: Storage, method: str | None = None) -> None:
    """Make the job's batch into ``storage``, unless it finished or was cancelled already; ``method``:
    how its workers start (None: the platform's default, for a single-threaded worker)."""
    with database.session() as session:
        if not generations.begin(session, job.generation_id):
            return
    error = ""
    try:
        with storage.writing(job.target) as path, tempfile.TemporaryDirectory(prefix="docgen-templates-") as folder:
            templates = {kind: Path(folder) / f"{kind}.docx" for kind in job.templates}
            for kind, template in templates.items():
                template.write_bytes(job.templates[kind])
            write_batch(job.plan, job.units, job.kinds, path, jobs=job.processes, start_method=method,
                        progress=Progress(database, job.generation_id), wording=job.wording, edits=job.edits,
                        templates=templates, issued=job.issued)
            if damaged := next(unreadable_parts(path), None):
                raise Damaged(damaged)
    except Cancelled:
        log.info("generation %s cancelled", job.generation_id)
        return
    except Damaged as damaged:
        log.error("generation %s made a damaged document: %s", job.generation_id, damaged)
        error = DAMAGED
    except Exception:
        log.exception("generation %s failed", job.generation_id)
        error = FAILED
    with database.session() as session:
        generations.finish(session, job.generation_id, error=error)


def remove_old_zips(database: Database, storage: Storage, days: int) -> int:
    """Delete the ZIPs of the batches that finished more than ``days`` days ago (0: keep every ZIP);
    the batches stay listed. Returns how many ZIPs were deleted."""
    if not days:
        return 0
    kept = set(storage.keys(generations.FOLDER))
    with database.session() as session:
        finished = generations.finished_before(session, now() - dt.timedelta(days))
        old = {generations.zip_key(record) for record in finished}
    for key in old & kept:
        storage.delete(key)
    log.info("%s ZIPs older than %s days deleted", len(old & kept), days)
    return len(old & kept)


def unreadable_parts(batch: Path) -> Iterator[str]:
    """Each XML part of the batch's documents that does not parse, as "document: part: why". A part
    the same as one already read (most parts are the template's own) is not read again."""
    verified: set[bytes] = set()
    with zipfile.ZipFile(batch) as archive:
        for member in archive.namelist():
            if not member.endswith(".docx"):
                continue
            with zipfile.ZipFile(io.BytesIO(archive.read(member))) as document:
                for part in document.namelist():
                    if not part.endswith((".xml", ".rels")):
                        continue
                    data = document.read(part)
                    digest = hashlib.blake2b(data, digest_size=16).digest()
                    if digest in verified:
                        continue
                    try:
                        etree.fromstring(data)
                    except etree.XMLSyntaxError as error:
                        yield f"{member}: {part}: {error}"
                    else:
                        verified.add(digest)
