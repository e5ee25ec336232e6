"""Organisations, users, the audit log and returned reports; plans, units and generations belong to an
organisation, and a unit's code is unique within its organisation.

What a database at 0001 holds goes to one organisation, whose profile is the organisation of the
most recently changed plan (else the demo committee's).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OWNED = ("plans", "units", "generations")


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for table in OWNED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
    organisation_id = _organisation_of_existing_data()
    for table in OWNED:
        if organisation_id is not None:
            op.execute(sa.table(table, sa.column("organisation_id")).update().values(organisation_id=organisation_id))
        with op.batch_alter_table(table, naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"}) as batch:
            batch.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(f"fk_{table}_organisation_id", "organisations", ["organisation_id"], ["id"])
            batch.create_index(f"ix_{table}_organisation_id", ["organisation_id"])
            if table == "units":
                batch.drop_constraint(_unique_code_constraint(), type_="unique")
                batch.create_unique_constraint("uq_units_organisation_id_code", ["organisation_id", "code"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_users_organisation_id", "users", ["organisation_id"])
    op.create_index("ix_users_unit_id", "users", ["unit_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_organisation_id", "audit_log", ["organisation_id"])
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_user_id", "audit_log", ["user_id"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_table(
        "returned_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("plan_summary", sa.Text(), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("unit_name", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("reading", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["uploaded_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["reviewed_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_returned_reports_organisation_id", "returned_reports", ["organisation_id"])
    op.create_index("ix_returned_reports_plan_id", "returned_reports", ["plan_id"])
    op.create_index("ix_returned_reports_unit_id", "returned_reports", ["unit_id"])
    op.create_index("ix_returned_reports_uploaded_at", "returned_reports", ["uploaded_at"])


def _organisation_of_existing_data() -> int | None:
    """The organisation the data already there goes to, or None when there is none."""
    from docgen.files import load_organisation
    from docgen.model import Organisation
    from docgen.store.schema import now

    connection = op.get_bind()
    if not any(connection.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() for table in OWNED):
        return None
    latest = connection.execute(sa.text("SELECT data FROM plans ORDER BY updated_at DESC, id DESC LIMIT 1")).first()
    profile = (Organisation.model_validate(json.loads(latest[0])["organisation"]) if latest
               else load_organisation()).model_dump_json()
    organisations = sa.table("organisations", sa.column("id", sa.Integer), sa.column("profile", sa.Text),
                             sa.column("created_at", sa.DateTime))
    return connection.execute(organisations.insert().values(profile=profile, created_at=now())
                              .returning(organisations.c.id)).scalar_one()


def _unique_code_constraint() -> str:
    """0001 left the constraint unnamed: PostgreSQL named it itself, SQLite did not (the batch's naming
    convention names it then)."""
    found = [constraint["name"] for constraint in sa.inspect(op.get_bind()).get_unique_constraints("units")
             if constraint["column_names"] == ["code"]]
    return found[0] if found and found[0] else "uq_units_code"


def downgrade() -> None:
    for table in ("returned_reports", "audit_log", "users"):
        op.drop_table(table)
    for table in reversed(OWNED):
        with op.batch_alter_table(table) as batch:
            if table == "units":
                batch.drop_constraint("uq_units_organisation_id_code", type_="unique")
                batch.create_unique_constraint("uq_units_code", ["code"])
            batch.drop_index(f"ix_{table}_organisation_id")
            batch.drop_constraint(f"fk_{table}_organisation_id", type_="foreignkey")
            batch.drop_column("organisation_id")
    op.drop_table("organisations")
