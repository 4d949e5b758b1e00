"""All transcription knobs in one frozen dataclass, built from ``domain.config.Settings``.

Frozen so that one user's choice can never leak into the shared, cached model or another request.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from domain.config import Settings, get_settings

ChannelSide = Literal["left", "right"]
MonoSpeaker = Literal["agent", "customer", "auto"]
ForeignLanguageRule = Literal["flag", "refuse"]

TWO_HOURS = 2 * 60 * 60.0


@dataclass(frozen=True)
class TranscriptionOptions:
    """How to turn audio into a Transcript.

    Defaults fit 2 CPU cores: int8 weights, greedy decoding (beam 1), word timestamps on.
    """

    model: str | None = None  # directory or faster-whisper name; None = bundled tiny.en
    allow_download: bool = False
    compute_type: str = "int8"
    cpu_threads: int = 2
    language: str | None = "en"
    beam_size: int = 1
    word_timestamps: bool = True
    without_timestamps: bool = False  # True: no timestamp tokens at all (short trainee answers: fewer decode steps)
    vad_filter: bool | None = None  # None = auto: stereo channels and audio >= vad_min_seconds
    vad_min_seconds: float = 30.0
    vad_min_silence_ms: int = 500
    snap_to_speech: bool = True  # trim word times to where the VAD hears speech (accurate turn onsets)
    agent_channel: ChannelSide = "left"
    split_channels: bool = True  # stereo -> one speaker per channel
    crosstalk_db: float | None = 12.0  # drop a channel's utterance when the other is this much louder; None = keep
    mono_speaker: MonoSpeaker = "agent"  # "auto": segments left for attribution (importers.attribution)
    mono_segment_gap: float = 0.2  # "auto": a pause this long may be a change of speaker (0.3 s merged quick replies)
    split_mono_at_pause: float | None = None  # seconds of silence that start a new turn in mono audio
    turn_gap_seconds: float = 1.0  # a pause this long inside one channel ends an utterance
    max_duration_seconds: float = TWO_HOURS
    chunk_seconds: float = 600.0  # long channels are transcribed in pieces cut at quiet points (bounded memory)
    check_language: bool = True  # flag speech the model cannot hear (wrong language) instead of emitting gibberish
    foreign_language: ForeignLanguageRule = "flag"
    max_bytes: int | None = None  # refuse bigger inputs before decoding; None = no limit
    transcript_id: str | None = None

    def __post_init__(self) -> None:
        if self.beam_size < 1:
            raise ValueError("beam_size must be at least 1")
        if self.cpu_threads < 1:
            raise ValueError("cpu_threads must be at least 1")
        if self.max_duration_seconds <= 0:
            raise ValueError("max_duration_seconds must be positive")
        if self.split_mono_at_pause is not None and self.split_mono_at_pause <= 0:
            raise ValueError("split_mono_at_pause must be positive seconds")
        if self.agent_channel not in ("left", "right"):
            raise ValueError("agent_channel must be 'left' or 'right'")
        if self.mono_speaker not in ("agent", "customer", "auto"):
            raise ValueError("mono_speaker must be 'agent', 'customer' or 'auto'")
        if self.chunk_seconds < 30:
            raise ValueError("chunk_seconds must be at least 30")

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> TranscriptionOptions:
        """Options as the deployment configured them, with per-call overrides on top."""
        s = settings if settings is not None else get_settings()
        base = cls(
            model=s.whisper_model,
            allow_download=s.allow_model_download,
            compute_type=s.whisper_compute_type,
            cpu_threads=s.whisper_cpu_threads,
            # "auto": a multilingual model names the language itself (CSR_WHISPER_MODEL=multilingual)
            language=None if (s.whisper_language or "").strip().lower() == "auto" else s.whisper_language,
            max_bytes=s.max_audio_upload_mb * 1024 * 1024,
        )
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown transcription option(s): {', '.join(sorted(unknown))}")
        return replace(base, **overrides)

    def with_changes(self, **changes: Any) -> TranscriptionOptions:
        return replace(self, **changes)
