"""A fresh app on a new database for each test, with the demo data, CSRF off unless asked; the
``client`` is signed in as the committee's office. Every test runs twice: on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import re
import secrets
import time

import pytest

from docgen.files import load_organisation
from docgen.store import organisations, users
from docgen.store import units as unit_store
from webui import create_app
from webui.database import DEMO_LOGINS

OFFICE = "van-phong"


def make_app(tmp_path, **config):
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "DATA_DIR": tmp_path,
        "GENERATION_JOBS": 1,
        "PDF_WORKERS": 1,
    }
    settings.update(config)
    app = create_app(settings)
    MADE.append(app)
    return app


MADE: list = []


@pytest.fixture(autouse=True)
def close_pdf_pools():
    """Stop the LibreOffice of each app the test made (a preview starts it)."""
    yield
    while MADE:
        MADE.pop().extensions["docgen.pdf"].close()


@pytest.fixture(autouse=True)
def database(database_url, monkeypatch) -> str:
    """The test's database (SQLite, then PostgreSQL), which every app it makes uses, as a deployment's
    would: through ``DOCGEN_DATABASE_URL``."""
    monkeypatch.setenv("DOCGEN_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return signed_in(app, OFFICE)


def demo_logins(app) -> dict[str, str]:
    """The demo accounts' passwords by name, from the file the first start wrote."""
    text = (app.config["DATA_DIR"] / DEMO_LOGINS).read_text(encoding="utf-8")
    return {line.split("\t")[1]: line.split("\t")[2] for line in text.splitlines() if not line.startswith("#")}


def add_account(app, name: str, role: str, unit_code: str | None = None, organisation_id: int | None = None) -> str:
    """A new account (in the only organisation, made from the demo profile when there is none); its password."""
    password = secrets.token_urlsafe(12)
    with app.extensions["docgen.database"].session() as session:
        if organisation_id is None:
            known = organisations.all_organisations(session)
            organisation_id = known[0].id if known else organisations.add(session, load_organisation()).id
        unit = unit_store.by_code(session, organisation_id, unit_code) if unit_code else None
        users.add(session, organisation_id, name, role, password, unit)
    return password


def login(client, name: str, password: str):
    """Sign in through the sign-in page, with its form token."""
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return client.post("/dang-nhap", data={"name": name, "password": password, "csrf_token": token[1] if token else ""})


def signed_in(app, name: str = OFFICE):
    """A client of the app signed in as ``name``: a demo account, or a new office account."""
    passwords = demo_logins(app) if (app.config["DATA_DIR"] / DEMO_LOGINS).exists() else {}
    password = passwords.get(name) or add_account(app, name, "van-phong")
    client = app.test_client()
    response = login(client, name, password)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def upload(data: bytes | str, name: str):
    """A file field value for the test client."""
    return (io.BytesIO(data.encode("utf-8") if isinstance(data, str) else data), name)


def page_text(response) -> str:
    return response.get_data(as_text=True)


def wait_for_generation(client, generation_id: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/tao-van-ban/lan/{generation_id}/trang-thai").get_json()
        if status["finished"]:
            return status
        time.sleep(0.1)
    raise AssertionError(f"generation {generation_id} did not finish in {timeout} s")
