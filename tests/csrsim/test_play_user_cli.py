"""``csrsim play SCENARIO --user NAME`` records the call exactly as the app does: saved every turn, scored and
stored, the assignment done, drills closed, certification evaluated and LRS statements queued."""

from __future__ import annotations

import io
import json

import pytest

from csrsim.main import run
from domain.config import Settings
from domain.loader import load_library
from services import drills, lrs
from storage import AssignmentRepo, PracticeRepo, ScoreRepo, UserRepo, open_database
from storage.qa import LrsStatement
from tests.services.conftest import make_card, make_transcript
from tests.simulator.agents import BILLING_GOOD_CALL

GOOD = BILLING_GOOD_CALL


def _play(monkeypatch: pytest.MonkeyPatch, args: list[str], lines: list[str]) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    return run(["play", *args])


def _drill_for_trainee(settings: Settings) -> int:
    """A real call of the trainee failed on empathy; the supervisor drills them on billing-double-charge."""
    db = open_database(settings.sqlalchemy_url)
    users = UserRepo(db)
    trainee, sup = users.by_username("trainee"), users.by_username("supervisor")
    assert trainee is not None and sup is not None
    card = ScoreRepo(db).add(
        sup,
        card=make_card("call-1", 40.0, scores={"empathy": 20.0, "accuracy": 60.0}),
        transcript=make_transcript("call-1"),
        source="upload",
        agent_name="trainee",
        user_id=trainee.id,
    )
    drill = drills.assign_drill(db, load_library(), sup, card, criterion="empathy", scenario_id="billing-double-charge")
    db.dispose()
    return drill


def test_recorded_calls_certify_close_the_drill_and_queue_lrs_statements(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", "--quiet"]) == 0
    assert run(["certify", "plan", "trainee", "billing-double-charge", "--k", "2"]) == 0
    drill = _drill_for_trainee(settings)
    capsys.readouterr()

    assert _play(monkeypatch, ["billing-double-charge", "--user", "trainee", "--seed", "4"], GOOD) == 0
    out = capsys.readouterr().out
    assert "== end: resolved" in out and "recording for trainee" in out
    assert f"drill(s) closed: {drill}" in out and "certified" not in out
    assert "2 statement(s) queued" in out  # completed + passed

    # a second pass with the same seed does not certify (pass^k needs different customers) ...
    assert _play(monkeypatch, ["billing-double-charge", "--user", "trainee", "--seed", "4"], GOOD) == 0
    assert "certified" not in capsys.readouterr().out
    # ... a pass with another seed does, and the certificate is queued for the LRS too
    assert _play(monkeypatch, ["billing-double-charge", "--user", "trainee", "--seed", "7"], GOOD) == 0
    out = capsys.readouterr().out
    assert "certified: plan(s) 1" in out and "3 statement(s) queued" in out

    db = open_database(settings.sqlalchemy_url)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    sessions = PracticeRepo(db).list(trainee)
    assert len(sessions) == 3 and {s.status for s in sessions} == {"scored"}
    assert all(len(PracticeRepo(db).get(trainee, s.id).turns) >= 2 * len(GOOD) for s in sessions)
    assert AssignmentRepo(db).list(trainee, open_only=True) == []
    assert drills.drills_for(db, trainee)[0].closed
    with db.transaction() as s:
        kinds = sorted(r.kind for r in s.query(LrsStatement))
    assert kinds == ["certificate"] + ["practice"] * 6
    assert lrs.collect(db) == 0  # what was queued at once is what collect would build: nothing twice
    db.dispose()

    assert run(["certify", "status", "trainee"]) == 0
    assert "certified" in capsys.readouterr().out
    assert run(["rescore", "--rubric", "default", "--source", "practice", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rescored"] == 3


def test_unknown_user_and_no_score_are_refused(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", "--quiet"]) == 0
    assert _play(monkeypatch, ["billing-double-charge", "--user", "nobody"], GOOD) == 1
    assert "no active user 'nobody'" in capsys.readouterr().err
    assert _play(monkeypatch, ["billing-double-charge", "--user", "trainee", "--no-score"], GOOD) != 0
    assert "--no-score cannot be used with --user" in capsys.readouterr().err


def test_end_of_input_scores_the_recorded_call(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", "--quiet"]) == 0
    assert _play(monkeypatch, ["late-fee-supervisor", "--user", "trainee"], ["Hello there."]) == 0
    out = capsys.readouterr().out
    assert "== end: agent_ended" in out and "stored as scorecard 1" in out and "(fail)" in out
