"""Who opens: an inbound phone call waits for the agent; the opening line is said once, after the greeting."""

from __future__ import annotations

import pytest

from domain.loader import Library
from simulator.clock import ManualClock
from simulator.scripted import ScriptedEngine
from simulator.session import Session

GREETING = "Thank you for calling, my name is Alex, this call is recorded. How can I help?"


@pytest.mark.parametrize(
    ("scenario", "opens", "expected"),
    [
        ("billing-double-charge", None, True),  # inbound phone: the agent answers
        ("slow-wifi-chat", None, False),  # a chat opens with the customer's message
        ("unrecognised-charge-email", None, False),  # an email is the customer's first
        ("outbound-credit-followup", None, False),  # outbound: the customer picks up ("Hello?")
        ("billing-double-charge", "customer", False),  # the scenario can say otherwise
        ("slow-wifi-chat", "agent", True),
    ],
)
def test_who_opens(library: Library, scenario: str, opens: str | None, expected: bool) -> None:
    sc = library.scenarios[scenario]
    if opens is not None:
        sc = sc.model_copy(update={"opens": opens})
    assert sc.agent_opens is expected


def test_agent_opened_call_states_the_problem_once_after_the_greeting(library: Library) -> None:
    sc = library.scenarios["billing-double-charge"]
    session = Session.start(sc, engine=ScriptedEngine(), seed=3, clock=ManualClock(), agent_opens=True)
    assert session.turns == [] and session.opening == ""
    waiting = session.pending_opening
    assert waiting
    restored = Session.from_snapshot(sc, session.to_snapshot(), engine=ScriptedEngine(), clock=ManualClock())
    assert restored.pending_opening == waiting  # survives a save and resume
    reply = restored.agent(GREETING)
    assert reply.text == waiting and reply.turn_index == 1
    assert [t.speaker for t in restored.turns] == ["agent", "customer"] and restored.pending_opening is None
    second = restored.agent("I'm sorry to hear that. Can I have your account number and postcode?")
    assert second.text != waiting  # not restated


def test_hanging_up_before_the_greeting_leaves_nothing_said(library: Library) -> None:
    sc = library.scenarios["billing-double-charge"]
    session = Session.start(sc, engine=ScriptedEngine(), seed=3, clock=ManualClock(), agent_opens=True)
    session.end_call()
    assert session.ended and session.pending_opening is None
    assert [t.speaker for t in session.transcript().turns] == ["system"]


def test_escalate_is_recorded_apart_from_transfer(library: Library) -> None:
    sc = library.scenarios["billing-double-charge"]
    one = Session.start(sc, engine=ScriptedEngine(), seed=3, clock=ManualClock())
    two = Session.start(sc, engine=ScriptedEngine(), seed=3, clock=ManualClock())
    one.escalate()
    two.transfer()
    assert [t.text for t in one.turns if t.speaker == "system"] == ["[escalate]"]
    assert [t.text for t in two.turns if t.speaker == "system"] == ["[transfer]"]
    assert (one.end_state, two.end_state) == ("escalated", "transferred")
    actions = [t.model_extra.get("action") for t in one.transcript().turns if t.speaker == "system" and t.model_extra]
    assert actions == ["escalate"]
