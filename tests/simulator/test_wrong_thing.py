"""An offer carried out on something the customer does not have, or a plan change instead of a cancellation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from domain.scenario import Resolution
from simulator.wrong_thing import (
    misplaced,
    moved_instead,
    remote_instead,
    reopened_instead,
    wrong_email,
    wrong_product,
    wrong_reference,
    wrong_thing,
)

_SCENARIO = "cancellation-retention"


def _resolution(library: Library, scenario: str, res_id: str) -> Resolution:
    return next(r for r in library.scenario(scenario).resolutions if r.id == res_id)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("I've cancelled your home phone line as of today.", "cancelled your home phone line"),
        ("Sure, I'll put your landline service on hold.", "your landline service"),
        ("Done, the mobile line ending 4471 is cancelled.", "the mobile line"),
        ("Done, the account ending 4471 is closed.", "account ending 4471"),
        ("I've cancelled your Sports Plus add-on as of today.", "cancelled your Sports Plus add-on"),
        ("I've closed the second account under your name.", "closed the second account"),
        ("I've cancelled service at your previous address on Oak Street.", "your previous address on Oak Street"),
        ("I've cancelled the equipment rental only.", "cancelled the equipment rental only"),
        # what she has, said any way
        ("I've cancelled your TV and internet as of today.", None),
        ("Done, your TV Select + Internet 300 is cancelled.", None),
        ("I've cancelled your services with us as of today, final bill prorated.", None),
        ("I've gone ahead and cancelled your cable and internet effective today.", None),
        ("I've cancelled account 7716025 today.", None),
        # a wait or condition after "cancelled" is not a thing cancelled (other checks judge it)
        ("I've cancelled effective today, and the final bill is prorated.", None),
        ("It's cancelled pending the equipment coming back.", None),
    ],
)
def test_wrong_thing_in_a_cancellation(library: Library, text: str, wrong: str | None) -> None:
    sc = library.scenario(_SCENARIO)
    assert wrong_thing(sc, _resolution(library, _SCENARIO, "process-cancellation"), text) == wrong


@pytest.mark.parametrize(
    ("scenario", "res_id", "text"),
    [
        # a customer who is moving has an old address
        ("address-change-move", "transfer-and-install", "Install on the 5th, and the old address stops the same day."),
        # a cancelled step of another remedy is not the customer's service
        (
            "payment-arrangement",
            "three-instalments",
            "$70.80 on Dec 1, Dec 15 and Jan 1; the shut-off order is cancelled while you keep to it.",
        ),
        (
            "unrecognised-charge-email",
            "refund-remove-pin",
            "Refunded $29.98, cancelled the SportsMax add-on myself, and set a purchase PIN.",
        ),
    ],
)
def test_what_the_customer_has_is_not_wrong(library: Library, scenario: str, res_id: str, text: str) -> None:
    assert wrong_thing(library.scenario(scenario), _resolution(library, scenario, res_id), text) is None


def test_moved_to_a_plan_instead_of_cancelled(library: Library) -> None:
    cancel = _resolution(library, _SCENARIO, "process-cancellation")
    assert moved_instead(cancel, "I've moved you to our Internet Essentials plan at $79.99.") is not None
    assert moved_instead(cancel, "I've cancelled everything as of today.") is None
    # the retention offer is a move by design, judged on its own terms
    loyalty = _resolution(library, _SCENARIO, "internet-only-loyalty")
    assert moved_instead(loyalty, "I've moved you to Internet-only Gig at $70 for 12 months.") is None


@pytest.mark.parametrize(
    ("text", "elsewhere"),
    [
        ("Refunded, SportsMax cancelled, and I've added a PIN to your online account login.", True),
        ("Refunded, SportsMax cancelled, and I've set up a purchase PIN on the living-room set-top box.", False),
        ("Refunded, SportsMax cancelled, and a PIN is now on the TV box.", False),
        ("Refunded and cancelled; I've set a purchase PIN on your box.", False),
    ],
)
def test_a_safeguard_put_on_the_wrong_thing(library: Library, text: str, elsewhere: bool) -> None:
    res = _resolution(library, "unrecognised-charge-email", "refund-remove-pin")
    assert (misplaced(res, text) is not None) is elsewhere


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Your claim reference is INS-660412; the claims team will be in touch.", "reference is INS-660412"),
        ("I've escalated it under reference INS-660412.", "reference INS-660412"),
        ("I've escalated it under reference CLM-118027 (your install job was INS-660412).", None),
        ("Claims will contact you within 2 business days about job INS-660412.", None),
    ],
)
def test_another_code_given_as_the_reference(library: Library, text: str, wrong: str | None) -> None:
    res = _resolution(library, "installer-damage-email", "claims-escalation")
    assert wrong_reference(res, text) == wrong


@pytest.mark.parametrize(
    ("scenario", "res_id", "text", "remote"),
    [
        (
            "es-fibre-outage-technician",
            "book-technician",
            "Mañana por la mañana un técnico hará una revisión remota de su línea desde la central.",
            True,
        ),
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "Ticket T2-558120; a technician will check your line remotely today between 1 and 5 PM.",
            True,
        ),
        # a remote step beside the visit is fine
        (
            "es-fibre-outage-technician",
            "book-technician",
            "Le envío un técnico mañana por la mañana para revisar la fibra; antes haré una prueba remota.",
            False,
        ),
        (
            "technical-tier2-fiber",
            "tier2-ticket-and-tech",
            "I've run a remote test on the line; the technician comes today between 1 and 5 PM.",
            False,
        ),
    ],
)
def test_a_visit_done_remotely_instead(library: Library, scenario: str, res_id: str, text: str, remote: bool) -> None:
    assert (remote_instead(_resolution(library, scenario, res_id), text) is not None) is remote


@given(st.text(max_size=300))
def test_never_fails(library: Library, text: str) -> None:
    sc = library.scenario(_SCENARIO)
    res = _resolution(library, _SCENARIO, "process-cancellation")
    wrong_thing(sc, res, text)
    moved_instead(res, text)
    misplaced(res, text)
    wrong_reference(res, text)
    remote_instead(res, text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The new tracking number is on its way to kevin.tran@example.net now.", "kevin.tran@example.net"),
        ("I've emailed the new tracking to kevin.tran@example.com.", None),
        ("I've emailed the new tracking to Kevin.Tran@Example.com.", None),
        ("You'll get the tracking by email within the hour.", None),
    ],
)
def test_wrong_email(library: Library, text: str, wrong: str | None) -> None:
    assert wrong_email(library.scenario("order-lost-chat"), text) == wrong


def test_no_email_is_judged_when_the_scenario_knows_none(library: Library) -> None:
    assert wrong_email(library.scenario("cancellation-retention"), "Confirmation goes to p.shah@example.com.") is None


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Refunded the $29.98 and cancelled the KidsMax add-on, and a purchase PIN is set.", "KidsMax"),
        ("Refunded the $29.98 and cancelled SportsMax, and a purchase PIN is set.", None),
        ("Refunded the $29.98 and cancelled the add-on, and a purchase PIN is set.", None),
    ],
)
def test_wrong_product(library: Library, text: str, wrong: str | None) -> None:
    sc = library.scenario("unrecognised-charge-email")
    res = next(r for r in sc.resolutions if r.acceptable and "SportsMax" in r.description)
    assert wrong_product(sc, res, text) == wrong


@pytest.mark.parametrize(
    ("text", "reopened"),
    [
        ("Simplest is to close your current account and set you up as a new customer at the new address.", True),
        ("I'll cancel this account and open a brand-new one at 915 Barton Springs.", True),
        ("I've moved your Internet 500 to the new address; the old service ends the same day.", False),
    ],
)
def test_reopened_instead(library: Library, text: str, reopened: bool) -> None:
    res = _resolution(library, "address-change-move", "transfer-and-install")
    assert (reopened_instead(res, text) is not None) is reopened


@given(st.text(max_size=300))
def test_contacts_and_products_never_fail(library: Library, text: str) -> None:
    sc = library.scenario("unrecognised-charge-email")
    wrong_email(sc, text)
    for res in sc.resolutions:
        wrong_product(sc, res, text)
        reopened_instead(res, text)
