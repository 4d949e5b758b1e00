"""An explanation must name the figures it is about, in any wording."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from simulator.explained import explained_figures, jargon, unexplained


def _res(library: Library, scenario_id: str, res_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in library.scenario(scenario_id).resolutions if r.id == res_id)


@pytest.mark.parametrize(
    ("scenario_id", "res_id", "figures"),
    [
        ("upsell-data-overage", "explain-only", {10.0, 15.0}),
        ("refuses-verification", "verify-by-code", {8.0, 10.0}),  # the bracketed parts, not the $18 total
        ("slow-wifi-chat", "wifi-fix-plan", set()),  # a speed may be said as "full speed"
        ("billing-double-charge", "reverse-duplicate", set()),  # no explanation at all
    ],
)
def test_explained_figures(library: Library, scenario_id: str, res_id: str, figures: set[float]) -> None:
    assert explained_figures(_res(library, scenario_id, res_id)) == figures


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("That's an overage charge, fifteen dollars. Anything else?", 10.0),
        ("So you're on Essentials 10GB, which gives you ten gigs of data a month.", 15.0),
        ("Essentials comes with ten gigs. You went over, so a fifteen-dollar overage was added.", None),
        ("The 15 bucks is the overage for going past your 10GB allowance.", None),
    ],
)
def test_unexplained(library: Library, text: str, missing: float | None) -> None:
    assert unexplained(_res(library, "upsell-data-overage", "explain-only"), text) == missing


@given(st.text(max_size=300))
def test_never_fails(library: Library, text: str) -> None:
    unexplained(_res(library, "upsell-data-overage", "explain-only"), text)


@pytest.mark.parametrize(
    ("text", "jargon_said"),
    [
        ("Your promo MRC rolled off, so you're on rack rate now; I'll migrate you to Essentials.", True),
        ("Your intro discount ended in October, so I've moved you to Essentials at $39.99, no contract.", False),
        # one stray industry word is no wall of jargon
        ("Your discount ended, so I've put you on the cheaper tier at $39.99.", False),
    ],
)
def test_jargon_where_plain_words_are_asked(library: Library, text: str, jargon_said: bool) -> None:
    sc = library.scenario("elderly-confused-bill")
    res = next(r for r in sc.resolutions if r.id == "move-to-essentials")
    assert bool(jargon(res, text, scenario=sc)) is jargon_said


def test_jargon_only_where_the_resolution_asks_for_plain_words(library: Library) -> None:
    sc = library.scenario("billing-double-charge")
    res = next(r for r in sc.resolutions if r.acceptable)
    assert jargon(res, "The MRC and the ETF are unchanged; I've reversed the SKU charge.", scenario=sc) == []
