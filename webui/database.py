"""The app's database: migrated on start, a session per request, demo data on first start."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from docgen.store import Database, default_url
from docgen.store.demo import load_demo_data


def init_app(app: Flask) -> None:
    database = Database(app.config["DATABASE_URL"] or default_url(app.config["DATA_DIR"]))
    database.upgrade()
    if app.config["LOAD_DEMO_DATA"]:
        with database.session() as session:
            load_demo_data(session)
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
