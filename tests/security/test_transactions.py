"""Nothing lost: turns, authored revisions, scores and overrides are written whole or not at all.

Failures are injected inside the real database with SQLite triggers (``RAISE(ABORT)``), so the
repository code runs unchanged and the test sees exactly what a disk or constraint error would leave.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from domain.loader import Library
from storage import AuthoredRepo, Database, PracticeRepo, ScoreRepo, StorageError, UserInfo
from tests.security.conftest import finish, play, snapshot, turn_rows


@contextmanager
def failing_insert(db: Database, table: str, when: str = "1") -> Iterator[None]:
    """Make every insert into ``table`` matching ``when`` fail inside the database until the block ends."""
    with db.engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN {when} "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
        )
    try:
        yield
    finally:
        with db.engine.begin() as conn:
            conn.execute(text(f"DROP TRIGGER fail_{table}"))


def counts(db: Database) -> dict[str, int]:
    tables = ("practice_sessions", "session_turns", "scorecards", "overrides", "authored_documents", "users")
    with db.engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables}


def session_row(db: Database, record_id: str) -> dict[str, Any]:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT status, version, snapshot_json FROM practice_sessions WHERE id = :id"), {"id": record_id}
        ).one()
    return {"status": row.status, "version": row.version, "snapshot": row.snapshot_json}


def test_every_played_turn_is_stored(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    played = play(db, users["trainee"], library)
    record = PracticeRepo(db).get(users["trainee"], played.record_id)
    expected = played.session.to_snapshot()["turns"]
    assert [(t["speaker"], t["text"]) for t in record.turns] == [(t["speaker"], t["text"]) for t in expected]
    assert record.version == played.version
    assert record.snapshot["session"]["turns"] == expected


@pytest.mark.parametrize("failing_turn", [1, 2, 3])
def test_failed_turn_save_changes_nothing(
    db: Database, users: dict[str, UserInfo], library: Library, failing_turn: int
) -> None:
    trainee = users["trainee"]
    played = play(db, trainee, library, lines=())  # only the customer's opening line is saved
    before_counts, before_row = counts(db), session_row(db, played.record_id)
    session = played.session
    session.agent("Thank you for calling, can I have your name?")
    session.agent("Thanks, and the email on the account?")
    with (
        failing_insert(db, "session_turns", f"NEW.turn_index = {failing_turn}"),
        pytest.raises(IntegrityError, match="injected failure"),
    ):
        PracticeRepo(db).save_turns(
            trainee, played.record_id, expected_version=1, snapshot=snapshot(session), turns=turn_rows(session)
        )
    assert counts(db) == before_counts
    assert session_row(db, played.record_id) == before_row
    # the same save succeeds once the fault is gone: nothing half-written is in the way
    version = PracticeRepo(db).save_turns(
        trainee, played.record_id, expected_version=1, snapshot=snapshot(session), turns=turn_rows(session)
    )
    assert version == 2
    assert len(PracticeRepo(db).get(trainee, played.record_id).turns) == len(session.turns)


def test_failed_scorecard_keeps_session_open(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    trainee = users["trainee"]
    played = play(db, trainee, library)
    before_counts, before_row = counts(db), session_row(db, played.record_id)
    with failing_insert(db, "scorecards"), pytest.raises(IntegrityError, match="injected failure"):
        finish(db, trainee, library, played)
    assert counts(db) == before_counts
    assert session_row(db, played.record_id) == before_row  # still "active": the call can be ended again
    card_id = finish(db, trainee, library, played)
    record = PracticeRepo(db).get(trainee, played.record_id)
    assert record.status == "scored" and record.scorecard_id == card_id


def test_failed_override_leaves_scorecard_untouched(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    card_id = finish(db, users["trainee"], library, play(db, users["trainee"], library))
    scores = ScoreRepo(db)
    before = scores.get(users["supervisor"], card_id)
    criterion = next(iter(before.card["criteria"]))
    with failing_insert(db, "overrides"), pytest.raises(IntegrityError, match="injected failure"):
        scores.add_override(users["supervisor"], card_id, criterion=criterion, score=50.0, comment="too generous")
    after = scores.get(users["supervisor"], card_id)
    assert after.overrides == [] and after.card == before.card
    scores.add_override(users["supervisor"], card_id, criterion=criterion, score=50.0, comment="too generous")
    final = scores.get(users["supervisor"], card_id)
    assert [o.score for o in final.overrides] == [50.0]
    assert final.card == before.card  # the automatic score is never rewritten by an override


def test_failed_authored_save_keeps_history(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    repo = AuthoredRepo(db)
    yaml_v1 = (library.sources and _rubric_text(library)) or ""
    first = repo.save(users["trainer"], kind="rubric", doc_id="default", yaml_text=yaml_v1)
    with failing_insert(db, "authored_documents"), pytest.raises(StorageError):
        repo.save(users["trainer"], kind="rubric", doc_id="default", yaml_text=yaml_v1 + "\n# edited\n")
    history = repo.history(kind="rubric", doc_id="default")
    assert [(d.revision, d.yaml_text) for d in history] == [(first.revision, yaml_v1)]


def _rubric_text(library: Library) -> str:
    from pathlib import Path

    return Path(library.sources[("rubric", "default")]).read_text(encoding="utf-8")


def test_rubric_used_for_scores_is_never_rewritten(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    """A trainer's edit of a rubric adds a revision; scorecards keep the exact text they were scored with."""
    trainer, trainee = users["trainer"], users["trainee"]
    repo = AuthoredRepo(db)
    original = _rubric_text(library)
    r1 = repo.save(trainer, kind="rubric", doc_id="default", yaml_text=original)
    card_id = finish(db, trainee, library, play(db, trainee, library), rubric_yaml=r1.yaml_text)
    edited = original.replace("pass_mark", "pass_mark") + "\n# stricter closing\n"
    r2 = repo.save(trainer, kind="rubric", doc_id="default", yaml_text=edited)
    assert r2.revision == r1.revision + 1 and r2.id != r1.id
    history = {d.revision: d.yaml_text for d in repo.history(kind="rubric", doc_id="default")}
    assert history == {r1.revision: original, r2.revision: edited}
    stored = ScoreRepo(db).get(trainee, card_id)
    assert stored.rubric_yaml == original
    with db.engine.connect() as conn:  # no repository path updates an authored row in place
        rows = conn.execute(text("SELECT id, yaml_text FROM authored_documents ORDER BY id")).all()
    assert [(r.id, r.yaml_text) for r in rows] == [(r1.id, original), (r2.id, edited)]


def test_scorecard_json_round_trips(db: Database, users: dict[str, UserInfo], library: Library) -> None:
    played = play(db, users["trainee"], library)
    card_id = finish(db, users["trainee"], library, played)
    with db.engine.connect() as conn:
        raw = conn.execute(text("SELECT card_json, transcript_json FROM scorecards WHERE id=:i"), {"i": card_id}).one()
    transcript = json.loads(raw.transcript_json)
    assert [t["text"] for t in transcript["turns"]] == [t.text for t in played.session.transcript().turns]
    assert json.loads(raw.card_json)["criteria"]
