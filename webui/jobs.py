"""Generations run in a background thread, so the page can show a progress bar meanwhile.

The thread gets its own copies of the plan and units and its own database sessions; it writes
progress a few times a second at most. A server stopped mid-batch leaves its generation marked
failed and no partial ZIP on the next start. A batch is done only when every XML part of every
document in its ZIP parses: Word would refuse a document with one that does not.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from flask import Flask, current_app
from lxml import etree

from docgen.batch import write_batch
from docgen.model import Plan, Unit
from docgen.store import Database, generations
from webui.i18n import N_

INTERRUPTED = N_("Máy chủ đã dừng khi đang tạo văn bản: hãy tạo lại.")
FAILED = N_("Không tạo được văn bản. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người quản trị.")
DAMAGED = N_("Có văn bản tạo ra bị hỏng (Word sẽ không mở được), nên không có tệp ZIP. "
             "Hãy báo cho người quản trị.")
PROGRESS_INTERVAL = 0.2


class Damaged(Exception):
    """A batch with a part that does not parse: its ZIP is not kept."""


def init_app(app: Flask) -> None:
    """Forget batches a previous server left unfinished; have the batch workers' fork server
    import the engine once, so that each batch's workers start ready (0.15 s instead of 0.25 s
    for 84 units × 3 kinds after the first)."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(["docgen.batch", "docgen.engine.compiled"])
    app.extensions["docgen.storage"].forget_unfinished(generations.FOLDER)
    with app.extensions["docgen.database"].session() as session:
        generations.fail_interrupted(session, INTERRUPTED)


def start(generation_id: int, plan: Plan, units: Sequence[Unit], kinds: Sequence[str], target: str) -> None:
    """Make the batch in the background into the shared files' ``target`` key."""
    app = current_app._get_current_object()
    thread = threading.Thread(
        target=run, name=f"generation-{generation_id}", daemon=True,
        args=(app, app.extensions["docgen.database"], generation_id, plan, list(units), list(kinds), target),
    )
    thread.start()


class Progress:
    """The ``progress`` callback of write_batch: stores done/total, but not on every document."""

    def __init__(self, database: Database, generation_id: int):
        self.database, self.generation_id, self.last = database, generation_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= PROGRESS_INTERVAL or done == 1:
            self.last = now
            with self.database.session() as session:
                generations.set_progress(session, self.generation_id, done, total)


def run(app: Flask, database: Database, generation_id: int, plan: Plan, units: list[Unit], kinds: list[str],
        target: str) -> None:
    error = ""
    try:
        with app.extensions["docgen.storage"].writing(target) as path:
            # Workers come from a fork server: forking this multi-threaded server could deadlock.
            write_batch(plan, units, kinds, path, jobs=app.config["GENERATION_JOBS"],
                        progress=Progress(database, generation_id), start_method="forkserver")
            if damaged := next(unreadable_parts(path), None):
                raise Damaged(damaged)
    except Damaged as damaged:
        app.logger.error("generation %s made a damaged document: %s", generation_id, damaged)
        error = DAMAGED
    except Exception:
        app.logger.exception("generation %s failed", generation_id)
        error = FAILED
    with database.session() as session:
        generations.finish(session, generation_id, error=error)


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
