"""Odd and hostile input: a clear error or a scorecard that says what it could not judge, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import LoadError
from domain.loader import load_library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from scoring import score_transcript
from tests.scoring.transcripts import MODEL_CALL, make


def test_empty_transcript_is_not_scorable(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    # Issue 14 changed this: an empty contact used to be a card of "not applicable" criteria.
    card = score_transcript(Transcript(id="empty"), rubric=rubric, policies=real_call_policies)
    assert card.overall is None and not card.passed
    assert card.not_scorable is not None and "no agent turns" in card.not_scorable
    assert card.criteria == {}


def test_only_customer_turns_is_not_scorable(rubric: Rubric, billing: Scenario, billing_policies: list[Policy]) -> None:
    card = score_transcript(
        make([("customer", "Hello?"), ("customer", "Is anyone there? I was charged twice!")]),
        rubric=rubric,
        scenario=billing,
        policies=billing_policies,
    )
    assert not card.passed and card.overall is None
    assert card.not_scorable is not None and "agent" in card.not_scorable


def test_unknown_speaker_is_rejected_by_the_transcript_model() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Transcript.model_validate({"id": "x", "turns": [{"speaker": "robot", "text": "hi"}]})


def test_system_turns_and_blank_text_are_tolerated(rubric: Rubric) -> None:
    turns = [("system", "call connected"), ("agent", ""), ("customer", "   "), *MODEL_CALL]
    card = score_transcript(make(turns), rubric=rubric)
    assert card.overall is not None
    assert all(e.turn < len(turns) for c in card.criteria.values() for e in c.evidence)


def test_partly_timed_transcript_is_estimated(rubric: Rubric) -> None:
    t = make(MODEL_CALL)
    t.turns[0].start, t.turns[0].end = 0.0, 3.0
    card = score_transcript(t, rubric=rubric)
    assert card.criteria["time_on_contact"].metrics["timed"] is False


def test_rubric_whose_weights_do_not_sum_to_one_is_a_load_error(tmp_path: Path) -> None:
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    (rubrics / "bad.yaml").write_text(
        "version: 1\nkind: rubric\nid: bad\ntitle: Bad\ncriteria:\n  empathy:\n    weight: 0.5\n"
        "  accuracy:\n    weight: 0.2\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as err:
        load_library(tmp_path)
    assert "bad.yaml" in str(err.value) and "not 1" in str(err.value)


def test_five_megabyte_transcript_is_scored_within_limits(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    t = make(MODEL_CALL * 2800)
    assert len(t.model_dump_json()) > 4_000_000
    card = score_transcript(t, rubric=rubric, policies=real_call_policies)
    assert card.overall is not None
    assert any("first 2000" in note for note in card.metadata["limits"])


def test_one_enormous_turn(rubric: Rubric) -> None:
    card = score_transcript(make([("customer", "hi"), ("agent", "word " * 1_100_000)]), rubric=rubric)
    assert card.criteria["empathy"].applicable
    assert any("characters" in note for note in card.metadata["limits"])


def test_invalid_policy_regex_is_rejected() -> None:
    # Issue 14 changed this: an invalid pattern used to be skipped and the rule reported as kept.
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="not a valid regular expression"):
        Policy.model_validate(
            {
                "version": 1,
                "id": "p",
                "title": "t",
                "rules": [{"id": "r", "kind": "forbidden_phrase", "description": "d", "phrases": ["(unclosed"]}],
            }
        )


_turn = st.fixed_dictionaries(
    {
        "speaker": st.sampled_from(["agent", "customer", "system"]),
        "text": st.one_of(
            st.text(max_size=80),
            st.sampled_from([line for _, line in MODEL_CALL]),
            st.sampled_from(["$59.99", "March 3", "calm down", "ACC-482177", "sorry", "three to five days"]),
        ),
    },
    optional={"start": st.floats(0, 500, allow_nan=False), "duration": st.floats(0, 30, allow_nan=False)},
)


def _to_transcript(turns: list[dict[str, object]], channel: str) -> Transcript:
    out = []
    for t in turns:
        t = dict(t)
        duration = t.pop("duration", None)
        if "start" in t and duration is not None:
            t["end"] = float(t["start"]) + float(duration)  # type: ignore[arg-type]
        out.append(t)
    return Transcript.model_validate({"id": "h", "channel": channel, "turns": out})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(_turn, max_size=14), channel=st.sampled_from(["phone", "chat", "email"]), use_sc=st.booleans())
def test_any_transcript_gives_a_valid_scorecard(
    rubric: Rubric,
    billing: Scenario,
    billing_policies: list[Policy],
    turns: list[dict[str, object]],
    channel: str,
    use_sc: bool,
) -> None:
    t = _to_transcript(turns, channel)
    card = score_transcript(
        t, rubric=rubric, scenario=billing if use_sc else None, policies=billing_policies if use_sc else ()
    )
    again = ScoreCard.model_validate_json(card.model_dump_json())
    assert again == card
    assert card.error is None
    if card.not_scorable is not None:
        assert not card.passed and card.overall is None and card.criteria == {}
        return
    assert set(card.criteria) == set(rubric.criteria)
    assert card.overall is None or 0 <= card.overall <= 100
    if card.passed:
        assert card.overall is not None and card.overall >= rubric.pass_mark and not card.auto_fail
    for c in card.criteria.values():
        assert c.reasons
        assert all(0 <= e.turn < len(t.turns) for e in c.evidence)
    assert not any("could not be judged" in r for c in card.criteria.values() for r in c.reasons)
