"""The trainee's and the customer's voice in the browser.

``hands_free_answer`` listens hands-free: a ``st.components.v2`` component (ui/components/voice.js)
opens the microphone once, finds the end of each utterance with a small energy-based VAD (noise floor
tracking, 60 ms to start, ``hangover_ms`` of quiet to end) and sends it at once as 16 kHz WAV, so there
is no Stop button to press. It pauses while the customer's voice plays. ``st.audio_input`` stays below it
as push-to-talk for browsers without a microphone permission or for noisy rooms.

``customer_audio`` synthesises the customer's line once (cached); the page writes the text first and
the audio element after it, so the reply is readable before its voice is ready.
"""

from __future__ import annotations

import base64
import binascii
import logging

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ui.components import component

logger = logging.getLogger(__name__)

MAX_WAV_BYTES = 16_000 * 2 * 60 + 44  # one minute of 16 kHz mono 16-bit audio
HANGOVER_MS = 600  # quiet after speech that ends an utterance; part of the 1.5 s reply budget


class Utterance(BaseModel):
    """What the browser sends when it heard the end of an utterance (checked: it comes from outside)."""

    model_config = ConfigDict(extra="ignore")

    wav: str = Field(min_length=1, max_length=(MAX_WAV_BYTES * 4) // 3 + 8)
    speech_end_ms: float | None = None
    rate: int = 16_000


def decode_utterance(payload: object) -> bytes | None:
    """WAV bytes from the component's payload; None (and a log line) for anything malformed."""
    if payload is None:
        return None
    try:
        utterance = Utterance.model_validate(payload)
        wav = base64.b64decode(utterance.wav, validate=True)
    except (ValidationError, binascii.Error, ValueError) as exc:
        logger.warning("ignored a malformed utterance from the browser: %s", exc)
        return None
    if not wav.startswith(b"RIFF") or wav[8:12] != b"WAVE":
        logger.warning("ignored an utterance that is not a WAV file")
        return None
    return wav


def hands_free_answer(*, key: str, enabled: bool = True) -> bytes | None:
    """The trainee's spoken answer as WAV bytes once they stop speaking (or push-to-talk), else None.

    Parameters
    ----------
    key
        Unique per turn (e.g. ``f"voice_{len(turns)}"``): a new turn re-arms the listener.
    enabled
        False while the call cannot take an answer; the listener then shows that it is off.
    """
    mount = component("voice", js="voice.js", css="voice.css")
    result = mount(  # type: ignore[operator]
        key=f"{key}_handsfree",
        data={"hangover_ms": HANGOVER_MS, "disabled": not enabled},
        height="content",
        on_utterance_change=lambda: None,
    )
    heard = decode_utterance(getattr(result, "utterance", None))
    recorded = st.audio_input("Push to talk instead (record, then stop)", key=key, disabled=not enabled)
    if heard is not None:
        return heard
    return None if recorded is None else recorded.getvalue()


@st.cache_data(show_spinner=False, max_entries=256)
def customer_audio(text: str, *, voice: str | None, rate: float) -> bytes | None:
    """WAV bytes of the line, or None when no TTS engine is installed (the app then says "text only")."""
    if not text.strip():
        return None
    try:
        import speech

        spoken = speech.speak(text, voice=voice, rate=rate)
    except Exception as exc:  # a broken voice must never break the call: fall back to text
        logger.warning("tts failed: %s", exc)
        return None
    return None if spoken is None else bytes(spoken.wav)
