"""End-to-end scoring of hand-written calls where the right judgement is obvious."""

from __future__ import annotations

import json

import pytest

from domain.loader import Library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from scoring import score_transcript, score_with_library
from scoring.engine import judge_criterion
from tests.scoring.transcripts import DISCLOSE_FIRST, MODEL_CALL, RUDE_CALL, WRONG_REFUND, asr_style, make, timed


@pytest.fixture(params=["scenario", "real-call"])
def setup(
    request: pytest.FixtureRequest, billing: Scenario, billing_policies: list[Policy], real_call_policies: list[Policy]
) -> tuple[Scenario | None, list[Policy]]:
    if request.param == "scenario":
        return billing, billing_policies
    return None, real_call_policies


def test_model_call_passes(rubric: Rubric, setup: tuple[Scenario | None, list[Policy]]) -> None:
    scenario, policies = setup
    card = score_transcript(make(MODEL_CALL), rubric=rubric, scenario=scenario, policies=policies)
    assert card.passed, card.criteria
    assert card.auto_fail == []
    assert card.overall is not None and card.overall >= rubric.pass_mark
    assert card.criteria["policy_compliance"].score == 100
    assert card.criteria["empathy"].score is not None and card.criteria["empathy"].score >= 80


def test_disclosure_before_verification_fails_with_evidence_at_that_turn(
    rubric: Rubric, setup: tuple[Scenario | None, list[Policy]]
) -> None:
    scenario, policies = setup
    card = score_transcript(make(DISCLOSE_FIRST), rubric=rubric, scenario=scenario, policies=policies)
    compliance = card.criteria["policy_compliance"]
    assert not card.passed
    assert "critical-policy" in card.auto_fail
    assert compliance.score is not None and compliance.score <= 50
    assert [e.turn for e in compliance.evidence] == [2]
    violations = compliance.metrics["violations"]
    assert violations[0]["rule"] == "verify-before-disclose"
    assert violations[0]["severity"] == "critical"
    assert violations[0]["turn"] == 2
    assert any("turn 2" in tip for tip in card.coaching)


def test_verification_first_is_not_flagged_when_the_same_facts_follow(
    rubric: Rubric, billing: Scenario, billing_policies: list[Policy]
) -> None:
    card = score_transcript(make(MODEL_CALL), rubric=rubric, scenario=billing, policies=billing_policies)
    assert card.criteria["policy_compliance"].metrics["violations"] == []


def test_wrong_refund_amount_fails_accuracy(rubric: Rubric, billing: Scenario, billing_policies: list[Policy]) -> None:
    good = score_transcript(make(MODEL_CALL), rubric=rubric, scenario=billing, policies=billing_policies)
    bad = score_transcript(make(WRONG_REFUND), rubric=rubric, scenario=billing, policies=billing_policies)
    accuracy = bad.criteria["accuracy"]
    assert good.criteria["accuracy"].score == 100
    assert accuracy.score is not None and accuracy.score < 50
    assert 6 in [e.turn for e in accuracy.evidence]
    assert any("$49.99" in r and "$59.99" in r for r in accuracy.reasons)
    assert any("7 to 10 business days" in r for r in accuracy.reasons)
    assert not bad.passed


def test_accuracy_uses_metadata_facts_for_real_calls(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    facts = {"Duplicate charge": "$59.99", "Refund time": "3 to 5 business days"}
    right = score_transcript(make(MODEL_CALL, facts=facts), rubric=rubric, policies=real_call_policies)
    wrong = score_transcript(make(WRONG_REFUND, facts=facts), rubric=rubric, policies=real_call_policies)
    none = score_transcript(make(MODEL_CALL), rubric=rubric, policies=real_call_policies)
    assert right.criteria["accuracy"].score == 100
    assert wrong.criteria["accuracy"].score is not None and wrong.criteria["accuracy"].score < 50
    assert not none.criteria["accuracy"].applicable


@pytest.mark.parametrize(("gap", "loses_points"), [(0.8, False), (2.0, False), (20.0, True), (45.0, True)])
def test_dead_air_loses_time_points(rubric: Rubric, gap: float, loses_points: bool) -> None:
    base = score_transcript(timed(MODEL_CALL), rubric=rubric).criteria["time_on_contact"]
    card = score_transcript(timed(MODEL_CALL, gaps={7: gap}), rubric=rubric)
    time = card.criteria["time_on_contact"]
    assert time.score is not None and base.score is not None
    if loses_points:
        assert time.score <= base.score - 15
        assert 7 in [e.turn for e in time.evidence]
        assert time.metrics["dead_air"][0]["seconds"] == pytest.approx(gap, abs=0.1)
    else:
        assert time.score == base.score


def test_announced_hold_is_not_dead_air(rubric: Rubric) -> None:
    turns = [
        *MODEL_CALL[:4],
        ("agent", "Thanks. I'm going to place you on a brief hold while I check that."),
        *MODEL_CALL[5:],
    ]
    card = score_transcript(timed(turns, gaps={5: 40.0}), rubric=rubric)
    time = card.criteria["time_on_contact"]
    assert time.metrics["dead_air"] == []
    assert time.metrics["hold_seconds"] == pytest.approx(40.0, abs=0.1)


def test_long_call_over_target_loses_points(rubric: Rubric) -> None:
    card = score_transcript(timed(MODEL_CALL, gaps={i: 2.0 for i in range(1, 11)}), rubric=rubric)
    slow = rubric.model_copy(update={"time_target_seconds": 30})
    over = score_transcript(timed(MODEL_CALL), rubric=slow)
    assert over.criteria["time_on_contact"].score is not None
    assert over.criteria["time_on_contact"].score < 80
    assert any("over the 30 s target" in r for r in over.criteria["time_on_contact"].reasons)
    assert card.criteria["time_on_contact"].applicable


def test_untimed_transcript_says_time_is_estimated(rubric: Rubric) -> None:
    time = score_transcript(make(MODEL_CALL), rubric=rubric).criteria["time_on_contact"]
    assert time.metrics["timed"] is False
    assert any("estimated" in r for r in time.reasons)


@pytest.mark.parametrize("scenario_used", [True, False])
def test_rude_call_scores_low_on_empathy(
    rubric: Rubric, billing: Scenario, billing_policies: list[Policy], scenario_used: bool
) -> None:
    card = score_transcript(
        make(RUDE_CALL),
        rubric=rubric,
        scenario=billing if scenario_used else None,
        policies=billing_policies,
    )
    empathy = card.criteria["empathy"]
    assert empathy.score is not None and empathy.score < 30
    assert "abusive-agent" in card.auto_fail
    assert {2, 4, 6} <= {e.turn for e in empathy.evidence}
    assert not card.passed


@pytest.mark.parametrize(
    ("reply", "direction"),
    [
        ("I'm so sorry, that sounds really frustrating. Let me fix it for you now.", "up"),
        ("That's your own fault, you should have read the bill.", "down"),
    ],
)
def test_one_reply_moves_empathy_the_right_way(rubric: Rubric, reply: str, direction: str) -> None:
    base_turns = [
        ("customer", "I was charged twice and I'm really angry about it."),
        ("agent", "Okay. Account number?"),
    ]
    changed = [base_turns[0], ("agent", reply)]
    base = judge_criterion("empathy", make(base_turns), rubric=rubric).score
    new = judge_criterion("empathy", make(changed), rubric=rubric).score
    assert base is not None and new is not None
    assert (new > base) if direction == "up" else (new < base)


def test_overall_renormalises_over_applicable_criteria(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    card = score_transcript(make(MODEL_CALL), rubric=rubric, policies=real_call_policies)
    assert not card.criteria["accuracy"].applicable
    assert card.criteria["accuracy"].score is None
    used = {n: c for n, c in card.criteria.items() if c.applicable}
    expected = sum(c.weight * (c.score or 0) for c in used.values()) / sum(c.weight for c in used.values())
    assert card.overall == pytest.approx(expected, abs=0.06)


def test_scorecard_json_matches_the_contract(rubric: Rubric, billing: Scenario, billing_policies: list[Policy]) -> None:
    card = score_transcript(
        make(MODEL_CALL, ident="call-0001"), rubric=rubric, scenario=billing, policies=billing_policies
    )
    data = json.loads(card.model_dump_json())
    assert set(data) >= {"transcript", "rubric", "overall", "passed", "auto_fail", "criteria", "coaching"}
    assert data["transcript"] == "call-0001"
    assert data["rubric"] == {"id": "default", "version": rubric.version}
    assert set(data["criteria"]) == set(rubric.criteria)
    for result in data["criteria"].values():
        assert {"score", "weight", "applicable", "evidence", "reasons"} <= set(result)
        for ev in result["evidence"]:
            assert set(ev) == {"turn", "quote"} and isinstance(ev["turn"], int) and ev["quote"]
    assert ScoreCard.model_validate(data) == card


def test_coaching_gives_at_most_three_tips_tied_to_turns(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    card = score_transcript(make(RUDE_CALL), rubric=rubric, policies=real_call_policies)
    assert 1 <= len(card.coaching) <= 3
    for item in card.metadata["coaching_evidence"]:
        assert item["turn"] is not None and 0 <= item["turn"] < len(RUDE_CALL)


def test_score_with_library_resolves_scenario_and_policies(library: Library) -> None:
    card = score_with_library(make(DISCLOSE_FIRST), library=library, scenario_ref="billing-double-charge")
    assert card.metadata["scenario"] == "billing-double-charge"
    assert card.metadata["policies"] == library.scenario("billing-double-charge").policies
    real = score_with_library(make(DISCLOSE_FIRST), library=library)
    assert real.metadata["policies"] == library.rubric("default").policies


def test_scoring_never_mutates_shared_objects(
    rubric: Rubric, billing: Scenario, billing_policies: list[Policy]
) -> None:
    before = (rubric.model_dump_json(), billing.model_dump_json(), [p.model_dump_json() for p in billing_policies])
    transcript = make(DISCLOSE_FIRST)
    t_before = transcript.model_dump_json()
    first = score_transcript(transcript, rubric=rubric, scenario=billing, policies=billing_policies)
    second = score_transcript(transcript, rubric=rubric, scenario=billing, policies=billing_policies)
    assert first == second
    assert transcript.model_dump_json() == t_before
    assert before == (
        rubric.model_dump_json(),
        billing.model_dump_json(),
        [p.model_dump_json() for p in billing_policies],
    )


@pytest.mark.parametrize(
    ("turns", "expect"),
    [(MODEL_CALL, "pass"), (DISCLOSE_FIRST, "compliance"), (WRONG_REFUND, "accuracy")],
    ids=["model", "disclose-first", "wrong-refund"],
)
def test_speech_recognised_text_is_judged_the_same_way(
    rubric: Rubric, billing: Scenario, billing_policies: list[Policy], turns: list[tuple[str, str]], expect: str
) -> None:
    card = score_transcript(make(asr_style(turns)), rubric=rubric, scenario=billing, policies=billing_policies)
    if expect == "pass":
        assert card.passed, card.criteria
    elif expect == "compliance":
        assert card.auto_fail == ["critical-policy"]
        assert card.criteria["policy_compliance"].evidence[0].turn == 2
    else:
        accuracy = card.criteria["accuracy"]
        assert accuracy.score is not None and accuracy.score < 50
        assert any("forty nine" in r for r in accuracy.reasons)


def test_concurrent_scoring_matches_sequential(
    rubric: Rubric, billing: Scenario, billing_policies: list[Policy]
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    calls = [make(t, ident=f"c{i}") for i, t in enumerate([MODEL_CALL, DISCLOSE_FIRST, WRONG_REFUND, RUDE_CALL] * 3)]

    def one(t: object) -> ScoreCard:
        return score_transcript(t, rubric=rubric, scenario=billing, policies=billing_policies)  # type: ignore[arg-type]

    sequential = [one(t) for t in calls]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(one, calls))
    assert parallel == sequential


@pytest.mark.parametrize(
    "reply",
    ["sorry understand refund credit", "I'm sorry you're without service.", "Sorry about that. Next question."],
)
def test_a_flat_apology_is_unhelpful_not_abusive(rubric: Rubric, reply: str) -> None:
    """The encoder reads some bare apologies as cold; the card must not call the agent abusive for them."""
    turns = [
        ("agent", "Hello, this is Sam at Acme."),
        ("customer", "I was charged twice and I'm furious!"),
        ("agent", reply),
        ("customer", "So are you going to fix it?"),
        ("agent", reply),
    ]
    card = score_transcript(make(turns), rubric=rubric)
    empathy = card.criteria["empathy"]
    assert "abusive-agent" not in card.auto_fail
    assert empathy.metrics["abusive_turns"] == []
    assert empathy.score is not None and empathy.score < 70  # no warmth earned either
