"""Every library scenario's customer answers plain questions from its own facts, and leaks no hidden fact.

The questions (``answers_library_cases``) are reworded, not copied from the scenarios' examples: a
``knows`` item, an account value, a yes/no checked against a value, and the company's side of the
account ("I don't know") per scenario. A second set sits close to a hidden fact and must be left to
the reveal trigger. Whatever the answer path says, no hidden fact comes out of it.
"""

from __future__ import annotations

import pytest

from domain.loader import load_library
from domain.scenario import Scenario
from simulator.answers import DONT_KNOW_CALM, DONT_KNOW_HEATED, answer_question, covered_by_hidden, spoken_value
from simulator.engine import AgentTurn
from simulator.hearing import REVEAL_THRESHOLD
from simulator.scripted import ScriptedEngine
from simulator.text import mentioned_facts, normalise
from tests.simulator.agents import verified_state
from tests.simulator.answers_library_cases import CASES, LEFT_TO_REVEAL

LIBRARY: dict[str, Scenario] = load_library().scenarios
ENGLISH = sorted(sid for sid, sc in LIBRARY.items() if sc.language == "en")


def _case_params() -> list[object]:
    return [pytest.param(sid, q, exp, id=f"{sid}-{q}") for sid, cases in CASES.items() for q, exp in cases]


def test_every_english_scenario_has_questions_and_knows() -> None:
    assert sorted(CASES) == ENGLISH
    for sid in ENGLISH:
        assert 4 <= len(LIBRARY[sid].knows) <= 8, sid


@pytest.mark.parametrize(("sid", "question", "expected"), _case_params())
def test_a_question_gets_the_answer_the_persona_knows(
    engine: ScriptedEngine, sid: str, question: str, expected: tuple[str, str]
) -> None:
    sc = LIBRARY[sid]
    found = answer_question(sc, verified_state(sc, engine), engine.hear(question))
    assert found is not None, f"{question!r} was left unanswered"
    kind, ref = expected
    said = found.options[0]
    if kind == "dont_know":
        assert found.intent == "dont_know", found.note
        heated = sc.persona.temperament in ("frustrated", "angry", "abusive", "suspicious")
        assert set(found.options) == set(DONT_KNOW_HEATED if heated else DONT_KNOW_CALM)
        return
    assert found.intent == "answer", found.note
    if kind in ("says", "yes", "no"):
        known = next(k for k in sc.knows if k.id == ref)
        assert found.key == f"answer:{ref}", found.note
        if kind == "says":
            assert said == known.says
        else:
            # A clear polarity gets "Yes."/"No."; an unsure one the statement alone, never the wrong word.
            right = "Yes. " if kind == "yes" else "No. "
            assert said in (right + known.says, known.says), said
        return
    fact = sc.facts_by_id[ref]
    assert found.key == f"answer:{ref}", found.note
    if kind == "value":
        assert spoken_value(fact) in said
    elif kind == "yes_value":
        assert said.startswith("Yes")
    else:
        assert said.startswith("No") and spoken_value(fact) in said


@pytest.mark.parametrize(
    ("sid", "question", "hidden_id"),
    [pytest.param(sid, q, h, id=f"{sid}-{q}") for sid, rows in LEFT_TO_REVEAL.items() for q, _, h in rows],
)
def test_a_question_close_to_a_hidden_fact_is_left_to_its_trigger(
    engine: ScriptedEngine, sid: str, question: str, hidden_id: str
) -> None:
    sc = LIBRARY[sid]
    hidden = next(h for h in sc.hidden_facts if h.id == hidden_id)
    heard = engine.hear(question)
    assert heard.closeness([*hidden.reveal_when.examples, hidden.description])[0] >= REVEAL_THRESHOLD - 0.15
    assert answer_question(sc, verified_state(sc, engine), heard) is None
    again = answer_question(sc, verified_state(sc, engine, revealed=(hidden_id,)), heard)
    assert again is not None, "once the fact is out, the question gets a plain answer"


def _leaks(sc: Scenario, text: str, revealed: list[str]) -> list[str]:
    """Hidden facts still unrevealed whose replies, or whose account values, the text says."""
    norm = normalise(text)
    leaks = []
    for hidden in sc.hidden_facts:
        if hidden.id in revealed:
            continue
        if any(reply in text for reply in hidden.replies):
            leaks.append(hidden.id)
        covered = [f for f in sc.account if hidden.id in covered_by_hidden(sc, f)]
        leaks.extend(f"{hidden.id}:{f}" for f in mentioned_facts(norm, covered))
    return leaks


@pytest.mark.parametrize("sid", ENGLISH)
def test_no_answer_reveals_a_hidden_fact(engine: ScriptedEngine, sid: str) -> None:
    """Through the whole engine: an answer or "I don't know" never carries a hidden fact."""
    sc = LIBRARY[sid]
    questions = [q for q, _ in CASES[sid]] + [q for q, _, _ in LEFT_TO_REVEAL.get(sid, [])]
    for question in questions:
        step = engine.step(sc, verified_state(sc, engine), AgentTurn(text=question))
        if step.intent in ("answer", "dont_know"):
            assert not step.revealed, question
            assert not _leaks(sc, step.text, step.revealed), (question, step.text)


@pytest.mark.parametrize("sid", ENGLISH)
def test_knows_items_never_stand_in_for_a_hidden_fact(engine: ScriptedEngine, sid: str) -> None:
    """A hidden fact's own questions still reveal it, and no known statement answers them instead."""
    sc = LIBRARY[sid]
    for known in sc.knows:
        assert not _leaks(sc, known.says, []), (known.id, known.says)
    for hidden in sc.hidden_facts:
        for example in hidden.reveal_when.examples:
            found = answer_question(sc, verified_state(sc, engine), engine.hear(example))
            assert (
                found is None
                or not found.key.startswith("answer:")
                or found.key.removeprefix("answer:") not in {k.id for k in sc.knows}
            ), (hidden.id, example, found)
