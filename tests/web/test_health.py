"""/suc-khoe: 200 when the database, the shared files, the queue (when there is one) and the data
folder's disk are fine, 503 naming the check that is not; anonymous, and nothing else in it."""

from __future__ import annotations

from docgen.store import Database
from tests.servers import LOOPBACK, free_port
from webui import health

from .conftest import make_app


def test_a_healthy_server_says_so_to_anyone(app):
    response = app.test_client().get("/suc-khoe")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "disk": "ok"}}
    assert "Set-Cookie" not in response.headers


def test_a_database_out_of_reach_fails_the_check(app):
    app.extensions["docgen.database"] = Database(f"postgresql+psycopg://docgen@{LOOPBACK}:{free_port()}/docgen")
    response = app.test_client().get("/suc-khoe")
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "checks": {"database": "failing", "storage": "ok", "disk": "ok"}}


def test_a_store_out_of_reach_fails_the_check(tmp_path, s3_url):
    app = make_app(tmp_path, STORAGE_URL=s3_url)
    assert app.test_client().get("/suc-khoe").status_code == 200
    missing = make_app(tmp_path, STORAGE_URL=s3_url.replace("s3://docgen-test-", "s3://gone-"))
    response = missing.test_client().get("/suc-khoe")
    assert response.status_code == 503 and response.get_json()["checks"]["storage"] == "failing"


def test_a_full_disk_fails_the_check(app, monkeypatch):
    monkeypatch.setattr(health, "MIN_FREE_BYTES", 1 << 60)
    response = app.test_client().get("/suc-khoe")
    assert response.status_code == 503 and response.get_json()["checks"]["disk"] == "failing"


def test_a_queue_out_of_reach_fails_the_check(tmp_path):
    app = make_app(tmp_path, QUEUE_URL=f"redis://{LOOPBACK}:{free_port()}/0")
    response = app.test_client().get("/suc-khoe")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "storage": "ok", "disk": "ok", "queue": "failing"}
