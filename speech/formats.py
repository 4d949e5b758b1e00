"""Transcript -> WebVTT or plain text, for people and players that do not read our JSON."""

from __future__ import annotations

import html

from domain.transcript import Transcript, Turn


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _clean(text: str) -> str:
    """One line, HTML-escaped: blank lines end a cue, '<' starts a tag and '-->' is a cue timing."""
    return html.escape(" ".join(text.split()), quote=False)


def turn_facts(turn: Turn) -> tuple[str, list[str]]:
    """("speaker 0.91, words 0.88", notes) for one turn: how sure attribution and recognition were, and why not."""
    extra = turn.model_extra or {}
    parts = []
    if extra.get("speaker_confidence") is not None:
        parts.append(f"speaker {float(extra['speaker_confidence']):.2f}")
    if extra.get("confidence") is not None:
        parts.append(f"words {float(extra['confidence']):.2f}")
    notes = [str(n) for n in extra.get("notes") or []]
    return ", ".join(parts), notes


def to_vtt(transcript: Transcript) -> str:
    """WebVTT with one cue per turn and the speaker as a voice span (``<v agent>``)."""
    lines = ["WEBVTT", ""]
    notes = transcript.metadata.get("notes") or []
    for note in notes:
        lines += [f"NOTE {_clean(str(note))}", ""]
    for i, turn in enumerate(transcript.turns, 1):
        start = turn.start or 0.0
        end = turn.end if turn.end is not None else start
        facts, turn_notes = turn_facts(turn)
        if facts or turn_notes:
            lines += [f"NOTE turn {i}: {_clean('; '.join([facts, *turn_notes]).strip('; '))}", ""]
        lines += [str(i), f"{_stamp(start)} --> {_stamp(end)}", f"<v {turn.speaker}>{_clean(turn.text)}", ""]
    return "\n".join(lines)


def to_text(transcript: Transcript) -> str:
    """``[00:00:01.200] agent: text`` per turn; the notes (e.g. speakers not separated) first."""
    lines = [f"# {note}" for note in transcript.metadata.get("notes") or []]
    for turn in transcript.turns:
        stamp = f"[{_stamp(turn.start)}] " if turn.start is not None else ""
        facts, turn_notes = turn_facts(turn)
        lines.append(f"{stamp}{turn.speaker}{f' ({facts})' if facts else ''}: {turn.text}")
        lines += [f"#   {note}" for note in turn_notes]
    return "\n".join(lines) + "\n"
