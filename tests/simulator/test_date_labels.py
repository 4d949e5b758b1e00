"""Which of the customer's dates the agent ties to a charge: the account's dated labels decide."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from simulator.date_labels import misdated


@pytest.mark.parametrize(
    ("scenario_id", "text", "wrong"),
    [
        # August 20 is the billing migration, not a late fee
        (
            "late-fee-supervisor",
            "Waiving the late fees from August 20 and September 18.",
            ["August 20"],
        ),
        ("late-fee-supervisor", "I'm removing the August 20 fee.", ["August 20"]),
        ("late-fee-supervisor", "A supervisor is waiving the late fees from September 18 and October 18.", []),
        # the migration date said as the migration, with the fees further on
        ("late-fee-supervisor", "Since the migration on August 20, your autopay stopped and the fees followed.", []),
        # September 22 is when the modem came back; the fee was charged on November 1
        ("abusive-equipment-fee", "I've waived the fee charged on September 22.", ["September 22"]),
        ("abusive-equipment-fee", "The modem came back on September 22, so I've taken the $30 fee off.", []),
        ("abusive-equipment-fee", "Your modem came back on the 22nd of September, so the fee never applied.", []),
        # both March dates are charges: which one is the duplicate is the offer's terms, not a label slip
        ("billing-double-charge", "I've refunded the charge from March 1.", []),
        # a date on no account field is the figure check's to judge
        ("late-fee-supervisor", "The fee from July 4 is gone.", []),
    ],
)
def test_misdated(library: Library, scenario_id: str, text: str, wrong: list[str]) -> None:
    assert [m.said for m in misdated(library.scenario(scenario_id), text)] == wrong


def test_the_expected_date_is_named_when_one_field_holds_the_charge(library: Library) -> None:
    (slip,) = misdated(library.scenario("abusive-equipment-fee"), "I've waived the fee charged on September 22.")
    assert slip.expected == (1, 11) and slip.word == "charged"


@given(text=st.text(max_size=300))
def test_misdated_never_fails(library: Library, text: str) -> None:
    misdated(library.scenario("late-fee-supervisor"), text)
