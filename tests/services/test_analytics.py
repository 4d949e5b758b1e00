"""Dashboard tables: overrides win, weakest criteria first, suggestions follow the weakest skill."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.loader import Library
from services import analytics
from storage.types import OverrideRecord, ScoreRecord

T0 = datetime(2026, 11, 1, 9, 0)


def record(i: int, scores: dict[str, float | None], *, agent: str = "trainee", overrides=()) -> ScoreRecord:  # type: ignore[no-untyped-def]
    criteria = {
        k: {"score": v, "weight": 0.25, "applicable": v is not None, "evidence": [], "reasons": []}
        for k, v in scores.items()
    }
    real = [v for v in scores.values() if v is not None]
    overall = sum(real) / len(real) if real else None
    return ScoreRecord(
        id=i,
        user_id=1,
        agent_name=agent,
        source="practice",
        transcript_id=f"t{i}",
        scenario_id="s",
        session_id=None,
        rubric_id="default",
        rubric_version=1,
        rubric_revision=None,
        rubric_yaml="",
        overall=overall,
        passed=bool(overall and overall >= 80),
        card={"criteria": criteria, "overall": overall},
        transcript={},
        created_at=T0 + timedelta(hours=i),
        overrides=list(overrides),
    )


def test_override_replaces_final_but_keeps_automatic_score() -> None:
    o = OverrideRecord(id=1, scorecard_id=1, criterion="empathy", score=90.0, comment="c", by="sup", created_at=T0)
    frame = analytics.criteria_frame([record(1, {"empathy": 40.0, "accuracy": 70.0}, overrides=[o])])
    row = frame[frame["criterion"] == "empathy"].iloc[0]
    assert row["score"] == 40.0 and row["final"] == 90.0


def test_not_applicable_is_left_out_not_zero() -> None:
    frame = analytics.criteria_frame([record(1, {"empathy": 50.0, "accuracy": None})])
    assert list(frame["criterion"]) == ["empathy"]


def test_weakest_first_and_pass_rate() -> None:
    records = [record(1, {"empathy": 40.0, "accuracy": 90.0}), record(2, {"empathy": 60.0, "accuracy": 95.0})]
    weak = analytics.weakest_criteria(analytics.criteria_frame(records))
    assert list(weak["criterion"]) == ["empathy", "accuracy"] and weak["mean"][0] == 50.0
    assert analytics.pass_rate(records) == 0.0
    assert analytics.pass_rate([]) is None


@pytest.mark.parametrize("weak_skill", ["empathy", "accuracy", "policy_compliance"])
def test_suggestion_practises_the_weakest_skill(library: Library, weak_skill: str) -> None:
    scores = {"empathy": 90.0, "accuracy": 90.0, "policy_compliance": 90.0, weak_skill: 20.0}
    skill, scenario_id = analytics.suggest_scenario(analytics.criteria_frame([record(1, scores)]), library) or ("", "")
    assert skill == weak_skill
    assert weak_skill in [str(s) for s in library.scenarios[scenario_id].skills]


def test_suggestion_without_history(library: Library) -> None:
    assert analytics.suggest_scenario(analytics.criteria_frame([]), library) is not None
