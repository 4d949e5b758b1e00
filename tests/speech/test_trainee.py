"""A spoken trainee answer: transcript, measured latency, and a safely named saved recording."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speech.errors import AudioError, InvalidSessionIdError
from speech.options import TranscriptionOptions
from speech.trainee import check_session_id, recording_path, trainee_options, transcribe_trainee_answer, warm_up
from tests.speech.conftest import espeak, wer

ANSWER = "I am sorry about that. Can you confirm your account number please?"


@pytest.fixture(scope="session")
def answer_with_pause(speech_dir: Path) -> tuple[bytes, float]:
    """16 kHz mono WAV (what st.audio_input gives) with a known pause before the trainee speaks."""
    raw = espeak(ANSWER, speech_dir / "answer-raw.wav")
    pause = 1.25
    out = speech_dir / "answer.wav"
    subprocess.run(
        ["sox", str(raw), "-r", "16000", "-b", "16", str(out), "pad", str(pause), "0.3"],
        check=True,
        capture_output=True,
    )
    # espeak-ng's own output starts with a little silence: measure where the sound really begins.
    stat = subprocess.run(["sox", str(raw), "-n", "silence", "1", "0.01", "1%", "stat"], capture_output=True, text=True)
    trimmed = float(next(line.split()[-1] for line in stat.stderr.splitlines() if line.startswith("Length")))
    lead = float(subprocess.run(["soxi", "-D", str(raw)], capture_output=True, text=True).stdout) - trimmed
    return out.read_bytes(), pause + lead


def test_answer_text_times_and_latency(answer_with_pause: tuple[bytes, float], tmp_path: Path) -> None:
    data, onset = answer_with_pause
    answer = transcribe_trainee_answer(
        data, session_id="sess_01-A", turn_index=3, offset_seconds=40.0, recordings_dir=tmp_path, customer_end=39.5
    )
    assert wer(ANSWER, answer.text) <= 0.2, answer.text
    assert answer.speech_onset == pytest.approx(onset, abs=0.25)
    assert answer.latency == pytest.approx(0.5 + onset, abs=0.25)
    assert 40.0 + onset - 0.3 <= answer.start < answer.end <= 40.0 + answer.audio_duration
    assert answer.words == ()  # the answer settings skip word alignment; the VAD gives the turn's times
    turn = answer.to_turn()
    assert (turn.speaker, turn.text, turn.start) == ("agent", answer.text, answer.start)
    saved = tmp_path / "sess_01-A" / "turn-3.wav"
    assert answer.audio_path == saved and saved.read_bytes() == data
    assert [p.name for p in saved.parent.iterdir()] == ["turn-3.wav"]  # no temp files left behind


def test_word_times_when_asked(answer_with_pause: tuple[bytes, float], tmp_path: Path) -> None:
    data, onset = answer_with_pause
    options = TranscriptionOptions.from_settings()
    answer = transcribe_trainee_answer(
        data, session_id="s", turn_index=0, offset_seconds=40.0, recordings_dir=tmp_path, options=options
    )
    assert wer(ANSWER, answer.text) <= 0.2, answer.text
    assert answer.words and all(40.0 <= w.start <= w.end for w in answer.words)
    assert answer.speech_onset == pytest.approx(onset, abs=0.25)


def test_answer_settings_are_for_short_clips() -> None:
    o = trainee_options(TranscriptionOptions(model="tiny.en", beam_size=5))
    assert (o.beam_size, o.word_timestamps, o.without_timestamps, o.vad_filter, o.snap_to_speech) == (
        1,
        False,
        True,
        False,
        False,
    )
    assert o.model == "tiny.en"  # the deployment's model and threads are kept


def test_warm_up_runs_a_real_transcription() -> None:
    assert warm_up() > 0.0


def test_latency_defaults_to_recording_start(answer_with_pause: tuple[bytes, float], tmp_path: Path) -> None:
    data, onset = answer_with_pause
    answer = transcribe_trainee_answer(data, session_id="s", turn_index=0, offset_seconds=0.0, recordings_dir=tmp_path)
    assert answer.latency == pytest.approx(onset, abs=0.25)


def test_silent_answer_is_empty_not_error(silence_wav: Path, tmp_path: Path) -> None:
    answer = transcribe_trainee_answer(
        silence_wav.read_bytes(), session_id="s", turn_index=1, offset_seconds=5.0, recordings_dir=tmp_path
    )
    assert answer.empty and answer.latency is None and answer.words == ()
    assert answer.start == answer.end == 5.0
    assert answer.audio_path.is_file()


@pytest.mark.parametrize(
    "session_id", ["", "../etc", "a/b", "a.b", "..", "name with space", "é", "x" * 129, "a\x00b", "C:\\x"]
)
def test_unsafe_session_ids_rejected(session_id: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidSessionIdError, match="invalid session id"):
        transcribe_trainee_answer(
            b"RIFF", session_id=session_id, turn_index=0, offset_seconds=0, recordings_dir=tmp_path
        )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("turn_index", [-1, 1.5, True, "2"])
def test_bad_turn_index_rejected(turn_index: Any, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="turn_index"):
        transcribe_trainee_answer(
            b"RIFF",
            session_id="s",
            turn_index=turn_index,
            offset_seconds=0,
            recordings_dir=tmp_path,  # type: ignore[arg-type]
        )


def test_bad_audio_saves_nothing(tmp_path: Path) -> None:
    with pytest.raises(AudioError):
        transcribe_trainee_answer(
            b"not audio at all", session_id="s", turn_index=0, offset_seconds=0, recordings_dir=tmp_path
        )
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("good", ["a", "A-1", "session_2026-11-23", "x" * 128])
def test_safe_session_ids_pass(good: str) -> None:
    assert check_session_id(good) == good


@given(session_id=st.text(max_size=40), turn_index=st.integers(0, 10_000))
def test_recording_path_never_escapes(session_id: str, turn_index: int) -> None:
    root = Path("/srv/recordings")
    try:
        path = recording_path(root, session_id=session_id, turn_index=turn_index)
    except InvalidSessionIdError:
        return
    assert path.parent.parent == root and path.parent.name == session_id
    assert path.name == f"turn-{turn_index}.wav"
