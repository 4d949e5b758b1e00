"""The offer check on the development set (tests/simulator/data/offers_dev.yaml) and its time/day parsing.

The set was written for this check from issue 13's categories (conditions, substitutions, contradictions,
stalls, over-promises, upsells first, wrong times; long, spoken-number and polite resolutions); it is not
evaluation data, which stays held out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.loader import Library
from domain.scenario import Resolution
from simulator.engine import AgentTurn
from simulator.evalsets import CustomerEvalSet
from simulator.measure import _prepared, measure
from simulator.offers import check_offer, days_named, extract_offer, time_windows, wrong_time
from simulator.scripted import ScriptedEngine

DEV_SETS = [Path(__file__).parent / "data" / name for name in ("offers_dev.yaml", "offers_dev2.yaml")]
"""Two rounds of our own lines: offers_dev2 adds giveaways beyond the remedy, self-help deflection, vague
futures, the wrong account, remedies put off to a later period and reverse commitments."""


def _dev_sets(path: Path) -> dict[str, CustomerEvalSet]:
    from domain.yaml_io import parse_yaml, to_plain

    data = to_plain(parse_yaml(path.read_text(encoding="utf-8")))
    return {sid: CustomerEvalSet(scenario=sid, **body) for sid, body in data.items()}


@pytest.mark.parametrize("path", DEV_SETS, ids=lambda p: p.stem)
def test_dev_set_bad_offers_refused_and_resolutions_accepted(
    library: Library, engine: ScriptedEngine, path: Path
) -> None:
    accepted_bad: list[str] = []
    refused_good: list[str] = []
    tried = 0
    for sid, data in _dev_sets(path).items():
        m = measure(library.scenario(sid), data, engine)
        accepted_bad += [f"{sid}: {q}" for q in data.bad_offers if q not in m.bad_offers.misses]
        refused_good += [f"{sid}: {q}" for q in m.resolutions.misses]
        tried += m.resolutions.tried
    assert accepted_bad == []
    assert len(refused_good) <= 0.05 * tried, refused_good


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        ("today between 1 and 5 PM", ((13.0, 17.0),)),
        ("this afternoon, one to five", ((13.0, 17.0),)),
        ("8 to 10 in the morning", ((8.0, 10.0),)),
        ("Friday between 8 and 12", ((8.0, 12.0),)),
        ("from 10 to 2 PM", ((10.0, 14.0),)),
        ("3 to 5 business days", ()),
        ("$59.99 from March 1 to March 3", ()),
    ],
)
def test_time_windows(text: str, windows: tuple[tuple[float, float], ...]) -> None:
    assert time_windows(text) == windows


def test_days_named() -> None:
    assert days_named("Wednesday the 25th, or tonight") == {"wednesday", "25/?", "today"}
    assert days_named("Nov 25 or tomorrow") == {"25/11", "tomorrow"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Technician booked: Wednesday the 25th between 1 and 3 PM.", None),
        ("Technician booked: Wednesday the 25th, 8 to 10 in the morning.", "window"),
        ("Technician booked: Friday the 27th between 1 and 3.", "day"),
        ("I've moved the visit to Wednesday afternoon.", None),
    ],
)
def test_wrong_time_against_the_resolution(text: str, problem: str | None) -> None:
    res = Resolution(id="visit", description="Move the visit to Wednesday Nov 25, 1-3 PM.", when={}, replies=["Fine."])
    assert wrong_time(res, extract_offer(text)) == problem


def test_refund_kept_as_credit_is_refused_but_a_credit_resolution_is_not() -> None:
    offer = extract_offer("I'll keep the $40 as credit on your account for next month.")
    refund = Resolution(id="r", description="Refund the $40 to the card.", when={}, replies=["ok"])
    credit = Resolution(id="c", description="Credit $40 to the account.", when={}, replies=["ok"])
    assert "kept as credit" in {p.kind for p in check_offer(refund, offer)}
    assert "kept as credit" not in {p.kind for p in check_offer(credit, offer)}


def test_the_refusal_says_what_is_wrong(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("billing-double-charge")
    st = _prepared(sc, engine, seed=0, revealed=[h.id for h in sc.hidden_facts], calm=True)
    line = "I'll reverse the duplicate $59.99 from March 3rd if you agree to go paperless."
    step = engine.step(sc, st, AgentTurn(text=line))
    assert "reverse-duplicate" not in step.state.accepted
    assert "condition" in step.text and "go paperless" in step.text
    polite = "I'll reverse the duplicate $59.99 from March 3rd today if that works for you; 3 to 5 business days."
    step = engine.step(sc, st, AgentTurn(text=polite))
    assert "reverse-duplicate" in step.state.accepted, step.notes
