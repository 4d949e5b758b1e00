"""users.team: a nullable group name, so a trainer can assign a scenario to a whole team

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode so SQLite works too: adding a nullable column is done in place (no table copy),
    # so every existing row, and the rows that reference users, stay as they are.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("team", sa.String(length=80), nullable=True))
        batch.create_index("ix_users_team", ["team"])


def downgrade() -> None:
    # Not batch mode: on SQLite that would copy and drop ``users``, and dropping it with foreign keys on
    # cascades into every user's sessions and scorecards. SQLite >= 3.35 drops a column in place.
    op.drop_index("ix_users_team", table_name="users")
    op.drop_column("users", "team")
