"""Resolution: the simulator's goal check when present, else commitment + the customer's final reaction."""

from __future__ import annotations

import pytest

from domain.rubric import Rubric
from scoring.engine import judge_criterion
from tests.scoring.transcripts import MODEL_CALL, make

ASK = [("agent", "Hi, how can I help?"), ("customer", "My parcel never arrived.")]


@pytest.mark.parametrize(("met", "low"), [(True, False), (False, True)])
def test_goal_check_is_the_evidence_in_practice(rubric: Rubric, met: bool, low: bool) -> None:
    t = make(MODEL_CALL, goal_check={"goal_met": met, "reason": "refund"})
    result = judge_criterion("resolution", t, rubric=rubric)
    assert (result.score is not None and result.score < 50) is low
    assert result.metrics["source"] == "simulator"


def test_outcome_labels_are_never_read(rubric: Rubric) -> None:
    good = judge_criterion("resolution", make(MODEL_CALL), rubric=rubric)
    labelled = judge_criterion("resolution", make(MODEL_CALL, outcome="failed"), rubric=rubric)
    assert good.score == labelled.score and labelled.metrics["source"] == "transcript"


@pytest.mark.parametrize(
    ("turns", "reaction", "passes"),
    [
        (
            [("agent", "I've sent a replacement and it will arrive on Friday."), ("customer", "Brilliant, cheers.")],
            "accepted",
            True,
        ),
        (
            [("agent", "I've sent a replacement."), ("customer", "That's not what I asked, I wanted a refund.")],
            "pushback",
            False,
        ),
        (
            [("agent", "I'm really sorry about that."), ("customer", "So you can't do anything. Forget it.")],
            "unresolved",
            False,
        ),
        ([("agent", "I'm so sorry to hear that, I understand."), ("customer", "Okay.")], "neutral", False),
    ],
)
def test_final_reaction_and_commitment(
    rubric: Rubric, turns: list[tuple[str, str]], reaction: str, passes: bool
) -> None:
    result = judge_criterion("resolution", make(ASK + turns), rubric=rubric)
    assert result.metrics["final_reaction"] == reaction
    assert result.score is not None and (result.score >= 50) is passes
    assert result.evidence and all(0 <= e.turn < len(ASK) + len(turns) for e in result.evidence)


def test_abandoned_contact_cannot_pass(rubric: Rubric) -> None:
    turns = [*ASK, ("agent", "I've reissued the parcel, it will arrive Friday."), ("customer", "Thanks.")]
    result = judge_criterion("resolution", make(turns, abandoned=True), rubric=rubric)
    assert result.score is not None and result.score < 50 and result.metrics["abandoned"]
