"""The office's board of returned reports: where each report stands (the unit's current report, a
later one waiting to replace it, one replaced or set aside) and the figures corrected by hand.

A unit's newest report of a plan becomes its current one, its older ones replaced; problems stored
as text alone get their message id (the text), so they are shown in any language like new ones.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("returned_reports") as batch:
        batch.add_column(sa.Column("standing", sa.String(length=16), nullable=False, server_default="current"))
    reports = sa.table("returned_reports", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer),
                       sa.column("unit_id", sa.Integer), sa.column("reading", sa.Text),
                       sa.column("standing", sa.String))
    connection = op.get_bind()
    newest: set[tuple] = set()
    for report_id, plan_id, unit_id, reading in connection.execute(
            sa.select(reports.c.id, reports.c.plan_id, reports.c.unit_id, reports.c.reading)
            .order_by(reports.c.id.desc())).all():
        values = {"standing": "current" if (plan_id, unit_id) not in newest else "replaced"}
        newest.add((plan_id, unit_id))
        if reading:
            found = json.loads(reading)
            for problem in found.get("problems", []):
                problem.setdefault("data", {"id": problem["message"], "params": {}})
            found.setdefault("narrative", {})
            values["reading"] = json.dumps(found, ensure_ascii=False)
        connection.execute(reports.update().where(reports.c.id == report_id).values(**values))
    op.create_table(
        "report_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("corrected_by", sa.Integer(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["report_id"], ["returned_reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["corrected_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_corrections_organisation_id", "report_corrections", ["organisation_id"])
    op.create_index("ix_report_corrections_report_id", "report_corrections", ["report_id"])


def downgrade() -> None:
    op.drop_table("report_corrections")
    with op.batch_alter_table("returned_reports") as batch:
        batch.drop_column("standing")
