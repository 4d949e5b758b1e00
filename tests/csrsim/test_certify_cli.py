"""``csrsim certify plan/status`` over stored practice sessions: seeds must differ before a certificate appears."""

from __future__ import annotations

import pytest

from csrsim.main import run
from domain.config import Settings
from storage import PracticeRepo, UserRepo, open_database
from tests.services.conftest import make_card, make_transcript


def _practise(settings: Settings, seed: int, overall: float) -> None:
    db = open_database(settings.sqlalchemy_url)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    repo = PracticeRepo(db)
    rec = repo.start(trainee, scenario_id="billing-double-charge", snapshot={"session": {"seed": seed}})
    tid = f"p-{seed}-{overall}"
    repo.finish(
        trainee,
        rec.id,
        expected_version=rec.version,
        snapshot={"session": {"seed": seed}},
        turns=[],
        card=make_card(tid, overall),
        transcript=make_transcript(tid),
        rubric_yaml="",
    )
    db.dispose()


def test_plan_and_status(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["init", "--quiet"]) == 0
    assert run(["certify", "status"]) == 0
    assert "no certification plans" in capsys.readouterr().out
    assert run(["certify", "plan", "trainee", "billing-double-charge", "--k", "2", "--max-attempts", "4"]) == 0
    assert "plan 1: trainee certifies" in capsys.readouterr().out
    _practise(settings, 5, 90)
    _practise(settings, 5, 92)
    assert run(["certify", "status", "trainee"]) == 0
    out = capsys.readouterr().out
    assert "in progress\t1/2\t80.0\t2/4" in out
    _practise(settings, 6, 85)
    assert run(["certify", "status"]) == 0
    assert "\tcertified\t2/2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["certify", "plan", "trainee", "no-such-scenario"], "unknown scenario"),
        (["certify", "plan", "nobody", "billing-double-charge"], "no user 'nobody'"),
        (["certify", "plan", "supervisor", "billing-double-charge"], "for trainees"),
        (["certify", "plan", "trainee", "billing-double-charge", "--by", "trainee2"], "may not"),
    ],
)
def test_errors(settings: Settings, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert run(["init", "--quiet"]) == 0
    assert run(args) == 1
    assert message in capsys.readouterr().err
