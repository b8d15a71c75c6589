"""the contact keys of each article, for incremental regrouping of events

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_event_key",
        sa.Column("article_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("second", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "first", "second"),
    )
    with op.batch_alter_table("article_event_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_event_key_article_id"), ["article_id"], unique=False)
        batch_op.create_index("ix_article_event_key_pair", ["first", "second"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article_event_key", schema=None) as batch_op:
        batch_op.drop_index("ix_article_event_key_pair")
        batch_op.drop_index(batch_op.f("ix_article_event_key_article_id"))
    op.drop_table("article_event_key")
