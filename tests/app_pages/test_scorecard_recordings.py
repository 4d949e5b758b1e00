"""A voice practice call's scorecard plays the trainee's recorded answer where it is quoted: on the trainee's
Practice page right after the call, and on the Review page when a supervisor opens it."""

from __future__ import annotations

import pytest

from domain.config import Settings
from services.workspace import open_workspace
from storage import Database
from tests.app_pages.conftest import click
from tests.app_pages.test_practice import GOOD_CALL, say, start_call
from tests.services.test_practice_recordings import fake_transcriber, voice_call, wav_bytes
from ui.private_media import audio_data_uri


def players(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(h.proto.body) for h in at.get("html") if "<audio" in str(h.proto.body)]


def test_the_trainees_scorecard_plays_the_spoken_turn(app_as, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    fake_transcriber(monkeypatch, GOOD_CALL[1])
    at.audio_input[0].set_value(("answer.wav", wav_bytes(), "audio/wav")).run()
    assert not at.exception, at.exception
    (index,) = at.session_state["practice_live"].audio  # the spoken turn
    click(at, "End call and score")
    assert not at.exception, at.exception
    (player,) = players(at)
    assert f'id="turn-{index}-audio"' in player and audio_data_uri(wav_bytes()) in player
    assert not at.get("audio")  # embedded, never served at /media


def test_review_links_evidence_to_the_recorded_answer(
    app_as, db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ws = open_workspace(settings=settings, db=db)
    live, index = voice_call(ws, monkeypatch)
    at = app_as("supervisor")
    at.switch_page("app_pages/review.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="review_pick").select(live.scorecard_id).run()
    (player,) = players(at)
    assert f'id="turn-{index}-audio"' in player and audio_data_uri(wav_bytes()) in player
    links = "\n".join(str(m.value) for m in at.markdown)
    assert live.card is not None
    assert any(e.turn == index for c in live.card.criteria.values() for e in c.evidence)  # the spoken turn is quoted
    assert f"[turn {index} · :material/play_circle: listen](#turn-{index}-audio)" in links  # and links to its clip
    assert "[turn 0](#turn-0)" in links  # the typed greeting links to its turn
