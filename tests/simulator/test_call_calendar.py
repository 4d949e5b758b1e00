"""Days and months read against the day of the call: when the remedy lands, and which weekday a date is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from domain.scenario import Scenario
from simulator.call_calendar import late_end, late_landing, weekday_clash
from simulator.offers import allowed_wait


def _acceptable(sc: Scenario, res_id: str | None = None):  # type: ignore[no-untyped-def]
    return next(r for r in sc.resolutions if r.acceptable and (res_id is None or r.id == res_id))


@pytest.mark.parametrize(
    ("scenario_id", "text", "late"),
    [
        # the call is on March 9 and the refund takes 3 to 5 business days
        ("billing-double-charge", "It goes back with the April billing run.", "April billing run"),
        ("billing-double-charge", "You'll see the $59.99 back in early April.", "in early April"),
        ("billing-double-charge", "The refund will post on March 30.", "March 30"),
        ("billing-double-charge", "It'll be back on your card in 3 to 5 business days.", None),
        # the duplicate charge's own month and day are the item, not a wait
        ("billing-double-charge", "I've reversed the March 3 charge from your March bill.", None),
        ("es-billing-double-charge", "Se la abonamos junto con la factura de junio.", "factura de junio"),
        ("unrecognised-charge-email", "The $29.98 refund will appear on your February bill.", "February bill"),
        # a month already billed is history, not a promise
        ("unrecognised-charge-email", "The add-on was on your October bill and your November bill.", None),
        # the December statement is the resolution's own month
        ("outbound-credit-followup", "The $85 credit is on your December statement.", None),
        # "May" as a verb is no month
        ("billing-double-charge", "You may see it back in a few days.", None),
        # a corrected bill promised within 2 business days does not wait for next month's bill ...
        ("estimated-meter-bill", "The correction will show on next month's bill.", "next month's bill"),
        ("estimated-meter-bill", "The corrected $131.20 bill is out within two business days.", None),
        # ... but a refund that simply shows on the next bill is how most remedies land
        ("billing-double-charge", "You'll see the $59.99 back on your next statement.", None),
    ],
)
def test_late_landing(library: Library, scenario_id: str, text: str, late: str | None) -> None:
    sc = library.scenario(scenario_id)
    res = _acceptable(sc)
    allowed = allowed_wait(res)
    assert allowed is not None
    found = late_landing(sc, res, text, allowed_days=allowed)
    assert (found.said if found else None) == late
    if found is not None:
        assert found.days > allowed


def test_nothing_is_judged_without_a_call_date(library: Library) -> None:
    sc = library.scenario("billing-double-charge").model_copy(update={"call_date": None})
    assert late_landing(sc, _acceptable(sc), "It goes back with the April billing run.", allowed_days=7) is None
    assert weekday_clash(sc, "Wednesday the 24th") is None


@pytest.mark.parametrize(
    ("text", "clash"),
    [
        ("I've moved the technician to Wednesday the 24th, 1 to 3.", "Tuesday"),
        ("I've moved the technician to Wednesday the 25th, 1 to 3.", None),
        ("Moved to Wed Nov 25, 1-3 PM.", None),
        ("Moved to Thursday, November 25.", "Wednesday"),
        # "the 2nd" said late in November is December's: December 2, 2026 is a Wednesday
        ("See you Wednesday the 2nd.", None),
    ],
)
def test_weekday_clash(library: Library, text: str, clash: str | None) -> None:
    found = weekday_clash(library.scenario("outbound-credit-followup"), text)
    assert (found.weekday if found else None) == clash


@given(st.text(max_size=300))
def test_calendar_reading_never_fails(library: Library, text: str) -> None:
    sc = library.scenario("billing-double-charge")
    late_landing(sc, _acceptable(sc), text, allowed_days=7)
    weekday_clash(sc, text)


@pytest.mark.parametrize(
    ("text", "late"),
    [
        ("Cancelled as of today; your final bill runs through the end of December.", "the end of December"),
        ("Service and billing stop at the end of November, prorated.", None),
        ("Your service ends on January 20th and the final bill covers up to then.", "January 20th"),
        ("Cancelled today, final bill prorated to today.", None),
        ("I've set the cancellation to take effect at the end of next billing month.", "the end of next billing month"),
        ("The cancellation takes effect at the end of this billing month.", None),
    ],
)
def test_late_end(library: Library, text: str, late: str | None) -> None:
    found = late_end(library.scenario("cancellation-retention"), text)
    assert (found.said if found else None) == late
