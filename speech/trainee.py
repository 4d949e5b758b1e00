"""A trainee's spoken answer (the WAV bytes from ``st.audio_input``) -> the agent turn plus its latency.

Latency is speech onset measured on the audio by the Silero VAD that ships inside faster-whisper, relative to
when the customer's line finished: it is what time-on-contact scoring calls response time.

The answer is on the critical path of a voice turn (budget: p95 1.5 s from the end of speech to the customer's
reply on screen), so by default it is transcribed with settings for short clips (:func:`trainee_options`):
greedy decoding, no timestamp tokens and no word alignment (the turn's start and end come from the VAD, which
has already run), no second VAD pass over a clip already cropped to the speech, and no conditioning on earlier
text. :func:`warm_up` runs one real short transcription so the first answer of a process does not pay for
the model's first-call set-up.

Recognition (:func:`hear_answer`) writes nothing and is keyed by the recording's SHA-256, so the app can start
it on a draft of the answer before the browser calls the answer final (``services.speculative``) and hand the
result to :func:`transcribe_trainee_answer`, which saves the recording and places the turn on the session clock.
"""

from __future__ import annotations

import hashlib
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


def answer_options(language: str, base: TranscriptionOptions | None = None) -> TranscriptionOptions:
    """Answer settings for a practice call held in ``language`` (the scenario's).

    English keeps the configured model. Another language needs a model that hears it: the configured one when
    the model itself says it is multilingual (a cached load), else the ``multilingual`` extra's model; without
    that extra the English model is kept and its language check flags the answer (never silently English).
    """
    from speech.model import MULTILINGUAL, multilingual_available

    options = trainee_options(base)
    if language == "en":
        return options
    if Transcriber(options).multilingual:
        return options.with_changes(language=language)
    if multilingual_available():
        return options.with_changes(model=MULTILINGUAL, language=language)
    logger.warning("a %s practice call with an English-only speech model: install %s", language, MULTILINGUAL)
    return options


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


@dataclass(frozen=True)
class HeardAnswer:
    """What the recogniser heard in one recording, before it is placed on a session clock or saved.

    Recognition is pure (no file is written) so it can run speculatively, before the page knows the answer
    is final (``services.speculative``); ``sha256`` ties the result to the exact bytes it was computed from,
    and :func:`transcribe_trainee_answer` refuses a result heard from other bytes.
    """

    sha256: str
    words: tuple[TimedWord, ...]  # times in seconds from the start of the recording
    spans: tuple[tuple[float, float], ...]  # where the VAD hears speech, seconds from the start
    duration: float
    timed: bool  # the options asked for word times
    recording: bytes  # what is saved: the WAV as sent, or other containers converted to WAV


def audio_sha256(data: bytes) -> str:
    """The key a recording is known by (the speculative transcription cache, the heard-answer check)."""
    return hashlib.sha256(data).hexdigest()


def hear_answer(wav_bytes: bytes, *, options: TranscriptionOptions | None = None) -> HeardAnswer:
    """Decode, find the speech and transcribe one recorded answer; writes nothing.

    ``options`` default to :func:`trainee_options`. Raises :class:`speech.errors.AudioError` for audio that
    cannot be decoded, like :func:`transcribe_trainee_answer`.
    """
    if options is None:
        options = trainee_options()
    data = bytes(wav_bytes)
    transcriber = Transcriber(options)
    o = transcriber.options
    audio = decode(data, split_stereo=False, max_duration_seconds=o.max_duration_seconds, max_bytes=o.max_bytes)
    samples = audio.channels[0]
    spans = speech_spans(samples)
    # Whisper garbles the first words after a long silence; transcribe from just before the onset instead,
    # and up to just after the last speech (trailing silence is decoding time for nothing).
    crop = max(0.0, spans[0][0] - CROP_PAD_SECONDS) if spans else 0.0
    stop = min(audio.duration, spans[-1][1] + TAIL_PAD_SECONDS) if spans else audio.duration
    clip = samples[int(crop * SAMPLE_RATE) : int(stop * SAMPLE_RATE)]
    result = transcriber.transcribe_samples(clip, speaker="agent")
    heard = tuple(TimedWord(w.text, w.start + crop, w.end + crop, w.probability) for w in result.words)
    return HeardAnswer(
        sha256=audio_sha256(data),
        words=heard,
        spans=tuple((float(a), float(b)) for a, b in spans),
        duration=audio.duration,
        timed=o.word_timestamps,
        recording=data if audio.info.container == "wav" else to_wav_bytes(samples),
    )


def transcribe_trainee_answer(
    wav_bytes: bytes,
    *,
    session_id: str,
    turn_index: int,
    offset_seconds: float,
    recordings_dir: Path | str,
    customer_end: float | None = None,
    options: TranscriptionOptions | None = None,
    heard: HeardAnswer | None = None,
) -> TraineeAnswer:
    """Transcribe a recorded answer and save it as ``recordings_dir/<session_id>/turn-<n>.wav``.

    ``offset_seconds`` is where the recording starts on the session clock; ``customer_end`` is when the
    customer's line finished (defaults to ``offset_seconds``: recording started as the customer stopped).
    ``options`` default to :func:`trainee_options` (no word times: ``words`` is empty and the turn's times come
    from the VAD); options with ``word_timestamps`` give words with times as well, at a higher latency.
    ``heard`` is :func:`hear_answer`'s result for these bytes when it was computed ahead (a speculative
    transcription); it must be of exactly these bytes (``ValueError`` otherwise), and is then not recomputed.
    """
    path = recording_path(Path(recordings_dir), session_id=session_id, turn_index=turn_index)
    if offset_seconds < 0:
        raise ValueError("offset_seconds must not be negative")
    if heard is None:
        heard = hear_answer(wav_bytes, options=options)
    elif heard.sha256 != audio_sha256(bytes(wav_bytes)):
        raise ValueError("the heard answer was computed from other audio than this recording")
    _save(path, heard.recording)
    return place_answer(heard, path=path, offset_seconds=offset_seconds, customer_end=customer_end)


def place_answer(
    heard: HeardAnswer, *, path: Path, offset_seconds: float, customer_end: float | None = None
) -> TraineeAnswer:
    """Put a heard answer on the session clock (the recording is already saved at ``path``)."""
    spans = heard.spans
    words = tuple(
        Word(
            word=w.text.strip(),
            start=round(offset_seconds + w.start, 3),
            end=round(offset_seconds + w.end, 3),
            probability=w.probability,
        )
        for w in heard.words
        if w.text.strip() and heard.timed
    )
    text = join_text(heard.words)
    if not text:
        return TraineeAnswer("", offset_seconds, offset_seconds, (), None, None, heard.duration, path)
    if heard.timed:
        onset = min(spans[0][0], heard.words[0].start) if spans else heard.words[0].start
        speech_end = max(w.end for w in heard.words)
    else:  # no word times: the speech the VAD heard is the turn
        onset = spans[0][0] if spans else 0.0
        speech_end = spans[-1][1] if spans else heard.duration
    start = round(offset_seconds + onset, 3)
    end = round(max(offset_seconds + speech_end, start), 3)
    reference = offset_seconds if customer_end is None else customer_end
    latency = round(offset_seconds + onset - reference, 3)
    return TraineeAnswer(text, start, end, words, latency, round(onset, 3), round(heard.duration, 3), path)
