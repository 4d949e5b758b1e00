"""WebVTT and text output, checked with webvtt-py as an independent parser."""

from __future__ import annotations

import html
import io

import pytest
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from domain.transcript import Transcript, Turn
from speech.formats import to_text, to_vtt

texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(lambda s: s.strip())


@given(
    turns=st.lists(
        st.tuples(st.sampled_from(["agent", "customer"]), texts, st.floats(0, 5000), st.floats(0, 30)),
        min_size=1,
        max_size=8,
    )
)
def test_vtt_parses_back(turns: list[tuple[str, str, float, float]]) -> None:
    transcript = Transcript(
        id="t",
        turns=[Turn(speaker=s, text=t, start=start, end=start + d) for s, t, start, d in turns],  # type: ignore[arg-type]
        metadata={"notes": ["mono audio: speakers were not separated"]},
    )
    captions = webvtt.from_buffer(io.StringIO(to_vtt(transcript)))
    assert len(captions) == len(turns)
    for caption, turn in zip(captions.captions, transcript.turns, strict=True):
        h, m, sec = caption.start.split(":")
        assert int(h) * 3600 + int(m) * 60 + float(sec) == pytest.approx(turn.start or 0, abs=0.0006)
        assert caption.voice == turn.speaker
        assert html.unescape(caption.text) == " ".join(turn.text.split())


def test_text_lists_notes_then_turns() -> None:
    transcript = Transcript(
        id="t",
        turns=[Turn(speaker="agent", text="Hello.", start=3661.5, end=3662.0), Turn(speaker="customer", text="Hi")],
        metadata={"notes": ["no speech detected"]},
    )
    assert to_text(transcript) == "# no speech detected\n[01:01:01.500] agent: Hello.\ncustomer: Hi\n"


@given(
    conf=st.floats(0, 1),
    words=st.floats(0, 1),
    notes=st.lists(texts, max_size=3),
)
def test_per_turn_confidence_and_notes_survive_vtt_and_show_in_text(
    conf: float, words: float, notes: list[str]
) -> None:
    turn = Turn(speaker="agent", text="hello there", start=1.0, end=2.0, speaker_confidence=conf, confidence=words)
    if notes:
        turn = turn.model_copy(update={"notes": notes})
    transcript = Transcript(id="t", turns=[turn, Turn(speaker="customer", text="hi", start=2.5, end=3.0)])
    captions = webvtt.from_buffer(io.StringIO(to_vtt(transcript)))
    assert [c.voice for c in captions.captions] == ["agent", "customer"]  # NOTE blocks never become cues
    text = to_text(transcript)
    assert f"agent (speaker {conf:.2f}, words {words:.2f}): hello there" in text
    assert text.count("\n#   ") == len(notes)
