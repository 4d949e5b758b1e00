"""Transcript JSON (DESIGN.md interchange format): one object, an array, {"transcripts": [...]}, or JSON Lines.

Speaker values go through the same label mapping as text files, so "Agent"/"Rep"/"Caller" exports load too.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from domain.transcript import Transcript
from importers.building import ImportContext, transcript_id_from
from importers.errors import TranscriptImportError
from importers.speakers import resolve_speakers

_TEXT_KEYS = ("text", "content", "message", "utterance")
_SPEAKER_KEYS = ("speaker", "role", "participant", "party")


def _pointer(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def _normalise_turn(turn: Any, *, where: str, ctx: ImportContext) -> dict[str, Any]:
    if not isinstance(turn, dict):
        raise TranscriptImportError(
            f"a turn must be an object, got {type(turn).__name__}", source=ctx.source, where=where
        )
    out = dict(turn)
    if "text" not in out:
        for key in _TEXT_KEYS[1:]:
            if key in out:
                out["text"] = out.pop(key)
                break
    if "speaker" not in out:
        for key in _SPEAKER_KEYS[1:]:
            if key in out:
                out["speaker"] = out.pop(key)
                break
    for key in ("speaker", "text"):
        if key not in out:
            raise TranscriptImportError(f"turn has no {key!r}", source=ctx.source, where=where)
    if not isinstance(out["speaker"], str):
        raise TranscriptImportError("turn speaker must be a string", source=ctx.source, where=where)
    return out


def transcript_from_object(obj: Any, *, ctx: ImportContext, index: int | None, where: str) -> Transcript:
    """One JSON object -> Transcript; ``where`` ("line 3", "item 2") prefixes every error."""
    if not isinstance(obj, dict):
        raise TranscriptImportError(
            f"expected a transcript object, got {type(obj).__name__}", source=ctx.source, where=where
        )
    data = dict(obj)
    if "turns" not in data:
        for alias in ("messages", "utterances", "conversation"):
            if isinstance(data.get(alias), list):
                data["turns"] = data.pop(alias)
                break
    turns_in = data.get("turns")
    if not isinstance(turns_in, list):
        raise TranscriptImportError("no 'turns' list in the transcript object", source=ctx.source, where=where)
    if not turns_in:
        raise TranscriptImportError("the transcript has no turns", source=ctx.source, where=where)
    turns = [_normalise_turn(t, where=f"{where}, turn {i}", ctx=ctx) for i, t in enumerate(turns_in)]
    labels = [t["speaker"] for t in turns]
    mapping = resolve_speakers(labels, options=ctx.options, source=ctx.source, where=where)
    for turn in turns:
        turn["speaker"] = mapping.role(turn["speaker"])
    data["turns"] = turns
    if not data.get("id") or not isinstance(data.get("id"), str | int):
        data["id"] = transcript_id_from(ctx.source, index=index)
    data["id"] = str(data["id"])
    metadata = data.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, dict) else {}
    metadata.setdefault("source", ctx.source)
    metadata.setdefault("format", ctx.format)
    metadata["speaker_mapping"] = mapping.report()
    notes = list(ctx.notes) + mapping.notes
    if notes:
        metadata["notes"] = [*metadata.get("notes", []), *notes] if isinstance(metadata.get("notes"), list) else notes
    data["metadata"] = metadata
    if ctx.options.channel:
        data["channel"] = ctx.options.channel
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise TranscriptImportError(
            f"{_pointer(tuple(first['loc']))}: {first['msg']}", source=ctx.source, where=where
        ) from None


def parse_json(text: str, *, ctx: ImportContext) -> list[Transcript]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptImportError(
            f"invalid JSON: {exc.msg}", source=ctx.source, where=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise TranscriptImportError("JSON nested too deeply", source=ctx.source) from None
    if isinstance(data, dict) and "turns" not in data and isinstance(data.get("transcripts"), list):
        data = data["transcripts"]
    if isinstance(data, list):
        if not data:
            raise TranscriptImportError("the JSON array holds no transcripts", source=ctx.source)
        many = len(data) > 1
        return [
            transcript_from_object(item, ctx=ctx, index=i + 1 if many else None, where=f"item {i + 1}")
            for i, item in enumerate(data)
        ]
    return [transcript_from_object(data, ctx=ctx, index=None, where="transcript")]


def parse_json_lines(text: str, *, ctx: ImportContext) -> list[Transcript]:
    out: list[Transcript] = []
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not numbered:
        raise TranscriptImportError("no transcripts in the JSON Lines file", source=ctx.source)
    many = len(numbered) > 1
    for count, (n, line) in enumerate(numbered, start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TranscriptImportError(
                f"invalid JSON: {exc.msg}", source=ctx.source, where=f"line {n}, column {exc.colno}"
            ) from None
        except RecursionError:
            raise TranscriptImportError("JSON nested too deeply", source=ctx.source, where=f"line {n}") from None
        out.append(transcript_from_object(obj, ctx=ctx, index=count if many else None, where=f"line {n}"))
    return out
