"""Contact-centre platform exports -> Transcript: Amazon Connect Contact Lens, Google CCAI Insights, Twilio.

Each platform says who spoke in its own way (participant roles, entry roles, media channels). All three are
mapped to ``agent``/``customer``; automated parties (IVR, virtual agents, bots) are **kept apart** from the human
agent: they become ``system`` turns with ``role: "bot"`` on the turn, so a bot's greeting is never credited to
(or held against) the human being scored. Platform extras that matter for review (sentiment, confidence,
the platform's own redaction) stay on the turn; everything else the export carries is left out rather than
copied wholesale, because exports hold account ids and free-text fields that have no place in our store.

Detection is by content (``sniff``), so the file extension never matters.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from domain.transcript import Speaker, Transcript, Turn
from importers.building import ImportContext, transcript_id_from
from importers.errors import TranscriptImportError
from importers.options import label_key

CONNECT = "amazon-connect"
CCAI = "google-ccai"
TWILIO = "twilio"
FORMATS = (CONNECT, CCAI, TWILIO)

_HUMAN_AGENT = frozenset({"agent", "human agent", "supervisor"})
_CUSTOMER = frozenset({"customer", "end user", "end_user", "caller", "contact"})
_BOT = frozenset(
    {"automated agent", "automated_agent", "bot", "custom bot", "custom_bot", "virtual agent", "ivr", "system"}
)


def sniff(data: Any) -> str | None:
    """Which platform wrote this parsed JSON, or None. Only structural keys are looked at."""
    if isinstance(data, dict):
        if isinstance(data.get("Transcript"), list) and (
            isinstance(data.get("Participants"), list) or "ContentMetadata" in data or "JobStatus" in data
        ):
            return CONNECT
        if isinstance(data.get("entries"), list) and _all_have(data["entries"], ("text",), ("role", "user_id")):
            return CCAI
        for key in ("sentences", "transcript_sentences"):
            if isinstance(data.get(key), list) and _all_have(data[key], ("transcript",), ("media_channel",)):
                return TWILIO
    if isinstance(data, list) and data and _all_have(data, ("transcript",), ("media_channel",)):
        return TWILIO
    return None


def _all_have(items: list[Any], need: tuple[str, ...], one_of: tuple[str, ...]) -> bool:
    sample = items[:50]
    return bool(sample) and all(
        isinstance(i, dict) and all(k in i for k in need) and any(k in i for k in one_of) for i in sample
    )


def _load(text: str, ctx: ImportContext) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptImportError(
            f"invalid JSON: {exc.msg}", source=ctx.source, where=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except (RecursionError, ValueError):
        raise TranscriptImportError("JSON nested too deeply or a number too long to read", source=ctx.source) from None


def _seconds(value: Any, *, scale: float, where: str, ctx: ImportContext) -> float | None:
    """A time field in the platform's unit -> seconds; missing is None, nonsense is an error naming the entry."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TranscriptImportError(f"time {value!r} is not a number", source=ctx.source, where=where)
    if isinstance(value, str):
        raw = value.strip().removesuffix("s")
        if len(raw) > 30:
            raise TranscriptImportError("time value too long to be a number", source=ctx.source, where=where)
        try:
            value = float(raw)
        except ValueError:
            raise TranscriptImportError("time is not a number", source=ctx.source, where=where) from None
    if not isinstance(value, int | float):
        raise TranscriptImportError(
            f"time must be a number, got {type(value).__name__}", source=ctx.source, where=where
        )
    seconds = float(value) * scale
    if not math.isfinite(seconds) or seconds < 0:
        raise TranscriptImportError("time must be a finite number of seconds >= 0", source=ctx.source, where=where)
    return round(seconds, 3)


def _text(entry: Mapping[str, Any], key: str, *, where: str, ctx: ImportContext) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise TranscriptImportError(f"{key!r} must be text", source=ctx.source, where=where)
    return value


def _role_of(raw: Any) -> tuple[Speaker, str | None]:
    """Platform role -> (speaker, extra role tag). Bots are system turns tagged "bot"; unknown roles raise."""
    key = label_key(str(raw)).replace("_", " ")
    if key in _HUMAN_AGENT:
        return "agent", ("supervisor" if key == "supervisor" else None)
    if key in {label_key(k) for k in _CUSTOMER}:
        return "customer", None
    if key in {label_key(k) for k in _BOT}:
        return "system", "bot"
    raise KeyError(str(raw))


def _nested(data: Mapping[str, Any], outer: str, inner: str) -> Any:
    box = data.get(outer)
    return box.get(inner) if isinstance(box, dict) else None


def _mapped(label: str, ctx: ImportContext) -> Speaker | None:
    return ctx.options.speaker_map.get(label_key(label))


def _finish(
    turns: list[Turn],
    *,
    ctx: ImportContext,
    ident: Any,
    language: Any,
    mapping: Mapping[str, str],
    notes: list[str],
    extra: dict[str, Any],
) -> Transcript:
    if not turns:
        raise TranscriptImportError("the export holds no conversation turns", source=ctx.source)
    turns.sort(key=lambda t: t.start if t.start is not None else -1.0)
    bots = sum(1 for t in turns if getattr(t, "role", None) == "bot")
    if bots:
        notes.append(f"{bots} automated (bot/IVR) turn(s) kept as system turns, apart from the human agent")
    metadata: dict[str, Any] = {"source": ctx.source, "format": ctx.format, **ctx.metadata, **extra}
    metadata["speaker_mapping"] = dict(mapping)
    all_notes = list(ctx.notes) + notes
    if all_notes:
        metadata["notes"] = all_notes
    lang = str(language).split("-")[0].lower() if isinstance(language, str) and language.strip() else "en"
    ident = str(ident) if isinstance(ident, str | int) and str(ident).strip() else transcript_id_from(ctx.source)
    try:
        return Transcript(
            id=ident[:200], channel=ctx.options.channel or "phone", language=lang, turns=turns, metadata=metadata
        )
    except ValidationError as exc:  # pragma: no cover - turns are validated one by one above
        raise TranscriptImportError(str(exc.errors()[0]["msg"]), source=ctx.source) from None


def _turn(
    speaker: Speaker,
    text: str,
    start: float | None,
    end: float | None,
    *,
    where: str,
    ctx: ImportContext,
    **extra: Any,
) -> Turn:
    if start is not None and end is not None and end < start:
        end = None
    kept = {k: v for k, v in extra.items() if v is not None}
    try:
        return Turn(speaker=speaker, text=" ".join(text.split()), start=start, end=end, **kept)
    except ValidationError as exc:
        raise TranscriptImportError(str(exc.errors()[0]["msg"]), source=ctx.source, where=where) from None


def parse_connect(text: str, *, ctx: ImportContext) -> list[Transcript]:
    """Amazon Connect Contact Lens output (voice or chat): ``Participants`` + ``Transcript`` items."""
    data = _load(text, ctx)
    if not isinstance(data, dict) or not isinstance(data.get("Transcript"), list):
        raise TranscriptImportError("not a Contact Lens export (no 'Transcript' list)", source=ctx.source)
    roles: dict[str, tuple[Speaker, str | None]] = {}
    mapping: dict[str, str] = {}
    participants = data.get("Participants") or []
    if not isinstance(participants, list):
        raise TranscriptImportError("'Participants' must be a list", source=ctx.source)
    for i, p in enumerate(participants):
        where = f"Participants[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("ParticipantId"), str):
            raise TranscriptImportError("a participant needs a 'ParticipantId'", source=ctx.source, where=where)
        pid, role = p["ParticipantId"], p.get("ParticipantRole", p["ParticipantId"])
        explicit = _mapped(pid, ctx)
        try:
            roles[pid] = (explicit, None) if explicit else _role_of(role)
        except KeyError:
            raise TranscriptImportError(
                f"unknown ParticipantRole {str(role)[:40]!r} (map it with a speaker map)",
                source=ctx.source,
                where=where,
            ) from None
        mapping[pid] = roles[pid][0] if roles[pid][1] is None else f"{roles[pid][0]} ({roles[pid][1]})"
    turns: list[Turn] = []
    platform_redactions = 0
    for i, item in enumerate(data["Transcript"]):
        where = f"Transcript[{i}]"
        if not isinstance(item, dict):
            raise TranscriptImportError("a transcript item must be an object", source=ctx.source, where=where)
        content = _text(item, "Content", where=where, ctx=ctx)
        if not content.strip():
            continue
        pid = item.get("ParticipantId")
        if not isinstance(pid, str):
            raise TranscriptImportError("item has no 'ParticipantId'", source=ctx.source, where=where)
        if pid not in roles:
            explicit = _mapped(pid, ctx)
            try:
                roles[pid] = (explicit, None) if explicit else _role_of(pid)
            except KeyError:
                raise TranscriptImportError(
                    f"ParticipantId {pid[:40]!r} is not among the Participants", source=ctx.source, where=where
                ) from None
            mapping[pid] = roles[pid][0]
        speaker, tag = roles[pid]
        redaction = item.get("Redaction")
        if redaction:
            platform_redactions += 1
        sentiment = item.get("Sentiment")
        turns.append(
            _turn(
                speaker,
                content,
                _seconds(item.get("BeginOffsetMillis"), scale=0.001, where=where, ctx=ctx),
                _seconds(item.get("EndOffsetMillis"), scale=0.001, where=where, ctx=ctx),
                where=where,
                ctx=ctx,
                role=tag,
                sentiment=sentiment.lower() if isinstance(sentiment, str) else None,
                platform_redacted=True if redaction else None,
            )
        )
    notes = [f"{platform_redactions} turn(s) carry Contact Lens redactions"] if platform_redactions else []
    channel = data.get("Channel")
    extra = {"platform": "Amazon Connect Contact Lens"}
    if isinstance(channel, str) and channel.upper() == "CHAT" and not ctx.options.channel:
        ctx = ImportContext(
            source=ctx.source,
            options=ctx.options.model_copy(update={"channel": "chat"}),
            format=ctx.format,
            notes=ctx.notes,
            metadata=ctx.metadata,
        )
    return [
        _finish(
            turns,
            ctx=ctx,
            ident=data.get("ContactId") or _nested(data, "CustomerMetadata", "ContactId"),
            language=data.get("LanguageCode"),
            mapping=mapping,
            notes=notes,
            extra=extra,
        )
    ]


def parse_ccai(text: str, *, ctx: ImportContext) -> list[Transcript]:
    """Google CCAI Insights conversation JSON: ``entries`` with ``role``, ``user_id`` and microsecond times."""
    data = _load(text, ctx)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise TranscriptImportError("not a CCAI Insights conversation (no 'entries' list)", source=ctx.source)
    raw: list[tuple[Speaker, str | None, str, float | None, str]] = []
    mapping: dict[str, str] = {}
    notes: list[str] = []
    by_user: dict[str, tuple[Speaker, str | None]] = {}
    for i, entry in enumerate(data["entries"]):
        where = f"entries[{i}]"
        if not isinstance(entry, dict):
            raise TranscriptImportError("an entry must be an object", source=ctx.source, where=where)
        content = _text(entry, "text", where=where, ctx=ctx)
        user = entry.get("user_id", entry.get("userId"))
        user_key = f"user {user}" if isinstance(user, str | int) and not isinstance(user, bool) else None
        explicit = _mapped(user_key, ctx) if user_key else None
        role = entry.get("role")
        if explicit:
            who: tuple[Speaker, str | None] = (explicit, None)
        elif role is not None:
            try:
                who = _role_of(role)
            except KeyError:
                raise TranscriptImportError(
                    f"unknown role {str(role)[:40]!r}", source=ctx.source, where=where
                ) from None
        elif user_key and user_key in by_user:
            who = by_user[user_key]
        else:
            raise TranscriptImportError(
                "entry has neither a known 'role' nor a known 'user_id'", source=ctx.source, where=where
            )
        if user_key:
            by_user.setdefault(user_key, who)
            mapping[user_key] = who[0] if who[1] is None else f"{who[0]} ({who[1]})"
        stamp = _seconds(
            entry.get("start_timestamp_usec", entry.get("startTimestampUsec")), scale=1e-6, where=where, ctx=ctx
        )
        if content.strip():
            raw.append((who[0], who[1], content, stamp, where))
    stamps = [r[3] for r in raw if r[3] is not None]
    origin = min(stamps) if stamps else 0.0
    turns: list[Turn] = []
    for k, (speaker, tag, content, stamp, where) in enumerate(raw):
        start = None if stamp is None else round(stamp - origin, 3)
        nxt = next((r[3] for r in raw[k + 1 :] if r[3] is not None), None)
        end = None if start is None or nxt is None else max(start, round(nxt - origin, 3))
        turns.append(_turn(speaker, content, start, end, where=where, ctx=ctx, role=tag))
    if stamps:
        notes.append("times are relative to the first entry; each turn ends where the next begins")
    return [
        _finish(
            turns,
            ctx=ctx,
            ident=data.get("conversation_id")
            or (data["name"].rsplit("/", 1)[-1] if isinstance(data.get("name"), str) else None),
            language=data.get("language_code", data.get("languageCode")),
            mapping=mapping,
            notes=notes,
            extra={"platform": "Google CCAI Insights"},
        )
    ]


def _twilio_roles(data: Any, ctx: ImportContext) -> tuple[dict[int, Speaker], list[str]]:
    """media_channel -> role from the export's participants, the speaker map, or the agent-channel option."""
    roles: dict[int, Speaker] = {}
    notes: list[str] = []
    participants: Any = None
    if isinstance(data, dict):
        participants = data.get("participants")
        if participants is None and isinstance(data.get("channel"), dict):
            participants = data["channel"].get("participants")
    if isinstance(participants, list):
        for p in participants:
            if not isinstance(p, dict):
                continue
            number = p.get("channel_participant", p.get("media_channel"))
            if isinstance(number, int) and not isinstance(number, bool) and p.get("role") is not None:
                try:
                    roles[number] = _role_of(p["role"])[0]
                except KeyError:
                    continue
    for number in (1, 2):
        explicit = _mapped(f"channel {number}", ctx)
        if explicit:
            roles[number] = explicit
    if len(roles) == 1:
        [(known, role)] = roles.items()
        if known in (1, 2) and role in ("agent", "customer"):
            roles[3 - known] = "customer" if role == "agent" else "agent"
    if not roles:
        agent = 1 if ctx.options.agent_channel == "left" else 2
        roles = {agent: "agent", 3 - agent: "customer"}
        notes.append(
            f"the export names no participant roles: media channel {agent} taken as the agent "
            "(the agent-channel option); map 'channel 1'/'channel 2' with a speaker map to change it"
        )
    return roles, notes


def parse_twilio(text: str, *, ctx: ImportContext) -> list[Transcript]:
    """Twilio Voice Intelligence transcript sentences (``media_channel``, ``sentence_index``, times, text)."""
    data = _load(text, ctx)
    sentences = data
    if isinstance(data, dict):
        sentences = data.get("sentences", data.get("transcript_sentences"))
    if not isinstance(sentences, list):
        raise TranscriptImportError("not a Twilio transcript (no 'sentences' list)", source=ctx.source)
    roles, notes = _twilio_roles(data, ctx)
    rows: list[tuple[float, int, Turn]] = []
    for i, s in enumerate(sentences):
        where = f"sentences[{i}]"
        if not isinstance(s, dict):
            raise TranscriptImportError("a sentence must be an object", source=ctx.source, where=where)
        content = _text(s, "transcript", where=where, ctx=ctx)
        channel = s.get("media_channel")
        if isinstance(channel, str) and channel.strip().isdigit() and len(channel) < 4:
            channel = int(channel)
        if not isinstance(channel, int) or isinstance(channel, bool) or channel not in roles:
            raise TranscriptImportError(
                f"media_channel {str(channel)[:20]!r} is not a known channel", source=ctx.source, where=where
            )
        index = s.get("sentence_index", i)
        index = index if isinstance(index, int) and not isinstance(index, bool) else i
        if not content.strip():
            continue
        start = _seconds(s.get("start_time"), scale=1.0, where=where, ctx=ctx)
        end = _seconds(s.get("end_time"), scale=1.0, where=where, ctx=ctx)
        confidence = s.get("confidence")
        confidence = (
            float(confidence) if isinstance(confidence, int | float) and not isinstance(confidence, bool) else None
        )
        turn = _turn(roles[channel], content, start, end, where=where, ctx=ctx, confidence=confidence)
        rows.append((index, i, turn))
    rows.sort(key=lambda r: (r[0], r[1]))
    turns = _merge_sentences([r[2] for r in rows])
    mapping = {f"channel {n}": role for n, role in sorted(roles.items())}
    ident = (data.get("transcript_sid") or data.get("sid")) if isinstance(data, dict) else None
    return [
        _finish(
            turns,
            ctx=ctx,
            ident=ident,
            language=data.get("language_code") if isinstance(data, dict) else None,
            mapping=mapping,
            notes=notes,
            extra={"platform": "Twilio Voice Intelligence"},
        )
    ]


def _merge_sentences(turns: list[Turn]) -> list[Turn]:
    """Consecutive sentences from one channel are one turn, as a person hears them."""
    out: list[Turn] = []
    for t in turns:
        prev = out[-1] if out else None
        if prev is not None and prev.speaker == t.speaker:
            end = t.end if t.end is not None else prev.end
            confidences = [
                c for c in (getattr(prev, "confidence", None), getattr(t, "confidence", None)) if c is not None
            ]
            update: dict[str, Any] = {"text": f"{prev.text} {t.text}", "end": end}
            if confidences:
                update["confidence"] = round(min(confidences), 4)
            if end is not None and prev.start is not None and end < prev.start:
                update["end"] = None
            out[-1] = prev.model_copy(update=update)
        else:
            out.append(t)
    return out


PARSERS = {CONNECT: parse_connect, CCAI: parse_ccai, TWILIO: parse_twilio}
