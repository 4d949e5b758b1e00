"""What an amount is called: kinds of charge read from the agent's words and the account's labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from simulator.charge_labels import account_kinds, charge_not_theirs, labelled_amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $10 late fee", [(10.0, "late payment")]),
        ("the $15 is a network maintenance fee", [(15.0, "maintenance")]),
        ("a late fee of $10", [(10.0, "late payment")]),
        ("equipment rental: $10", [(10.0, "equipment")]),
        ("$10 for the box", [(10.0, "equipment")]),
        ("the $8 annual adjustment plus a $10 box fee", [(8.0, "price adjustment"), (10.0, "equipment")]),
        # a total of two kinds, a reason clause and a place are not labels
        ("$18 in price adjustment and equipment fees", []),
        ("went up $18 because of the price adjustment", []),
        ("Internet 500 at $55 on our network", []),
    ],
)
def test_labelled_amounts(text: str, expected: list[tuple[float, str]]) -> None:
    assert labelled_amounts(text) == expected


def test_the_accounts_own_kinds_of_charge_are_heard() -> None:
    extra = account_kinds(["Transfer fee", "Monthly price", "Early termination fee"])
    assert extra == ("transfer",)
    assert labelled_amounts("just the $55 transfer fee", extra=extra) == [(55.0, "transfer")]
    assert labelled_amounts("just the $55 transfer fee") == []


@given(st.text(max_size=200))
def test_labelled_amounts_never_fails(text: str) -> None:
    labelled_amounts(text)


@pytest.mark.parametrize(
    ("scenario_id", "text", "foreign"),
    [
        # no call-out charge on this account: a discount on it is not the missed-appointment credit
        ("angry-repeat-caller", "Priority slot booked, and $20 off the call-out charge for that visit.", "call-out"),
        ("angry-repeat-caller", "Priority slot booked, and $20 off your next bill.", None),
        # the customer's own charges
        ("abusive-equipment-fee", "I took the $30 off the unreturned equipment fee.", None),
        ("late-fee-supervisor", "A supervisor takes $35 off each late fee.", None),
    ],
)
def test_a_discount_on_a_charge_the_customer_never_had(
    library: Library, scenario_id: str, text: str, foreign: str | None
) -> None:
    assert charge_not_theirs(library.scenario(scenario_id), text) == foreign
