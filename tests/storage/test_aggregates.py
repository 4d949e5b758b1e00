"""Storage by aggregate: listings load children eagerly (a fixed number of queries, however long the history)
and deleting a user removes what is theirs through the ORM cascades, leaving everyone else's rows alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from storage import AssignmentRepo, Database, PracticeRepo, ScoreRepo, UserRepo
from storage.models import Assignment, Override, PracticeSession, Scorecard, SessionTurn
from tests.storage.test_repositories import TRANSCRIPT, card, user


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    """A migrated SQLite database with the demo accounts (trainee, trainee2, supervisor...)."""
    return sqlite_db


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _scored(db: Database, n: int, *, about: str = "trainee") -> list[int]:
    staff, trainee = user(db, "supervisor"), user(db, about)
    ids = []
    for i in range(n):
        card_id = ScoreRepo(db).add(staff, card=card(f"t{i}"), transcript=TRANSCRIPT, user_id=trainee.id)
        ScoreRepo(db).add_override(staff, card_id, criterion="empathy", score=50.0, comment=f"flat tone {i}")
        ids.append(card_id)
    return ids


@pytest.mark.parametrize("n", [1, 12])
def test_listing_scorecards_is_a_fixed_number_of_queries(db: Database, n: int) -> None:
    _scored(db, n)
    with counted(db) as selects:
        records = ScoreRepo(db).list(user(db, "supervisor"))
    assert len(records) == n and all(len(r.overrides) == 1 and r.overrides[0].by == "supervisor" for r in records)
    assert len(selects) <= 3, selects  # scorecards, their overrides (with who gave them): not one query per row


def test_deleting_a_user_cascades_to_what_is_theirs_only(db: Database) -> None:
    _scored(db, 2, about="trainee")
    kept = _scored(db, 1, about="trainee2")
    trainee = user(db, "trainee")
    started = PracticeRepo(db).start(
        trainee, scenario_id="billing-double-charge", snapshot={}, turns=[{"speaker": "customer", "text": "hi"}]
    )
    AssignmentRepo(db).assign(user(db, "supervisor"), trainee_id=trainee.id, scenario_id="billing-double-charge")
    UserRepo(db).delete("trainee")
    with db.transaction() as s:

        def count(model: type, *where: object) -> int:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]

        assert count(PracticeSession, PracticeSession.id == started.id) == 0
        assert count(SessionTurn, SessionTurn.session_id == started.id) == 0
        assert count(Assignment, Assignment.trainee_id == trainee.id) == 0
        assert count(Scorecard, Scorecard.user_id == trainee.id) == 0
        assert count(Scorecard) == 1 and count(Override) == 1 and count(Override, Override.scorecard_id == kept[0]) == 1


@pytest.mark.parametrize("n", [1, 12])
def test_a_user_export_is_a_fixed_number_of_queries(db: Database, n: int) -> None:
    _scored(db, n)
    trainee = user(db, "trainee")
    for _ in range(n):
        PracticeRepo(db).start(trainee, scenario_id="billing-double-charge", snapshot={}, turns=[{"text": "hi"}])
    with counted(db) as selects:
        export = UserRepo(db).export("trainee")
    assert len(export["scorecards"]) == n and len(export["practice_sessions"]) == n
    assert all(len(s["turns"]) == 1 for s in export["practice_sessions"])
    assert len(selects) <= 7, selects  # account, sessions, turns, scorecards, overrides, assignments, given
