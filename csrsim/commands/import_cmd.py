"""``csrsim import FILE...``: the normalised, redacted Transcript exactly as the product would store it.

Supervisors use it to see what the scorer sees (roles, times, notes, what was redacted) before scoring a
platform export or a recording. It reads through the same ``importers.read_path`` as ``score`` and ``batch``
with the same default options, so the output is what would be kept.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from csrsim.errors import CLIError
from domain.fileio import write_atomic


class ImportFormat(StrEnum):
    json = "json"
    txt = "txt"


class Side(StrEnum):
    left = "left"
    right = "right"


def import_files(
    files: Annotated[list[Path], typer.Argument(help="Transcripts, platform exports or recordings.", metavar="FILE")],
    output_format: Annotated[ImportFormat, typer.Option("--format", help="Output format.")] = ImportFormat.json,
    speaker_map: Annotated[
        list[str] | None, typer.Option("--speaker-map", help="LABEL=agent|customer|system (repeatable).")
    ] = None,
    agent_channel: Annotated[
        Side, typer.Option("--agent-channel", help="Stereo audio / two-channel exports: the agent's side.")
    ] = Side.left,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> int:
    """Print the Transcript each FILE becomes, redacted as it would be stored (JSON: one object, or an array)."""
    from services.contacts import ImportOptions, parse_speaker_map
    from services.transcription import TranscriptImportError, read_path, to_text

    try:
        options = ImportOptions(speaker_map=parse_speaker_map(speaker_map), agent_channel=agent_channel.value)
    except ValueError as exc:
        raise CLIError(str(exc).splitlines()[0]) from None
    transcripts = []
    for path in files:
        try:
            transcripts.extend(read_path(path, options=options))
        except (TranscriptImportError, OSError) as exc:
            raise CLIError(str(exc)) from None
    if output_format is ImportFormat.json:
        data = [t.model_dump(mode="json", exclude_none=True) for t in transcripts]
        text = json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = "\n".join(to_text(t) for t in transcripts)
    if out is not None:
        write_atomic(out, text)
    else:
        sys.stdout.write(text)
    return 0


def register(app: typer.Typer) -> None:
    app.command("import")(import_files)
