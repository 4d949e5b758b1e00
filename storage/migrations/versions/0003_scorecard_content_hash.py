"""scorecards.content_hash: the SHA-256 of the uploaded file, so importing the same file again finds its scorecards

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 20:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adding a nullable column happens in place on SQLite too: existing scorecards keep their rows (hash NULL).
    with op.batch_alter_table("scorecards") as batch:
        batch.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_scorecards_content_hash", ["content_hash"])


def downgrade() -> None:
    # Not batch mode: on SQLite that would copy and drop ``scorecards``, cascading into overrides.
    op.drop_index("ix_scorecards_content_hash", table_name="scorecards")
    op.drop_column("scorecards", "content_hash")
