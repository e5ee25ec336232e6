"""The web app's data in a database: plans, units and past generations.

SQLAlchemy 2.x over a SQLite file by default, any SQLAlchemy URL through ``DOCGEN_DATABASE_URL``.
The schema is changed only by Alembic migrations (``migrations/``), run to the head on start, so
an upgrade never loses an office's data.  Plans are stored as the validated :class:`~docgen.model.Plan`
in JSON, with a few columns copied out to list and sort them; the plain YAML/CSV files of the
command line stay the exchange format.
"""

from docgen.store.database import Database, data_dir, default_url

__all__ = ["Database", "data_dir", "default_url"]
