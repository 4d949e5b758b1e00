"""Value extraction from typed and speech-recognised text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.text import date_mentions, digit_runs, money_mentions, timeframe_mentions, words_to_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'll refund $59.99 today", [59.99]),
        ("that's 35 dollars each, seventy dollars in total", [35.0, 70.0]),
        ("a refund of fifty nine dollars and ninety nine cents", [59.99]),
        ("the fifty nine ninety nine charge", [59.99]),
        ("£1,200.50 is owed", [1200.5]),
        ("no money here, just 12 days", []),
    ],
)
def test_money(text: str, expected: list[float]) -> None:
    assert [m.value for m in money_mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charged on March 3rd", [(3, 3)]),
        ("on the first of march", [(3, 1)]),
        ("2026-03-01", [(3, 1)]),
        ("march third and the twenty first of june", [(3, 3), (6, 21)]),
        ("may i have your name", []),
    ],
)
def test_dates(text: str, expected: list[tuple[int, int]]) -> None:
    assert [m.value for m in date_mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ACC-482177", ["482177"]), ("four eight two: 4 8 2 1 7 7", ["482177"]), ("on 2026-03-01", []), ("call 911", [])],
)
def test_digit_runs(text: str, expected: list[str]) -> None:
    assert [m.value for m in digit_runs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("three to five business days", (3, 5, "day")), ("3-5 days", (3, 5, "day")), ("within 2 weeks", (2, 2, "week"))],
)
def test_timeframes(text: str, expected: tuple[float, float, str]) -> None:
    assert [m.value for m in timeframe_mentions(text)] == [expected]


@pytest.mark.parametrize(("words", "n"), [("fifty nine", 59), ("one hundred and twenty", 120), ("seven", 7)])
def test_words_to_number(words: str, n: int) -> None:
    assert words_to_number(words) == n


@given(st.text(max_size=300))
def test_extractors_never_raise(text: str) -> None:
    for extract in (money_mentions, date_mentions, digit_runs, timeframe_mentions):
        for mention in extract(text):
            assert mention.quote
