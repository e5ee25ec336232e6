"""/suc-khoe: whether this web server can do its work, for a load balancer or a monitor to ask.

Anonymous, and nothing in it but the checks' names and results (JSON): the database answers, the
shared files can be reached and written, the job queue answers (when there is one) and the data
folder has room. 200 when all pass, 503 when one fails, so a load balancer sends no one to a
server that would fail them. A check that fails is logged with its reason.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable

from flask import current_app, jsonify
from sqlalchemy import text

from webui.access import PUBLIC, Section
from webui.database import database
from webui.storage import storage

blueprint = Section("health", __name__, admits=PUBLIC)

MIN_FREE_BYTES = 200 * 1024 * 1024
"""Less room than this in the data folder (a SQLite database, batches being written) fails the check."""


def database_answers() -> None:
    with database().engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def storage_reachable() -> None:
    storage().check()


def queue_answers() -> None:
    current_app.extensions["docgen.jobs"].check()


def disk_has_room() -> None:
    free = shutil.disk_usage(current_app.config["DATA_DIR"]).free
    if free < MIN_FREE_BYTES:
        raise OSError(f"{free // (1024 * 1024)} MB free in the data folder")


def checks() -> dict[str, Callable[[], None]]:
    found = {"database": database_answers, "storage": storage_reachable, "disk": disk_has_room}
    if current_app.config.get("QUEUE_URL"):
        found["queue"] = queue_answers
    return found


@blueprint.get("/suc-khoe")
def health():
    results = {}
    for name, check in checks().items():
        started = time.monotonic()
        try:
            check()
        except Exception:
            current_app.logger.exception("health check %s failed after %.1f s", name, time.monotonic() - started)
            results[name] = "failing"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    response = jsonify(status="ok" if healthy else "failing", checks=results)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
