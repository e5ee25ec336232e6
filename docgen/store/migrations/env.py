"""Alembic environment: runs on the connection :meth:`Database.upgrade` hands over.

A new revision after changing ``schema.py``::

    .venv/bin/python -c "from alembic import command; from docgen.store import Database, default_url; \
from pathlib import Path; command.revision(Database(default_url(Path('var'))).alembic_config(), \
autogenerate=True, message='what changed')"
"""

from alembic import context
from sqlalchemy import create_engine

from docgen.store.schema import Base


def run(connection) -> None:
    # Batch mode lets ALTER TABLE work on SQLite (it rebuilds the table).
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with create_engine(context.config.get_main_option("sqlalchemy.url")).begin() as opened:
        run(opened)
