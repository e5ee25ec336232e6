"""A migrated database with the demo committee and its terms (2020 - 2025, then 2025 - 2030, open)."""

from __future__ import annotations

import pytest

from docgen.store import Database
from docgen.store.demo import load_demo_data


@pytest.fixture
def database(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'register.sqlite'}")
    database.upgrade()
    with database.session() as session:
        load_demo_data(session)
    return database


@pytest.fixture
def organisation_id() -> int:
    return 1
