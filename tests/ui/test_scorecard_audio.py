"""On a voice call's scorecard, evidence from a recorded turn links to that turn's own clip, which plays in the
transcript from a data URI (never a /media URL); turns without a recording link to the turn as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.services.test_practice_recordings import wav_bytes
from tests.ui.test_scorecard_view import CARD
from ui.private_media import audio_data_uri

CALL = {
    "channel": "phone",
    "turns": [
        {"speaker": "customer", "text": "You charged me twice."},
        {"speaker": "agent", "text": "Whatever."},
        {"speaker": "customer", "text": "Excuse me?"},
        {"speaker": "agent", "text": "I'm sorry, let me fix that."},
    ],
}
EVIDENCE_CARD: dict[str, Any] = {
    **CARD,
    "criteria": {
        **CARD["criteria"],
        "accuracy": {**CARD["criteria"]["accuracy"], "evidence": [{"turn": 3, "quote": "let me fix that"}]},
    },
}


def show(card, transcript, recordings) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets import scorecard_view

    scorecard_view(card, transcript=transcript, recordings=recordings)


def run(transcript: dict[str, Any] | None, recordings: Any) -> AppTest:
    at = AppTest.from_function(show, args=(EVIDENCE_CARD, transcript, recordings), default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def players(at: AppTest) -> list[str]:
    return [str(h.proto.body) for h in at.get("html") if "<audio" in str(h.proto.body)]


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "turn-1.wav"
    path.write_bytes(wav_bytes())
    return path


def test_recorded_evidence_links_to_its_turns_clip(clip: Path) -> None:
    at = run(CALL, {1: clip})
    page = markdown(at)
    assert "[turn 1 · :material/play_circle: listen](#turn-1-audio)" in page  # empathy's evidence was spoken
    assert "[turn 3](#turn-3)" in page and "#turn-3-audio" not in page  # typed: links to the turn
    (player,) = players(at)  # one player, on the quoted turn, embedded (no st.audio, no /media URL)
    assert 'id="turn-1-audio"' in player and audio_data_uri(wav_bytes()) in player
    assert not at.get("audio")
    assert "Your recorded answers" not in [e.label for e in at.expander]  # the clip lives on its turn


def test_without_a_transcript_the_clips_are_listed(clip: Path) -> None:
    at = run(None, {1: clip})
    assert "Your recorded answers" in [e.label for e in at.expander]
    assert len(players(at)) == 1 and "listen" not in markdown(at)


@pytest.mark.parametrize("recordings", ["missing", "list"])
def test_missing_or_unindexed_clips_are_not_linked(clip: Path, recordings: str) -> None:
    given: Any = {1: clip.with_name("gone.wav")} if recordings == "missing" else [clip]
    at = run(CALL, given)
    assert "listen" not in markdown(at) and "[turn 1](#turn-1)" in markdown(at)
    assert len(players(at)) == (1 if recordings == "list" else 0)  # a plain list still plays, under its expander
