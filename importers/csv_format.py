"""CSV (or TSV) with one row per turn: speaker,text[,start,end][,conversation_id|call_id|id].

Rows are grouped into transcripts by the conversation column in order of first appearance; without one, the
whole file is one transcript. Column names are matched case-insensitively with common aliases.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from domain.transcript import Transcript
from importers.building import ImportContext, RawTurn, build_transcript, transcript_id_from
from importers.errors import TranscriptImportError
from importers.timecodes import parse_clock

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker", "role", "party", "participant", "speaker_role", "speaker_label", "from"),
    "text": ("text", "utterance", "message", "content", "transcript", "line", "body"),
    "start": ("start", "start_time", "begin", "start_seconds", "offset", "timestamp", "time"),
    "end": ("end", "end_time", "stop", "end_seconds"),
    "conversation": ("conversation_id", "call_id", "id", "contact_id", "transcript_id", "conversation", "session_id"),
    "agent": ("agent", "agent_name", "agent_id", "rep", "csr"),
    "channel": ("channel",),
}
REQUIRED = ("speaker", "text")
_CHANNELS = {"phone", "chat", "email"}


def _norm(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def _columns(header: list[str]) -> dict[str, int]:
    names = [_norm(h) for h in header]
    found: dict[str, int] = {}
    for role, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in names:
                found[role] = names.index(alias)
                break
    return found


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = text.split("\n", 1)[0]
    if "\t" in first and first.count("\t") >= first.count(","):
        return csv.excel_tab
    if ";" in first and first.count(";") > first.count(","):

        class Semicolon(csv.excel):
            delimiter = ";"

        return Semicolon
    return csv.excel


def _time(value: str, *, ctx: ImportContext, where: str, column: str) -> float | None:
    if not value.strip():
        return None
    seconds = parse_clock(value)
    if seconds is None:
        raise TranscriptImportError(f"{column} {value.strip()!r} is not a time", source=ctx.source, where=where)
    return seconds


def parse_csv(text: str, *, ctx: ImportContext) -> list[Transcript]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), _dialect(text)))
    except csv.Error as exc:
        raise TranscriptImportError(f"unreadable CSV: {exc}", source=ctx.source) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise TranscriptImportError("the CSV file has no rows", source=ctx.source)
    header, body = rows[0], rows[1:]
    cols = _columns(header)
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise TranscriptImportError(
            f"missing required column(s) {', '.join(missing)} (found: {found}); "
            "expected speaker,text[,start,end][,conversation_id]",
            source=ctx.source,
            where="row 1",
        )
    if not body:
        raise TranscriptImportError("the CSV file has a header but no turns", source=ctx.source)
    groups: dict[str, list[RawTurn]] = {}
    meta: dict[str, dict[str, Any]] = {}

    def cell(row: list[str], role: str) -> str:
        index = cols.get(role)
        return row[index] if index is not None and index < len(row) else ""

    for number, row in enumerate(body, start=2):
        where = f"row {number}"
        key = cell(row, "conversation").strip() if "conversation" in cols else ""
        key = key or (transcript_id_from(ctx.source) if "conversation" not in cols else "")
        if not key:
            raise TranscriptImportError("empty conversation id", source=ctx.source, where=where)
        start = _time(cell(row, "start"), ctx=ctx, where=where, column="start")
        end = _time(cell(row, "end"), ctx=ctx, where=where, column="end")
        label = cell(row, "speaker").strip() or None
        groups.setdefault(key, []).append(RawTurn(label, cell(row, "text"), start, end, where=where))
        info = meta.setdefault(key, {"first_row": number})
        agent = cell(row, "agent").strip()
        if agent and label and "agent" not in info:
            info["agent"] = agent
        channel = cell(row, "channel").strip().lower()
        if channel in _CHANNELS:
            info["channel"] = channel
    transcripts: list[Transcript] = []
    for key, pieces in groups.items():
        info = meta[key]
        extra = {"agent": info["agent"]} if "agent" in info else {}
        transcripts.append(
            build_transcript(
                pieces,
                ctx=ctx,
                transcript_id=key,
                channel=info.get("channel", "phone"),
                extra_metadata=extra,
                where=f"conversation {key!r} (from row {info['first_row']})",
            )
        )
    return transcripts
