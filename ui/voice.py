"""The customer's voice in the browser: synthesised once per line and cached (bytes are immutable)."""

from __future__ import annotations

import logging

import streamlit as st

logger = logging.getLogger(__name__)


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
