"""assignments.due_date: when a trainer wants an assigned scenario done (optional)

Follows 0004 (QA loop).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 22:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a nullable column is added in place on SQLite too: existing assignments keep no due date
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("due_date", sa.Date(), nullable=True))


def downgrade() -> None:
    # not batch mode: SQLite >= 3.35 drops a column in place without copying the table
    op.drop_column("assignments", "due_date")
