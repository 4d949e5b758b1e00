"""Sums and differences the agent states must follow from the figures said beside them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from simulator.arithmetic import new_fee, wrong_sum


@pytest.mark.parametrize(
    ("scenario_id", "text", "wrong"),
    [
        (
            "billing-double-charge",
            "You were charged fifty-nine ninety-nine twice, that's $119.98, and I've refunded the difference, $59.89.",
            "59.89",
        ),
        ("billing-double-charge", "You were charged $59.99 twice, that's $119.98, so I've refunded $59.99.", None),
        (
            "angry-repeat-caller",
            "With the twenty-dollar credit your $80 bill this month comes down to seventy.",
            "seventy",
        ),
        ("angry-repeat-caller", "With the twenty-dollar credit your $80 bill this month comes down to sixty.", None),
        ("late-fee-supervisor", "Your two late fees, thirty-five each, come to sixty-five.", "sixty-five"),
        ("late-fee-supervisor", "Your two late fees, thirty-five each, come to seventy.", None),
        ("upsell-data-overage", "There's a $15 overage on top of the $50. That's sixty dollars altogether.", "sixty"),
        ("upsell-data-overage", "There's a $15 overage on top of the $50. That's $65 altogether.", None),
        # a round figure for one a cent off, against the bill on the account
        (
            "cancellation-retention",
            "Internet-only Gig is $70 a month. That's sixty dollars less than you pay now.",
            None,
        ),
        # a figure the resolution names is taken as said
        ("plan-downgrade-chat", "With the line gone your plan comes to $125/month, plus the $240 balance.", None),
        # hours are not money: "eight to ten" gives no 80 - 10
        (
            "angry-repeat-caller",
            "Booked the 25th, eight to ten, and with the twenty-dollar credit your $80 bill comes down to seventy.",
            "seventy",
        ),
        # quantities are not money: 10 GB is no operand
        ("upsell-data-overage", "You have 10 GB, and the overage is $15, so that's $15 extra.", None),
        # two prices side by side fix the gap, even when the account names the wrong figure for something else
        ("elderly-confused-bill", "It's $39.99 rather than $69.99, so you'll save $25 every month.", "25"),
        ("elderly-confused-bill", "It's $39.99 rather than $69.99, so you'll save $30 every month.", None),
        ("elderly-confused-bill", "Your bill rose from $44.99 to $69.99, a thirty-dollar jump.", "thirty"),
        ("elderly-confused-bill", "Your bill rose from $44.99 to $69.99, a twenty-five dollar jump.", None),
        # a saving beside one new price is against the account's own price
        ("elderly-confused-bill", "The smaller plan is $39.99, which saves you fifteen a month.", "fifteen"),
        ("elderly-confused-bill", "The smaller plan is $39.99, which saves you thirty a month.", None),
    ],
)
def test_wrong_sum(library: Library, scenario_id: str, text: str, wrong: str | None) -> None:
    sc = library.scenario(scenario_id)
    res = next(r for r in sc.resolutions if r.acceptable)
    found = wrong_sum(sc, res, text)
    assert (found.said if found else None) == wrong


@given(st.text(max_size=300))
def test_never_fails(library: Library, text: str) -> None:
    sc = library.scenario("billing-double-charge")
    wrong_sum(sc, sc.resolutions[0], text)


@pytest.mark.parametrize(
    ("scenario_id", "text", "fee"),
    [
        (
            "cancellation-retention",
            "Done. There's a $10 account closure fee on the final bill.",
            "$10 account closure fee",
        ),
        # a fee the account knows, or one named in order to take it off, is no new charge
        ("abusive-equipment-fee", "I've confirmed the return and the $30 fee is removed.", None),
        (
            "cancellation-retention",
            "Cancelled; there's no $150 early termination fee since you're out of contract.",
            None,
        ),
        # a charge said with the verb
        (
            "cancellation-retention",
            "Cancelled today. If the modem isn't back within 10 days we'll charge you $200.",
            "we'll charge you $200",
        ),
        ("abusive-equipment-fee", "We won't charge you $30 for it; the fee is removed.", None),
    ],
)
def test_new_fee(library: Library, scenario_id: str, text: str, fee: str | None) -> None:
    sc = library.scenario(scenario_id)
    res = next(r for r in sc.resolutions if (r.acceptable and "cancel" in r.id) or r.acceptable)
    assert new_fee(sc, res, text) == fee


@pytest.mark.parametrize(
    ("text", "slip"),
    [
        # $129.99 against $70 is $59.99 a month, $719.88 a year
        ("Gig internet is $70 a month, against your $129.99; you'd save over a thousand dollars a year.", 1000.0),
        ("Gig internet is $70 a month, against your $129.99; that saves you $719.88 a year.", None),
        ("Gig internet is $70 a month, against your $129.99; you'd save about seven hundred a year.", None),
    ],
)
def test_a_yearly_saving_is_twelve_monthly_gaps(library: Library, text: str, slip: float | None) -> None:
    sc = library.scenario("cancellation-retention")
    res = next(r for r in sc.resolutions if r.id == "internet-only-loyalty")
    found = wrong_sum(sc, res, text)
    assert (found.value if found else None) == slip
