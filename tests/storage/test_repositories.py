"""Repositories on SQLite and PostgreSQL: auth and lockout, versions, ownership, optimistic concurrency."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.scorecard import CriterionResult, RubricRef, ScoreCard
from domain.transcript import Transcript, Turn
from storage import (
    AccountLockedError,
    AssignmentRepo,
    AuthError,
    AuthoredRepo,
    Database,
    PracticeRepo,
    ScoreRepo,
    StaleSessionError,
    StorageError,
    UserInfo,
    UserRepo,
)
from storage.models import utcnow
from storage.passwords import LOCK_DURATION, MAX_FAILURES
from storage.seed import DEMO_ACCOUNTS, init_database


def user(db: Database, name: str) -> UserInfo:
    found = UserRepo(db).by_username(name)
    assert found is not None
    return found


def card(transcript_id: str = "t1", empathy: float = 60.0) -> ScoreCard:
    return ScoreCard(
        transcript=transcript_id,
        rubric=RubricRef(id="default", version=1),
        overall=empathy,
        passed=empathy >= 80,
        criteria={
            "empathy": CriterionResult(score=empathy, weight=0.5),
            "accuracy": CriterionResult.not_applicable(weight=0.5, reason="no facts"),
        },
    )


TRANSCRIPT = Transcript(id="t1", turns=[Turn(speaker="customer", text="hi"), Turn(speaker="agent", text="hello")])


def test_demo_accounts_log_in(any_db: Database) -> None:
    for username, password, role, _ in DEMO_ACCOUNTS:
        assert UserRepo(any_db).authenticate(username, password).role == role


def test_password_is_hashed_with_argon2(any_db: Database) -> None:
    from sqlalchemy import select

    from storage.models import User

    with any_db.transaction() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "trainee"))
    assert stored is not None and stored.startswith("$argon2id$") and "trainee-demo" not in stored


def test_lockout_after_max_failures_and_expiry(any_db: Database) -> None:
    users = UserRepo(any_db)
    now = utcnow()
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AuthError, match=r"^Wrong user name or password\.$"):
            users.authenticate("trainee", "wrong", now=now)
    with pytest.raises(AccountLockedError):
        users.authenticate("trainee", "wrong", now=now)
    with pytest.raises(AccountLockedError, match="locked"):
        users.authenticate("trainee", "trainee-demo", now=now + timedelta(minutes=1))
    later = now + LOCK_DURATION + timedelta(seconds=1)
    assert users.authenticate("trainee", "trainee-demo", now=later).username == "trainee"


def test_unknown_user_and_wrong_password_read_the_same(any_db: Database) -> None:
    with pytest.raises(AuthError, match="Wrong user name or password"):
        UserRepo(any_db).authenticate("nobody", "whatever1")


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("x", "long-enough", "trainee", "invalid user name"),
        ("ok-name", "short", "trainee", "too short"),
        ("ok-name", "long-enough", "boss", "unknown role"),
        ("trainee", "long-enough", "trainee", "already exists"),
    ],
)
def test_bad_new_users_are_refused(any_db: Database, name: str, password: str, role: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        UserRepo(any_db).create(name, password, role=role)


def test_init_is_idempotent(settings) -> None:  # type: ignore[no-untyped-def]
    db1, first = init_database(settings.sqlalchemy_url)
    db2, second = init_database(settings.sqlalchemy_url)
    assert first.created == [a[0] for a in DEMO_ACCOUNTS] and second.created == []
    assert len(UserRepo(db2).list()) == len(DEMO_ACCOUNTS)
    db1.dispose()
    db2.dispose()


def test_authored_saves_make_new_revisions(any_db: Database) -> None:
    repo = AuthoredRepo(any_db)
    trainer = user(any_db, "trainer")
    g0 = repo.generation()
    repo.save(trainer, kind="rubric", doc_id="default", yaml_text="v: 1")
    repo.save(trainer, kind="rubric", doc_id="default", yaml_text="v: 2")
    repo.save(trainer, kind="scenario", doc_id="x", yaml_text="s")
    assert [d.revision for d in repo.history(kind="rubric", doc_id="default")] == [2, 1]
    latest = {(d.kind, d.doc_id): d.yaml_text for d in repo.latest_all()}
    assert latest == {("rubric", "default"): "v: 2", ("scenario", "x"): "s"}
    assert repo.generation() > g0
    with pytest.raises(StorageError, match="may not"):
        repo.save(user(any_db, "trainee"), kind="rubric", doc_id="default", yaml_text="hack")


def test_scorecard_keeps_its_rubric_text_and_overrides_sit_beside(any_db: Database) -> None:
    scores = ScoreRepo(any_db)
    sup, trainee, other = user(any_db, "supervisor"), user(any_db, "trainee"), user(any_db, "trainee2")
    cid = scores.add(sup, card=card(), transcript=TRANSCRIPT, user_id=trainee.id, rubric_yaml="rubric v1 text")
    AuthoredRepo(any_db).save(user(any_db, "trainer"), kind="rubric", doc_id="default", yaml_text="rubric v2 text")
    scores.add_override(sup, cid, criterion="empathy", score=90.0, comment="warm tone on the audio")
    rec = scores.get(trainee, cid)
    assert rec.rubric_yaml == "rubric v1 text" and rec.card["criteria"]["empathy"]["score"] == 60.0
    assert [(o.score, o.by) for o in rec.overrides] == [(90.0, "supervisor")]
    with pytest.raises(StorageError):
        scores.get(other, cid)
    assert scores.list(other) == []
    assert scores.list(other, user_id=trainee.id) == []  # asking for someone else's id changes nothing
    with pytest.raises(StorageError, match="may not"):
        scores.add_override(trainee, cid, criterion="empathy", score=100.0, comment="me")
    with pytest.raises(StorageError, match="comment"):
        scores.add_override(sup, cid, criterion="empathy", score=10.0, comment="  ")
    with pytest.raises(StorageError, match="not on this scorecard"):
        scores.add_override(sup, cid, criterion="charisma", score=10.0, comment="x")


def test_practice_optimistic_concurrency(any_db: Database) -> None:
    repo = PracticeRepo(any_db)
    trainee = user(any_db, "trainee")
    rec = repo.start(trainee, scenario_id="s", snapshot={"n": 0}, turns=[{"speaker": "customer", "text": "hi"}])
    turns = [{"speaker": "customer", "text": "hi"}, {"speaker": "agent", "text": "hello"}]
    v2 = repo.save_turns(trainee, rec.id, expected_version=rec.version, snapshot={"n": 1}, turns=turns)
    assert v2 == rec.version + 1
    with pytest.raises(StaleSessionError, match="another tab"):
        repo.save_turns(trainee, rec.id, expected_version=rec.version, snapshot={"n": 99}, turns=[*turns, turns[1]])
    saved = repo.get(trainee, rec.id)
    assert saved.snapshot == {"n": 1} and [t["text"] for t in saved.turns] == ["hi", "hello"]
    with pytest.raises(StorageError):
        repo.save_turns(user(any_db, "trainee2"), rec.id, expected_version=v2, snapshot={}, turns=turns)
    card_id = repo.finish(
        trainee,
        rec.id,
        expected_version=v2,
        snapshot={"n": 2},
        turns=turns,
        card=card(),
        transcript=TRANSCRIPT,
        rubric_yaml="r",
    )
    assert repo.get(trainee, rec.id).status == "scored" and repo.get(trainee, rec.id).scorecard_id == card_id
    assert repo.unfinished(trainee) == []
    with pytest.raises(StaleSessionError):  # a scored session cannot be written again
        repo.save_turns(trainee, rec.id, expected_version=v2 + 1, snapshot={}, turns=turns)


def test_failed_finish_rolls_back_everything(any_db: Database) -> None:
    repo = PracticeRepo(any_db)
    trainee = user(any_db, "trainee")
    rec = repo.start(trainee, scenario_id="s", snapshot={})
    with pytest.raises(StaleSessionError):
        repo.finish(
            trainee,
            rec.id,
            expected_version=99,
            snapshot={},
            turns=[],
            card=card(),
            transcript=TRANSCRIPT,
            rubric_yaml="r",
        )
    assert ScoreRepo(any_db).list(trainee) == [] and repo.get(trainee, rec.id).status == "active"


def test_assignments_are_per_trainee(any_db: Database) -> None:
    repo = AssignmentRepo(any_db)
    trainer, t1, t2 = user(any_db, "trainer"), user(any_db, "trainee"), user(any_db, "trainee2")
    repo.assign(trainer, trainee_id=t1.id, scenario_id="a")
    repo.assign(trainer, trainee_id=t2.id, scenario_id="b")
    assert [a.scenario_id for a in repo.list(t1, trainee_id=t2.id)] == ["a"]
    assert {a.scenario_id for a in repo.list(trainer)} == {"a", "b"}
    with pytest.raises(StorageError):
        repo.assign(t1, trainee_id=t2.id, scenario_id="x")
    with pytest.raises(StorageError, match="only be assigned to trainees"):
        repo.assign(trainer, trainee_id=trainer.id, scenario_id="x")
    repo.complete(t1, scenario_id="a")
    assert repo.list(t1, open_only=True) == []


def test_export_and_delete_user(any_db: Database) -> None:
    trainee = user(any_db, "trainee")
    rec = PracticeRepo(any_db).start(trainee, scenario_id="s", snapshot={}, turns=[{"speaker": "agent", "text": "x"}])
    ScoreRepo(any_db).add(user(any_db, "supervisor"), card=card(), transcript=TRANSCRIPT, user_id=trainee.id)
    data = UserRepo(any_db).export("trainee")
    assert data["practice_sessions"][0]["id"] == rec.id and len(data["scorecards"]) == 1
    UserRepo(any_db).delete("trainee")
    assert UserRepo(any_db).by_username("trainee") is None
    assert ScoreRepo(any_db).list(user(any_db, "supervisor")) == []
