"""The chat customer's typing pause: bounded, longer for longer replies, off at 0."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.config import Settings
from services.practice import typing_seconds

ON = Settings(chat_typing_min_seconds=0.6, chat_typing_max_seconds=2.5)


@given(st.text(max_size=400), st.text(max_size=400))
def test_bounded_and_monotonic_in_length(a: str, b: str) -> None:
    short, long = sorted((a, b), key=lambda t: len(t.strip()))
    for text in (short, long):
        seconds = typing_seconds(text, settings=ON)
        assert seconds == 0.0 if not text.strip() else 0.6 <= seconds <= 2.5
    if short.strip():
        assert typing_seconds(short, settings=ON) <= typing_seconds(long, settings=ON)


@given(st.text(max_size=200))
def test_zero_turns_it_off(text: str) -> None:
    assert typing_seconds(text, settings=Settings(chat_typing_max_seconds=0)) == 0.0


def test_a_minimum_above_the_maximum_is_held_to_the_maximum() -> None:
    odd = Settings(chat_typing_min_seconds=3.0, chat_typing_max_seconds=1.0)
    assert typing_seconds("Okay.", settings=odd) == 1.0
