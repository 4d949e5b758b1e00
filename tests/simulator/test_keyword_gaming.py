"""A keyword gamer gets nothing: a run of a resolution's keywords is not an offer, a short natural one still is.

Once the hidden facts are out, "refund reverse credit money back put it back" names the remedy without
anyone doing or committing to anything; a real customer asks what the agent is saying. Short chat
resolutions with one verb in them ("Refunded, 3-5 business days") must still be taken. The natural lines
below are our own wording, written for this test (not evaluation data).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from domain.loader import Library
from domain.scenario import Scenario
from simulator.dealing import keyword_pile, says_something_happens
from simulator.engine import AgentTurn, Step
from simulator.measure import _prepared
from simulator.scripted import ScriptedEngine

SCENARIO_FILES = sorted((Path(__file__).parents[2] / "scenarios" / "scenarios").glob("*.yaml"))


def _dump_cases() -> list[tuple[str, str]]:
    """(scenario, resolution) for every acceptable resolution with keywords in an English scenario."""
    cases = []
    for path in SCENARIO_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("language", "en") != "en":
            continue
        for res in data.get("resolutions") or []:
            if res.get("acceptable", True) and (res.get("when") or {}).get("keywords"):
                cases.append((data["id"], res["id"]))
    return cases


DUMP_CASES = _dump_cases()


def _play(engine: ScriptedEngine, sc: Scenario, line: str) -> tuple[Step, int]:
    """One line after every hidden fact is revealed, identity verified and the customer calm."""
    st = _prepared(sc, engine, seed=0, revealed=[h.id for h in sc.hidden_facts], calm=True)
    return engine.step(sc, st, AgentTurn(text=line)), st.unhelpful_streak


def _accepted(sc: Scenario, step: Step) -> bool:
    good = {res.id for res in sc.resolutions if res.acceptable}
    return bool(good & set(step.state.accepted)) or step.state.outcome == "resolved"


def test_every_english_scenario_has_dump_cases() -> None:
    assert len({sid for sid, _ in DUMP_CASES}) >= 15


@pytest.mark.parametrize(("scenario_id", "resolution_id"), DUMP_CASES, ids=[f"{s}/{r}" for s, r in DUMP_CASES])
def test_keyword_dump_is_not_an_offer(
    library: Library, engine: ScriptedEngine, scenario_id: str, resolution_id: str
) -> None:
    sc = library.scenario(scenario_id)
    res = next(r for r in sc.resolutions if r.id == resolution_id)
    line = " ".join(res.when.keywords)
    step, streak = _play(engine, sc, line)
    assert not _accepted(sc, step), (line, step.text, step.notes)
    assert step.end_state is None, (line, step.notes)
    assert step.intent == "not_understood", (line, step.text, step.notes)
    assert step.text in sc.lines.not_understood
    assert step.state.unhelpful_streak == streak + 1  # no progress


@pytest.mark.parametrize(("scenario_id", "resolution_id"), DUMP_CASES, ids=[f"{s}/{r}" for s, r in DUMP_CASES])
def test_comma_separated_keywords_are_not_an_offer(
    library: Library, engine: ScriptedEngine, scenario_id: str, resolution_id: str
) -> None:
    """The same keywords as a comma list: never taken, though an authored flow edge may react to one of them
    ("without verifying" sends the wary customer further into refusal) and a list heard as no offer at all
    gets a neutral reply."""
    sc = library.scenario(scenario_id)
    res = next(r for r in sc.resolutions if r.id == resolution_id)
    line = ", ".join(res.when.keywords)
    step, _ = _play(engine, sc, line)
    assert not _accepted(sc, step), (line, step.text, step.notes)
    assert step.end_state is None, (line, step.notes)
    assert step.intent in {"not_understood", "neutral", "flow"}, (line, step.text, step.notes)


GAMER_LINES = [
    ("billing-double-charge", "refund duplicate charge five business days"),
    ("upsell-data-overage", "credit overage one-time courtesy"),
    ("unrecognised-charge-email", "refund $29.98 SportsMax add-on purchase PIN"),
    ("late-fee-supervisor", "supervisor manager escalate someone senior"),
    ("billing-double-charge", "refund duplicate charge five business days, anything else?"),
]
TERSE_NOTES = [
    ("billing-double-charge", "refund $59.99 March 3 duplicate 3-5 business days"),
    ("upsell-data-overage", "10 GB allowance $15 overage credit"),
    ("abusive-equipment-fee", "tracking 7890 $30 fee removal"),
    ("payment-arrangement", "three instalments $70.80 Dec 1 Dec 15 Jan 1"),
]
"""Notes with the customer's own particulars are how some agents write in chat: heard as an offer, and
then judged like any offer (two of the held-out sets' natural resolutions are written this way)."""


@pytest.mark.parametrize(("scenario_id", "line"), TERSE_NOTES)
def test_terse_notes_with_particulars_are_heard(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str
) -> None:
    sc = library.scenario(scenario_id)
    step, _ = _play(engine, sc, line)
    assert step.intent != "not_understood", (step.text, step.notes)
    assert not any("not heard" in n for n in step.notes), step.notes


@pytest.mark.parametrize(("scenario_id", "line"), GAMER_LINES)
def test_noun_runs_are_not_offers(library: Library, engine: ScriptedEngine, scenario_id: str, line: str) -> None:
    sc = library.scenario(scenario_id)
    step, streak = _play(engine, sc, line)
    assert not _accepted(sc, step), (step.text, step.notes)
    assert step.end_state is None, step.notes
    assert step.intent == "not_understood", (step.text, step.notes)
    assert step.state.unhelpful_streak == streak + 1


SHORT_RESOLUTIONS = [
    ("abusive-equipment-fee", "Found it under the 7890 tracking, $30 fee removed."),
    ("abusive-equipment-fee", "Return confirmed, the $30 fee is off your account."),
    ("address-change-move", "Internet 500 moves with you at $55, install Sat Dec 5, 8-10 AM, no transfer fee."),
    ("address-change-move", "Done: service transferred, install Saturday Dec 5 8-10 AM, $55, no transfer fee."),
    ("angry-repeat-caller", "Booked: priority slot Nov 25, 8-10 AM, ticket escalated, $20 credit applied."),
    ("billing-double-charge", "March 3 duplicate refunded, $59.99, back in 3-5 business days."),
    ("billing-double-charge", "Refund done, 3-5 days, anything else?"),
    ("abusive-equipment-fee", "$30 fee removed, anything else I can do?"),
    ("cancellation-retention", "Switched you to Internet-only Gig, $70 a month for 12 months."),
    ("cancellation-retention", "Cancellation processed. Final bill next month, and return the box within 30 days."),
    ("elderly-confused-bill", "Moved you to Essentials 100, $39.99 a month, no contract."),
    (
        "estimated-meter-bill",
        "Bill corrected to your actual reading of 48,213, new bill $131.20 within 2 business days.",
    ),
    ("late-fee-supervisor", "Supervisor review opened for the $70, callback within 24 hours."),
    ("order-lost-chat", "replacement going out today w/ free express, arrives thu nov 26, tracking by email"),
    ("outbound-credit-followup", "Moved to Wednesday the 25th, 1-3 PM, and the $85 credit's on your December bill."),
    ("payment-arrangement", "Extended to December 15, disconnection on hold."),
    ("payment-arrangement", "Sorted: three payments of $70.80, Dec 1, Dec 15 and Jan 1."),
    ("plan-downgrade-chat", "Line 0171 comes off Dec 1, new price $125/mo, $240 phone balance due on the next bill."),
    ("refuses-verification", "Code checks out. The $18: $8 annual price adjustment plus a $10 equipment fee."),
    ("sim-swap-fraud", "Number locked, ports frozen, fraud team has case FR-20871. Call your bank too."),
    ("slow-wifi-chat", "512 at the modem, so it's the wifi: move the router or try a cable."),
    (
        "technical-tier2-fiber",
        "Escalated to tier 2, ticket T2-558120, tech today 1-5 PM, plus 20 GB free hotspot data.",
    ),
    ("unrecognised-charge-email", "Refunded the $29.98, cancelled SportsMax and set up a purchase PIN on the box."),
    ("upsell-data-overage", "You went over the 10 GB allowance, hence the $15; credited as a one-time courtesy."),
]


@pytest.mark.parametrize(("scenario_id", "line"), SHORT_RESOLUTIONS)
def test_short_natural_resolution_is_accepted(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str
) -> None:
    sc = library.scenario(scenario_id)
    step, _ = _play(engine, sc, line)
    assert _accepted(sc, step), (step.text, step.notes)


@pytest.mark.parametrize(
    "text",
    [
        "I've refunded it.",
        "refund done, 3-5 days",
        "Switched.",
        "Done: $20 credit on the account.",
        "ports frozen, case open",
        "replacement going out today",
        "escalating to tier 2",
        "the line comes off on the 1st",
        "Just to explain the charge: 10 GB included.",
        "How about Internet-only at $70?",
        "you used more than 10 GB",
        "it's sorted",
    ],
)
def test_a_predicate_is_heard(text: str) -> None:
    assert says_something_happens(text)


@pytest.mark.parametrize(
    "text",
    [
        "refund duplicate charge five business days",
        "credit overage one-time courtesy",
        "corrected bill actual reading 131.20",
        "expedited new one express overnight",
        "priority appointment 8-10 AM",
        "refund two hundred dollars May 5",
        "wired mesh extender",
    ],
)
def test_a_noun_run_has_no_predicate(text: str) -> None:
    assert not says_something_happens(text)


@pytest.mark.parametrize(
    ("text", "pile"),
    [
        ("process the cancellation cancel your service is cancelled final bill", True),
        ("refund, reverse, credit, money back", True),
        ("your account is cancelled, final bill in two weeks", False),
        ("i've opened a supervisor review and a supervisor will call you back", False),
        ("refund reverse", False),
    ],
)
def test_keyword_pile(text: str, pile: bool) -> None:
    keywords = [
        "process the cancellation", "cancel your service", "is cancelled", "final bill", "supervisor review",
        "call you back", "supervisor", "refund", "reverse", "credit", "money back",
    ]  # fmt: skip
    assert keyword_pile(text, keywords) is pile
