"""Security-test fixtures: a migrated file database (real SQLite file, WAL) and practice helpers.

The helpers drive storage exactly as ``ui.practice`` does (start, then ``save_turns`` after every
turn with the optimistic version), so what these tests prove holds for the app's own writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from domain.config import Settings
from domain.loader import Library
from simulator import Session, make_engine
from storage import Database, PracticeRepo, UserInfo, UserRepo, open_database
from storage.seed import init_database

LINES = (
    "Thank you for calling, my name is Alex. Can I have your full name please?",
    "Thanks. Could you confirm the email address on the account?",
    "I am so sorry about the double charge, let me look into that for you.",
    "I can see the duplicate payment and I will refund it today.",
)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo accounts, built once (argon2 hashing is slow on purpose)."""
    path = tmp_path_factory.mktemp("template") / "csr_coach.db"
    database, _ = init_database(f"sqlite:///{path}")
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def db(settings: Settings, template_db: Path) -> Iterator[Database]:
    """A fresh copy of the template as the settings' database file (a real file, WAL mode)."""
    target = settings.data_dir / "csr_coach.db"
    shutil.copyfile(template_db, target)
    database = open_database(settings.sqlalchemy_url, upgrade=True)
    yield database
    database.dispose()


@pytest.fixture
def users(db: Database) -> dict[str, UserInfo]:
    repo = UserRepo(db)
    return {u.username: u for u in repo.list()}


@dataclass
class Played:
    record_id: str
    version: int
    session: Session


def turn_rows(session: Session, audio: dict[int, str] | None = None) -> list[dict[str, Any]]:
    audio = audio or {}
    return [{**t, "audio_path": audio.get(i)} for i, t in enumerate(session.to_snapshot()["turns"])]


def snapshot(session: Session) -> dict[str, Any]:
    return {"session": session.to_snapshot(), "audio": {}}


def play(
    db: Database,
    user: UserInfo,
    library: Library,
    *,
    lines: tuple[str, ...] = LINES,
    scenario: str = "billing-double-charge",
    seed: int = 7,
) -> Played:
    """Start a call and save after every agent line, as the Practice page does."""
    repo = PracticeRepo(db)
    session = Session.start(library.scenario(scenario), engine=make_engine("scripted"), seed=seed)
    repo.start(user, scenario_id=scenario, snapshot=snapshot(session), turns=turn_rows(session), session_id=session.id)
    version = 1
    for line in lines:
        if session.ended:
            break
        session.agent(line)
        version = repo.save_turns(
            user, session.id, expected_version=version, snapshot=snapshot(session), turns=turn_rows(session)
        )
    return Played(session.id, version, session)


def finish(db: Database, user: UserInfo, library: Library, played: Played, *, rubric_yaml: str = "") -> int:
    """End and score the call and store the scorecard in the same transaction (``PracticeRepo.finish``)."""
    import scoring

    session = played.session
    if not session.ended:
        session.end_call()
    sc = session.scenario
    transcript = session.transcript()
    card = scoring.score_transcript(
        transcript, rubric=library.rubric(sc.rubric), scenario=sc, policies=library.policies_for(sc)
    )
    return PracticeRepo(db).finish(
        user,
        played.record_id,
        expected_version=played.version,
        snapshot=snapshot(session),
        turns=turn_rows(session),
        card=card,
        transcript=transcript,
        rubric_yaml=rubric_yaml,
    )
