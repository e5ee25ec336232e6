"""The app's database: migrated on start, a session per request, demo data on first start.

The demo accounts' passwords are made up on that first start and written once, to
``demo-logins.txt`` in the data folder (readable by its owner only), which ``scripts/demo`` prints;
they are never logged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from docgen.store import Database, default_url
from docgen.store.demo import Login, load_demo_data

DEMO_LOGINS = "demo-logins.txt"


def init_app(app: Flask) -> None:
    database = Database(app.config["DATABASE_URL"] or default_url(app.config["DATA_DIR"]))
    database.upgrade()
    if app.config["LOAD_DEMO_DATA"]:
        with database.session() as session:
            logins = load_demo_data(session)
        if logins:
            write_logins(Path(app.config["DATA_DIR"]) / DEMO_LOGINS, logins)
    app.extensions["docgen.database"] = database
    app.teardown_appcontext(close_session)


def write_logins(path: Path, logins: Sequence[Login]) -> None:
    """The demo accounts, for the person trying docgen out: a new file, its owner's alone."""
    lines = ["# Tài khoản dùng thử docgen (dữ liệu mẫu). Đổi mật khẩu sau khi đăng nhập; xóa tệp này khi dùng thật.",
             "# vai trò\ttên đăng nhập\tmật khẩu\tđơn vị"]
    lines += ["\t".join((login.role, login.name, login.password, login.unit)).rstrip() for login in logins]
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a file left by an earlier database keeps no wider mode
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


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
