"""A fresh app on its own SQLite file for each test, with the demo data, CSRF off unless asked."""

from __future__ import annotations

import io
import time

import pytest

from webui import create_app


def make_app(tmp_path, **config):
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "DATA_DIR": tmp_path,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite'}",
        "GENERATION_JOBS": 1,
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


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
