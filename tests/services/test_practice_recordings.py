"""Recorded answers by turn: what the scorecard plays beside its evidence, read through the call's access rule,
never followed outside the recordings directory."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from services import practice
from services.practice import Live
from services.workspace import Workspace
from storage import UserInfo, UserRepo

SPOKEN = "Could you confirm your account number and postcode please?"
GREETING = "Thank you for calling, my name is Alex, this call is recorded. How can I help?"


def wav_bytes(seconds: float = 0.3) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x01\x00" * int(16000 * seconds))
    return buffer.getvalue()


def fake_transcriber(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Stand in for whisper: save the clip where speech saves it and 'hear' ``text``."""
    import speech

    def transcribe(wav: bytes, **kw: Any) -> SimpleNamespace:
        path = Path(kw["recordings_dir"]) / kw["session_id"] / f"turn-{kw['turn_index']}.wav"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wav)
        start = float(kw["offset_seconds"])
        return SimpleNamespace(text=text, start=start, end=start + 2.0, audio_path=path, empty=False)

    monkeypatch.setattr(speech, "transcribe_trainee_answer", transcribe)


def user(ws: Workspace, name: str) -> UserInfo:
    found = UserRepo(ws.db).by_username(name)
    assert found is not None
    return found


def voice_call(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> tuple[Live, int]:
    """A scored call whose second agent turn was spoken; returns the call and that turn's index."""
    trainee = user(ws, "trainee")
    live = practice.start(
        ws, trainee, ws.library.scenario("billing-double-charge"), engine=practice.customer_engine("scripted"), seed=3
    )
    practice.say(ws, trainee, live, GREETING)
    fake_transcriber(monkeypatch, SPOKEN)
    index = len(live.session.turns)
    practice.say_audio(ws, trainee, live, wav_bytes())
    practice.end_and_score(ws, trainee, live)
    return live, index


def test_the_spoken_turn_has_its_clip_by_transcript_index(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    live, index = voice_call(ws, monkeypatch)
    clips = practice.recordings(live, settings=ws.settings)
    assert list(clips) == [index]
    assert live.session.transcript().turns[index].text == SPOKEN  # the clip's turn is the quoted turn
    assert clips[index].read_bytes() == wav_bytes()
    assert live.record_id is not None
    for viewer in ("trainee", "supervisor", "trainer"):  # the trainee's own call; staff review it
        assert practice.recorded_turns(ws, user(ws, viewer), live.record_id) == clips


def test_another_trainee_hears_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    live, _ = voice_call(ws, monkeypatch)
    assert practice.recorded_turns(ws, user(ws, "trainee2"), live.record_id) == {}


@pytest.mark.parametrize("where", ["missing", "outside"])
def test_a_clip_that_is_gone_or_outside_the_recordings_directory_is_not_played(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    live, index = voice_call(ws, monkeypatch)
    if where == "missing":
        Path(live.audio[index]).unlink()
    else:
        stray = tmp_path / "elsewhere.wav"
        stray.write_bytes(wav_bytes())
        live.audio[index] = str(stray)
    assert practice.recordings(live, settings=ws.settings) == {}
