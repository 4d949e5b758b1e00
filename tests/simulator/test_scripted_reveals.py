"""Routine closing and admin questions do not reveal hidden facts; real questions about the fact still do."""

from __future__ import annotations

import functools

import pytest

from domain.acts import Act
from domain.loader import Library, load_library
from language.questions import question_type
from simulator.engine import AgentTurn, Step
from simulator.hearing import REVEAL_THRESHOLD, ROUTINE_QUESTIONS, requests_something
from simulator.measure import _prepared
from simulator.scripted import ScriptedEngine
from simulator.triggers import asked_clauses


@functools.cache
def _library() -> Library:
    """The bundled library, loaded once per test module (loading takes seconds; tests only read it)."""
    return load_library()


def _first_turn(engine: ScriptedEngine, sid: str, line: str) -> Step:
    """The customer's answer to ``line`` in a fresh, verified session of scenario ``sid``."""
    sc = _library().scenarios[sid]
    st = _prepared(sc, engine, seed=0, revealed=[], calm=False)
    return engine.step(sc, st, AgentTurn(text=line))


CASES = [
    ("elderly-confused-bill", "Is there anything else about your statement I can clear up for you?"),
    ("refuses-verification", "Do you want future bills emailed to you?"),
    ("sim-swap-fraud", "What number are you phoning us from today?"),
    ("late-fee-supervisor", "Is the address for your paper statements still right?"),
    ("technical-tier2-fiber", "What's a good number for the engineer to call when he's outside?"),
]


@pytest.mark.parametrize(("sid", "line"), CASES)
def test_a_routine_question_reveals_nothing(engine: ScriptedEngine, sid: str, line: str) -> None:
    step = _first_turn(engine, sid, line)
    assert step.revealed == [], step.notes


@pytest.mark.parametrize(
    ("sid", "line", "fact"),
    [
        ("billing-double-charge", "Have you rung us about this before?", "called_before"),
        ("payment-arrangement", "How much could you afford to pay each time?", "can_pay"),
        ("technical-tier2-fiber", "Have you tried turning things off and on again?", "already_restarted"),
    ],
)
def test_a_real_question_still_reveals(engine: ScriptedEngine, sid: str, line: str, fact: str) -> None:
    step = _first_turn(engine, sid, line)
    assert fact in step.revealed, step.notes


def test_routine_phrasings_are_not_any_facts_own_examples() -> None:
    """The guard's examples are ours and generic: none doubles as a scenario's reveal example."""
    examples = {e for sc in _library().scenarios.values() for h in sc.hidden_facts for e in h.reveal_when.examples}
    assert not examples & set(ROUTINE_QUESTIONS)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Please let us know what the repair will cost.", True),
        ("Please could you send the photos over when you get a chance.", True),
        ("If you can read me the figures on the meter, I'll fix the bill.", True),
        ("Any proof of postage would help me a lot here.", True),
        ("Describe the lights on the box for me.", True),
        ("Okay. Talk me through the payments you can see.", True),
        ("Right, and the new postcode, please.", True),
        ("Give me a second to open the account.", False),
        ("I'll explain the charge in a moment.", False),
        ("I've refunded the charge to your card.", False),
        ("Thanks for waiting, I can see the account now.", False),
        ("If you can't make Tuesday, that's fine.", False),
    ],
)
def test_requests_in_the_imperative_are_recognised(line: str, expected: bool) -> None:
    assert requests_something(line) is expected


@pytest.mark.parametrize(
    ("sid", "line", "fact"),
    [
        # None of these is a question to language.questions: the imperative request is what lets them reveal.
        (
            "installer-damage-email",
            "If you can send the plumber's invoice and a few pictures, we'll review it.",
            "has_evidence",
        ),
        ("installer-damage-email", "Please let us know what the ceiling work has been priced at.", "ceiling_quote"),
        ("abusive-equipment-fee", "Any slip or receipt from the post office would help us clear this.", "has_receipt"),
    ],
)
def test_a_request_without_a_question_mark_reveals(engine: ScriptedEngine, sid: str, line: str, fact: str) -> None:
    sc = _library().scenarios[sid]
    trig = next(h.reveal_when for h in sc.hidden_facts if h.id == fact)
    st = _prepared(sc, engine, seed=0, revealed=list(trig.requires_facts), calm=False, max_anger=trig.max_anger)
    step = engine.step(sc, st, AgentTurn(text=line))
    assert not question_type(line).is_question
    assert fact in step.revealed, step.notes


@pytest.mark.parametrize(
    ("sid", "line"),
    [
        ("installer-damage-email", "Please let us know which email address the reply should go to."),
        ("abusive-equipment-fee", "Please let me know if you'd like paperless billing."),
        ("installer-damage-email", "Please send: invoice? photos? receipts? quote?"),
    ],
)
def test_an_unrelated_or_keyword_request_reveals_nothing(engine: ScriptedEngine, sid: str, line: str) -> None:
    step = _first_turn(engine, sid, line)
    assert step.revealed == [], step.notes


@pytest.mark.parametrize(
    ("sid", "line", "fact"),
    [
        # Imperatives with no "please" and no question mark (language.questions does not call them questions).
        ("technical-tier2-fiber", "Describe the lights on that white box on your wall for me.", "red_los_light"),
        ("billing-double-charge", "Talk me through the two payments your bank shows.", "second_charge"),
    ],
)
def test_an_imperative_without_please_reveals(engine: ScriptedEngine, sid: str, line: str, fact: str) -> None:
    step = _first_turn(engine, sid, line)
    assert not question_type(line).is_question
    assert fact in step.revealed, step.notes


def test_a_flow_edge_does_not_swallow_a_fact_question(engine: ScriptedEngine) -> None:
    """The code keyword moves the flow to 'trusting'; the same turn asks whether a code would do."""
    step = _first_turn(
        engine, "refuses-verification", "Would it be alright if I sent a one-time code to your own mobile?"
    )
    assert any(n.startswith("flow:") for n in step.notes), step.notes
    assert "would_accept_code" in step.revealed, step.notes


@pytest.mark.parametrize(
    ("line", "reveals"),
    [("Have you even restarted anything? How many times?", True), ("Whatever. Not my problem, is it.", False)],
)
def test_a_question_heard_as_rude_still_gets_its_fact(engine: ScriptedEngine, line: str, reveals: bool) -> None:
    """Mood and meaning are separate: a curt question angers the customer and is answered; a rude remark
    that asks nothing reveals nothing."""
    step = _first_turn(engine, "technical-tier2-fiber", line)
    assert Act.RUDE in step.acts
    assert "customer heard the agent as rude or dismissive" in step.notes
    assert ("already_restarted" in step.revealed) is reveals, step.notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sorry to keep you, Ms Lee, which room is the router in?", ["which room is the router in?"]),
        ("I hear you - have you tried it with a cable at all?", ["have you tried it with a cable at all?"]),
        # Not a question on its own, too short, or no question at all: nothing extra is heard.
        ("Anything else I can look at, apart from the two late fees?", []),
        ("You're on the 10GB plan, right?", []),
        ("I've refunded it, and it will show in three days.", []),
        ("Which room is the router in?", []),
    ],
)
def test_asked_clauses(text: str, expected: list[str]) -> None:
    assert asked_clauses(text) == expected


def test_a_question_after_a_long_preamble_reveals(engine: ScriptedEngine) -> None:
    """The whole sentence is below the bar (its preamble dilutes it); the asked clause alone is above."""
    sc = _library().scenarios["angry-repeat-caller"]
    line = "Sorry you have had to ring us again about this, Mr Reyes, what have you done with the kit so far?"
    heard = engine.hear(line)
    fact = next(h for h in sc.hidden_facts if h.id == "already_tried")
    bank = [*fact.reveal_when.examples, fact.description]
    assert heard.closeness(bank)[0] < REVEAL_THRESHOLD <= heard.closeness(bank, clauses=True)[0]
    assert "already_tried" in _first_turn(engine, "angry-repeat-caller", line).revealed
