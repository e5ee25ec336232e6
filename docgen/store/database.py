"""Engine, sessions and migrations: one :class:`Database` per application."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url(data_dir: Path) -> str:
    """``DOCGEN_DATABASE_URL`` when set, else a SQLite file in the data folder."""
    return os.environ.get("DOCGEN_DATABASE_URL") or f"sqlite:///{data_dir / 'docgen.sqlite'}"


def _enforce_foreign_keys(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys (and so ON DELETE SET NULL) unless asked, per connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _enforce_foreign_keys)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def alembic_config(self):
        """Alembic's configuration, without an alembic.ini: the migrations live in the package."""
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self) -> None:
        """Bring the schema to the latest revision; data already there is kept."""
        from alembic import command

        config = self.alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session
