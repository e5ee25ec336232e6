"""The app's database: migrated on start, a session per request, demo data on first start.

The demo accounts' passwords are made up on that first start and written once, to
``demo-logins.txt`` in the data folder (readable by its owner only), which ``scripts/demo`` prints;
they are never logged.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from docgen.store import Database, default_url
from docgen.store.demo import DEMO_LOGINS, fill_if_empty

__all__ = ["DEMO_LOGINS", "database", "init_app", "session"]


def init_app(app: Flask) -> None:
    database = Database(app.config["DATABASE_URL"] or default_url(app.config["DATA_DIR"]))
    database.upgrade()
    if app.config["LOAD_DEMO_DATA"]:
        fill_if_empty(database, Path(app.config["DATA_DIR"]))
    app.extensions["docgen.database"] = database
    app.teardown_appcontext(close_session)


def database() -> Database:
    return current_app.extensions["docgen.database"]


def session() -> Session:
    """The request's session; a view commits once its change is complete, or not at all."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def close_session(_error=None) -> None:
    opened = g.pop("db_session", None)
    if opened is not None:
        opened.close()
