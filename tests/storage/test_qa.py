"""The QA-loop tables on SQLite and PostgreSQL: migration 0004 up and down, disputes' access rules, constraints."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from storage import Database, ScoreRepo, StorageError, UserRepo
from storage.migrate import alembic_config
from storage.qa import DisputeRepo, LrsStatement, ScoreHistory
from storage.seed import DEMO_ACCOUNTS

QA_TABLES = {
    "qa_certification_plans",
    "qa_certificates",
    "qa_drills",
    "qa_disputes",
    "qa_dispute_events",
    "qa_score_history",
    "qa_lrs_statements",
}
NOW = datetime(2026, 11, 29, 12, 0)


def _seed(db: Database) -> int:
    users = UserRepo(db)
    for username, password, role, name in DEMO_ACCOUNTS:
        users.ensure(username, password, role=role, display_name=name)
    trainee = users.by_username("trainee")
    sup = users.by_username("supervisor")
    assert trainee and sup
    card = ScoreCard.model_validate(
        {
            "transcript": "c1",
            "rubric": {"id": "default", "version": 3},
            "overall": 50.0,
            "passed": False,
            "criteria": {"empathy": {"score": 50.0, "weight": 1.0}},
        }
    )
    transcript = Transcript.model_validate({"id": "c1", "turns": [{"speaker": "agent", "text": "hello"}]})
    return ScoreRepo(db).add(sup, card=card, transcript=transcript, agent_name="trainee", user_id=trainee.id)


def test_tables_exist(any_db: Database) -> None:
    assert set(inspect(any_db.engine).get_table_names()) >= QA_TABLES


def test_disputes_on_both_databases(any_db: Database) -> None:
    card = _seed(any_db)
    users = UserRepo(any_db)
    trainee, trainee2, sup = (users.by_username(n) for n in ("trainee", "trainee2", "supervisor"))
    assert trainee and trainee2 and sup
    repo = DisputeRepo(any_db)
    did = repo.open(trainee, card, criterion="empathy", comment="I was kind", now=NOW)
    assert repo.list(trainee2) == [] and [d.id for d in repo.list(sup)] == [did]
    with pytest.raises(StorageError):
        repo.get(trainee2, did)
    repo.resolve(sup, did, action="rejected", comment="evidence says otherwise", score=None, now=NOW)
    record = repo.get(trainee, did)
    assert (record.rubric_version, record.status, record.resolved_score) == (3, "rejected", 50.0)
    assert [s.action for s in record.steps] == ["opened", "rejected"]


def test_constraints(any_db: Database) -> None:
    card = _seed(any_db)
    with any_db.transaction() as s:
        s.add(ScoreHistory(scorecard_id=card, rubric_id="default", rubric_version=4, passed=True, card_json="{}"))
    with pytest.raises(IntegrityError), any_db.transaction() as s:
        s.add(ScoreHistory(scorecard_id=card, rubric_id="default", rubric_version=4, passed=False, card_json="{}"))
    with any_db.transaction() as s:
        s.add(LrsStatement(id="00000000-0000-5000-8000-000000000000", kind="practice", statement_json=json.dumps({})))
    with pytest.raises(IntegrityError), any_db.transaction() as s:
        s.add(LrsStatement(id="00000000-0000-5000-8000-000000000000", kind="practice", statement_json="{}"))


def test_downgrade_and_upgrade_again(sqlite_db: Database) -> None:
    from alembic import command

    _seed(sqlite_db)
    with sqlite_db.engine.begin() as connection:
        config = alembic_config(sqlite_db.engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    tables = set(inspect(sqlite_db.engine).get_table_names())
    assert not tables & QA_TABLES and "scorecards" in tables
    sqlite_db.upgrade()
    assert set(inspect(sqlite_db.engine).get_table_names()) >= QA_TABLES
    assert len(ScoreRepo(sqlite_db).list(UserRepo(sqlite_db).by_username("supervisor"))) == 1  # type: ignore[arg-type]
