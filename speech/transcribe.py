"""Recorded audio -> domain ``Transcript`` with per-turn and per-word times.

Stereo calls carry agent and customer on separate channels: each channel is transcribed on its own and the
utterances are merged by time, which separates speakers exactly. Mono audio cannot be separated here, and the
transcript says so in its metadata rather than guessing.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ctranslate2
import numpy as np

from domain.transcript import Speaker, Transcript
from speech.audio import SAMPLE_RATE, DecodedAudio, decode
from speech.errors import AudioError
from speech.model import describe_model, load_model, resolve_model
from speech.options import TranscriptionOptions
from speech.quality import check_segment, sounds_unlike_model_language
from speech.turns import TimedWord, Utterance, clamp_words, interleave, snap_to_speech, split_at_pauses, to_turn
from speech.vad import speech_spans
from speech.voice import voice_features

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

logger = logging.getLogger(__name__)

DECODE_SEED = 0
"""Seed for the sampling Whisper falls back to; any fixed value makes transcription repeatable."""
SILENCE_PEAK = 10 ** (-55 / 20)  # a channel whose loudest sample is below -55 dBFS holds no speech
NO_SPEECH_NOTE = "no speech detected"
MONO_NOTE = "mono audio: speakers were not separated; every turn is attributed to the {speaker}"
LANGUAGE_NOTE = (
    "speech does not sound like {expected} ({why}): the model cannot transcribe it; the words below are "
    "unreliable and the call should not be scored"
)


@dataclass(frozen=True)
class ChannelResult:
    """What Whisper heard on one channel, with what is needed to judge whether to believe it."""

    speaker: Speaker
    words: tuple[TimedWord, ...]
    language: str | None
    silent: bool
    segment_logprobs: tuple[tuple[float, float, bool], ...] = ()  # (duration, avg log-prob, suspect) per segment
    language_probability: float | None = None
    suspect_segments: int = 0


def quiet_cut_points(samples: np.ndarray, *, every: float, search: float = 10.0) -> list[int]:
    """Sample indexes near every ``every`` seconds where the audio is quietest, so no word is cut in two."""
    cuts: list[int] = []
    step = int(every * SAMPLE_RATE)
    window = SAMPLE_RATE // 10
    pos = step
    while pos < samples.size - SAMPLE_RATE:
        lo = max(pos - int(search * SAMPLE_RATE), (cuts[-1] if cuts else 0) + SAMPLE_RATE)
        hi = min(pos + int(search * SAMPLE_RATE), samples.size - window)
        if hi <= lo:
            break
        region = samples[lo:hi]
        usable = region.size // window * window
        energy = np.square(region[:usable].reshape(-1, window), dtype=np.float64).sum(axis=1)
        cut = lo + int(np.argmin(energy)) * window + window // 2
        cuts.append(cut)
        pos = cut + step
    return cuts


_LANGUAGE_NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French"}


def _safe_id(stem: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")
    return cleaned or "audio"


def _rms(samples: np.ndarray, start: float, end: float) -> float:
    window = samples[int(start * SAMPLE_RATE) : max(int(end * SAMPLE_RATE), int(start * SAMPLE_RATE) + 1)]
    return float(np.sqrt(np.mean(np.square(window, dtype=np.float64)))) if window.size else 0.0


def drop_crosstalk(
    per_channel: list[list[Utterance]], channels: tuple[np.ndarray, ...], *, margin_db: float | None
) -> tuple[list[Utterance], int]:
    """Drop utterances that are the other speaker leaking into this channel (echo, shared-room bleed).

    An utterance is bleed when, over its span, the other channel is ``margin_db`` louder than its own.
    """
    if margin_db is None or len(channels) != 2:
        return [u for group in per_channel for u in group], 0
    factor = 10 ** (margin_db / 20)
    kept: list[Utterance] = []
    dropped = 0
    for index, group in enumerate(per_channel):
        own, other = channels[index], channels[1 - index]
        for u in group:
            if _rms(other, u.start, u.end) > factor * _rms(own, u.start, u.end):
                dropped += 1
                logger.debug("dropped %s crosstalk at %.2f-%.2f s", u.speaker, u.start, u.end)
            else:
                kept.append(u)
    return kept, dropped


class Transcriber:
    """Holds options; the model itself is cached per process and shared by every Transcriber."""

    def __init__(self, options: TranscriptionOptions | None = None) -> None:
        self.options = options if options is not None else TranscriptionOptions.from_settings()

    @property
    def model(self) -> WhisperModel:
        o = self.options
        return load_model(
            resolve_model(o.model),
            compute_type=o.compute_type,
            cpu_threads=o.cpu_threads,
            allow_download=o.allow_download,
        )

    @property
    def multilingual(self) -> bool:
        """Whether the model can hear (and name) languages other than English; asked of the model itself."""
        return bool(getattr(self.model.model, "is_multilingual", False))

    def _use_vad(self, duration: float, *, split: bool = False) -> bool:
        """Auto: on for long audio, and for each side of a split call (half of every channel is silence)."""
        o = self.options
        if o.vad_filter is not None:
            return o.vad_filter
        return split or duration >= o.vad_min_seconds

    def transcribe_samples(self, samples: np.ndarray, *, speaker: Speaker, split: bool = False) -> ChannelResult:
        """One channel of 16 kHz float32 samples -> its words with times in seconds from the start.

        Channels longer than ``chunk_seconds`` are transcribed piece by piece, cut at quiet points: Whisper's
        feature extraction over a 2-hour channel alone needs more memory than the whole budget.
        """
        duration = len(samples) / SAMPLE_RATE
        if samples.size == 0 or float(np.max(np.abs(samples))) < SILENCE_PEAK:
            return ChannelResult(speaker, (), None, True)
        o = self.options
        use_vad = self._use_vad(duration, split=split)
        bounds = [0, *quiet_cut_points(samples, every=o.chunk_seconds), samples.size]
        words: list[TimedWord] = []
        logprobs: list[tuple[float, float, bool]] = []
        suspect = 0
        language: str | None = None
        language_probability: float | None = None
        for lo, hi in itertools.pairwise(bounds):
            offset = lo / SAMPLE_RATE
            piece = samples[lo:hi]
            if float(np.max(np.abs(piece), initial=0.0)) < SILENCE_PEAK:
                continue
            # Whisper's temperature fallback samples once greedy decoding fails (noise, foreign speech): a fixed
            # seed makes the same recording give the same transcript, and the same language verdict.
            ctranslate2.set_random_seed(DECODE_SEED)
            segments, info = self.model.transcribe(
                piece,
                language=o.language,
                beam_size=o.beam_size,
                word_timestamps=o.word_timestamps,
                without_timestamps=o.without_timestamps and not o.word_timestamps,
                vad_filter=use_vad,
                vad_parameters={"min_silence_duration_ms": o.vad_min_silence_ms} if use_vad else None,
                condition_on_previous_text=False,  # avoids Whisper's repetition loops on long calls
            )
            language = language or info.language
            language_probability = language_probability or info.language_probability
            for seg in segments:
                check = check_segment(seg.text, avg_logprob=seg.avg_logprob, compression=seg.compression_ratio)
                suspect += check.suspect
                if seg.text.strip():
                    logprobs.append((max(seg.end - seg.start, 0.0), seg.avg_logprob, check.suspect))
                if seg.words:
                    words.extend(
                        TimedWord(
                            w.word, w.start + offset, w.end + offset, round(w.probability, 4), check.reasons, k == 0
                        )
                        for k, w in enumerate(seg.words)
                    )
                elif seg.text.strip():
                    words.append(
                        TimedWord(" " + seg.text.strip(), seg.start + offset, seg.end + offset, None, check.reasons)
                    )
        words = clamp_words(words, duration=duration)
        if o.snap_to_speech and words:
            words = snap_to_speech(words, speech_spans(samples))
        return ChannelResult(speaker, tuple(words), language, False, tuple(logprobs), language_probability, suspect)

    def _language_check(self, results: list[ChannelResult], channels: tuple[np.ndarray, ...]) -> dict[str, Any] | None:
        """Whether the speech is in the language the model was told to hear; None when it is or cannot be judged."""
        o = self.options
        expected = o.language
        if not o.check_language or expected is None:
            return None
        heard = [r for r in results if not r.silent and r.words]
        if not heard:
            return None
        model = self.model
        if self.multilingual:
            loudest = max(range(len(channels)), key=lambda i: len(results[i].words) if i < len(results) else 0)
            detected, probability, _ = model.detect_language(channels[loudest])
            if detected != expected and probability >= 0.5:
                return {
                    "expected": expected,
                    "detected": detected,
                    "probability": round(float(probability), 3),
                    "method": "language identification",
                }
            return None
        logprobs = [lp for r in heard for lp in r.segment_logprobs]
        word_probs = [w.probability for r in heard for w in r.words if w.probability is not None]
        text = " ".join("".join(w.text for w in r.words) for r in heard)
        if sounds_unlike_model_language(logprobs, word_probs, text=text):
            return {
                "expected": expected,
                "detected": None,
                "probability": None,
                "method": "recognition confidence (the model is English-only and cannot name the language)",
            }
        return None

    def transcribe_audio(self, audio: DecodedAudio, *, transcript_id: str, source: str) -> Transcript:
        o = self.options
        notes: list[str] = list(audio.notes)
        utterances: list[Utterance] = []
        results: list[ChannelResult] = []
        if audio.stereo:
            left: Speaker = "agent" if o.agent_channel == "left" else "customer"
            right: Speaker = "customer" if left == "agent" else "agent"
            per_channel: list[list[Utterance]] = []
            for samples, speaker in zip(audio.channels, (left, right), strict=True):
                result = self.transcribe_samples(samples, speaker=speaker, split=True)
                results.append(result)
                per_channel.append(split_at_pauses(result.words, speaker=speaker, gap=o.turn_gap_seconds))
            kept, dropped = drop_crosstalk(per_channel, audio.channels, margin_db=o.crosstalk_db)
            utterances += kept
            if dropped:
                notes.append(f"{dropped} utterance(s) dropped as crosstalk (the other channel was much louder)")
            separated = True
        else:
            auto = o.mono_speaker == "auto"
            placeholder: Speaker = "customer" if auto else o.mono_speaker  # type: ignore[assignment]
            result = self.transcribe_samples(audio.channels[0], speaker=placeholder)
            results.append(result)
            gap = o.mono_segment_gap if auto else o.split_mono_at_pause
            utterances += split_at_pauses(result.words, speaker=placeholder, gap=gap, at_segments=auto)
            separated = False
            if not auto:
                notes.append(MONO_NOTE.format(speaker=o.mono_speaker))
        # Only separated channels are merged: in mono, each pause-split utterance stays its own turn.
        if separated:
            turns = [to_turn(u) for u in interleave(utterances)]
        elif o.mono_speaker == "auto":
            samples = audio.channels[0]
            turns = [
                to_turn(u, voice=voice_features(samples[int(u.start * SAMPLE_RATE) : int(u.end * SAMPLE_RATE) + 1]))
                for u in utterances
            ]
        else:
            turns = [to_turn(u) for u in utterances]
        mismatch = self._language_check(results, audio.channels)
        metadata: dict[str, Any] = {
            "source": source,
            "audio_duration": round(audio.duration, 3),
            "audio_format": audio.info.container,
            "audio_codec": audio.info.codec,
            "sample_rate": audio.info.sample_rate,
            "channels": audio.info.channels,
            "speakers_separated": separated,
            "transcribed_by": f"faster-whisper {describe_model(o.model)}",
            "vad_filter": self._use_vad(audio.duration, split=audio.stereo),
        }
        if separated:
            metadata["agent_channel"] = o.agent_channel
        if not separated and o.mono_speaker == "auto":
            metadata["attribution"] = "pending"  # importers.attribution assigns agent/customer per segment
        suspect = sum(r.suspect_segments for r in results)
        if suspect:
            notes.append(f"{suspect} segment(s) marked as likely misrecognised (loops or low confidence)")
        if mismatch is not None:
            if o.foreign_language == "refuse":
                raise AudioError(
                    f"{source}: speech is not in {mismatch['expected']!r}"
                    + (f" (sounds like {mismatch['detected']!r})" if mismatch["detected"] else "")
                    + "; configure a multilingual model to transcribe it"
                )
            why = (
                f"identified as {mismatch['detected']!r}" if mismatch["detected"] else "very low recognition confidence"
            )
            notes.append(
                LANGUAGE_NOTE.format(expected=_LANGUAGE_NAMES.get(mismatch["expected"], mismatch["expected"]), why=why)
            )
            metadata["language_check"] = mismatch
            metadata["scorable"] = False
        if not turns:
            metadata["empty"] = True
            metadata["empty_reason"] = NO_SPEECH_NOTE
            notes.append(NO_SPEECH_NOTE + ("" if all(r.silent for r in results) else " by the speech model"))
        metadata["notes"] = notes
        language = next((r.language for r in results if r.language), None) or o.language or "en"
        if mismatch is not None:
            language = mismatch["detected"] or "und"  # ISO 639 "undetermined": never silently English
        return Transcript(id=transcript_id, channel="phone", language=language, turns=turns, metadata=metadata)

    def transcribe_file(self, path: str | Path) -> Transcript:
        o = self.options
        path = Path(path)
        audio = decode(
            path, split_stereo=o.split_channels, max_duration_seconds=o.max_duration_seconds, max_bytes=o.max_bytes
        )
        return self.transcribe_audio(audio, transcript_id=o.transcript_id or _safe_id(path.stem), source=path.name)

    def transcribe_bytes(self, data: bytes, *, filename: str) -> Transcript:
        o = self.options
        source = bytes(data)
        audio = decode(
            source, split_stereo=o.split_channels, max_duration_seconds=o.max_duration_seconds, max_bytes=o.max_bytes
        )
        name = Path(filename).name or "audio"
        ident = o.transcript_id or _safe_id(Path(name).stem)
        if ident == "audio":
            ident = "audio-" + hashlib.sha256(source).hexdigest()[:12]
        return self.transcribe_audio(audio, transcript_id=ident, source=name)


def transcribe_file(path: str | Path, *, options: TranscriptionOptions | None = None) -> Transcript:
    """Transcribe an audio file (wav, flac, mp3, m4a, ogg, webm; 8 kHz and up, μ-law too)."""
    return Transcriber(options).transcribe_file(path)


def transcribe_bytes(data: bytes, *, filename: str, options: TranscriptionOptions | None = None) -> Transcript:
    """Transcribe uploaded audio; ``filename`` only names the transcript, the format is sniffed from the bytes."""
    return Transcriber(options).transcribe_bytes(data, filename=filename)
