"""The trainee's and the customer's voice in the browser.

``hands_free_answer`` listens hands-free: a ``st.components.v2`` component (ui/components/voice.js)
opens the microphone once, finds the end of each utterance with a small energy-based VAD (noise floor
tracking, 60 ms to start, ``HANGOVER_MS`` of quiet to end) and sends it at once as 16 kHz WAV, so there
is no Stop button to press. It pauses while the customer's voice plays. ``st.audio_input`` stays below it
as push-to-talk for browsers without a microphone permission or for noisy rooms.

The answer is played in the widgets' callbacks, which Streamlit runs before the page script: the page then
renders once, already with the trainee's line and the customer's reply (budget: p95 1.5 s from the end of
speech to the reply on screen). After ``DRAFT_MS`` of quiet the component also sends a *draft* of the
utterance, which ``services.speculative`` starts transcribing in the background; the draft's callback reruns
only an empty fragment, not the page. When the trainee stays quiet the final utterance has the same bytes and
takes the draft's transcript; when they speak again the draft is dropped.

``customer_audio`` synthesises the customer's line once (cached); the page writes the text first and
the audio element after it, so the reply is readable before its voice is ready.
"""

from __future__ import annotations

import base64
import binascii
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from streamlit.errors import StreamlitAPIException

from services import speculative
from services.speculative import DraftOutcome
from ui.components import component

logger = logging.getLogger(__name__)

MAX_WAV_BYTES = 16_000 * 2 * 60 + 44  # one minute of 16 kHz mono 16-bit audio
HANGOVER_MS = 600
"""Quiet after the last voiced frame that ends an utterance; part of the 1.5 s reply budget. Kept above the common
500 ms endpointing default on purpose: a shorter hangover cuts answers at the pauses people make between
sentences (a half answer played as a turn costs far more than 100 ms), and since the draft below starts the
transcription 350 ms before the hangover ends, shortening it would save little."""
DRAFT_MS = 170
"""Quiet after which a draft is sent: just over the 120 ms the clip keeps after the last voiced frame, so the
draft's bytes are the final's whenever the trainee stays quiet."""
OUTCOME_KEY = "csr_voice_outcome"
RENDERED_KEY = "csr_voice_rendered"
STREAM_KEY = "csr_voice_stream"
DRAFT_FRAGMENT = "csr_voice_draft"

Answer = Callable[[bytes], object]
"""Plays a spoken answer as a turn (e.g. ``practice.say_audio``); returns None when no speech was heard."""


class Utterance(BaseModel):
    """What the browser sends when it heard the end of an utterance (checked: it comes from outside)."""

    model_config = ConfigDict(extra="ignore")

    wav: str = Field(min_length=1, max_length=(MAX_WAV_BYTES * 4) // 3 + 8)
    speech_end_ms: float | None = None
    rate: int = 16_000


@dataclass(frozen=True)
class SpokenAnswer:
    """What became of the trainee's last spoken answer; the page shows it once, on the run after it was played.

    ``heard`` is False when the recording held no speech; ``error`` is the exception playing it raised (a stale
    tab, unreadable audio): the page decides how to say it. ``seconds`` is the server's time for the answer
    (recognition or the wait for its draft, the customer's turn, the save).
    """

    heard: bool
    error: Exception | None = None
    seconds: float = 0.0
    draft: DraftOutcome | None = None
    speech_end_ms: float | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def timing(self) -> dict[str, object]:
        """The numbers the browser keeps for the voice benchmark (nothing is shown)."""
        draft = self.draft
        return {
            "id": self.id,
            "heard": self.heard,
            "answer_ms": round(self.seconds * 1000),
            "draft_used": bool(draft and draft.used),
            "hear_ms": None if draft is None or draft.hear_seconds is None else round(draft.hear_seconds * 1000),
            "draft_wait_ms": None if draft is None else round(draft.waited_seconds * 1000),
            "speech_end_ms": self.speech_end_ms,
        }


def _parse(payload: object) -> tuple[bytes, float | None] | None:
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
    return wav, utterance.speech_end_ms


def decode_utterance(payload: object) -> bytes | None:
    """WAV bytes from the component's payload; None (and a log line) for anything malformed."""
    parsed = _parse(payload)
    return None if parsed is None else parsed[0]


def _event(component_key: str, event: str) -> object:
    """A trigger value of the component, read in its callback (the component's state merges its triggers)."""
    state = st.session_state.get(component_key)
    return state.get(event) if isinstance(state, dict) else None


def play_answer(wav: bytes, answer: Answer, *, speech_end_ms: float | None = None) -> SpokenAnswer:
    """Play one recorded answer and keep what became of it for the page's next run (:func:`hands_free_answer`)."""
    started = time.perf_counter()
    heard, error = False, None
    try:
        heard = answer(wav) is not None
    except Exception as exc:  # a stale tab or unreadable audio: the page says which, the call goes on
        logger.info("a spoken answer was not played: %s", exc)
        error = exc
    outcome = SpokenAnswer(
        heard=heard,
        error=error,
        seconds=time.perf_counter() - started,
        draft=speculative.outcome(wav),
        speech_end_ms=speech_end_ms,
    )
    st.session_state[OUTCOME_KEY] = outcome
    logger.debug("answer played: %s", outcome.timing())
    return outcome


def _on_draft(component_key: str, stream: str) -> None:
    """Start hearing the draft, and rerun only the empty draft fragment instead of the whole page.

    Only when the page's last run got past the listener: the draft's message interrupts a run still in
    progress (as every widget event does), and a fragment rerun in its place would leave that run unfinished.
    """
    parsed = _parse(_event(component_key, "draft"))
    if parsed is not None:
        started = speculative.prepare(parsed[0], stream=stream)
        logger.debug("draft of %d bytes: %s", len(parsed[0]), "started" if started else "not started (known or busy)")
    if st.session_state.get(RENDERED_KEY) != component_key:
        return  # the page reruns in full, as for any other event
    try:
        st.rerun(DRAFT_FRAGMENT)
    except StreamlitAPIException as exc:  # no draft fragment registered: a page rerun is slower, not wrong
        logger.debug("draft fragment rerun unavailable: %s", exc)


def _on_utterance(component_key: str, answer: Answer) -> None:
    parsed = _parse(_event(component_key, "utterance"))
    if parsed is not None:
        play_answer(parsed[0], answer, speech_end_ms=parsed[1])


def _on_push_to_talk(key: str, answer: Answer) -> None:
    recorded = st.session_state.get(key)
    if recorded is not None:
        play_answer(recorded.getvalue(), answer)


@st.fragment(key=DRAFT_FRAGMENT)
def _draft_fragment() -> None:
    """Renders nothing: a draft's callback reruns this instead of the page (the draft changes nothing on it)."""


def hands_free_answer(*, key: str, answer: Answer, enabled: bool = True) -> SpokenAnswer | None:
    """Listen for the trainee's spoken answer (hands-free, or push-to-talk) and play it with ``answer``.

    ``answer`` runs in the widgets' callback, before the page script, so the run that follows already shows
    the trainee's line and the reply. Returns what became of the last answer once, on the run after it was
    played (None otherwise), for the page to report a stale tab, unreadable audio or silence.

    Parameters
    ----------
    key
        Unique per turn (e.g. ``f"voice_{len(turns)}"``): a new turn re-arms the listener.
    answer
        Plays the WAV bytes as the trainee's turn; None when no speech was heard. Its exceptions are returned
        in :attr:`SpokenAnswer.error`, not raised.
    enabled
        False while the call cannot take an answer; the listener then shows that it is off.
    """
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    st.session_state[RENDERED_KEY] = None
    stream = st.session_state.setdefault(STREAM_KEY, uuid.uuid4().hex)
    component_key = f"{key}_handsfree"
    mount = component("voice", js="voice.js", css="voice.css")
    mount(  # type: ignore[operator]
        key=component_key,
        data={
            "turn": key,
            "hangover_ms": HANGOVER_MS,
            "draft_ms": DRAFT_MS,
            "disabled": not enabled,
            "answered": outcome.timing() if isinstance(outcome, SpokenAnswer) else None,
        },
        height="content",
        on_utterance_change=partial(_on_utterance, component_key, answer),
        on_draft_change=partial(_on_draft, component_key, stream),
    )
    _draft_fragment()
    st.audio_input(
        "Push to talk instead (record, then stop)",
        key=key,
        disabled=not enabled,
        on_change=partial(_on_push_to_talk, key, answer),
    )
    st.session_state[RENDERED_KEY] = component_key  # this run got past the listener (see _on_draft)
    return outcome if isinstance(outcome, SpokenAnswer) else None


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
