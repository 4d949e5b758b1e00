"""Redaction of what practice keeps: turns, session snapshots, scored transcripts and a user's data export.

A trainee may type or say a card number in practice exactly as a customer would on the floor; none of it may
reach the database, a snapshot, an export or a log (issue 16). Text is redacted with
:mod:`importers.redaction`; identifiers the product made itself (session ids, scenario ids, recording paths)
are kept as they are, because a uuid's hex digits can look like a card number and an id that changed would
orphan its rows and recordings.
"""

from __future__ import annotations

import copy
from typing import Any

from domain.transcript import Transcript
from importers.redaction import redact_data, redact_text, redact_transcript, turn_spans

# Top-level snapshot keys that are the product's own identifiers and numbers, never someone's words.
_SNAPSHOT_IDS = frozenset(
    {"snapshot_version", "id", "scenario", "scenario_version", "engine", "seed", "started_at", "time_limit_seconds"}
)


def redact_turn_texts(texts: list[str], speakers: list[str]) -> list[str]:
    """Each turn redacted with the turns before it as context (a CVV after "the three digits on the back"),
    card numbers read in pieces over several turns included."""
    spans = turn_spans(texts, speakers)
    out = []
    for text, found in zip(texts, spans, strict=True):
        if found is None:
            out.append(redact_text(text).text)
            continue
        pieces, pos = [], 0
        for span in found:
            pieces.append(text[pos : span.start])
            pieces.append(f"[{span.kind}]")
            pos = span.end
        pieces.append(text[pos:])
        out.append("".join(pieces))
    return out


def redact_turn_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn rows as stored (speaker, text, times, audio path) with their text redacted."""
    texts = redact_turn_texts([str(r.get("text", "")) for r in rows], [str(r.get("speaker", "")) for r in rows])
    return [{**row, "text": text} for row, text in zip(rows, texts, strict=True)]


def redact_session_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A simulator snapshot with every string redacted except the product's own identifiers.

    Turn texts are redacted as a conversation (context across turns); everything else that is text (the
    customer state's memory of recent lines, the log) string by string.
    """
    clean, _ = redact_data({k: v for k, v in snapshot.items() if k not in _SNAPSHOT_IDS and k != "turns"})
    out: dict[str, Any] = {k: snapshot[k] for k in snapshot if k in _SNAPSHOT_IDS}
    out.update(clean)
    turns = snapshot.get("turns")
    if isinstance(turns, list) and all(isinstance(t, dict) for t in turns):
        out["turns"] = redact_turn_rows(copy.deepcopy(turns))
    elif turns is not None:
        out["turns"], _ = redact_data(turns)
    return out


def redact_saved(saved: dict[str, Any]) -> dict[str, Any]:
    """What practice stores per session: ``{"session": snapshot, "audio": {turn: path}}`` (paths are ours)."""
    out = dict(saved)
    if isinstance(saved.get("session"), dict):
        out["session"] = redact_session_snapshot(saved["session"])
    return out


def redact_practice_transcript(transcript: Transcript) -> Transcript:
    """A practice transcript redacted like an imported call, with the session id (ours, a uuid) kept."""
    return redact_transcript(transcript).model_copy(update={"id": transcript.id})


def redact_user_export(data: dict[str, Any]) -> dict[str, Any]:
    """A user's data export (``UserRepo.export``) with the words in it redacted: session snapshots and turns,
    scorecards (evidence quotes) and their transcripts, override comments. Ids and paths are kept, so the
    export still names the sessions and recordings it lists; rows stored before redaction existed are
    cleaned here too."""
    out = dict(data)
    sessions = []
    for session in data.get("practice_sessions") or []:
        s = dict(session)
        if isinstance(s.get("snapshot"), dict):
            s["snapshot"] = redact_saved(s["snapshot"])
        if isinstance(s.get("turns"), list):
            s["turns"] = redact_turn_rows([dict(t) for t in s["turns"]])
        sessions.append(s)
    out["practice_sessions"] = sessions
    cards = []
    for card in data.get("scorecards") or []:
        c = dict(card)
        for key in ("card", "overrides", "agent_name"):
            if key in c:
                c[key], _ = redact_data(c[key])
        if isinstance(c.get("transcript"), dict):
            try:
                c["transcript"] = redact_practice_transcript(Transcript.model_validate(c["transcript"])).model_dump(
                    mode="json"
                )
            except ValueError:
                c["transcript"], _ = redact_data(c["transcript"])
        cards.append(c)
    out["scorecards"] = cards
    for key in ("overrides_given",):
        if key in out:
            out[key], _ = redact_data(out[key])
    return out
