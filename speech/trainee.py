"""A trainee's spoken answer (the WAV bytes from ``st.audio_input``) -> the agent turn plus its latency.

Latency is speech onset measured on the audio by the Silero VAD that ships inside faster-whisper, relative to
when the customer's line finished: it is what time-on-contact scoring calls response time.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from domain.fileio import write_atomic
from domain.transcript import Turn, Word
from speech.audio import SAMPLE_RATE, decode, to_wav_bytes
from speech.errors import InvalidSessionIdError
from speech.options import TranscriptionOptions
from speech.transcribe import Transcriber
from speech.turns import TimedWord, join_text
from speech.vad import speech_spans

logger = logging.getLogger(__name__)

CROP_PAD_SECONDS = 0.3
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


@dataclass(frozen=True)
class TraineeAnswer:
    """One spoken agent turn. Times are seconds on the session clock; ``latency`` is None when nothing was said."""

    text: str
    start: float
    end: float
    words: tuple[Word, ...]
    latency: float | None
    speech_onset: float | None  # seconds into the recording
    audio_duration: float
    audio_path: Path

    @property
    def empty(self) -> bool:
        return not self.text

    def to_turn(self) -> Turn:
        return Turn(speaker="agent", text=self.text, start=self.start, end=self.end, words=list(self.words))


def check_session_id(session_id: str) -> str:
    """Session ids become directory names, so only a safe alphabet is allowed (no dots, slashes or spaces)."""
    if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
        raise InvalidSessionIdError(f"invalid session id {session_id!r}: use 1-128 letters, digits, '-' or '_' only")
    return session_id


def recording_path(recordings_dir: Path, *, session_id: str, turn_index: int) -> Path:
    if isinstance(turn_index, bool) or not isinstance(turn_index, int) or turn_index < 0:
        raise ValueError(f"turn_index must be a non-negative integer, got {turn_index!r}")
    return Path(recordings_dir) / check_session_id(session_id) / f"turn-{turn_index}.wav"


def _save(path: Path, data: bytes) -> None:
    """Write atomically so a crash never leaves half a recording under the final name."""
    write_atomic(path, data)


def transcribe_trainee_answer(
    wav_bytes: bytes,
    *,
    session_id: str,
    turn_index: int,
    offset_seconds: float,
    recordings_dir: Path | str,
    customer_end: float | None = None,
    options: TranscriptionOptions | None = None,
) -> TraineeAnswer:
    """Transcribe a recorded answer and save it as ``recordings_dir/<session_id>/turn-<n>.wav``.

    ``offset_seconds`` is where the recording starts on the session clock; ``customer_end`` is when the
    customer's line finished (defaults to ``offset_seconds``: recording started as the customer stopped).
    """
    path = recording_path(Path(recordings_dir), session_id=session_id, turn_index=turn_index)
    if offset_seconds < 0:
        raise ValueError("offset_seconds must not be negative")
    transcriber = Transcriber(options)
    o = transcriber.options
    audio = decode(
        bytes(wav_bytes), split_stereo=False, max_duration_seconds=o.max_duration_seconds, max_bytes=o.max_bytes
    )
    samples = audio.channels[0]
    spans = speech_spans(samples)
    # Whisper garbles the first words after a long silence; transcribe from just before the onset instead.
    crop = max(0.0, spans[0][0] - CROP_PAD_SECONDS) if spans else 0.0
    result = transcriber.transcribe_samples(samples[int(crop * SAMPLE_RATE) :], speaker="agent")
    heard = [TimedWord(w.text, w.start + crop, w.end + crop, w.probability) for w in result.words]
    _save(path, bytes(wav_bytes) if audio.info.container == "wav" else to_wav_bytes(samples))

    words = tuple(
        Word(
            word=w.text.strip(),
            start=round(offset_seconds + w.start, 3),
            end=round(offset_seconds + w.end, 3),
            probability=w.probability,
        )
        for w in heard
        if w.text.strip()
    )
    text = join_text(heard)
    if not text:
        return TraineeAnswer("", offset_seconds, offset_seconds, (), None, None, audio.duration, path)
    onset = min(spans[0][0], heard[0].start) if spans else heard[0].start
    start = round(offset_seconds + onset, 3)
    end = round(max(w.end for w in words), 3)
    reference = offset_seconds if customer_end is None else customer_end
    latency = round(offset_seconds + onset - reference, 3)
    return TraineeAnswer(text, start, end, words, latency, round(onset, 3), round(audio.duration, 3), path)
