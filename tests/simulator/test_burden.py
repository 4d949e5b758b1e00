"""The remedy left for the customer to carry out: a store, an app, a call, a document, someone else first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from domain.scenario import Resolution
from simulator.burden import left_to_customer, unwanted_chore


def _resolution(library: Library, scenario: str, res_id: str) -> Resolution:
    return next(r for r in library.scenario(scenario).resolutions if r.id == res_id)


@pytest.mark.parametrize(
    ("scenario", "res_id", "text", "chore"),
    [
        # a store visit for something the agent can do on the call
        (
            "abusive-equipment-fee",
            "remove-fee",
            "Pop into one of our shops with the tracking slip and they'll clear the fee for you.",
            "Pop into one of our shops with the tracking slip",
        ),
        (
            "unrecognised-charge-email",
            "refund-remove-pin",
            "The PIN has to be set in-store, so take the remote along with some ID.",
            "in-store, so take the remote along with some ID",
        ),
        # self-service
        (
            "cancellation-retention",
            "internet-only-loyalty",
            "Sign into the app, pick Change Plan and key in the code GIG70 to get the seventy-dollar rate.",
            "Sign into the app, pick Change Plan and key in the code GIG70 to get the seventy-dollar rate",
        ),
        (
            "upsell-data-overage",
            "explain-and-credit",
            "To get the $15 back, raise a dispute via the website and it gets credited after review.",
            "raise a dispute via the website",
        ),
        # a call the customer must make for the remedy
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "Ticket's open; to arrange the engineer, phone the dispatch team on 0800 555 0100.",
            "phone the dispatch team on 0800 555 0100",
        ),
        (
            "unrecognised-charge-email",
            "refund-remove-pin",
            "For the $29.98 you'll want to contact the channel provider directly.",
            "contact the channel provider directly",
        ),
        # a document first
        (
            "billing-double-charge",
            "reverse-duplicate",
            "Forward us a scan of your card statement and I'll reverse the duplicate when it arrives.",
            "Forward us a scan of your card statement",
        ),
        (
            "installer-damage-email",
            "claims-escalation",
            "Claims will look at it once you have submitted the loss to your insurer.",
            "once you have submitted the loss to your insurer",
        ),
        # a post office named as what she brings, not where the parcel goes
        (
            "abusive-equipment-fee",
            "remove-fee",
            "Take your post office slip into one of our stores and they'll knock the fee off there.",
            "Take your post office slip into one of our stores",
        ),
        # "if you want it back" asks for the chore; it offers no other way
        (
            "upsell-data-overage",
            "explain-and-credit",
            "If you want the $15 back, file a dispute in the app and it's credited after review.",
            "file a dispute in the app",
        ),
        (
            "installer-damage-email",
            "claims-escalation",
            "The claims team needs the original repair invoice mailed to our Denver office before they call you.",
            "original repair invoice mailed to our Denver office",
        ),
        # someone else in the household first
        (
            "plan-downgrade-chat",
            "remove-with-disclosure",
            "I'll need Emma to ring us and agree to it before the line comes off.",
            "need Emma to ring us and agree to it before the line comes off",
        ),
    ],
)
def test_a_chore_left_to_the_customer_is_named(
    library: Library, scenario: str, res_id: str, text: str, chore: str
) -> None:
    found = left_to_customer(_resolution(library, scenario, res_id), text)
    assert (found is not None and chore.lower() in found.lower()) or found == chore, found


@pytest.mark.parametrize(
    ("scenario", "res_id", "text"),
    [
        # the agent does it, or someone else will call her
        ("late-fee-supervisor", "supervisor-callback", "A supervisor will give you a call back within 24 hours."),
        ("angry-repeat-caller", "supervisor-callback", "I've escalated it; expect their call back this afternoon."),
        ("payment-arrangement", "three-instalments", "I'll send you a letter with the three dates."),
        # a courtesy, not a condition
        ("payment-arrangement", "extension", "The due date is now December 15th; if anything changes, call us."),
        # the resolution itself has her make the call
        (
            "sim-swap-fraud",
            "freeze-and-fraud-team",
            "Number locked, ports frozen, fraud case open. Call your bank now.",
        ),
        # the equipment goes back the way the return says; a label beside a store is a choice
        (
            "cancellation-retention",
            "process-cancellation",
            "It's cancelled today, final bill prorated; drop the modem at any UPS store with the prepaid label.",
        ),
        (
            "cancellation-retention",
            "process-cancellation",
            "Cancelled as of today; you can bring the box to one of our stores or we'll mail you a label.",
        ),
    ],
)
def test_no_chore_when_the_company_does_it(library: Library, scenario: str, res_id: str, text: str) -> None:
    assert left_to_customer(_resolution(library, scenario, res_id), text) is None


@given(st.text(max_size=300))
def test_any_text_is_judged_without_error(library: Library, text: str) -> None:
    found = left_to_customer(_resolution(library, "billing-double-charge", "reverse-duplicate"), text)
    assert found is None or found.strip() == found


@pytest.mark.parametrize(
    ("scenario", "res_id", "text", "step"),
    [
        # a step the scenario marks unacceptable, asked of her beside the right remedy
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "Ticket T2-558120 is raised and the technician comes today 1 to 5. Meanwhile would you factory reset "
            "the box for me?",
            "factory reset",
        ),
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "Tier 2 has it, ticket T2-558120, visit today 1 to 5. Restart the router once more tonight as well.",
            "Restart the router",
        ),
        # told not to, already done, or the step as a subject: no request
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "You've already tried a factory reset, so tier 2 has it: ticket T2-558120, visit today 1 to 5.",
            None,
        ),
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "Ticket T2-558120, visit today 1 to 5, and please don't factory reset anything before they arrive.",
            None,
        ),
        (
            "billing-double-charge",
            "reverse-duplicate",
            "I've refunded the $59.99 from March 3rd. Your bank may take three to five days to show it.",
            None,
        ),
        # "only alerts" is wrong as the whole answer, not beside money back
        (
            "upsell-data-overage",
            "explain-only",
            "That $15 is the overage past your 10 GB allowance; my advice is to turn on a usage alert and "
            "stick to Wi-Fi.",
            "usage alert",
        ),
        (
            "upsell-data-overage",
            "explain-and-credit",
            "That $15 is the overage past your 10 GB allowance, and I've credited it this once; I'd also "
            "recommend a usage alert.",
            None,
        ),
    ],
)
def test_an_unwanted_step_asked_of_her_is_named(
    library: Library, scenario: str, res_id: str, text: str, step: str | None
) -> None:
    found = unwanted_chore(library.scenario(scenario), _resolution(library, scenario, res_id), text)
    assert (found[0] if found else None) == step


@given(st.text(max_size=300))
def test_any_text_is_judged_for_unwanted_steps_without_error(library: Library, text: str) -> None:
    sc = library.scenario("technical-tier2-fiber")
    unwanted_chore(sc, sc.resolutions[0], text)


@pytest.mark.parametrize(
    ("scenario", "res_id", "text", "left"),
    [
        (
            "late-fee-supervisor",
            "supervisor-waiver",
            "My supervisor has waived both $35 fees; autopay you can switch back on yourself in the app.",
            True,
        ),
        (
            "late-fee-supervisor",
            "supervisor-waiver",
            "Waivers that size go to review, so email our billing disputes address and they'll look at both fees.",
            True,
        ),
        (
            "installer-damage-email",
            "claims-escalation",
            "Claim CLM-118027 is open; they will need you to take it to your home insurer first.",
            True,
        ),
        (
            "late-fee-supervisor",
            "supervisor-waiver",
            "My supervisor has waived both $35 fees and I've switched your autopay back on for you.",
            False,
        ),
        (
            "outbound-credit-followup",
            "credit-and-reschedule",
            "The credit is confirmed. I can't move the visit from here, but if you call our scheduling line they'll "
            "have Wednesday the 25th for you.",
            True,
        ),
        (
            "cancellation-retention",
            "process-cancellation",
            "It's cancelled, and you don't need to bring anything into a store: a prepaid box comes to you.",
            False,
        ),
    ],
)
def test_more_chores_left_to_her(library: Library, scenario: str, res_id: str, text: str, left: bool) -> None:
    assert (left_to_customer(_resolution(library, scenario, res_id), text) is not None) is left
