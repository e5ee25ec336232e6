"""Generations run as jobs (:mod:`docgen.jobs`), so the page can show a progress bar meanwhile: in
the web server's own threads, or on the queue ``QUEUE_URL`` names, for ``docgen worker`` processes.

Run by the web server itself, a batch it was making when it stopped is marked failed on the next
start and its half-written ZIP removed; on a queue, such a batch is another worker's to finish.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from flask import Flask, current_app

from docgen import settings
from docgen.derive import Issued
from docgen.jobs import InProcess, Job, Runner, remove_old_zips, runner
from docgen.model import Plan, Unit
from docgen.store import generations
from docgen.wording import Table
from webui.i18n import N_

INTERRUPTED = N_("Máy chủ đã dừng khi đang tạo văn bản: hãy tạo lại.")
RETENTION_INTERVAL = 24 * 60 * 60  # seconds between two looks for ZIPs past their days


def init_app(app: Flask) -> None:
    app.extensions["docgen.jobs"] = chosen = runner(app.config["QUEUE_URL"], app.extensions["docgen.database"],
                                                    app.extensions["docgen.storage"], app.config["START_METHOD"])
    if isinstance(chosen, InProcess):
        app.extensions["docgen.storage"].forget_unfinished(generations.FOLDER)
        with app.extensions["docgen.database"].session() as session:
            generations.fail_interrupted(session, INTERRUPTED)
    app.config.setdefault("RETENTION_DAYS", settings.current().retention_days)
    app.config.setdefault("RETENTION_INTERVAL", RETENTION_INTERVAL)
    app.extensions["docgen.retention"] = 0.0  # when ZIPs are next looked over (monotonic): now, at start
    app.before_request(remove_old_zips_daily)
    remove_old_zips_daily(app)


def remove_old_zips_daily(app: Flask | None = None) -> None:
    """Past ``RETENTION_DAYS``, a batch's ZIP is deleted: at start, then once a day (by the first
    request after a day has passed)."""
    app = app or current_app
    if time.monotonic() < app.extensions["docgen.retention"]:
        return
    app.extensions["docgen.retention"] = time.monotonic() + app.config["RETENTION_INTERVAL"]
    try:
        remove_old_zips(app.extensions["docgen.database"], app.extensions["docgen.storage"], app.config["RETENTION_DAYS"])
    except Exception:  # the store out of reach: the health check says so, and the ZIPs wait a day
        app.logger.exception("old ZIPs not removed")


def jobs() -> Runner:
    return current_app.extensions["docgen.jobs"]


def start(generation_id: int, plan: Plan, units: Sequence[Unit], kinds: Sequence[str], target: str,
          wording: Table | None = None, edits: Mapping[str, str] | None = None,
          templates: Mapping[str, bytes] | None = None, issued: Mapping[tuple[str, str], Issued] | None = None) -> None:
    """Make the batch in the background into the shared files' ``target`` key, worded by the office's
    ``wording`` tables and with the units' texts it edited (``edits``, by unit code), from its own
    ``templates`` (by kind) and numbered as the register ``issued`` them."""
    jobs().submit(Job(generation_id, plan, tuple(units), tuple(kinds), target, wording, dict(edits or {}),
                      current_app.config["GENERATION_JOBS"], dict(templates or {}), dict(issued or {})))
