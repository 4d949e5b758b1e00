"""Recorded calls: handed to ``speech`` (imported lazily: faster-whisper costs a second of start-up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from domain.transcript import Transcript
from importers.attribution import attribute_mono
from importers.errors import TranscriptImportError
from importers.options import ImportOptions

AUDIO_EXTENSIONS = frozenset({".wav", ".flac", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".webm", ".mp4", ".aac"})


def _speech_options(options: ImportOptions) -> object:
    from speech.options import TranscriptionOptions

    return TranscriptionOptions.from_settings(
        agent_channel=options.agent_channel, max_bytes=options.max_audio_bytes, mono_speaker="auto"
    )


def _mark(transcript: Transcript, options: ImportOptions) -> Transcript:
    metadata = dict(transcript.metadata)
    metadata.setdefault("format", "audio")
    speakers = sorted({t.speaker for t in transcript.turns})
    side = options.agent_channel
    if metadata.get("speakers_separated"):
        other = "right" if side == "left" else "left"
        metadata["speaker_mapping"] = {f"{side} channel": "agent", f"{other} channel": "customer"}
    elif "speaker_mapping" in metadata:
        pass  # set by attribution
    else:
        metadata["speaker_mapping"] = {"mono": speakers[0] if speakers else "agent"}
    return transcript.model_copy(update={"metadata": metadata})


def read_audio_file(path: Path, *, options: ImportOptions, source: str) -> list[Transcript]:
    from speech import transcribe as stt
    from speech.errors import SpeechError

    try:
        transcript = stt.transcribe_file(path, options=_speech_options(options))  # type: ignore[arg-type]
    except SpeechError as exc:
        raise TranscriptImportError(str(exc), source=source) from None
    return [_mark(attribute_mono(transcript), options)]


def read_audio_bytes(data: bytes, *, filename: str, options: ImportOptions, source: str) -> list[Transcript]:
    from speech import transcribe as stt
    from speech.errors import SpeechError

    try:
        transcript = stt.transcribe_bytes(data, filename=filename, options=_speech_options(options))  # type: ignore[arg-type]
    except SpeechError as exc:
        raise TranscriptImportError(str(exc), source=source) from None
    return [_mark(attribute_mono(transcript), options)]


def transcribe_recording(path: Path, *, speech_options: Any, redact: bool) -> Transcript:
    """``csrsim transcribe``: a recording with the caller's speech options -> attributed, redacted Transcript.

    The same steps as an import (attribution of mono segments, then redaction), so what the command prints is
    what the product would keep. ``SpeechError`` propagates for the caller to word.
    """
    from importers.redaction import redact_transcript
    from speech import transcribe as stt

    transcript = attribute_mono(stt.transcribe_file(path, options=speech_options))
    return redact_transcript(transcript) if redact else transcript
