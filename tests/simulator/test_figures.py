"""Figures in an offer checked against the customer's own: amounts, months, days, plans, quantities, times."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import load_library
from domain.scenario import Resolution, Scenario
from simulator.figures import figures_in, wrong_figures


def _resolution(scenario_id: str, resolution_id: str) -> tuple[Scenario, Resolution]:
    sc = load_library().scenario(scenario_id)
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
