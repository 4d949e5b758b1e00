from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from language.numbers import (
    amounts,
    dates,
    identifiers,
    months,
    numbers,
    parse_number_words,
    parse_spanish_number_words,
)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("five", 5),
        ("fifty-nine", 59),
        ("three hundred and eighty", 380),
        ("a thousand", 1000),
        ("two thousand four hundred", 2400),
        ("four eight two", 482),
        ("banana", None),
        ("", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("I'll refund five dollars of it", [5.0]),
        ("Both $59.99.", [59.99]),
        ("same amount, fifty-nine ninety-nine", [59.99]),
        ("the plumber was three hundred and eighty dollars", [380.0]),
        ("a $1,200 bill and a 50 dollar credit", [1200.0, 50.0]),
        ("fifty cents", [0.5]),
        ("it takes 3 to 5 days at 2 PM", []),
        ("the new bill is one forty-two sixty", [142.6]),
        ("two installments of sixty dollars forty", [60.4]),
        ("eighty-five dollars and fifteen cents", [85.15]),
        ("twenty dollars two weeks ago", [20.0]),
        ("a nine-dollar price adjustment", [9.0]),
        ("a 9-dollar fee, not a 30-day wait", [9.0]),
        ("forty dollars three business days", [40.0]),
        # a bare figure said as a monthly price is money; a quantity or a small count is not
        ("it'll be sixty a month from then on", [60.0]),
        ("the plan is 45 per month", [45.0]),
        ("you get 10 GB a month", []),
        ("one a month is plenty", []),
        # euros in Spanish words
        ("le devuelvo treinta euros con noventa", [30.9]),
        ("son cuarenta y dos euros", [42.0]),
    ],
)
def test_amounts(text: str, values: list[float]) -> None:
    assert [a.value for a in amounts(text)] == values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3rd", [(3, 3, None)]),
        ("the third of March", [(3, 3, None)]),
        ("2026-03-03", [(3, 3, 2026)]),
        ("on 3/14/26", [(14, 3, 2026)]),
        ("the first and the third", [(1, None, None), (3, None, None)]),
        ("17 November 2026", [(17, 11, 2026)]),
        ("may I ask", []),
        ("el cargo del 5 de abril", [(5, 4, None)]),
        ("el 2 de Abril de 2026 y el 5 de abril", [(2, 4, 2026), (5, 4, None)]),
    ],
)
def test_dates(text: str, expected: list[tuple[int, int | None, int | None]]) -> None:
    assert [(d.day, d.month, d.year) for d in dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("ACC-482177", ["ACC-482177"]),
        ("it's 4 8 2 1 7 7", ["482177"]),
        ("four eight two one seven seven", ["482177"]),
        ("zip 02139", ["02139"]),
        ("it cost $59.99", []),
    ],
)
def test_identifiers(text: str, ids: list[str]) -> None:
    assert [i.value for i in identifiers(text)] == ids


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=99))
def test_dollar_amounts_round_trip(whole: int, cents: int) -> None:
    value = whole + cents / 100
    found = amounts(f"I can refund ${value:,.2f} today")
    assert [a.value for a in found] == [round(value, 2)]
    assert found[0].explicit


@given(st.text(max_size=300))
def test_parsers_never_raise(text: str) -> None:
    amounts(text)
    dates(text)
    identifiers(text)
    numbers(text)
    assert all(1 <= m.month <= 12 and text[m.span[0] : m.span[1]] == m.text for m in months(text))


def test_spans_point_at_the_text() -> None:
    text = "Refund $10 on March 3 for ACC-1234"
    for item in [*amounts(text), *dates(text), *identifiers(text)]:
        start, end = item.span
        assert text[start:end] == item.text


@pytest.mark.parametrize(
    ("text", "day"),
    [("Thursday the twenty-sixth of November", 26), ("November twenty-first", 21), ("the thirty-first of May", 31)],
)
def test_compound_ordinals_are_one_day(text: str, day: int) -> None:
    assert [d.day for d in dates(text)] == [day]


def test_an_id_at_the_end_of_a_sentence_is_read() -> None:
    assert [i.value for i in identifiers("It's with the fraud team, case 20871.")] == ["20871"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # counting payments before a month that has its own day
        ("the first December 1st, the second December 15th and the third January 1st", {(1, 12), (15, 12), (1, 1)}),
        ("Saturday the 5th December 8 to 10 AM", {(5, 12)}),
        ("the third of March 2026", {(3, 3)}),
    ],
)
def test_an_ordinal_before_a_month_with_its_own_day_is_not_the_day(text: str, days: set[tuple[int, int]]) -> None:
    assert {(d.day, d.month) for d in dates(text) if d.month is not None} == days


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It goes back with the April billing run.", [4]),
        ("It will appear on your Feb. statement.", [2]),
        ("junto con la factura de junio", [6]),
        # a month with a day is a date, and "may" the verb is no month
        ("The charge of March 3 may take a while.", []),
        ("We'll see you in May.", [5]),
        ("the mar is calm", []),
    ],
)
def test_months_named_alone(text: str, found: list[int]) -> None:
    assert [m.month for m in months(text)] == found


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("cinco", 5),
        ("quince", 15),
        ("veintidós", 22),
        ("cuarenta y ocho", 48),
        ("noventa", 90),
        ("cuarenta y diez", None),
        ("five", None),
        ("", None),
    ],
)
def test_spanish_number_words(words: str, value: int | None) -> None:
    assert parse_spanish_number_words(words) == value


@given(st.text(max_size=60))
def test_spanish_number_words_never_raise(text: str) -> None:
    value = parse_spanish_number_words(text)
    assert value is None or 0 < value < 100
