"""The offer check's third-round parts, from two blind dev sets (bench/data/customer_dev_h and _i).

The lines here are written for the tests, not copied from those sets: fees said in words or beside a
refund, blame put on the customer, pressure to decide on the call, a transfer said in Spanish, a refund
paid back in parts or only in part, money sent to an old payment method, a stall for a supervisor's
sign-off; and the natural resolutions that must still pass (sympathy that says "you shouldn't have had
to", "only one payment a month", "April only goes out once").
"""

from __future__ import annotations

import pytest

from domain.loader import Library
from simulator.scripted import ScriptedEngine
from tests.simulator.agents import offer_accepted, play_prepared


@pytest.mark.parametrize(
    ("scenario_id", "line", "problem"),
    [
        (
            "cancellation-retention",
            "Internet-only Gig, $70 a month for a year; there's a one-off thirty-nine ninety-five switching fee.",
            "new fee",
        ),
        (
            "unrecognised-charge-email",
            "I have refunded the $29.98, cancelled SportsMax and set a purchase PIN, which has a $2.50 monthly charge.",
            "new fee",
        ),
        (
            "technical-tier2-fiber",
            "Ticket T2-558120, technician today 1 to 5, 20 GB hotspot; the engineer's visit is billable at $60.",
            "charged for the remedy",
        ),
        (
            "estimated-meter-bill",
            "Rebilled at $131.20 on 48,213, new bill in two business days; you should have kept the dog inside.",
            "blame",
        ),
        (
            "sim-swap-fraud",
            "Locked, ports frozen, fraud case FR-20871. Think about who you've given your PIN to. Call your bank.",
            "blame",
        ),
        (
            "cancellation-retention",
            "Internet-only Gig at $70 for twelve months, but the deal is gone the moment we hang up.",
            "pressure",
        ),
        (
            "es-billing-double-charge",
            "Veo el cobro duplicado de 39 euros del 5 de abril. "
            "Le transfiero ahora con contabilidad para la devolución.",
            "handed off",
        ),
        (
            "unrecognised-charge-email",
            "I have cancelled SportsMax and set a PIN; the $29.98 will be refunded over your next two bills.",
            "partial offer",
        ),
        (
            "billing-double-charge",
            "I've refunded the March 3rd $59.99 to your old bank account, three to five business days.",
            "wrong item",
        ),
        (
            "cancellation-retention",
            "Internet-only Gig at $70 for 12 months; I'll pass it up to my supervisor first and see if she signs off.",
            "stalled",
        ),
        (
            "installer-damage-email",
            "I am so sorry. I have escalated the $380 plumber invoice to our claims team under CLM-118027, and they "
            "will contact you within two business days; the ceiling falls outside installation cover.",
            "narrower remedy",
        ),
        # the wrong bill still collected, its figure with a decimal point
        (
            "estimated-meter-bill",
            "Rebilled at $131.20 on your reading of 48,213, new bill within two business days, but the direct debit "
            "of $287.45 will still go out on Friday.",
            "offer with a catch",
        ),
        # a step of the remedy said to be unneeded
        (
            "sim-swap-fraud",
            "Verified. The number's locked and ports are frozen; there's no need to bring in the fraud team. "
            "Call your bank.",
            "step left out",
        ),
        # a cheaper product, or another kind of line, in place of the one asked for
        (
            "order-lost-chat",
            "that model is back-ordered, so i'm shipping the basic version instead, express, arriving thursday 26th",
            "something else instead",
        ),
        (
            "plan-downgrade-chat",
            "I've converted line 0171 into a tablet plan from December 1st; the plan is $125 a month and the $240 "
            "balance is on your next bill.",
            "something else instead",
        ),
        # money taken unasked, and the old service left billing
        (
            "plan-downgrade-chat",
            "Line 0171 comes off December 1st, $125 a month from then, and I've taken the $240 balance from your "
            "card on file today.",
            "charged without asking",
        ),
        (
            "address-change-move",
            "Install Saturday December 5, 8 to 10 AM at Unit 2B, same plan and price, no transfer fee; your "
            "current address keeps billing until January 15th.",
            "whole period charged",
        ),
    ],
)
def test_a_flawed_offer_is_refused_for_its_flaw(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str, problem: str
) -> None:
    step = play_prepared(library, engine, scenario_id, line)
    assert not offer_accepted(library, step, scenario_id), step.notes
    assert any(problem in n for n in step.notes), step.notes


@pytest.mark.parametrize(
    ("scenario_id", "line"),
    [
        (
            "billing-double-charge",
            "You shouldn't have had to chase this. I've reversed the March 3rd $59.99 to your card, three to five "
            "business days, and your autopay now takes just one payment a month.",
        ),
        (
            "billing-double-charge",
            "I've refunded the duplicate $59.99 from March 3rd to your card, 3 to 5 business days, so April will "
            "only go out once.",
        ),
        (
            "payment-arrangement",
            "Three payments of $70.80 on December 1st, December 15th and January 1st, and the disconnection is "
            "cancelled. And you might qualify for LIHEAP, so it's worth applying.",
        ),
        (
            "late-fee-supervisor",
            "I'm bringing in my team lead, who can take off both the September and October late fees, and "
            "autopay goes back on.",
        ),
        (
            "sim-swap-fraud",
            "You're verified. Lock and port freeze are on and the fraud team has case FR-20871; you don't need to "
            "do anything else with us. Please call your bank now.",
        ),
    ],
)
def test_a_natural_resolution_still_passes(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str
) -> None:
    step = play_prepared(library, engine, scenario_id, line)
    assert offer_accepted(library, step, scenario_id), (step.text, step.notes)
