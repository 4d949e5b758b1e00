"""Shared last step of every text importer: labelled pieces of talk -> a validated Transcript."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from domain.transcript import Channel, Speaker, Transcript, Turn
from importers.errors import TranscriptImportError
from importers.options import ImportOptions
from importers.speakers import resolve_speakers


@dataclass
class RawTurn:
    """One piece of talk before its label is resolved; ``where`` locates it in the file for error messages."""

    label: str | None
    text: str
    start: float | None = None
    end: float | None = None
    where: str | None = None


@dataclass
class ImportContext:
    """What a single importer call knows about its input."""

    source: str
    options: ImportOptions
    format: str
    notes: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_ID_LENGTH = 120  # ids are database keys (scorecards.transcript_id is 200 characters) and file names


def transcript_id_from(source: str, *, index: int | None = None) -> str:
    """A readable id from the file name ("calls/0001 a.txt" -> "0001-a"), suffixed when a file holds several."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    ident = _ID_UNSAFE.sub("-", stem).strip("-.")[:MAX_ID_LENGTH].strip("-.") or "transcript"
    return f"{ident}-{index}" if index is not None else ident


def build_transcript(
    raw: Sequence[RawTurn],
    *,
    ctx: ImportContext,
    transcript_id: str,
    channel: Channel = "phone",
    extra_metadata: dict[str, Any] | None = None,
    where: str | None = None,
) -> Transcript:
    """Resolve speakers, drop empty pieces, keep times that make sense, and record what was decided."""
    pieces = [r for r in raw if r.text.strip()]
    if not pieces:
        raise TranscriptImportError("no conversation turns found", source=ctx.source, where=where)
    notes = list(ctx.notes)
    labels = [r.label for r in pieces if r.label]
    if not labels:
        if ctx.options.unknown_speaker == "error":
            raise TranscriptImportError(
                "no speaker labels found (expected lines like 'Agent: ...' or 'Customer: ...')",
                source=ctx.source,
                where=where,
            )
        notes.append(f"no speaker labels: every turn attributed to {ctx.options.unknown_speaker}")
    mapping = resolve_speakers(labels, options=ctx.options, source=ctx.source, where=where)
    notes += mapping.notes
    turns: list[Turn] = []
    previous: Speaker | None = None
    bad_times = 0
    for piece in pieces:
        if piece.label:
            speaker: Speaker = mapping.role(piece.label)
        elif previous is not None:
            speaker = previous
        else:
            speaker = "customer" if ctx.options.unknown_speaker == "error" else ctx.options.unknown_speaker
        start, end = piece.start, piece.end
        if start is not None and start < 0:
            start = None
        if end is not None and (end < 0 or (start is not None and end < start)):
            end = None
            bad_times += 1
        try:
            turns.append(Turn(speaker=speaker, text=piece.text.strip(), start=start, end=end))
        except ValidationError as exc:  # pragma: no cover - inputs are checked above
            raise TranscriptImportError(str(exc.errors()[0]["msg"]), source=ctx.source, where=piece.where) from None
        previous = speaker
    if bad_times:
        notes.append(f"{bad_times} end time(s) before their start dropped")
    metadata: dict[str, Any] = {"source": ctx.source, "format": ctx.format, **ctx.metadata}
    if extra_metadata:
        metadata.update(extra_metadata)
    metadata["speaker_mapping"] = mapping.report()
    if notes:
        metadata["notes"] = notes
    channel = ctx.options.channel or channel
    return Transcript(id=transcript_id, channel=channel, language="en", turns=turns, metadata=metadata)
