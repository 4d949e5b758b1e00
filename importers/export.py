"""Transcript -> WebVTT / SRT, so scored calls open in any player or caption tool and re-import losslessly.

Turns without times get consecutive placeholder seconds (WebVTT and SRT demand a time on every cue).
"""

from __future__ import annotations

from domain.transcript import Transcript, Turn
from importers.timecodes import format_clock

_VOICE_NAME = {"agent": "Agent", "customer": "Customer", "system": "System"}


def _times(turns: list[Turn]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    clock = 0.0
    for turn in turns:
        start = turn.start if turn.start is not None else clock
        end = turn.end if turn.end is not None and turn.end >= start else start + 1.0
        out.append((start, end))
        clock = max(clock, end)
    return out


def _one_line(text: str) -> str:
    return " ".join(text.replace("-->", "->").split())


def to_vtt(transcript: Transcript) -> str:
    """WebVTT with one cue per turn and the speaker as a voice tag (``<v Agent>``)."""
    lines = ["WEBVTT", ""]
    for i, (turn, (start, end)) in enumerate(zip(transcript.turns, _times(transcript.turns), strict=True), start=1):
        text = _one_line(turn.text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [
            str(i),
            f"{format_clock(start)} --> {format_clock(end)}",
            f"<v {_VOICE_NAME[turn.speaker]}>{text}",
            "",
        ]
    return "\n".join(lines)


def to_srt(transcript: Transcript) -> str:
    """SRT with one cue per turn and a "Speaker:" prefix (SRT has no voice tags)."""
    lines: list[str] = []
    for i, (turn, (start, end)) in enumerate(zip(transcript.turns, _times(transcript.turns), strict=True), start=1):
        lines += [
            str(i),
            f"{format_clock(start, decimal=',')} --> {format_clock(end, decimal=',')}",
            f"{_VOICE_NAME[turn.speaker]}: {_one_line(turn.text)}",
            "",
        ]
    return "\n".join(lines)
