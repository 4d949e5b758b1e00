"""The offer check's fourth-round parts, from the blind dev sets H and I (bench/data/customer_dev_h, _i).

The lines here are written for the tests, not copied from those sets: a plan switch made over the counter
is not taken as the cancellation it mentions the box of, a price per gigabyte on the free hotspot, a
payment day off the plan, a phone number read back with two digits swapped, a yearly saving that twelve
months do not give; and the natural resolutions beside them that must still pass.
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
            "Good news: Internet-only Gig at $70 a month for twelve months. Take the TV box to any of our stores "
            "and the counter staff will make the switch.",
            "left to me",
        ),
        (
            "cancellation-retention",
            "All cancelled from today, prorated final bill, no fee; you'll need to carry the modem and cable box "
            "to one of our stores yourself.",
            "return left to me",
        ),
        (
            "technical-tier2-fiber",
            "Tier 2 ticket T2-558120 is open, a technician comes today 1 to 5, and hotspot data is yours at $12 "
            "per GB in the meantime.",
            "charged for the remedy",
        ),
        (
            "payment-arrangement",
            "I hear you, but the disconnection is only stopped if you pay $212.40 in one go before the 28th.",
            "wrong date",
        ),
        (
            "sim-swap-fraud",
            "Done: port freeze and lock on 480-555-1093, and the fraud team has case FR-20871. Call your bank now.",
            "wrong figure",
        ),
        (
            "cancellation-retention",
            "Internet-only Gig for twelve months at $70; against your $129.99 that's more than a thousand dollars "
            "saved this year.",
            "wrong sum",
        ),
        (
            "address-change-move",
            "I'll shut down your existing account and start a fresh one at the new address, install Saturday "
            "December 5th 8 to 10.",
            "something else instead",
        ),
        (
            "late-fee-supervisor",
            "My supervisor is waiving both $35 late fees and re-enrolling your autopay, on a 12-month renewal of the "
            "account.",
            "tied in",
        ),
        (
            "installer-damage-email",
            "Dear Ms Haddad, I am sorry. Claim CLM-118027 is with our claims team, who will reply within 2 business "
            "days; the ceiling repair sits outside what the claim can cover. Please send the invoice and photos.",
            "narrower remedy",
        ),
        (
            "cancellation-retention",
            "Cancelled as of today with no fee and a prepaid box for the equipment; billing continues running until "
            "the box is checked in.",
            "whole period charged",
        ),
        (
            "cancellation-retention",
            "Cancellation's in: service and billing stop on February 2nd, no fee, and a prepaid label comes for the "
            "equipment.",
            "too slow",
        ),
    ],
)
def test_a_flawed_offer_is_refused_for_what_is_wrong(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str, problem: str
) -> None:
    step = play_prepared(library, engine, scenario_id, line)
    assert not offer_accepted(library, step, scenario_id), step.notes
    assert any(problem in note for note in step.notes), step.notes


@pytest.mark.parametrize(
    ("scenario_id", "line"),
    [
        (
            "cancellation-retention",
            "Internet-only Gig at $70 a month for twelve months; compared with $129.99, you save $719.88 a year.",
        ),
        (
            "cancellation-retention",
            "Cancelled as of today, final bill prorated, no fee, and a prepaid box is coming for the equipment.",
        ),
        (
            "cancellation-retention",
            "Cancelled effective November 30th, the end of this billing month; final bill prorated, no fee, and a "
            "prepaid box for the equipment.",
        ),
        (
            "technical-tier2-fiber",
            "I've escalated to tier 2, ticket T2-558120; a technician comes today between 1 and 5, and 20 GB of "
            "free hotspot data is on your line now.",
        ),
    ],
)
def test_the_right_offer_beside_them_is_still_taken(
    library: Library, engine: ScriptedEngine, scenario_id: str, line: str
) -> None:
    step = play_prepared(library, engine, scenario_id, line)
    assert offer_accepted(library, step, scenario_id), step.notes
