"""Service fixtures: a real migrated SQLite database with the demo accounts (wrapped in a workspace), and stored
contacts for the QA-loop services."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from domain.config import Settings
from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from services.workspace import Workspace, open_workspace
from storage import Database, PracticeRepo, ScoreRepo, UserInfo, UserRepo
from storage.seed import init_database
from tests.storage.conftest import reuse_password_hashes  # noqa: F401  (autouse: argon2 once per password)

CRITERIA = ("empathy", "policy_compliance", "accuracy")


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    db, _ = init_database(settings.sqlalchemy_url)
    yield open_workspace(settings=settings, db=db)
    db.dispose()


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database, _ = init_database(settings.sqlalchemy_url)
    yield database
    database.dispose()


@pytest.fixture
def users(db: Database) -> dict[str, UserInfo]:
    repo = UserRepo(db)
    return {u.username: u for u in repo.list()}


def make_card(
    transcript_id: str,
    overall: float | None,
    *,
    passed: bool | None = None,
    scores: dict[str, float] | None = None,
    auto_fail: list[str] | None = None,
) -> ScoreCard:
    scores = scores or {c: overall if overall is not None else 50.0 for c in CRITERIA}
    return ScoreCard.model_validate(
        {
            "transcript": transcript_id,
            "rubric": {"id": "default", "version": 1},
            "overall": overall,
            "passed": (overall is not None and overall >= 80) if passed is None else passed,
            "auto_fail": auto_fail or [],
            "criteria": {
                c: {
                    "score": v,
                    "weight": round(1 / len(scores), 3),
                    "evidence": [{"turn": 1, "quote": f"{c} quote"}],
                    "reasons": [f"{c} reason"],
                }
                for c, v in scores.items()
            },
        }
    )


def make_transcript(
    tid: str,
    customer: str = "I was charged twice for my bill!",
    agent: str = "I'm sorry about that double charge. Let me look at the account and put it right for you now.",
) -> Transcript:
    return Transcript.model_validate(
        {
            "id": tid,
            "channel": "phone",
            "turns": [
                {"speaker": "customer", "text": customer, "start": 0.0, "end": 2.0},
                {"speaker": "agent", "text": agent, "start": 2.5, "end": 95.0},
            ],
        }
    )


@pytest.fixture
def practise(db: Database) -> Callable[..., int]:
    """Store a finished practice session with this seed and score through PracticeRepo; returns its scorecard id."""
    counter = {"n": 0}

    def run(
        user: UserInfo,
        scenario_id: str,
        *,
        seed: int,
        overall: float,
        passed: bool | None = None,
        scores: dict[str, float] | None = None,
    ) -> int:
        counter["n"] += 1
        repo = PracticeRepo(db)
        rec = repo.start(user, scenario_id=scenario_id, snapshot={"session": {"seed": seed}})
        tid = f"practice-{counter['n']}"
        return repo.finish(
            user,
            rec.id,
            expected_version=rec.version,
            snapshot={"session": {"seed": seed}},
            turns=[],
            card=make_card(tid, overall, passed=passed, scores=scores),
            transcript=make_transcript(tid),
            rubric_yaml="",
        )

    return run


@pytest.fixture
def real_call(db: Database, users: dict[str, UserInfo]) -> Callable[..., int]:
    """Store a scored real contact of ``agent`` (a user) as a supervisor would; returns the scorecard id."""

    def run(
        agent: UserInfo,
        *,
        scores: dict[str, float],
        customer: str = "I was charged twice for my bill!",
        overall: float | None = None,
        auto_fail: list[str] | None = None,
    ) -> int:
        overall = overall if overall is not None else sum(scores.values()) / len(scores)
        tid = f"call-{agent.username}-{len(scores)}-{overall}"
        return ScoreRepo(db).add(
            users["supervisor"],
            card=make_card(tid, overall, scores=scores, auto_fail=auto_fail),
            transcript=make_transcript(tid, customer=customer),
            source="upload",
            agent_name=agent.username,
            user_id=agent.id,
        )

    return run
