"""What a complete-sounding offer takes away: a promised term negated, a whole period billed, part left to a
later call, part of a cancelled service kept on, a return left to the customer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from domain.scenario import Resolution
from simulator.narrowed import (
    cancellation_strings,
    dropped_step,
    later_call,
    negated_term,
    part_kept,
    return_burden,
    still_billed,
    whole_period,
)

_SCENARIO = "cancellation-retention"


def _cancellation(library: Library) -> Resolution:
    return next(r for r in library.scenario(_SCENARIO).resolutions if r.id == "process-cancellation")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Closed today, though the last bill won't be prorated.", "won't be prorated"),
        ("It's closed, and there's no proration on the final statement.", "no proration"),
        # a cost negated is part of the remedy
        ("There's no cancellation fee and the final bill is prorated.", None),
        # a warning under a condition takes nothing away
        ("If the router isn't returned in 30 days, a charge applies.", None),
        ("No problem, it's all cancelled as of today.", None),
    ],
)
def test_negated_term(library: Library, text: str, negated: str | None) -> None:
    assert negated_term(_cancellation(library), text) == negated


def test_a_term_the_resolution_negates_itself_is_not_taken_away(library: Library) -> None:
    move = next(r for r in library.scenario("elderly-confused-bill").resolutions if r.id == "move-to-essentials")
    assert negated_term(move, "It's $39.99 a month, and there's no contract.") is None


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Cancelled; you'll be charged the whole month on the last bill.", "the whole month on the last bill"),
        (
            "It's closed. Your final invoice will be $129.99 and a return box is on its way.",
            "final invoice will be $129.99",
        ),
        ("Your final bill is prorated to today, about $70.", None),
        ("Cancelled; your final bill will include next month as well.", "include next month as well"),
        ("Cancelled, but we can't prorate, so your final bill is two months.", "final bill is two months"),
        ("You won't be charged for next month, and the final bill is prorated.", None),
        (
            "Cancelled. You'll get a final bill for two hundred and sixty dollars.",
            "final bill for two hundred and sixty",
        ),
        ("Cancelled today; your last statement covers only the days you've used.", None),
    ],
)
def test_whole_period(library: Library, text: str, whole: str | None) -> None:
    sc = library.scenario(_SCENARIO)
    assert whole_period(_cancellation(library), text, scenario=sc) == whole


def test_whole_period_needs_a_prorated_remedy(library: Library) -> None:
    res = next(r for r in library.scenario("billing-double-charge").resolutions if r.acceptable)
    assert whole_period(res, "That's the full amount back on your card.") is None


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("It's cancelled. A colleague in accounts will ring you on Friday to go over the final bill.", True),
        ("Done. Our loyalty team will be in touch next week about returning the equipment.", True),
        # a kit sent by another team is the remedy arriving, not a call to finish it
        ("Cancelled today; our returns team will email you a prepaid label.", False),
        ("Cancelled, final bill prorated, prepaid box for the equipment.", False),
    ],
)
def test_later_call(library: Library, text: str, left: bool) -> None:
    assert (later_call(_cancellation(library), text) is not None) is left


def test_later_call_is_the_remedy_when_the_resolution_hands_on(library: Library) -> None:
    res = next(r for r in library.scenario("installer-damage-email").resolutions if r.acceptable)
    assert later_call(res, "The claims team will contact you within 2 business days about the invoice.") is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("I've cancelled the TV; the internet stays on at the normal price.", True),
        ("I've cancelled your internet service, and the final bill is prorated.", True),
        ("I've cancelled the TV and internet, final bill prorated.", False),
        ("I've cancelled everything except the internet.", True),
        ("I've cancelled the TV today and we'll do the internet once you're connected elsewhere.", True),
        ("I've cancelled both; service stays on until the end of the day.", False),
        ("Your cancellation is done as of today.", False),
        # one part said to be cancelled, or the part she is left with
        ("The TV package has been cancelled effective today, final bill prorated.", True),
        ("Done, cancelled from today, so you'll only have the internet from now on.", True),
        ("TV Select is cancelled today; Internet 300 continues as normal.", True),
        ("Your TV and internet are both cancelled as of today.", False),
        ("The account is cancelled as of today and the final bill is prorated.", False),
        # "for now" names no end, and one part named is that part's package
        ("Cancelled the TV from today; your broadband stays on for now.", True),
        ("I've cancelled the TV Select package from today, and the final bill is prorated.", True),
        ("Okay, the TV's cancelled as of today. Final bill prorated.", True),
    ],
)
def test_part_kept(library: Library, text: str, kept: bool) -> None:
    sc = library.scenario(_SCENARIO)
    assert (part_kept(_cancellation(library), text, scenario=sc) is not None) is kept


@pytest.mark.parametrize(
    ("text", "burden"),
    [
        ("Cancelled; just post the modem back to us yourself.", True),
        ("Cancelled. You'll need to find your own packaging for the equipment.", True),
        ("Cancelled; the router has to go back in its original box.", True),
        ("Cancelled today, but the return box costs twenty dollars, added to your final bill.", True),
        ("Cancelled today; the return costs you nothing with the prepaid label.", False),
        ("Cancelled; drop the equipment at any UPS store with the label we email.", False),
        ("Cancelled; you'll get a box for the equipment in a few days.", False),
        # a store drop-off she is obliged to make, where the resolution sends a kit
        ("Cancelled today; you'll have to bring the modem and TV box into one of our stores.", True),
        ("Cancelled today; you can drop the modem at one of our stores or use the prepaid label.", False),
        # the postage is hers
        ("Cancelled; please courier the router to our depot at your own expense.", True),
        ("Cancelled today. You'll need to pay the postage for the modem, sorry.", True),
        ("Cancelled today; the label covers the TV box, and the router you can simply throw away.", True),
        ("Cancelled today; the modem is yours to keep, and the TV box goes back in the prepaid box.", True),
        ("Cancelled for the month end; keep the modem plugged in until the last day, then use the prepaid kit.", False),
        ("Cancelled; pack the router and the TV box in the prepaid box we send.", False),
        # told to, not offered: an instruction with no "you can" before it
        ("Cancelled today. Just drop the modem and the cable box at your nearest store within two weeks.", True),
        ("Cancelled today, and please take the modem to one of our stores.", True),
        ("Cancelled today; you can just drop the modem at your nearest store, or use the prepaid label.", False),
        ("Cancelled today; if it's easier, drop the modem at one of our stores.", False),
        ("Cancelled today. The postage is on your side, so keep the receipt.", True),
        ("Cancelled today; pack the modem in any sturdy box and ship it to our returns centre.", True),
    ],
)
def test_return_burden(library: Library, text: str, burden: bool) -> None:
    assert (return_burden(_cancellation(library), text) is not None) is burden


@given(st.text(max_size=300))
def test_never_fails(library: Library, text: str) -> None:
    sc = library.scenario(_SCENARIO)
    res = _cancellation(library)
    negated_term(res, text)
    whole_period(res, text, scenario=sc)
    later_call(res, text)
    part_kept(res, text, scenario=sc)
    return_burden(res, text)
    cancellation_strings(res, text)
    still_billed(res, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Cancelled, but we require 30 days' notice, so it ends next month.", "notice period"),
        ("Your cancellation is in; there's a one-month notice period on the account.", "notice period"),
        ("Done today. Our retention team will ring you on Friday, just to go over your options.", "sales call"),
        ("Done today. Our retention specialists will give you a call on Friday to go over it.", "sales call"),
        ("Cancelled today. Someone will call you this week about our new fibre deal.", "sales call"),
        ("Cancelled today, final bill prorated, and the prepaid box is on its way.", None),
        ("Cancelled today; no notice is needed and the final bill is prorated.", None),
    ],
)
def test_cancellation_strings(library: Library, text: str, kind: str | None) -> None:
    found = cancellation_strings(_cancellation(library), text)
    assert (found[0] if found else None) == kind


@pytest.mark.parametrize(
    ("text", "billed"),
    [
        ("Cancelled; it becomes effective when the modem is received at our depot.", True),
        ("The service ends as soon as the router gets back to us.", True),
        ("Cancelled today; send the modem back whenever suits you with the prepaid label.", False),
        # the condition first
        ("As soon as the modem and cable box are back at our warehouse I'll finalise the cancellation.", True),
        ("Once the equipment arrives back, we'll process your cancellation.", True),
        ("Once we've received the modem back in the prepaid box, the account will close.", True),
        ("Cancelled today. Once the modem is back with us we'll close the return ticket.", False),
    ],
)
def test_an_end_that_waits_for_the_equipment_is_still_billed(library: Library, text: str, billed: bool) -> None:
    assert (still_billed(_cancellation(library), text) is not None) is billed


def test_a_cancelled_step_of_the_process_is_no_cancelled_service(library: Library) -> None:
    """ "Disconnection cancelled" keeps the power on; "the power stays on" then takes nothing away."""
    sc = library.scenario("payment-arrangement")
    plan = next(r for r in sc.resolutions if r.id == "three-instalments")
    text = "Three payments of $70.80, the disconnection is cancelled, and the electricity stays on."
    assert part_kept(plan, text, scenario=sc) is None


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("The second charge is still pending, so there's nothing to refund; it drops off on its own.", True),
        ("It was only an authorisation hold: no refund is needed, it lapses in a few days.", True),
        ("I've refunded the $59.99 from March 3rd, and there's nothing more you need to do.", False),
    ],
)
def test_a_refund_said_to_be_unneeded_is_a_dropped_step(library: Library, text: str, dropped: bool) -> None:
    res = next(r for r in library.scenario("billing-double-charge").resolutions if r.id == "reverse-duplicate")
    assert (dropped_step(res, text) is not None) is dropped


def test_a_step_the_agent_says_cannot_be_done_is_dropped(library: Library) -> None:
    res = next(r for r in library.scenario("estimated-meter-bill").resolutions if r.id == "rebill-actual")
    assert dropped_step(res, "Re-billed at 48,213; there's nothing we can do about the meter access.") is not None
    assert dropped_step(res, "Re-billed at 48,213, and I've noted the gate code for the meter reader.") is None


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Number locked and the fraud team has it. A port freeze isn't needed since the number is with us.", True),
        ("Number locked, ports frozen, and the fraud team has it; a new SIM is not needed yet.", False),
    ],
)
def test_a_step_said_not_to_be_needed_is_dropped(library: Library, text: str, dropped: bool) -> None:
    res = next(r for r in library.scenario("sim-swap-fraud").resolutions if r.id == "freeze-and-fraud-team")
    assert (dropped_step(res, text) is not None) is dropped


@pytest.mark.parametrize(
    ("text", "billed"),
    [
        ("Cancelled today, but billing keeps running until the modem reaches our warehouse.", True),
        ("Cancelled today; billing stops today and the final bill is prorated.", False),
    ],
)
def test_billing_kept_running(library: Library, text: str, billed: bool) -> None:
    assert (still_billed(_cancellation(library), text) is not None) is billed
