"""Transcript -> WebVTT or plain text, for people and players that do not read our JSON."""

from __future__ import annotations

import html

from domain.transcript import Transcript


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _clean(text: str) -> str:
    """One line, HTML-escaped: blank lines end a cue, '<' starts a tag and '-->' is a cue timing."""
    return html.escape(" ".join(text.split()), quote=False)


def to_vtt(transcript: Transcript) -> str:
    """WebVTT with one cue per turn and the speaker as a voice span (``<v agent>``)."""
    lines = ["WEBVTT", ""]
    notes = transcript.metadata.get("notes") or []
    for note in notes:
        lines += [f"NOTE {_clean(str(note))}", ""]
    for i, turn in enumerate(transcript.turns, 1):
        start = turn.start or 0.0
        end = turn.end if turn.end is not None else start
        lines += [str(i), f"{_stamp(start)} --> {_stamp(end)}", f"<v {turn.speaker}>{_clean(turn.text)}", ""]
    return "\n".join(lines)


def to_text(transcript: Transcript) -> str:
    """``[00:00:01.200] agent: text`` per turn; the notes (e.g. speakers not separated) first."""
    lines = [f"# {note}" for note in transcript.metadata.get("notes") or []]
    for turn in transcript.turns:
        stamp = f"[{_stamp(turn.start)}] " if turn.start is not None else ""
        lines.append(f"{stamp}{turn.speaker}: {turn.text}")
    return "\n".join(lines) + "\n"
