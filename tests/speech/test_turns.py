"""Property tests for the word -> turn rules (pure functions, no model)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speech.turns import (
    TimedWord,
    Utterance,
    clamp_words,
    interleave,
    join_text,
    snap_to_speech,
    split_at_pauses,
    to_turn,
)

gaps = st.lists(
    st.tuples(st.floats(0.0, 3.0), st.floats(0.01, 1.5)), min_size=1, max_size=30
)  # (silence before the word, word length)


def build(parts: list[tuple[float, float]], offset: float = 0.0) -> list[TimedWord]:
    words, t = [], offset
    for i, (gap, length) in enumerate(parts):
        t += gap
        words.append(TimedWord(f" w{i}", t, t + length, 0.9))
        t += length
    return words


@given(parts=gaps, gap=st.floats(0.1, 2.5))
def test_split_at_pauses_keeps_every_word_in_order(parts: list[tuple[float, float]], gap: float) -> None:
    words = build(parts)
    utterances = split_at_pauses(words, speaker="agent", gap=gap)
    assert [w for u in utterances for w in u.words] == words
    for a, b in itertools.pairwise(utterances):
        assert b.start - a.end >= gap  # a split only where the pause is long enough
    for u in utterances:
        for x, y in zip(u.words, u.words[1:], strict=False):
            assert y.start - x.end < gap  # and never inside an utterance


@given(parts=gaps)
def test_no_gap_means_one_utterance(parts: list[tuple[float, float]]) -> None:
    assert len(split_at_pauses(build(parts), speaker="customer", gap=None)) == 1


@given(a=gaps, b=gaps, gap=st.floats(0.3, 2.0), shift=st.floats(0.0, 5.0))
def test_interleave_orders_and_alternates(
    a: list[tuple[float, float]], b: list[tuple[float, float]], gap: float, shift: float
) -> None:
    agent = split_at_pauses(build(a), speaker="agent", gap=gap)
    customer = split_at_pauses(build(b, offset=shift), speaker="customer", gap=gap)
    merged = interleave(agent + customer)
    starts = [u.start for u in merged]
    assert starts == sorted(starts)
    assert all(x.speaker != y.speaker for x, y in itertools.pairwise(merged))

    def key(w: TimedWord) -> tuple[float, float, str]:
        return (w.start, w.end, w.text)

    assert sorted(map(key, (w for u in merged for w in u.words))) == sorted(
        map(key, (w for u in agent + customer for w in u.words))
    )


@given(parts=gaps, duration=st.floats(0.5, 40.0))
def test_clamp_words_stays_inside_audio(parts: list[tuple[float, float]], duration: float) -> None:
    words = clamp_words(build(parts), duration=duration)
    for w in words:
        assert 0.0 <= w.start <= w.end <= duration
    assert [w.start for w in words] == sorted(w.start for w in words)


@given(parts=gaps, spans=st.lists(st.tuples(st.floats(0, 60), st.floats(0.05, 5)), max_size=10))
def test_snap_only_shrinks_words(parts: list[tuple[float, float]], spans: list[tuple[float, float]]) -> None:
    ordered = sorted((s, s + d) for s, d in spans)
    words = build(parts)
    snapped = snap_to_speech(words, ordered)
    assert len(snapped) == len(words)
    for before, after in zip(words, snapped, strict=True):
        assert before.start - 1e-3 <= after.start <= after.end <= before.end + 1e-3
        assert after.text == before.text


def test_snap_moves_onset_to_speech() -> None:
    words = [TimedWord(" Hello", 0.0, 1.4), TimedWord(" there", 1.4, 1.8)]
    snapped = snap_to_speech(words, [(0.9, 1.75)])
    assert (snapped[0].start, snapped[0].end, snapped[1].end) == (0.9, 1.4, 1.75)


@pytest.mark.parametrize(
    ("texts", "joined"),
    [([" Hello", ",", " world."], "Hello, world."), ([" I'm", " here"], "I'm here"), ([" ", "  a  "], "a")],
)
def test_join_text(texts: list[str], joined: str) -> None:
    assert join_text(TimedWord(t, 0, 0) for t in texts) == joined


def test_to_turn_carries_words_and_times() -> None:
    turn = to_turn(Utterance("customer", (TimedWord(" Hi", 1.0, 1.2, 0.8), TimedWord(" there.", 1.2, 1.6, None))))
    assert (turn.speaker, turn.text, turn.start, turn.end) == ("customer", "Hi there.", 1.0, 1.6)
    assert turn.words is not None and [w.word for w in turn.words] == ["Hi", "there."]
