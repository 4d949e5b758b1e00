"""A trainee's spoken answer (the WAV bytes from ``st.audio_input``) -> the agent turn plus its latency.

Latency is speech onset measured on the audio by the Silero VAD that ships inside faster-whisper, relative to
when the customer's line finished: it is what time-on-contact scoring calls response time.

The answer is on the critical path of a voice turn (budget: p95 1.5 s from the end of speech to the customer's
reply on screen), so by default it is transcribed with settings for short clips (:func:`trainee_options`):
greedy decoding, no timestamp tokens and no word alignment (the turn's start and end come from the VAD, which
has already run), no second VAD pass over a clip already cropped to the speech, and no conditioning on earlier
text. :func:`warm_up` runs one real short transcription so the first answer of a process does not pay for
the model's first-call set-up.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
TAIL_PAD_SECONDS = 0.3
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


def trainee_options(base: TranscriptionOptions | None = None) -> TranscriptionOptions:
    """Options for a short spoken answer: beam 1, no timestamps or word alignment, no VAD filter (the clip is
    cropped to the speech the VAD found), no snapping (times come from the VAD)."""
    base = base if base is not None else TranscriptionOptions.from_settings()
    return base.with_changes(
        beam_size=1, word_timestamps=False, without_timestamps=True, vad_filter=False, snap_to_speech=False
    )


def _warm_clip(seconds: float = 1.5) -> np.ndarray:
    """A voiced-sounding test clip (a gliding, amplitude-modulated tone): enough for the model to decode."""
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    pitch = 140.0 + 40.0 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / SAMPLE_RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 6))
    envelope = 0.5 * (1 - np.cos(2 * np.pi * 3.0 * t))
    return (0.3 * envelope * voice / 2.3).astype(np.float32)


def warm_up(options: TranscriptionOptions | None = None) -> float:
    """Load the model and the VAD and run one short transcription with the answer settings; returns seconds.

    The first ``transcribe`` call of a process sets up the decoder (measured at ~5 s on the first voice turn),
    so the practice page runs this in the background when it opens.
    """
    started = time.perf_counter()
    clip = _warm_clip()
    speech_spans(clip)
    Transcriber(trainee_options(options)).transcribe_samples(clip, speaker="agent")
    took = time.perf_counter() - started
    logger.info("speech warm-up took %.2f s", took)
    return took


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
    ``options`` default to :func:`trainee_options` (no word times: ``words`` is empty and the turn's times come
    from the VAD); options with ``word_timestamps`` give words with times as well, at a higher latency.
    """
    if options is None:
        options = trainee_options()
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
    # Whisper garbles the first words after a long silence; transcribe from just before the onset instead,
    # and up to just after the last speech (trailing silence is decoding time for nothing).
    crop = max(0.0, spans[0][0] - CROP_PAD_SECONDS) if spans else 0.0
    stop = min(audio.duration, spans[-1][1] + TAIL_PAD_SECONDS) if spans else audio.duration
    clip = samples[int(crop * SAMPLE_RATE) : int(stop * SAMPLE_RATE)]
    result = transcriber.transcribe_samples(clip, speaker="agent")
    heard = [TimedWord(w.text, w.start + crop, w.end + crop, w.probability) for w in result.words]
    _save(path, bytes(wav_bytes) if audio.info.container == "wav" else to_wav_bytes(samples))

    timed = o.word_timestamps
    words = tuple(
        Word(
            word=w.text.strip(),
            start=round(offset_seconds + w.start, 3),
            end=round(offset_seconds + w.end, 3),
            probability=w.probability,
        )
        for w in heard
        if w.text.strip() and timed
    )
    text = join_text(heard)
    if not text:
        return TraineeAnswer("", offset_seconds, offset_seconds, (), None, None, audio.duration, path)
    if timed:
        onset = min(spans[0][0], heard[0].start) if spans else heard[0].start
        speech_end = max(w.end for w in heard)
    else:  # no word times: the speech the VAD heard is the turn
        onset = spans[0][0] if spans else 0.0
        speech_end = spans[-1][1] if spans else audio.duration
    start = round(offset_seconds + onset, 3)
    end = round(max(offset_seconds + speech_end, start), 3)
    reference = offset_seconds if customer_end is None else customer_end
    latency = round(offset_seconds + onset - reference, 3)
    return TraineeAnswer(text, start, end, words, latency, round(onset, 3), round(audio.duration, 3), path)
