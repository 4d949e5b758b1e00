"""Figures in an offer checked against the customer's own: amounts, months, days, plans, quantities, times."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library, load_library
from domain.scenario import Resolution, Scenario
from simulator.figures import figures_in, wrong_figures


@functools.cache
def _library() -> Library:
    """The bundled library, loaded once per test module (loading takes seconds; tests only read it)."""
    return load_library()


def _resolution(scenario_id: str, resolution_id: str) -> tuple[Scenario, Resolution]:
    sc = _library().scenario(scenario_id)
    return sc, next(r for r in sc.resolutions if r.id == resolution_id)


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "wrong"),
    [
        # The right figures, said in other forms, and arithmetic done aloud.
        ("billing-double-charge", "reverse-duplicate", "Refunded fifty-nine ninety-nine from March third.", None),
        ("payment-arrangement", "three-instalments", "That's $212.40 split into $70.80 three times.", None),
        ("cancellation-retention", "internet-only-loyalty", "Gig at $70 a month, locked for 12 months.", None),
        (
            "late-fee-supervisor",
            "supervisor-waiver",
            "Refunds over $50 need my supervisor, so I've escalated both fees.",
            None,
        ),
        # One figure wrong, the rest right.
        ("billing-double-charge", "reverse-duplicate", "I've reversed $59.99 from your May 3rd charge.", "May"),
        ("payment-arrangement", "three-instalments", "Three payments of $75.80, Dec 1, Dec 15 and Jan 1.", "$75.80"),
        ("address-change-move", "transfer-and-install", "Internet 300 moves with you on December 5.", "Internet 300"),
        ("cancellation-retention", "internet-only-loyalty", "Gig at $70 a month for 6 months.", "6 month"),
        ("estimated-meter-bill", "rebill-actual", "Re-billed on your reading of 48,312, $131.20.", "48312"),
        # a new monthly price is one of the account's figures, not a sum of them ($240 - $125)
        ("plan-downgrade-chat", "remove-with-disclosure", "Your plan will go down to $115 a month.", "$115"),
        ("plan-downgrade-chat", "remove-with-disclosure", "Your plan goes down to $125 a month.", None),
        # a saving is arithmetic done aloud
        ("plan-downgrade-chat", "remove-with-disclosure", "It's $125 a month, saving you $35 a month.", None),
    ],
)
def test_wrong_figures_name_the_figure_that_is_not_the_customers(
    scenario_id: str, resolution_id: str, text: str, wrong: str | None
) -> None:
    sc, res = _resolution(scenario_id, resolution_id)
    found = wrong_figures(sc, res, text)
    if wrong is None:
        assert found == []
    else:
        assert found and found[0].said == wrong


def test_clock_times_are_checked_against_the_resolutions_own_words_only() -> None:
    sc, res = _resolution("angry-repeat-caller", "supervisor-callback")
    # The persona's visit window (8-10 AM) is not this resolution's promise: any call-back time today is fine.
    assert wrong_figures(sc, res, "My supervisor will call you before 6 PM today.") == []


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("a ten-gig allowance", "gb", 10.0),
        ("for the next 12 months", "month", 12.0),
        ("a 24-month contract", "month", 24.0),
        ("512 Mbps at the modem", "mbps", 512.0),
    ],
)
def test_quantities_are_read_with_their_unit(text: str, unit: str, value: float) -> None:
    assert (unit, value) in figures_in(text).quantities


@pytest.mark.parametrize("text", ["a four-year customer", "it may take a while", "in 2 months"])
def test_words_that_look_like_figures_are_not(text: str) -> None:
    found = figures_in(text)
    assert not found.quantities and not found.months


@given(st.text(max_size=300))
def test_figures_in_never_fails_on_any_text(text: str) -> None:
    figures_in(text)


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text", "wrong"),
    [
        # A figure named as the wrong kind of charge, or a kind given another amount.
        ("refuses-verification", "verify-by-code", "The $18 is the $8 annual adjustment plus a $10 late fee.", "$10"),
        ("refuses-verification", "verify-by-code", "It's an $8 price adjustment plus an $8 equipment fee.", "$8"),
        ("refuses-verification", "verify-by-code", "The whole $18 is the annual price adjustment.", "$18"),
        ("upsell-data-overage", "explain-and-credit", "The $15 is a late payment fee, credited.", "$15"),
        ("address-change-move", "transfer-and-install", "Internet 500 at $55, just the $55 transfer fee.", "$55"),
        # Details of the account that are not this remedy's.
        ("address-change-move", "transfer-and-install", "Install at 915 Barton Springs Rd, Unit 2D, Dec 5.", "unit 2D"),
        ("address-change-move", "transfer-and-install", "Install at 915 Barton Springs Rd, Apt 14, Dec 5.", "unit 14"),
        ("technical-tier2-fiber", "tier2-ticket-and-tech", "Ticket T2-98103, tech today 1 to 5 PM.", "T2-98103"),
        ("plan-downgrade-chat", "remove-with-disclosure", "Removed the line ending 8830 from December 1.", "ending"),
        ("elderly-confused-bill", "move-to-essentials", "Moved you to the 300 plan at $39.99.", "the 300 plan"),
        ("estimated-meter-bill", "rebill-actual", "Re-billed on the reading of 49,150, all sorted.", "49,150"),
        # The time of the remedy.
        ("payment-arrangement", "three-instalments", "Three payments of $70.80: Nov 30, Dec 15 and Jan 1.", "November"),
        ("es-fibre-outage-technician", "book-technician", "Le programo la visita mañana por la tarde.", "the"),
        ("upsell-data-overage", "explain-and-credit", "I've credited the $15 overage from two months ago.", "two"),
        # the account's old tracking where the remedy promises new tracking; a monthly price nobody mentioned
        ("order-lost-chat", "express-reship", "Replacement on its way, tracking 1Z88F4210312996504.", "1Z88F"),
        ("slow-wifi-chat", "wifi-fix-plan", "The fix is a mesh kit, two points at $10 a month each.", "$10"),
        # a split the customer's amounts do not make, in words; the plan they are on, not the loyalty plan
        ("refuses-verification", "verify-by-code", "A nine-dollar price adjustment and a nine-dollar box fee.", "$9"),
        (
            "cancellation-retention",
            "internet-only-loyalty",
            "Internet 300 on its own, $70 a month for 12 months.",
            "Int",
        ),
        # the billing migration's date given to the late fees
        ("late-fee-supervisor", "supervisor-waiver", "A supervisor is waiving the fees from August 20.", "August 20"),
        # the remedy's own quantity, though the customer's story has the other; a tracking number not theirs
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "T2-558120, tech today 1 to 5 PM, 1 GB of hotspot data.",
            "1 GB",
        ),
        ("abusive-equipment-fee", "remove-fee", "The return is under tracking 85016, so the fee is off.", "85016"),
        # the missed visit's day booked as the new slot
        (
            "angry-repeat-caller",
            "priority-visit-and-credit",
            "Booked the slot for you, Wednesday November 14th.",
            "Nov",
        ),
        # today swapped in for one of the three dates; a credit split into parts that do not make it
        (
            "payment-arrangement",
            "three-instalments",
            "Three of $70.80: the first one today, then Dec 1 and Dec 15.",
            "today",
        ),
        (
            "angry-repeat-caller",
            "priority-visit-and-credit",
            "Slot on the 25th, 8 to 10; $20 split as $10 and $5.",
            "$10",
        ),
    ],
)
def test_details_that_are_the_customers_but_not_this_remedys(
    scenario_id: str, resolution_id: str, text: str, wrong: str
) -> None:
    sc, res = _resolution(scenario_id, resolution_id)
    found = wrong_figures(sc, res, text)
    assert found and found[0].said.startswith(wrong), found


@pytest.mark.parametrize(
    ("scenario_id", "resolution_id", "text"),
    [
        ("refuses-verification", "verify-by-code", "The $18 is the $8 price adjustment plus the $10 equipment fee."),
        (
            "refuses-verification",
            "verify-by-code",
            "Your bill went up $18 because of the price adjustment and box fee.",
        ),
        ("address-change-move", "transfer-and-install", "Moving you from Apt 14 to Unit 2B, Dec 5, 8 to 10 AM."),
        (
            "payment-arrangement",
            "three-instalments",
            "The Nov 30 cut-off is cancelled: $70.80 on Dec 1, Dec 15, Jan 1.",
        ),
        ("elderly-confused-bill", "move-to-essentials", "From the 300 plan to Essentials 100 at $39.99."),
        ("angry-repeat-caller", "priority-visit-and-credit", "First priority slot, the 25th between 8 and 10."),
        (
            "angry-repeat-caller",
            "priority-visit-and-credit",
            "Sorry about the 14th. Slot booked, Wednesday 8 to 10.",
        ),
        ("es-fibre-outage-technician", "book-technician", "Buenas tardes. El técnico irá mañana por la mañana."),
        ("technical-tier2-fiber", "tier2-ticket-and-tech", "Good morning! Ticket T2-558120, tech today 1 to 5 PM."),
        # a limit is not an amount offered; both plans named is a move from one to the other
        ("late-fee-supervisor", "supervisor-waiver", "It's over my fifty-dollar limit, so a supervisor waives both."),
        ("cancellation-retention", "internet-only-loyalty", "From TV Select + Internet 300 to gig internet, $70."),
        # speeds describe the line, not what the remedy gives
        ("slow-wifi-chat", "wifi-fix-plan", "About 40 Mbps in the basement and 512 at the modem: move the router."),
        ("angry-repeat-caller", "priority-visit-and-credit", "Slot on the 25th, 8 to 10; $20 split as $10 and $10."),
    ],
)
def test_recaps_and_greetings_are_not_wrong(scenario_id: str, resolution_id: str, text: str) -> None:
    sc, res = _resolution(scenario_id, resolution_id)
    assert wrong_figures(sc, res, text) == []
