"""what a load reads of each report of a pair to tell whether a change touches it, beside
the report's contact key

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 04:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Null in the rows already stored: the first load touching a pair fills its rows.
    with op.batch_alter_table("article_event_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reach", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article_event_key", schema=None) as batch_op:
        batch_op.drop_column("reach")
