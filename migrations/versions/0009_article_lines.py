"""each article's line fingerprints, for counting repeated lines without re-reading pages;
an index covering what every load reads of every article

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Filled by the loads that follow: a page without a row is read from its stored text once.
    op.create_table(
        "article_lines",
        sa.Column("article_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("page_group", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("headline", sa.LargeBinary(), nullable=True),
        sa.Column("keys", sa.LargeBinary(), nullable=False),
        sa.Column("lines", sa.LargeBinary(), nullable=False),
        sa.Column("removed", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("article_id"),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(
            "ix_article_state",
            [
                "id",
                "source_path",
                "source_sha256",
                "content_fingerprint",
                "pipeline_version",
                "source_size",
                "source_mtime_ns",
                "loaded_at",
                "slug",
            ],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_state")
    op.drop_table("article_lines")
