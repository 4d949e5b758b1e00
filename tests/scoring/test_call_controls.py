"""Call controls pressed in practice (``[transfer]``, ``[escalate]`` system records) score like the words would:
a transfer is a transfer under *transfer iff out of scope*, Escalate is an escalation, and a control record is no
one's speech (it never triggers a rule meant for what the customer said)."""

from __future__ import annotations

import pytest

from domain.loader import Library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.transcript import Transcript
from scoring.engine import judge_criterion

GREETING = "Good morning, thank you for calling Skyway, my name is Sam, how can I help you today?"
IN_SCOPE = "I'd like to change my flight to Friday please."
OUT_OF_SCOPE = "My suitcase was lost on the flight from Denver."


def contact(customer: str, agent: str, control: str | None) -> Transcript:
    turns = [
        {"speaker": "agent", "text": GREETING},
        {"speaker": "customer", "text": customer},
        {"speaker": "agent", "text": agent},
    ]
    if control:
        turns.append({"speaker": "system", "text": f"[{control}]", "action": control})
    return Transcript.model_validate({"id": "c", "channel": "chat", "turns": turns})


def violations(t: Transcript, rubric: Rubric, policies: list[Policy]) -> set[str]:
    result = judge_criterion("policy_compliance", t, rubric=rubric, policies=policies)
    return {str(v["rule"]) for v in result.metrics.get("violations", [])}


@pytest.mark.parametrize(
    ("customer", "control", "violated"),
    [
        (OUT_OF_SCOPE, "transfer", False),  # another team's problem, transferred with the control: right
        (OUT_OF_SCOPE, None, True),  # never transferred
        (OUT_OF_SCOPE, "escalate", True),  # a supervisor is not the baggage team
        (IN_SCOPE, "transfer", True),  # the agent's own problem passed on
        (IN_SCOPE, None, False),
    ],
)
def test_a_pressed_transfer_is_a_transfer(
    library: Library, rubric: Rubric, customer: str, control: str | None, violated: bool
) -> None:
    policy = library.policies["skyway-customer-commitment"]
    t = contact(customer, "Let me look into that for you, one moment please while I check the booking.", control)
    assert ("transfer-only-out-of-scope" in violations(t, rubric, [policy])) is violated


@pytest.mark.parametrize("control", ["escalate", "transfer"])
def test_a_control_record_never_triggers_a_rule_on_what_the_customer_asked(
    library: Library, rubric: Rubric, control: str
) -> None:
    """``[escalate]`` must not read as the customer asking for a supervisor (which then 'was never offered')."""
    policy = library.policies["escalation"]
    t = contact(IN_SCOPE, "Let me look into that for you, one moment please while I check the booking.", control)
    assert violations(t, rubric, [policy]) == set()


def test_escalate_answers_a_request_for_a_supervisor(library: Library, rubric: Rubric) -> None:
    policy = library.policies["escalation"]
    asked = "This is ridiculous, I want to speak to a supervisor now."
    refused = "I'm afraid I can't do anything more about it today, sorry about that."
    assert "offer-supervisor" in violations(contact(asked, refused, None), rubric, [policy])
    assert violations(contact(asked, refused, "escalate"), rubric, [policy]) == set()
    assert "offer-supervisor" in violations(contact(asked, refused, "transfer"), rubric, [policy])
