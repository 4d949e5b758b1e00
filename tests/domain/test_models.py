"""Domain models: the contracts of DESIGN.md, strict for authored files, lenient for transcripts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from domain import CriterionResult, Rubric, ScoreCard, Transcript

DESIGN_TRANSCRIPT = {
    "id": "call-0001",
    "channel": "phone",
    "language": "en",
    "turns": [
        {"speaker": "customer", "text": "I was charged twice!", "start": 0.0, "end": 2.4},
        {"speaker": "agent", "text": "I'm sorry about that, let me look.", "start": 2.9, "end": 5.1},
    ],
}

DESIGN_SCORECARD = {
    "transcript": "call-0001",
    "rubric": {"id": "default", "version": 3},
    "overall": 82.5,
    "passed": True,
    "auto_fail": [],
    "criteria": {
        "empathy": {
            "score": 75.0,
            "weight": 0.2,
            "applicable": True,
            "evidence": [{"turn": 1, "quote": "I'm sorry about that"}],
            "reasons": ["acknowledged the double charge"],
        },
        "accuracy": {"score": None, "weight": 0.3, "applicable": False, "evidence": [], "reasons": ["no facts"]},
    },
    "coaching": ["Verify identity before discussing the charge."],
}


def test_design_transcript_parses() -> None:
    t = Transcript.model_validate(DESIGN_TRANSCRIPT)
    assert [turn.speaker for turn in t.turns] == ["customer", "agent"]
    assert t.timed and t.duration == pytest.approx(5.1)
    assert t.agent_turns[0][0] == 1


def test_transcript_keeps_unknown_keys_as_metadata() -> None:
    t = Transcript.model_validate({**DESIGN_TRANSCRIPT, "agent_name": "Sam", "queue": "billing"})
    assert t.metadata == {"agent_name": "Sam", "queue": "billing"}
    again = Transcript.model_validate_json(t.model_dump_json())
    assert again.metadata == t.metadata


def test_turn_extra_keys_are_kept() -> None:
    t = Transcript.model_validate(
        {"id": "x", "turns": [{"speaker": "agent", "text": "hi", "confidence": 0.9, "acts": ["greeting"]}]}
    )
    assert t.turns[0].model_extra == {"confidence": 0.9, "acts": ["greeting"]}


@pytest.mark.parametrize(
    "turn",
    [
        {"speaker": "robot", "text": "hi"},
        {"speaker": "agent"},
        {"speaker": "agent", "text": "hi", "start": 3.0, "end": 1.0},
        {"speaker": "agent", "text": "hi", "start": -1.0},
    ],
)
def test_bad_turns_are_rejected(turn: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Transcript.model_validate({"id": "x", "turns": [turn]})


def test_design_scorecard_round_trips() -> None:
    card = ScoreCard.model_validate(DESIGN_SCORECARD)
    dumped = card.to_json_dict()
    for key in ("transcript", "rubric", "overall", "passed", "auto_fail", "criteria", "coaching"):
        assert dumped[key] == json.loads(json.dumps(DESIGN_SCORECARD))[key] or key == "criteria"
    assert dumped["criteria"]["accuracy"]["score"] is None
    assert dumped["criteria"]["empathy"]["evidence"] == [{"turn": 1, "quote": "I'm sorry about that"}]


def test_not_applicable_criterion_has_no_score() -> None:
    with pytest.raises(ValidationError, match="not applicable"):
        CriterionResult(score=0.0, weight=0.2, applicable=False)
    na = CriterionResult.not_applicable(weight=0.2, reason="no timestamps")
    assert na.score is None and na.reasons == ["no timestamps"]


def test_rubric_weights_must_sum_to_one() -> None:
    base = {"version": 1, "id": "r", "title": "R"}
    Rubric.model_validate({**base, "criteria": {"empathy": {"weight": 0.5}, "accuracy": {"weight": 0.5}}})
    with pytest.raises(ValidationError, match=r"weights add up to 0\.9"):
        Rubric.model_validate({**base, "criteria": {"empathy": {"weight": 0.5}, "accuracy": {"weight": 0.4}}})


def test_authored_models_are_frozen(library) -> None:  # type: ignore[no-untyped-def]
    scenario = next(iter(library.scenarios.values()))
    with pytest.raises(ValidationError):
        scenario.title = "changed"


speakers = st.sampled_from(["agent", "customer", "system"])
turns = st.fixed_dictionaries({"speaker": speakers, "text": st.text(max_size=50)})


@given(st.lists(turns, max_size=8), st.dictionaries(st.text(min_size=1, max_size=10), st.integers(), max_size=3))
def test_any_wellformed_transcript_round_trips(turn_list: list[dict[str, str]], extra: dict[str, int]) -> None:
    data: dict[str, object] = {"id": "t", "turns": turn_list}
    for key, value in extra.items():
        data.setdefault(key, value)
    try:
        t = Transcript.model_validate(data)
    except ValidationError:
        return  # an extra key collided with a field name and had the wrong type: a clear error is fine
    assert Transcript.model_validate_json(t.model_dump_json()) == t


@pytest.mark.parametrize(
    ("value", "ok"), [("2026-03-09", True), ("2026-02-30", False), ("March 9", False), (None, True)]
)
def test_call_date_is_a_real_day(library, value: str | None, ok: bool) -> None:  # type: ignore[no-untyped-def]
    data = library.scenario("billing-double-charge").model_dump()
    data["call_date"] = value
    if ok:
        assert type(library.scenario("billing-double-charge")).model_validate(data).call_date == value
    else:
        with pytest.raises(ValidationError, match="call_date"):
            type(library.scenario("billing-double-charge")).model_validate(data)
