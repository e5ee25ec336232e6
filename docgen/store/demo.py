"""The demo data a fresh database starts with: the demo committee and its terms, the seed plan, the
sample units, and accounts to try each role with."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen.files import EXAMPLES, load_organisation, load_plan
from docgen.register import terms
from docgen.store import Database, organisations, plans, units, users
from docgen.store.schema import OrganisationRecord, User
from docgen.units import read_units

DEMO_LOGINS = "demo-logins.txt"
# The units given an account of their own: two đảng bộ and a chi bộ.
DEMO_UNITS = ("DB01", "DB02", "CB01")
# The committee's terms for its register (dates made up): the seed plan's, and the current one, open.
DEMO_TERMS = (("2020 - 2025", dt.date(2020, 7, 1), dt.date(2025, 6, 30)), ("2025 - 2030", dt.date(2025, 7, 1), None))


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    password: str
    unit: str = ""


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count(OrganisationRecord.id)))


def load_demo_data(session: Session) -> list[Login] | None:
    """Fill an empty database with the examples and return the demo accounts, their passwords made
    up here and shown nowhere else; a database holding anything is left alone (None)."""
    if not is_empty(session):
        return None
    organisation_id = organisations.add(session, load_organisation()).id
    for name, starts_on, ends_on in DEMO_TERMS:
        terms.add(session, organisation_id, name, starts_on, ends_on)
    plans.add(session, organisation_id, load_plan(EXAMPLES / "seed-plan.yaml"))
    units.save_all(session, organisation_id, read_units(EXAMPLES / "units.csv"))
    session.flush()
    logins = [Login(User.ADMIN, "quan-tri", _password()), Login(User.OFFICE, "van-phong", _password())]
    logins += [Login(User.UNIT, code.lower(), _password(), code) for code in DEMO_UNITS]
    for login in logins:
        unit = units.by_code(session, organisation_id, login.unit) if login.unit else None
        users.add(session, organisation_id, login.name, login.role, login.password, unit)
    return logins


def _password() -> str:
    return secrets.token_urlsafe(12)


def fill_if_empty(database: Database, data_dir: Path) -> list[Login] | None:
    """The demo data in an empty database (as :func:`load_demo_data`), the demo accounts' passwords
    written once to ``demo-logins.txt`` in the data folder: what `docgen serve` and the commands over
    its database do on first start."""
    with database.session() as session:
        logins = load_demo_data(session)
    if logins:
        write_logins(data_dir / DEMO_LOGINS, logins)
    return logins


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
