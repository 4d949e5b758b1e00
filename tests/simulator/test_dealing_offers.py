"""Which resolution a turn offers: an unacceptable one said in other words, and the closest one refused."""

from __future__ import annotations

import pytest

from domain.loader import Library
from simulator.engine import AgentTurn
from simulator.scripted import ScriptedEngine
from tests.simulator.agents import play_prepared


@pytest.mark.parametrize(
    ("scenario_id", "line", "note"),
    [
        # the card's unacceptable resolution in other words, with no keyword of it
        (
            "payment-arrangement",
            "To stop the disconnection I'm going to need the full $212.40 before the 30th, I'm afraid.",
            "refused unacceptable resolution 'pay-in-full'",
        ),
        # the closest remedy refused for a date is not swapped for the extension whose date it includes
        (
            "payment-arrangement",
            "Three payments of $70.80: November 30th, December 15th and January 1st, disconnection cancelled.",
            "offer 'three-instalments' refused: wrong figure",
        ),
    ],
)
def test_what_the_turn_really_offers_is_judged(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str, note: str
) -> None:
    step = play_prepared(library, engine, scenario_id, line)
    assert note in step.notes, step.notes
    assert step.state.outcome != "resolved"


def test_doing_more_than_an_unacceptable_summary_is_still_the_remedy(library: Library, engine: ScriptedEngine) -> None:
    # "Give the 4 PM estimate and the outage number only" is close in words; the turn does all of the escalation.
    step = play_prepared(
        library,
        engine,
        "outage-medical-priority",
        "I've registered the oxygen concentrator and sent this to the emergency team for prioritisation. "
        "Outage OUT-22817, estimate 4 PM. If she struggles, please don't wait - dial 911.",
    )
    assert "accepted resolution 'medical-escalation'" in step.notes, step.notes


@pytest.mark.parametrize(
    ("scenario_id", "line", "refused_as"),
    [
        (
            "cancellation-retention",
            "Understood, I'll cancel it for you. Your TV and internet end today, no early termination fee, your "
            "final bill will be prorated, and I'll email you a prepaid label for the equipment.",
            "refused unacceptable resolution 'stall-cancellation'",
        ),
        (
            "billing-double-charge",
            "I can see the second $59.99 charge, so I've reversed it; it'll be back on your card in 3 to 5 days.",
            "refused unacceptable resolution",
        ),
    ],
)
def test_a_right_offer_before_verification_is_not_yet_taken(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str, refused_as: str
) -> None:
    # Offered before anyone checked who she is: she asks about that, not about an unacceptable remedy
    # that happens to rank below the right one.
    sc = library.scenario(scenario_id)
    st = engine.reset(sc, seed=0).state
    step = engine.step(sc, st, AgentTurn(text=line))
    assert not any(n.startswith(refused_as) for n in step.notes), step.notes
    assert any("not accepted yet: identity not verified" in n for n in step.notes), step.notes
    assert step.text in sc.lines.unverified_disclosure, step.text
    assert step.state.outcome != "resolved"


def test_the_resolution_the_turn_names_is_judged_not_a_closer_one_it_never_names(
    library: Library, engine: ScriptedEngine
) -> None:
    # Closest by meaning is the morning visit, whose slot "this afternoon" seems to contradict; but nothing in the
    # turn names a visit, and "supervisor" names the call-back.
    step = play_prepared(
        library,
        engine,
        "angry-repeat-caller",
        "Okay, I'm escalating this. A supervisor will call you back today, this afternoon, and they'll have your "
        "ticket and both previous calls in front of them, so you won't have to start from scratch.",
    )
    assert "accepted resolution 'supervisor-callback'" in step.notes, step.notes


@pytest.mark.parametrize(
    "line",
    [
        "He emitido hoy la devolución de los 39 euros cobrados por duplicado el 5 de abril; tarda de 3 a 5 días "
        "hábiles. No tiene que reclamar nada a su banco.",
        "No es cosa de su banco: el error es nuestro. Le devuelvo ahora los 39 euros del cargo del 5 de abril, y "
        "en 3 a 5 días hábiles los tendrá en la cuenta.",
    ],
)
def test_a_refund_done_in_spanish_outweighs_the_bank_it_rules_out(
    library: Library, engine: ScriptedEngine, line: str
) -> None:
    step = play_prepared(library, engine, "es-billing-double-charge", line)
    assert "accepted resolution 'reverse-duplicate'" in step.notes, step.notes
