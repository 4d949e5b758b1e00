"""The offer check's second-round parts (the dev set itself runs in test_offers_dev.py).

The set was written for this check from issue 13's remaining categories (giveaways beyond the remedy,
self-help deflection, vague futures, wrong account, remedies put off to a later period, reverse
commitments; natural resolutions with apologies, next steps, closing questions and the arrangement's own
terms); it is not evaluation data, which stays held out.
"""

from __future__ import annotations

import pytest

from domain.scenario import Resolution
from simulator.offers import check_offer, extract_offer, unearned_gifts

_CREDIT = Resolution(
    id="visit-and-credit",
    description="Book the first priority slot and apply a $20 missed-appointment credit.",
    when={},
    replies=["Thanks."],
)
_REMOVE = Resolution(
    id="remove-line",
    description="Remove the line from December 1; the $240 device balance is due on the next bill.",
    when={},
    replies=["Fine."],
)


@pytest.mark.parametrize(
    ("res", "text", "unearned"),
    [
        (_CREDIT, "I've booked the first slot and put a $20 credit on your account.", False),
        (_CREDIT, "I've booked the first slot and put a $50 credit on your account.", True),
        (_CREDIT, "I've booked the slot, and I'll give you free premium sports for the year too.", True),
        (_CREDIT, "That's on us, I'm sorry. The slot is booked.", False),
        (_REMOVE, "The line is removed from December 1, and I'll waive the $240 balance as well.", True),
        (_REMOVE, "The line is removed from December 1; the $240 balance goes on your next bill.", False),
        (_REMOVE, "I can't waive the phone balance, but the line comes off on December 1.", False),
    ],
)
def test_giveaways_must_be_the_resolutions_own(res: Resolution, text: str, unearned: bool) -> None:
    assert bool(unearned_gifts(res, text)) is unearned


def test_a_gift_another_front_line_resolution_makes_is_within_authority() -> None:
    explain = Resolution(
        id="explain", description="Explain the 10 GB allowance and the $15 overage.", when={}, replies=["Ok."]
    )
    credit = Resolution(id="credit", description="Explain, and credit the $15 overage once.", when={}, replies=["Ok."])
    text = "Your plan has 10 GB; going over added $15. I've credited it back this once."
    assert unearned_gifts(explain, text)
    assert not unearned_gifts(explain, text, also=[credit])


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("I'll refund it next quarter.", 90),
        ("We can cancel from the start of next year.", 365),
        ("The Gig plan is $70 a month for the next year.", None),
        ("The credit goes on at the end of next month.", 45),
        # Five business days are a calendar week.
        ("Return the modem within 30 days; the refund takes 5 business days.", 7),
        ("You have 14 days to send the box back.", None),
    ],
)
def test_waits_put_off_to_a_period_count_and_customer_deadlines_do_not(text: str, wait: int | None) -> None:
    assert extract_offer(text).wait_days == wait


def test_the_arrangements_own_dates_are_no_condition() -> None:
    res = Resolution(
        id="plan",
        description="Three payments on Dec 1, Dec 15 and Jan 1; disconnection cancelled while the arrangement is kept.",
        when={},
        terms={"dates": ["2026-12-01"]},
        replies=["Ok."],
    )
    kept = "Payments on December 1, 15 and January 1; the disconnection is off as long as you stick to that schedule."
    assert check_offer(res, extract_offer(kept)) == []
    paperless = "Payments on December 1, 15 and January 1, as long as you switch to paperless billing."
    assert "condition attached" in {p.kind for p in check_offer(res, extract_offer(paperless))}
