"""Wording for each unit: a unit's sector, noun, chi ủy and đoàn thể; an organisation's own wording
tables; the unit plans' texts the office edited, and those each generation used.

Units stored before say nothing of these (blank, not known, none): their documents infer them from
the unit's name, as a units list without the columns does.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The units' new columns that a unit stored before gets a value in: (name, type, that value).
FILLED = (("sector", sa.Text(), ""), ("noun", sa.Text(), ""), ("unions", sa.JSON(), "[]"))


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        for name, type_, value in FILLED:
            batch.add_column(sa.Column(name, type_, nullable=False, server_default=value))
        batch.add_column(sa.Column("chi_uy", sa.Boolean(), nullable=True))
    with op.batch_alter_table("units") as batch:
        for name, type_, _ in FILLED:
            batch.alter_column(name, existing_type=type_, existing_nullable=False, server_default=None)
    op.create_table(
        "wording_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("sectors", sa.Text(), nullable=False),
        sa.Column("phrases", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id"),
    )
    op.create_table(
        "unit_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("derived", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "unit_id", name="uq_unit_texts_plan_id_unit_id"),
    )
    op.create_index("ix_unit_texts_organisation_id", "unit_texts", ["organisation_id"])
    op.create_index("ix_unit_texts_plan_id", "unit_texts", ["plan_id"])
    op.create_index("ix_unit_texts_unit_id", "unit_texts", ["unit_id"])
    op.create_table(
        "generation_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["generation_id"], ["generations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_generation_texts_generation_id", "generation_texts", ["generation_id"])


def downgrade() -> None:
    for table in ("generation_texts", "unit_texts", "wording_tables"):
        op.drop_table(table)
    with op.batch_alter_table("units") as batch:
        for name in ("chi_uy", "unions", "noun", "sector"):
            batch.drop_column(name)
