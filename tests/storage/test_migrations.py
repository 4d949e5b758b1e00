"""The Alembic migration builds exactly the tables the models declare; SQLite connections get their pragmas."""

from __future__ import annotations

from sqlalchemy import inspect, text

from storage import Database
from storage.migrate import current_revision, head_revision
from storage.models import Base


def test_upgrade_reaches_head_and_matches_models(any_db: Database) -> None:
    assert current_revision(any_db.engine) == head_revision()
    inspector = inspect(any_db.engine)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        assert {c["name"] for c in inspector.get_columns(name)} == {c.name for c in table.columns}


def test_upgrade_twice_is_a_no_op(any_db: Database) -> None:
    any_db.upgrade()
    assert current_revision(any_db.engine) == head_revision()


def test_sqlite_pragmas(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
