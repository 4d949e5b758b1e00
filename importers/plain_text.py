"""Plain-text transcripts: "Agent: ...", "[00:01:23] Caller: ...", "Jane (0:05): ..." and continuation lines.

A "Label:" prefix only starts a new turn when the label is a known role, is in the speaker map, or recurs in the
file: a colon inside a sentence ("The problem is: ...") then stays text. Lines before the first turn that look like
"Key: value" are kept as header metadata (call id, date, agent name).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.transcript import Transcript
from importers.building import ImportContext, RawTurn, build_transcript, transcript_id_from
from importers.options import label_key
from importers.speakers import is_known_label
from importers.timecodes import parse_clock

_TS = (
    r"(?:\[\s*|\(\s*)?(?:\d{4}-\d{2}-\d{2}[ T])?(?:(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)"
    r"(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s*\]|\s*\))?"
)
_WALL = re.compile(r"^(?:(?P<date>\d{4}-\d{2}-\d{2})[ T])?(?P<clock>[\d:.,]+)\s?(?P<ampm>[AaPp])?\.?(?:[Mm]\.?)?$")
_LINE = re.compile(
    rf"^\s*(?P<ts1>{_TS})?\s*[-–—|]?\s*"
    r"(?P<label>[A-Za-z][A-Za-z0-9 .'_#&-]{0,39}?)\s*"
    rf"(?P<ts2>{_TS})?\s*:\s*(?P<text>.*)$"
)
_LEADING_TS = re.compile(rf"^\s*(?P<ts>{_TS})\s*[-–—|]?\s*(?P<text>.*)$")
_MAX_LABEL_WORDS = 4
# "Key: value" lines that export headers carry; never speakers even though some start with a role word.
HEADER_KEYS = frozenset(
    {
        "agent name",
        "agent id",
        "agent email",
        "rep name",
        "rep id",
        "customer name",
        "customer id",
        "customer number",
        "caller id",
        "caller name",
        "call id",
        "call date",
        "call time",
        "call type",
        "call duration",
        "contact id",
        "conversation id",
        "transcript id",
        "interaction id",
        "date",
        "time",
        "duration",
        "queue",
        "subject",
        "disposition",
        "language",
        "channel",
        "direction",
        "recording",
    }
)


@dataclass
class _Line:
    number: int
    label: str | None
    text: str
    start: float | None
    wall_clock: bool = False


@dataclass(frozen=True)
class _Stamp:
    seconds: float
    wall_clock: bool  # a time of day ("10:32 AM", "2024-03-01 10:32:15"), not an offset into the call


def _parse_stamp(raw: str | None) -> _Stamp | None:
    """ "[00:01:23]" is an offset into the call; "10:32 AM" or "2024-03-01 10:32" is a time of day."""
    if not raw:
        return None
    match = _WALL.match(raw.strip().strip("[]()").strip())
    if not match:
        return None
    clock, ampm, day = match.group("clock"), (match.group("ampm") or "").lower(), match.group("date")
    seconds = parse_clock(clock)
    if seconds is None:
        return None
    if not (ampm or day):
        return _Stamp(seconds, False)
    if clock.count(":") == 1:  # a time of day "10:32" is hours:minutes
        seconds *= 60
    hours = int(seconds // 3600)
    if ampm:
        if not 1 <= hours <= 12:
            return None
        if ampm == "p" and hours != 12:
            seconds += 12 * 3600
        elif ampm == "a" and hours == 12:
            seconds -= 12 * 3600
    elif hours > 23:
        return None
    if day:
        try:
            seconds += date.fromisoformat(day).toordinal() * 86400
        except ValueError:
            return None
    return _Stamp(seconds, True)


def _split(line: str, number: int) -> _Line:
    match = _LINE.match(line)
    if match and len(match.group("label").split()) <= _MAX_LABEL_WORDS:
        stamp = _parse_stamp(match.group("ts1") or match.group("ts2"))
        return _Line(
            number,
            match.group("label").strip(),
            match.group("text"),
            stamp.seconds if stamp else None,
            bool(stamp and stamp.wall_clock),
        )
    stamped = _LEADING_TS.match(line)
    stamp = _parse_stamp(stamped.group("ts")) if stamped else None
    if stamped and stamp is not None and stamped.group("ts").strip()[0] in "[(":
        return _Line(number, None, stamped.group("text"), stamp.seconds, stamp.wall_clock)
    return _Line(number, None, line.strip(), None)


_FIELD_WORDS = frozenset(
    {"name", "id", "phone", "email", "e-mail", "number", "no", "no.", "#", "address", "zip", "postcode", "account"}
    | {"type", "date", "time", "duration", "status", "tier", "segment", "score"}
)


def is_header_label(label: str) -> bool:
    """'Agent Name', 'Customer Phone', 'Call ID': a field of an export header, not someone speaking."""
    key = label_key(label)
    words = key.split()
    return key in HEADER_KEYS or (len(words) >= 2 and words[-1] in _FIELD_WORDS)


def _is_wall_clock(line: _Line) -> bool:
    return line.wall_clock


def parse_plain_text(text: str, *, ctx: ImportContext) -> list[Transcript]:
    lines = [_split(raw, n) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    counts = Counter(line.label for line in lines if line.label and not is_header_label(line.label))
    known = {label for label in counts if is_known_label(label, ctx.options)}
    recurring = {label for label, n in counts.items() if n >= 2}
    speakers = known | recurring
    if len(speakers) < 2:
        speakers |= set(counts)
    pieces: list[RawTurn] = []
    header: dict[str, str] = {}
    preamble: list[str] = []
    for line in lines:
        if line.label in speakers:
            pieces.append(RawTurn(line.label, line.text, line.start, None, where=f"line {line.number}"))
        elif pieces:
            spoken = f"{line.label}: {line.text}" if line.label else line.text
            if line.label is None and line.start is not None:
                pieces.append(RawTurn(None, spoken, line.start, None, where=f"line {line.number}"))
            else:
                pieces[-1].text = f"{pieces[-1].text} {spoken}".strip()
        elif line.label:
            header[line.label] = line.text.strip()
        else:
            preamble.append(line.text)
    if not pieces:
        pieces = [RawTurn(None, text, None, None, where=f"line {n}") for n, text in enumerate(preamble, start=1)]
        preamble = []
    starts = [p.start for p in pieces if p.start is not None]
    if starts and any(_is_wall_clock(line) for line in lines):
        origin = min(starts)
        for piece in pieces:
            if piece.start is not None:
                piece.start = round(piece.start - origin, 3)
        starts = [s - origin for s in starts]
        ctx.notes.append("timestamps are times of day: start times are seconds from the first one")
    if any(b < a for a, b in itertools.pairwise(starts)):
        ctx.notes.append("timestamps go backwards in places; kept as written")
    extra: dict[str, object] = {}
    if header:
        extra["header"] = header
        for key, value in header.items():
            lowered = key.lower()
            if lowered in {"agent name", "agent id", "rep name", "rep id"} and value:
                extra.setdefault("agent", value)
    if preamble:
        extra["preamble"] = preamble
    if starts:
        extra["timing"] = "start times only"
    return [
        build_transcript(
            pieces, ctx=ctx, transcript_id=transcript_id_from(ctx.source), extra_metadata=extra, where="text"
        )
    ]
