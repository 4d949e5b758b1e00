"""The customer answers plain questions from what it knows, and never reveals a hidden fact that way."""

from __future__ import annotations

import functools

import pytest

from domain.loader import Library, load_library
from domain.scenario import KnownFact, Scenario
from simulator.answers import (
    DONT_KNOW_CALM,
    DONT_KNOW_HEATED,
    covered_by_hidden,
    is_information_question,
    spoken_value,
)
from simulator.engine import AgentTurn, Step
from simulator.scripted import ScriptedEngine
from tests.simulator.agents import verified_state


@functools.cache
def _library() -> Library:
    """The bundled library, loaded once per test module (loading takes seconds; tests only read it)."""
    return load_library()


@pytest.fixture(scope="module")
def library() -> dict[str, Scenario]:
    return _library().scenarios


def _ask(sc: Scenario, engine: ScriptedEngine, line: str, *, revealed: tuple[str, ...] = ()) -> Step:
    return engine.step(sc, verified_state(sc, engine, revealed=revealed), AgentTurn(text=line))


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("What plan are you on at the moment?", "Home Fibre 300"),
        ("Which plan do you have with us?", "Home Fibre 300"),
        ("What's your postcode?", "90210"),
    ],
)
def test_a_wh_question_about_a_known_value_gets_the_value(
    library: dict[str, Scenario], engine: ScriptedEngine, line: str, says: str
) -> None:
    step = _ask(library["billing-double-charge"], engine, line)
    assert step.intent == "answer"
    assert says in step.text
    assert not step.revealed


@pytest.mark.parametrize(
    ("line", "start"),
    [("Is your postcode 90210?", "Yes"), ("Is your postcode 10001?", "No")],
)
def test_a_yes_no_question_about_a_value_is_checked_against_it(
    library: dict[str, Scenario], engine: ScriptedEngine, line: str, start: str
) -> None:
    step = _ask(library["billing-double-charge"], engine, line)
    assert step.text.startswith(start)
    assert "90210" in step.text or start == "Yes"


def test_a_known_fact_answers_with_its_statement_and_a_clear_polarity(
    library: dict[str, Scenario], engine: ScriptedEngine
) -> None:
    sc = library["billing-double-charge"]
    known = next(k for k in sc.knows if k.id == "paid_up")
    step = _ask(sc, engine, "Is your bill all paid?")
    assert step.text == f"Yes. {known.says}"
    assert not step.revealed


def test_an_unknowable_question_gets_i_dont_know_in_character(
    library: dict[str, Scenario], engine: ScriptedEngine
) -> None:
    heated = _ask(library["billing-double-charge"], engine, "What's the serial number on your router?")
    assert heated.intent == "dont_know" and heated.text in DONT_KNOW_HEATED
    calm = library["elderly-confused-bill"]
    assert calm.persona.temperament not in ("frustrated", "angry", "abusive", "suspicious")
    step = _ask(calm, engine, "What's the serial number on your router?")
    assert step.intent == "dont_know" and step.text in DONT_KNOW_CALM


def test_the_company_side_of_the_account_is_not_the_customers_to_know(
    library: dict[str, Scenario], engine: ScriptedEngine
) -> None:
    sc = library["billing-double-charge"]
    assert not sc.facts_by_id["refund_days"].known_to_customer
    step = _ask(sc, engine, "What's the refund time?")
    assert "business days" not in step.text
    assert step.intent == "dont_know"


def test_an_account_value_a_hidden_fact_describes_waits_for_its_reveal(
    library: dict[str, Scenario], engine: ScriptedEngine
) -> None:
    sc = library["billing-double-charge"]
    assert covered_by_hidden(sc, sc.facts_by_id["charge_date_2"]) == ["second_charge"]
    line = "What's the duplicate March charge?"
    before = _ask(sc, engine, line)
    assert "March 3" not in before.text or "second_charge" in before.revealed  # only the trigger may say it


def test_a_revealed_fact_is_repeated_when_asked_again(library: dict[str, Scenario], engine: ScriptedEngine) -> None:
    sc = library["billing-double-charge"]
    hidden = next(h for h in sc.hidden_facts if h.id == "called_before")
    step = _ask(sc, engine, "Had you already been in contact with us about this one?", revealed=("called_before",))
    assert step.intent == "answer" and step.text.startswith("Like I said")
    assert any(r[1:] in step.text for r in hidden.replies)
    assert not step.revealed


@pytest.mark.parametrize("sid", ["billing-double-charge", "payment-arrangement", "technical-tier2-fiber"])
def test_no_answer_ever_reveals_a_hidden_fact(library: dict[str, Scenario], engine: ScriptedEngine, sid: str) -> None:
    """Whatever the answer path says, a hidden fact's reply comes only with a reveal by its trigger."""
    sc = library[sid]
    lines = [
        "What plan are you on?",
        "What's your account number?",
        "How do you usually pay?",
        "When did this start?",
        "What's the address there?",
        "Is anything still owing?",
    ]
    for line in lines:
        step = _ask(sc, engine, line)
        if step.intent in ("answer", "dont_know"):
            assert not step.revealed
            for hidden in sc.hidden_facts:
                assert all(reply not in step.text for reply in hidden.replies)


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("What's your postcode?", True),
        ("Is anything still owing?", True),
        ("Would you like me to send that by email?", False),
        ("Shall I go ahead with that?", False),
        ("How are you today?", False),
        ("Is there anything else I can help with?", False),
        ("I've refunded the charge.", False),
    ],
)
def test_only_information_questions_are_answered(engine: ScriptedEngine, line: str, asks: bool) -> None:
    assert is_information_question(engine.hear(line)) is asks


def test_dates_are_spoken_like_a_person() -> None:
    sc = _library().scenarios["billing-double-charge"]
    assert spoken_value(sc.facts_by_id["charge_date_2"]) == "March 3"
    assert spoken_value(sc.facts_by_id["monthly_charge"]) == "$59.99"


def test_a_known_fact_needs_a_question() -> None:
    with pytest.raises(ValueError, match="at least one question"):
        KnownFact(id="x", says="Something.")
