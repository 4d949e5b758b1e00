"""assignments.due_date (optional) and login_throttle (failed logins per user and client, with backoff)

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
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locks", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_failure", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_login_throttle_username", "login_throttle", ["username"])


def downgrade() -> None:
    op.drop_index("ix_login_throttle_username", table_name="login_throttle")
    op.drop_table("login_throttle")
    # not batch mode: SQLite >= 3.35 drops a column in place without copying the table
    op.drop_column("assignments", "due_date")
