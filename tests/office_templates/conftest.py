"""A migrated SQLite database with the demo data."""

from __future__ import annotations

import pytest

from docgen.store import Database

from ..register.conftest import demo_database, organisation_id  # noqa: F401


@pytest.fixture
def database(tmp_path) -> Database:
    return demo_database(f"sqlite:///{tmp_path / 'templates.sqlite'}")
