"""events and their reports

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_sort", sa.Integer(), nullable=True),
        sa.Column("date_conflict", sa.Boolean(), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_date_sort"), ["date_sort"], unique=False)
    op.create_table(
        "event_report",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("article_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("inferred_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("date_evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.PrimaryKeyConstraint("event_id", "article_id"),
    )
    with op.batch_alter_table("event_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_report_article_id"), ["article_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_report_article_id"))
    op.drop_table("event_report")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_date_sort"))
        batch_op.drop_index(batch_op.f("ix_event_kind"))
    op.drop_table("event")
