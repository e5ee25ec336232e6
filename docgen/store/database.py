"""Engine, sessions and migrations: one :class:`Database` per application."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from docgen import settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# How long a SQLite writer waits for another's transaction before giving up: long enough for every
# clerk of an office taking a number at the same moment, who queue for the write lock.
SQLITE_WAIT_SECONDS = 60


def data_dir() -> Path:
    """The web app's data folder: ``DOCGEN_DATA_DIR``, else ``var`` in the folder it is started from
    (never inside the installed package)."""
    return settings.current().data_dir.resolve()


def default_url(data_dir: Path) -> str:
    """``DOCGEN_DATABASE_URL`` when set, else a SQLite file in the data folder."""
    return settings.current().database_url or f"sqlite:///{data_dir / 'docgen.sqlite'}"


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
        sqlite = url.startswith("sqlite")
        self.engine: Engine = create_engine(url, connect_args={"timeout": SQLITE_WAIT_SECONDS} if sqlite else {})
        if sqlite:
            event.listen(self.engine, "connect", _enforce_foreign_keys)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def alembic_config(self):
        """Alembic's configuration, without an alembic.ini: the migrations live in the package."""
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to the latest revision (or the one named); data already there is kept."""
        from alembic import command

        config = self.alembic_config()
        sqlite = self.engine.dialect.name == "sqlite"
        with self.engine.connect() as connection:
            if sqlite:
                # A migration rebuilds SQLite tables (batch mode): a table dropped to be rebuilt must not
                # set its rows' references elsewhere to NULL (ON DELETE SET NULL) on the way.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                    raise RuntimeError(f"the migration left references to nothing: {broken[:5]}")
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session
