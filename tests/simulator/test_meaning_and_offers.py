"""Issue 13 behaviour: triggers by meaning, offers against the goal, honest answers, seeds, mood rules."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.loader import Library
from domain.scenario import Resolution, Scenario
from simulator.doctor import check_scenario
from simulator.empathy import judge_empathy
from simulator.engine import AgentTurn
from simulator.evalsets import CustomerEvalSet
from simulator.mood import MOOD, MoodRules
from simulator.offers import check_offer, extract_offer
from simulator.scripted import ScriptedEngine, is_keyword_list
from simulator.state import CustomerState


@pytest.fixture(scope="module")
def engine() -> ScriptedEngine:
    return ScriptedEngine()


@pytest.fixture
def billing(library: Library) -> Scenario:
    return library.scenario("billing-double-charge")


def verified(sc: Scenario, engine: ScriptedEngine, *, revealed: list[str] | None = None) -> CustomerState:
    state = engine.reset(sc, seed=3).state
    state.verified = True
    state.revealed = list(revealed or [])
    state.anger = 0.2
    return state


def say(sc: Scenario, engine: ScriptedEngine, state: CustomerState, text: str):  # type: ignore[no-untyped-def]
    return engine.step(sc, state, AgentTurn(text=text))


def test_off_topic_question_with_a_trigger_word_reveals_nothing(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("late-fee-supervisor")  # "email" is a keyword of migration_email
    for question in ["How do you spell your surname?", "How do you spell the email address on the account?"]:
        step = say(sc, engine, verified(sc, engine), question)
        assert step.revealed == [], question


def test_a_paraphrase_with_no_keyword_reveals_the_fact(billing: Scenario, engine: ScriptedEngine) -> None:
    step = say(billing, engine, verified(billing, engine), "Could you walk me through the two payments you can see?")
    assert step.revealed == ["second_charge"]


@pytest.mark.parametrize(
    ("offer", "accepted"),
    [
        ("I'm reversing the duplicate $59.99 from March 3rd, it'll be back in 3 to 5 business days.", True),
        ("I'll refund five dollars of it.", False),
        ("I'll refund the March 1st payment and leave the other one.", False),
        ("I've refunded it, it takes 30 to 60 days to come through.", False),
        ("I guarantee the refund will be back by tonight.", False),
    ],
)
def test_offers_are_checked_against_the_goal(
    billing: Scenario, engine: ScriptedEngine, offer: str, accepted: bool
) -> None:
    step = say(billing, engine, verified(billing, engine, revealed=["second_charge"]), offer)
    assert ("reverse-duplicate" in step.state.accepted) is accepted, step.notes
    if not accepted:
        assert step.text and step.end_state is None


def test_a_refused_partial_offer_names_the_amounts(billing: Scenario, engine: ScriptedEngine) -> None:
    step = say(billing, engine, verified(billing, engine, revealed=["second_charge"]), "I can refund $5 today.")
    assert "$5" in step.text and "$59.99" in step.text


def test_offer_extraction_and_terms() -> None:
    offer = extract_offer("I've waived the two $35 fees myself, it takes about 2 weeks.")
    assert offer.amounts == (70.0,)
    assert offer.wait_days == 14 and offer.self_authorised
    res = Resolution(id="r", description="d", when={}, amount=70, requires_escalation=True, replies=["ok"])
    kinds = {p.kind for p in check_offer(res, offer)}
    assert "outside authority" in kinds and "too slow" not in kinds


@given(st.text(max_size=400))
@settings(max_examples=60, deadline=None)
def test_offer_extraction_never_raises(text: str) -> None:
    extract_offer(text)


def test_identity_question_for_a_missing_identifier_does_not_verify(billing: Scenario, engine: ScriptedEngine) -> None:
    state = engine.reset(billing, seed=0).state
    step = say(billing, engine, state, "Could you confirm your date of birth?")
    assert not step.state.verified
    assert "date of birth" in step.text
    step = say(billing, engine, step.state, "Could you confirm your account number and postcode?")
    assert step.state.verified


def test_sarcasm_raises_anger_and_calm_down_never_raises_patience(billing: Scenario, engine: ScriptedEngine) -> None:
    start = engine.reset(billing, seed=0).state
    sarcastic = say(billing, engine, start, "Oh I'm SO sorry you can't read your own bill.")
    assert sarcastic.state.anger > start.anger
    calm = say(billing, engine, start, "Calm down.")
    assert calm.state.patience < start.patience
    sincere = say(billing, engine, start, "I'm really sorry about the double charge, that's frustrating.")
    assert sincere.state.anger < start.anger


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Oh I'm SO sorry you can't read your own bill.", "sarcastic"),
        ("I'm sorry, but you should have paid on time.", "blaming"),
        ("I'm so sorry about that.", "sincere"),
        ("Let me check.", "none"),
    ],
)
def test_judge_empathy(text: str, kind: str) -> None:
    assert judge_empathy(text) == kind


def test_repeats_are_noticed(billing: Scenario, engine: ScriptedEngine) -> None:
    state = engine.reset(billing, seed=0).state
    line = "I understand this is really frustrating for you."
    first = say(billing, engine, state, line)
    second = say(billing, engine, first.state, line)
    assert "already" in second.text


@pytest.mark.parametrize(("text", "stuffed"), [("receipt? tracking? proof?", True), ("Okay, thanks, bye.", False)])
def test_keyword_lists_are_not_speech(text: str, stuffed: bool) -> None:
    assert is_keyword_list(text) is stuffed


def test_seeds_draw_persona_traits_within_ranges(billing: Scenario) -> None:
    p = billing.persona
    assert p.patience_range and p.anger_range and p.temper
    states = [CustomerState.initial(billing, seed=s) for s in range(10)]
    assert len({(s.patience, s.anger, s.temper) for s in states}) > 1
    assert states[0] == CustomerState.initial(billing, seed=0)  # deterministic per seed
    for s in states:
        assert p.patience_range[0] <= s.patience <= p.patience_range[1]
        assert p.anger_range[0] <= s.anger <= p.anger_range[1]


def test_mood_rules_are_one_frozen_object(billing: Scenario) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        MOOD.rude_anger = 0.5  # type: ignore[misc]
    gentle = ScriptedEngine(mood=MoodRules(rude_anger=0.0, rude_anger_when_angry=0.0))
    state = gentle.reset(billing, seed=0).state
    assert gentle.step(billing, state, AgentTurn(text="Calm down, not my problem.")).state.anger <= state.anger + 0.05


def test_bad_input_gets_an_in_character_reply(billing: Scenario, engine: ScriptedEngine) -> None:
    state = engine.reset(billing, seed=0).state
    for text in ["", "   ", "x" * 10_000, "Je voudrais parler au responsable, s'il vous plaît.", "🙂🙂", "\x00\x01"]:
        step = say(billing, engine, state, text)
        assert step.text and step.end_state is None


def test_doctor_judges_a_scenario(billing: Scenario, engine: ScriptedEngine) -> None:
    data = CustomerEvalSet(
        scenario=billing.id,
        hidden_facts={"second_charge": ["Which two days did the payments come out?"]},
        resolutions={"reverse-duplicate": ["I've refunded the duplicate $59.99 from March 3rd to your card."]},
    )
    report = check_scenario(billing, engine, data=data)
    runs = {r.agent: r for r in report.runs}
    assert report.ok, report.failures
    assert runs["good"].end_state in ("resolved", "escalated")
    assert runs["keyword_stuffer"].end_state not in ("resolved", "escalated")
    assert runs["rude"].end_state in ("customer_hung_up", "escalated")


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [
        ("You'll have to pay the bill first and then dispute it with us.", "deflected", True),
        ("That's not our responsibility, sorry.", "deflected", True),
        ("Please ring your insurer about the damage.", "deflected", True),
        ("I've locked the account. Please ring your bank as well.", "deflected", False),
        ("I'll put a $20 credit towards your next upgrade.", "partial", True),
        ("I'll fix the bill and write off the repair charge as well.", "extra", True),
        ("Going over 5 GB in a month adds a charge.", "wait_days", None),
        ("It'll be back in a week.", "wait_days", 7),
        ("That's beyond what I can approve myself, so I'm escalating.", "self_authorised", False),
        ("The promo ended. But there's a cheaper plan at $30.", "condition", False),
        ("The fee is removed, but you'll need to keep the add-on.", "condition", True),
    ],
)
def test_offer_flags(text: str, flag: str, expected: object) -> None:
    assert getattr(extract_offer(text), flag) == expected


def test_an_amount_the_resolution_never_names_is_wrong() -> None:
    res = Resolution(id="r", description="Move her to the $39.99 plan.", when={}, replies=["ok"])
    assert "wrong amount" in {p.kind for p in check_offer(res, extract_offer("I'll take $5 off, so $64.99."))}
    assert not check_offer(res, extract_offer("The smaller plan is $39.99 a month."))


def test_a_keyword_of_a_bad_resolution_does_not_outvote_a_clear_good_offer(
    billing: Scenario, engine: ScriptedEngine
) -> None:
    # "your bank" is a keyword of the unacceptable call-bank resolution.
    text = "I've refunded the duplicate $59.99 from March 3rd; allow 3 to 5 business days for your bank to show it."
    step = say(billing, engine, verified(billing, engine, revealed=["second_charge"]), text)
    assert "reverse-duplicate" in step.state.accepted, step.notes


def test_a_planned_escalation_is_not_one(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("slow-wifi-chat")
    step = say(sc, engine, verified(sc, engine), "Try it on a cable first. If that is still slow, I'll escalate it.")
    assert step.end_state is None


def test_an_ordinal_before_a_month_and_a_noun_is_not_a_date() -> None:
    from language.numbers import dates

    assert [(d.day, d.month) for d in dates("the second March charge")] == [(2, None)]
    assert [(d.day, d.month) for d in dates("the second of March")] == [(2, 3)]
