"""What undoes a remedy's protection: a guessable new PIN, the resolution's own advice taken back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from simulator.undermined import (
    asks_card_data,
    countermanded,
    may_recur,
    unsafe_channel,
    unwanted_phone_call,
    weak_secret,
)


@pytest.mark.parametrize(
    ("scenario_id", "text", "weak"),
    [
        ("sim-swap-fraud", "I've also set a new account PIN of 1234 so it's easy to remember.", True),
        ("sim-swap-fraud", "I've set a new account PIN of 9876.", True),
        ("sim-swap-fraud", "I've set a new account PIN of 8391; keep it to yourself.", False),
        # the PIN on file quoted to verify is not a new one
        ("sim-swap-fraud", "PIN 6602 and the $84.17 payment both match, so you're verified.", False),
        (
            "unrecognised-charge-email",
            "I set the purchase PIN to 7030, your ZIP code, so it is easy to remember.",
            True,
        ),
        ("unrecognised-charge-email", "I have set up a purchase PIN on the set-top box.", False),
    ],
)
def test_weak_secret(library: Library, scenario_id: str, text: str, weak: bool) -> None:
    assert (weak_secret(library.scenario(scenario_id), text) is not None) is weak


@pytest.mark.parametrize(
    ("scenario_id", "text", "taken_back"),
    [
        ("sim-swap-fraud", "I'd hold off calling your bank for now, though.", "hold off calling your bank"),
        ("sim-swap-fraud", "Do call your bank too.", None),
        (
            "outage-medical-priority",
            "Her tank should cover it, so I wouldn't worry about 911.",
            "wouldn't worry about 911",
        ),
        ("outage-medical-priority", "Please don't wait on us if her breathing gets worse, call 911.", None),
        # a call to us put where the advice was
        (
            "outage-medical-priority",
            "If she struggles to breathe, ring us on this line and we'll send someone.",
            "If she struggles to breathe, ring us on this line and we'll send someone",
        ),
        ("outage-medical-priority", "If it gets worse, call 911, and you can call us back too.", None),
        # a resolution that advises nothing has nothing to take back
        ("billing-double-charge", "Don't call your bank, I've reversed it.", None),
    ],
)
def test_countermanded(library: Library, scenario_id: str, text: str, taken_back: str | None) -> None:
    res = next(r for r in library.scenario(scenario_id).resolutions if r.acceptable)
    assert countermanded(res, text) == taken_back


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [
        ("Case FR-20871 is open; I'll text the details to 480-555-0193.", "480-555-0193"),
        ("The fraud team will reach you by text once they've reviewed it.", "by text"),
        # the number quoted to verify reaches nobody
        ("Your PIN and 480-555-0193 both match, so you're verified.", None),
        ("I'll email the case details to the address on file.", None),
    ],
)
def test_unsafe_channel(library: Library, text: str, unsafe: str | None) -> None:
    assert unsafe_channel(library.scenario("sim-swap-fraud"), text) == unsafe


def test_no_channel_is_unsafe_unless_the_account_says_so(library: Library) -> None:
    assert unsafe_channel(library.scenario("billing-double-charge"), "I'll text you a confirmation.") is None


@given(st.text(max_size=300))
def test_never_fails(library: Library, text: str) -> None:
    sc = library.scenario("sim-swap-fraud")
    weak_secret(sc, text)
    countermanded(sc.resolutions[0], text)
    unsafe_channel(sc, text)


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [
        ("I'm sending a verification code to your mobile now; read it back to me.", True),
        ("The fraud team will ring you on the number on file within the hour.", True),
        ("The fraud team will call you on the landline you just gave me.", False),
    ],
)
def test_reaching_the_hijacked_phone_without_naming_it(library: Library, text: str, unsafe: bool) -> None:
    assert (unsafe_channel(library.scenario("sim-swap-fraud"), text) is not None) is unsafe


@pytest.mark.parametrize(
    ("text", "recurs"),
    [
        ("Refunded. I can't promise it won't bill you twice again next month, so watch your statement.", True),
        ("Refunded. It might well happen again, to be honest.", True),
        ("Refunded, and I've fixed the autopay so it won't happen again.", False),
        ("Refunded. If it ever happens again, call us and we'll sort it straight away.", False),
    ],
)
def test_may_recur(library: Library, text: str, recurs: bool) -> None:
    assert (may_recur(library.scenario("billing-double-charge"), text) is not None) is recurs


def test_recurrence_is_judged_only_when_she_wants_it_stopped(library: Library) -> None:
    assert may_recur(library.scenario("cancellation-retention"), "It might happen again.") is None


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("To send the refund, please email me your full card number and the expiry date.", True),
        ("Could you read me the three-digit code on the back of the card?", True),
        ("Just reply with your card number and expiry and I'll push the credit through.", True),
        ("Send over your online banking password so I can check the payment went out.", True),
        ("The refund goes back to the card ending 4412 in three to five days.", False),
        ("I've set a purchase PIN on the set-top box; choose one only you know.", False),
        ("Never share your card's security code with anyone who calls you.", False),
        ("I just need the long number on the card you pay with, plus the expiry, to push the credit through.", True),
        ("Can you read me the security code your bank just emailed you? I'll add it to the case.", True),
        ("Necesito que me diga el número completo de la tarjeta y el código de seguridad.", True),
        ("We don't need your full card number for this; the refund goes back automatically.", False),
    ],
)
def test_asks_card_data(text: str, asked: bool) -> None:
    assert (asks_card_data(text) is not None) is asked


@given(st.text(max_size=300))
def test_asks_card_data_never_fails(text: str) -> None:
    asks_card_data(text)


@pytest.mark.parametrize(
    ("scenario_id", "text", "call"),
    [
        ("installer-damage-email", "A claims handler will phone you within 2 business days.", True),
        ("installer-damage-email", "Our claims team will give you a call tomorrow.", True),
        ("installer-damage-email", "The claims team will contact you by email within 2 business days.", False),
        ("installer-damage-email", "They'll reply in writing rather than call you.", False),
        # a phone contact that asked for nothing in writing may be called back
        ("late-fee-supervisor", "A supervisor will call you back within 24 hours.", False),
    ],
)
def test_unwanted_phone_call(library: Library, scenario_id: str, text: str, call: bool) -> None:
    assert (unwanted_phone_call(library.scenario(scenario_id), text) is not None) is call
