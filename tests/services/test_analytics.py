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


def test_headline_applies_overrides_with_the_automatic_score_beside_it() -> None:
    o = OverrideRecord(id=1, scorecard_id=1, criterion="empathy", score=100.0, comment="c", by="sup", created_at=T0)
    plain = record(1, {"empathy": 60.0, "accuracy": 80.0})
    reviewed = record(1, {"empathy": 60.0, "accuracy": 80.0}, overrides=[o])
    assert analytics.headline(plain) == analytics.Headline(70.0, False, 70.0, False)
    h = analytics.headline(reviewed)
    assert (h.overall, h.automatic, h.changed, h.passed) == (90.0, 70.0, True, True)
    row = analytics.overall_frame([reviewed]).iloc[0]
    assert (row["overall"], row["automatic"], row["result"]) == (90.0, 70.0, "PASS")
    assert analytics.pass_rate([reviewed]) == 1.0


def test_not_scorable_contacts_are_left_out_of_averages_and_never_pass() -> None:
    records = [record(1, {"empathy": None}), record(2, {"empathy": 40.0}), record(3, {"empathy": 90.0})]
    assert analytics.scorable(records) == records[1:]
    assert analytics.pass_rate(records) == 0.5  # 1 of the 2 scorable, not 1 of 3
    assert analytics.average_overall(records) == 65.0
    assert analytics.overall_frame(records)["result"].tolist() == [analytics.NOT_SCORABLE, "FAIL", "PASS"]
    assert analytics.pass_rate(records[:1]) is None and analytics.average_overall(records[:1]) is None


def test_trend_has_dates_readable_names_and_one_decimal() -> None:
    records = [
        record(1, {"policy_compliance": 40.0}),
        record(2, {"policy_compliance": 50.0}),  # same day: averaged
        record(3, {"policy_compliance": 100 / 3}),
    ]
    records[2] = records[2].__class__(**{**records[2].__dict__, "created_at": T0 + timedelta(days=2)})
    wide = analytics.trend(analytics.criteria_frame(records))
    assert list(wide.columns) == ["Policy compliance"]
    assert [d.date().isoformat() for d in wide.index] == ["2026-11-01", "2026-11-03"]
    assert wide["Policy compliance"].tolist() == [45.0, 33.3]
    named = analytics.trend(analytics.criteria_frame(records), label=lambda c: c.upper())
    assert list(named.columns) == ["POLICY_COMPLIANCE"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [1, 2, 3]),
        ({"teams": ["red"]}, [1, 3]),
        ({"channels": ["chat"]}, [2]),
        ({"since": (T0 + timedelta(days=1)).date()}, [2, 3]),
        ({"until": T0.date()}, [1]),
        ({"teams": ["red"], "channels": ["phone"], "since": T0.date(), "until": T0.date()}, [1]),
    ],
)
def test_filters_by_team_date_and_channel(kwargs, expected) -> None:  # type: ignore[no-untyped-def]
    base = [record(i, {"empathy": 50.0}) for i in (1, 2, 3)]
    changes = [
        {"user_id": 10, "transcript": {"channel": "phone"}},
        {"user_id": 11, "transcript": {"channel": "chat"}, "created_at": T0 + timedelta(days=1)},
        {"user_id": 12, "transcript": {"channel": "phone"}, "created_at": T0 + timedelta(days=2)},
    ]
    records = [r.__class__(**{**r.__dict__, **c}) for r, c in zip(base, changes, strict=True)]
    teams = {10: "red", 11: "blue", 12: "red"}
    shown = analytics.filter_records(records, teams_by_user=teams, **kwargs)
    assert [r.id for r in shown] == expected


def test_suggestion_avoids_the_scenario_just_played(library: Library) -> None:
    frame = analytics.criteria_frame([record(1, {"empathy": 10.0, "accuracy": 90.0})])
    _, first = analytics.suggest_scenario(frame, library) or ("", "")
    _, second = analytics.suggest_scenario(frame, library, exclude=[first]) or ("", "")
    assert second and second != first
