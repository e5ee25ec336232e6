"""A migrated database with the demo committee and its terms (2020 - 2025, then 2025 - 2030, open):
SQLite, then PostgreSQL (the test run's server, tests/servers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from docgen.store import Database
from docgen.store.demo import load_demo_data


def demo_database(url: str) -> Database:
    database = Database(url)
    database.upgrade()
    with database.session() as session:
        load_demo_data(session)
    return database


@pytest.fixture
def database(database_url) -> Iterator[Database]:
    database = demo_database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def organisation_id() -> int:
    return 1
