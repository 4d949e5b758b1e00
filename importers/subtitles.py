"""WebVTT and SRT captions -> Transcript, parsed by the maintained libraries (webvtt-py, pysrt).

Speakers come from voice tags (``<v Agent>``) or "Name:" prefixes; a cue without either continues the previous
speaker. Cues are sorted by start time; overlapping cues (cross-talk) are kept and counted in the notes.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from dataclasses import dataclass

from domain.transcript import Transcript
from importers.building import ImportContext, RawTurn, build_transcript, transcript_id_from
from importers.errors import TranscriptImportError
from importers.speakers import is_known_label
from importers.timecodes import parse_clock

_LABEL = re.compile(r"^\s*[-–]?\s*(?P<label>[A-Za-z][A-Za-z0-9 .'_#&-]{0,39}?)\s*:\s+(?P<text>.*)$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


@dataclass
class Cue:
    number: int
    start: float | None
    end: float | None
    voice: str | None
    lines: list[str]


def _pieces(cues: list[Cue], *, ctx: ImportContext) -> list[RawTurn]:
    candidates: Counter[str] = Counter()
    for cue in cues:
        for line in cue.lines:
            match = _LABEL.match(line)
            if match and len(match.group("label").split()) <= 4:
                candidates[match.group("label").strip()] += 1
    accepted = {label for label, n in candidates.items() if n >= 2 or is_known_label(label, ctx.options)}
    if len(accepted) < 2:
        accepted |= set(candidates)
    pieces: list[RawTurn] = []
    for cue in cues:
        where = f"cue {cue.number}"
        if cue.voice:
            pieces.append(RawTurn(cue.voice, " ".join(cue.lines), cue.start, cue.end, where=where))
            continue
        current: RawTurn | None = None
        for line in cue.lines:
            match = _LABEL.match(line)
            label = match.group("label").strip() if match else None
            if match and label in accepted:
                current = RawTurn(label, match.group("text"), cue.start, cue.end, where=where)
                pieces.append(current)
            elif current is not None:
                current.text = f"{current.text} {line.strip()}".strip()
            else:
                current = RawTurn(cue.voice, line.strip(), cue.start, cue.end, where=where)
                pieces.append(current)
    return pieces


def _sorted_with_overlaps(cues: list[Cue], *, ctx: ImportContext) -> list[Cue]:
    ordered = sorted(cues, key=lambda c: (c.start if c.start is not None else -1.0, c.number))
    overlaps = 0
    first: str | None = None
    latest_end: float | None = None
    latest_cue: Cue | None = None
    for cue in ordered:
        if cue.start is not None and latest_end is not None and cue.start < latest_end and latest_cue is not None:
            overlaps += 1
            first = first or f"cue {cue.number} starts before cue {latest_cue.number} ends"
        if cue.end is not None and (latest_end is None or cue.end > latest_end):
            latest_end, latest_cue = cue.end, cue
    if ordered != cues:
        ctx.notes.append("cues were out of order; sorted by start time")
    if overlaps:
        ctx.notes.append(f"{overlaps} overlapping cue(s) kept (first: {first})")
        ctx.metadata["overlapping_cues"] = overlaps
    return ordered


def _finish(cues: list[Cue], *, ctx: ImportContext) -> list[Transcript]:
    if not cues:
        raise TranscriptImportError("no cues found", source=ctx.source)
    cues = _sorted_with_overlaps(cues, ctx=ctx)
    pieces = _pieces(cues, ctx=ctx)
    return [build_transcript(pieces, ctx=ctx, transcript_id=transcript_id_from(ctx.source), where="captions")]


def parse_vtt(text: str, *, ctx: ImportContext) -> list[Transcript]:
    import webvtt

    try:
        captions = list(webvtt.from_buffer(io.StringIO(text)).captions)
    except Exception as exc:  # the parser's own errors vary by input; all mean "not valid WebVTT"
        raise TranscriptImportError(f"invalid WebVTT: {exc or type(exc).__name__}", source=ctx.source) from None
    cues: list[Cue] = []
    for number, caption in enumerate(captions, start=1):
        raw = caption.raw_text or ""
        voice_match = _VOICE.search(raw)
        voice = voice_match.group(1).strip() if voice_match else None
        lines = [html.unescape(_TAG.sub("", line)).strip() for line in raw.splitlines()]
        cues.append(
            Cue(number, parse_clock(caption.start), parse_clock(caption.end), voice, [ln for ln in lines if ln])
        )
    return _finish(cues, ctx=ctx)


def parse_srt(text: str, *, ctx: ImportContext) -> list[Transcript]:
    import pysrt

    try:
        items = list(pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE))
    except pysrt.Error as exc:
        args = exc.args
        where = f"cue {args[0]}" if args and isinstance(args[0], int) else None
        raise TranscriptImportError("invalid SRT cue", source=ctx.source, where=where) from None
    except Exception as exc:  # pysrt raises plain ValueError/IndexError on some malformed input
        raise TranscriptImportError(f"invalid SRT: {exc or type(exc).__name__}", source=ctx.source) from None
    cues: list[Cue] = []
    for number, item in enumerate(items, start=1):
        raw = item.text or ""
        voice_match = _VOICE.search(raw)
        voice = voice_match.group(1).strip() if voice_match else None
        lines = [_TAG.sub("", line).strip() for line in raw.splitlines()]
        cues.append(Cue(number, item.start.ordinal / 1000, item.end.ordinal / 1000, voice, [ln for ln in lines if ln]))
    return _finish(cues, ctx=ctx)
