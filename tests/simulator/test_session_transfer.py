"""Transfer (to another team) and Escalate (to a supervisor) are two different hand-ons, each with its own end.

Policy: transfer if and only if the problem is another team's. A scenario says its problem is another team's with
an acceptable resolution that ends ``transferred``; every shipped scenario's problem is the agent's own.
"""

from __future__ import annotations

import pytest

from domain.loader import Library
from domain.scenario import Resolution, Scenario
from simulator.clock import ManualClock
from simulator.scripted import ScriptedEngine
from simulator.session import Session, SessionEndedError
from simulator.text import fill

GREETING = "Good morning, thanks for calling, my name is Sam. This call is recorded. How can I help?"
VERIFY = "Could you confirm your account number and postcode please?"
IN_SCOPE = ["billing-double-charge", "slow-wifi-chat", "late-fee-supervisor", "cancellation-retention"]


def started(sc: Scenario, engine: ScriptedEngine, *, seed: int = 3) -> Session:
    session = Session.start(sc, engine=engine, seed=seed, clock=ManualClock(), agent_opens=sc.agent_opens)
    session.agent(GREETING)
    session.agent(VERIFY)
    return session


def out_of_scope(sc: Scenario) -> Scenario:
    """The same customer, but the problem belongs to another team (the transfer is the right resolution)."""
    handed_on = Resolution.model_validate(
        {
            "id": "to-the-right-team",
            "description": "Transfer to the team that handles it.",
            "when": {"keywords": ["put you through to"]},
            "replies": ["Oh, that makes sense. Thanks, I'll hold for them."],
            "end_state": "transferred",
        }
    )
    return sc.model_copy(update={"resolutions": [*sc.resolutions, handed_on]})


@pytest.mark.parametrize("scenario_id", IN_SCOPE)
def test_an_in_scope_transfer_ends_transferred_and_the_customer_objects(
    library: Library, engine: ScriptedEngine, scenario_id: str
) -> None:
    sc = library.scenario(scenario_id)
    session = started(sc, engine)
    anger_before = session.state.anger
    accepted_before = list(session.state.accepted)
    reply = session.transfer()
    assert reply.end_state == session.end_state == "transferred" and session.ended
    assert reply.text in {fill(line, sc) for line in sc.lines.transferred}
    assert reply.anger > anger_before  # passed around with a problem this team should have handled
    assert session.state.accepted == accepted_before  # no resolution came of it
    system = [(t.text, t.action) for t in session.turns if t.speaker == "system"]
    assert system == [("[transfer]", "transfer")]
    assert reply.turn_index == len(session.turns) - 1 and session.turns[-1].speaker == "customer"
    meta = session.transcript().metadata
    assert meta["end_state"] == "transferred"
    with pytest.raises(SessionEndedError):
        session.transfer()


@pytest.mark.parametrize("scenario_id", IN_SCOPE)
def test_escalate_is_the_engines_supervisor_hand_on(library: Library, engine: ScriptedEngine, scenario_id: str) -> None:
    sc = library.scenario(scenario_id)
    escalated = started(sc, engine)
    transferred = started(sc, engine)
    e, t = escalated.escalate(), transferred.transfer()
    assert (e.end_state, t.end_state) == ("escalated", "transferred")
    assert [x.text for x in escalated.turns if x.speaker == "system"] == ["[escalate]"]
    escalation_lines = {fill(line, sc) for line in sc.lines.escalated} | {
        fill(line, sc) for r in sc.resolutions if r.requires_escalation for line in r.replies
    }
    assert e.text in escalation_lines and e.text != t.text


def test_a_transfer_to_the_team_the_problem_belongs_to_is_accepted(library: Library, engine: ScriptedEngine) -> None:
    sc = out_of_scope(library.scenario("billing-double-charge"))
    session = started(sc, engine)
    anger_before = session.state.anger
    reply = session.transfer()
    assert reply.end_state == "transferred"
    assert reply.text == "Oh, that makes sense. Thanks, I'll hold for them."
    assert session.state.accepted[-1] == "to-the-right-team" and reply.anger == anger_before
    assert session.transcript().metadata["accepted_resolutions"][-1] == "to-the-right-team"


def test_a_transferred_contact_survives_a_snapshot(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("billing-double-charge")
    session = started(sc, engine)
    session.transfer()
    restored = Session.from_snapshot(sc, session.to_snapshot(), engine=engine, clock=ManualClock())
    assert restored.end_state == "transferred" and restored.ended
    assert [t.to_dict() for t in restored.turns] == [t.to_dict() for t in session.turns]


def test_a_transfer_before_the_greeting_says_nothing_of_the_problem(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("billing-double-charge")
    session = Session.start(sc, engine=engine, seed=3, clock=ManualClock(), agent_opens=True)
    opening = session.pending_opening
    session.transfer()
    assert session.pending_opening is None and session.ended
    assert opening not in [t.text for t in session.turns]


def test_a_transfer_takes_the_caller_off_hold(library: Library, engine: ScriptedEngine) -> None:
    session = started(library.scenario("billing-double-charge"), engine)
    session.hold()
    session.transfer()
    assert not session.state.on_hold
