"""``csrsim transcribe AUDIO...``: offline transcription to Transcript JSON (or WebVTT / text)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from csrsim.errors import CLIError
from domain.fileio import write_atomic

if TYPE_CHECKING:
    from domain.transcript import Transcript


class OutputFormat(StrEnum):
    json = "json"
    vtt = "vtt"
    txt = "txt"


class Side(StrEnum):
    left = "left"
    right = "right"


class MonoSpeaker(StrEnum):
    auto = "auto"
    agent = "agent"
    customer = "customer"


def _write(path: Path, text: str) -> None:
    """Atomic, so a failed run never leaves a half-written output behind."""
    write_atomic(path, text)


def transcribe(
    audio: Annotated[list[Path], typer.Argument(help="Audio files: wav, flac, mp3, m4a, ogg, webm.", metavar="AUDIO")],
    model: Annotated[
        str | None, typer.Option("--model", help="faster-whisper model directory or name (default: bundled tiny.en).")
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.json,
    agent_channel: Annotated[Side, typer.Option("--agent-channel", help="Stereo: the agent's channel.")] = Side.left,
    split_at_pause: Annotated[
        float | None, typer.Option("--split-at-pause", help="Mono: start a new turn after this many seconds of pause.")
    ] = None,
    mono_speaker: Annotated[
        MonoSpeaker,
        typer.Option(
            "--mono-speaker", help="Mono: 'auto' attributes each segment to agent or customer; or one speaker for all."
        ),
    ] = MonoSpeaker.auto,
    max_hours: Annotated[float, typer.Option("--max-hours", help="Refuse audio longer than this.")] = 2.0,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Spoken language code (default: configured, 'en'); 'auto' lets a multilingual --model detect it.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output file, or an existing directory for one file per input.")
    ] = None,
) -> int:
    """Transcribe recorded calls offline, redacted as they would be stored.

    Stereo files give agent and customer by channel; mono files are split and attributed per segment
    (``--mono-speaker auto``). Each turn shows its speaker, recognition and speaker confidence, and notes.
    """
    import math

    from domain.config import get_settings
    from services.transcription import SpeechError, TranscriptionOptions, to_text, to_vtt, transcribe_recording

    if not math.isfinite(max_hours) or max_hours <= 0:
        raise CLIError("--max-hours must be positive")
    if split_at_pause is not None and (not math.isfinite(split_at_pause) or split_at_pause <= 0):
        raise CLIError("--split-at-pause must be positive seconds")
    to_dir = out is not None and out.is_dir()
    if len(audio) > 1 and output_format is OutputFormat.vtt and out is not None and not to_dir:
        raise CLIError("several files with --format vtt need --out to be an existing directory")
    overrides: dict[str, Any] = {
        "agent_channel": agent_channel.value,
        "mono_speaker": mono_speaker.value,
        "split_mono_at_pause": split_at_pause,
        "max_duration_seconds": max_hours * 3600,
    }
    if model is not None:
        overrides["model"] = model
    if language is not None:
        code = language.strip().lower()
        if code != "auto" and not (code.isalpha() and 2 <= len(code) <= 3):
            raise CLIError("--language must be a language code such as 'en' or 'es', or 'auto'")
        overrides["language"] = None if code == "auto" else code
    try:
        options = TranscriptionOptions.from_settings(**overrides)
        redact = get_settings().redact
        transcripts = [transcribe_recording(path, speech_options=options, redact=redact) for path in audio]
    except SpeechError as exc:
        raise CLIError(str(exc)) from None

    def render(items: list[Transcript]) -> str:
        if output_format is OutputFormat.json:
            data = [t.model_dump(mode="json", exclude_none=True) for t in items]
            return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"
        if output_format is OutputFormat.vtt:
            return "\n".join(to_vtt(t) for t in items)
        return "\n".join(to_text(t) for t in items)

    if out is not None and to_dir:
        for t in transcripts:
            _write(out / f"{t.id}.{output_format.value}", render([t]))
    elif out is not None:
        _write(out, render(transcripts))
    else:
        sys.stdout.write(render(transcripts))
    return 0


def register(app: typer.Typer) -> None:
    app.command("transcribe")(transcribe)
