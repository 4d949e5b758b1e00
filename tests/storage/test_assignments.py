"""Assignments: migration 0005 adds an optional due date without losing rows; staff can withdraw an open one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect

from storage import AssignmentRepo, Database, StorageError, UserRepo
from storage.db import make_engine
from storage.migrate import current_revision
from tests.security.test_migrations_keep_data import _expected, _fill, _read, _upgrade_to


def test_0004_to_0005_keeps_rows_and_adds_an_empty_due_date(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _upgrade_to(engine, "0004")
        _fill(engine)
        _upgrade_to(engine, "0005")
        assert current_revision(engine) == "0005"
        assert "due_date" in {c["name"] for c in inspect(engine).get_columns("assignments")}
        assert _read(engine) == _expected()
    finally:
        engine.dispose()


def _user(db: Database, name: str):  # type: ignore[no-untyped-def]
    user = UserRepo(db).by_username(name)
    assert user is not None
    return user


def test_due_date_round_trips_and_unassign_withdraws_only_open_ones(sqlite_db: Database) -> None:
    repo = AssignmentRepo(sqlite_db)
    trainer, trainee = _user(sqlite_db, "trainer"), _user(sqlite_db, "trainee")
    due = dt.date(2026, 12, 1)
    first = repo.assign(trainer, trainee_id=trainee.id, scenario_id="billing-double-charge", due_date=due)
    repo.assign(trainer, trainee_id=trainee.id, scenario_id="refuses-verification")
    assert {a.scenario_id: a.due_date for a in repo.list(trainee)} == {
        "billing-double-charge": due,
        "refuses-verification": None,
    }
    with pytest.raises(StorageError):
        repo.unassign(trainee, assignment_id=first)  # a trainee cannot drop their own homework
    repo.unassign(trainer, assignment_id=first)
    assert [a.scenario_id for a in repo.list(trainee)] == ["refuses-verification"]
    repo.complete(trainee, scenario_id="refuses-verification")
    [done] = repo.list(trainee)
    with pytest.raises(StorageError, match="already done"):
        repo.unassign(trainer, assignment_id=done.id)
    with pytest.raises(StorageError, match="no assignment"):
        repo.unassign(trainer, assignment_id=10_000)


def test_team_assignment_carries_the_due_date(sqlite_db: Database) -> None:
    repo = AssignmentRepo(sqlite_db)
    due = dt.date(2027, 1, 15)
    assert repo.assign_team(_user(sqlite_db, "trainer"), team="new-hires-nov", scenario_id="x", due_date=due) == 2
    assert {a.due_date for a in repo.list(_user(sqlite_db, "admin"))} == {due}
