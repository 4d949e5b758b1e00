"""Remove payment and personal data from everything the product keeps, before it is stored or shown.

Typed placeholders ([CARD], [CVV], [EXPIRY], [SSN], [EMAIL], [PHONE]) keep a conversation readable for
scoring ("the agent asked for the card number") while the data itself is gone. Numbers are found as digits and
as words ("four one one one", "forty one eleven", "four thousand one hundred eleven"), because speech
recognition writes both (``importers.redaction_numbers``). What counts as sensitive depends on the
conversation: a CVV or an expiry date is a 3-4 digit number or a date *near card talk* (the same turn, the two
before, or read straight after a card number); order numbers, amounts and numbers that fail the Luhn check stay.

Redaction is a property of the data, not of one field. The public functions:

- :func:`redact_text` — one string (a practice turn, an error message, a CLI line) -> :class:`RedactionResult`.
- :func:`redact_transcript` — a whole Transcript: turns, words, id, metadata keys and values; card numbers
  split across turns are found too.
- :func:`redact_data` — any JSON-like value (a session snapshot, an export, a row) -> (value, counts).

All of them do linear work in the size of the input: a run of more than
:data:`~importers.redaction_numbers.MAX_RUN_TOKENS` numbers is redacted whole as ``[DIGITS]`` without looking
inside it, and overlap checks use a per-character mask instead of comparing spans pairwise.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from domain.transcript import Transcript, Turn, Word
from importers import redaction_patterns as P
from importers.redaction_numbers import SWEEP, digit_runs
from importers.redaction_spans import Span, find_spans, luhn_ok

__all__ = [
    "KINDS",
    "MAX_JUDGED_CHARS",
    "RedactionResult",
    "Span",
    "find_spans",
    "luhn_ok",
    "redact_data",
    "redact_text",
    "redact_transcript",
]

KINDS = ("CARD", "CVV", "EXPIRY", "SSN", "EMAIL", "PHONE", "DIGITS")
MAX_JUDGED_CHARS = 256 * 1024  # one string judged in full; beyond it, a fail-closed sweep (see redact_text)
_MAX_DEPTH = 32
_REPEATED_DIGITS = re.compile(r"\[DIGITS\](?:[\s,.\-]{1,5}\[DIGITS\])+")


class RedactionResult(NamedTuple):
    """Redacted text and how many values of each kind were removed. Unpacks as ``text, counts``."""

    text: str
    counts: Counter[str]


def _apply(text: str, spans: Sequence[Span]) -> str:
    pieces: list[str] = []
    pos = 0
    for span in spans:
        pieces.append(text[pos : span.start])
        pieces.append(f"[{span.kind}]")
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def redact_text(text: str, *, context: str = "", card_before: bool = False) -> RedactionResult:
    """``text`` with every sensitive value replaced by its placeholder, and how many of each kind.

    The one call for any single string the product keeps or prints: practice turns, error messages, CLI
    output, log lines. ``context`` is the conversation just before (it decides whether "123" is a CVV).
    """
    if len(text) > MAX_JUDGED_CHARS:
        return _redact_long(text, context=context, card_before=card_before)
    spans = find_spans(text, context=context, card_before=card_before)
    return RedactionResult(_apply(text, spans), Counter(s.kind for s in spans))


def _redact_long(text: str, *, context: str, card_before: bool) -> RedactionResult:
    """A string longer than any real turn: the first ``MAX_JUDGED_CHARS`` are judged as usual, the rest is swept.

    The sweep fails closed and runs at regex speed: every e-mail address and every number (digits or words,
    neighbours joined) becomes a placeholder, whatever it means. Nothing sensitive survives; a monologue of
    256 KB+ loses its harmless numbers too, which is the price of bounded work.
    """
    cut = text.rfind(" ", 0, MAX_JUDGED_CHARS)
    cut = MAX_JUDGED_CHARS if cut <= 0 else cut
    head, counts = redact_text(text[:cut], context=context, card_before=card_before)
    tail, emails = P.EMAIL.subn("[EMAIL]", text[cut:])
    tail, numbers = SWEEP.subn("[DIGITS]", tail)
    tail = _REPEATED_DIGITS.sub("[DIGITS]", tail)  # neighbouring stretches read as one placeholder
    counts = Counter(counts)
    counts.update({"EMAIL": emails, "DIGITS": numbers})
    return RedactionResult(head + tail, +counts)


def _redact_words(words: list[Word], spans: Sequence[Span]) -> list[Word]:
    """Words as speech recognition gave them (each with its leading space): whole words become placeholders."""
    if not spans:
        return words
    out: list[Word] = []
    pos = 0
    k = 0
    index = 0
    ranges = []
    for w in words:
        ranges.append((pos, pos + len(w.word)))
        pos += len(w.word)
    while index < len(words):
        a, b = ranges[index]
        while k < len(spans) and spans[k].end <= a:
            k += 1
        hit = spans[k] if k < len(spans) and spans[k].start < b and a < spans[k].end else None
        w = words[index]
        if hit is None:
            out.append(w)
            index += 1
            continue
        last = index
        while last + 1 < len(words) and ranges[last + 1][0] < hit.end:
            last += 1
        lead = " " if w.word.startswith(" ") else ""
        end = max(words[last].end, w.start)
        out.append(Word(word=f"{lead}[{hit.kind}]", start=w.start, end=end, probability=None))
        index = last + 1
    return out


def _split_cards(texts: Sequence[str], speakers: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Card numbers read in pieces over several turns ("4111 1111" ... "mm-hm" ... "1111 1111").

    A chain is a number ending one turn, numbers filling the next turns of the same speaker (short turns of the
    other speaker without numbers may sit between), and a number opening the last. Returns, per turn, the
    character ranges that belong to a card found that way.
    """
    forced: list[list[tuple[int, int]]] = [[] for _ in texts]
    pieces: list[tuple[int, int, int, str]] = []  # (turn, start, end, digits)

    def close() -> None:
        if len(pieces) >= 2:
            _mark_chain(pieces, forced)
        pieces.clear()

    speaker: str | None = None
    for index, text in enumerate(texts):
        runs = [r for r in digit_runs(text) if not r.overflow] if len(text) < 2000 else []
        if not runs:
            short = len(text.split()) <= 6
            asks_other = P.EXP_CTX.search(text) or P.CVV_CTX.search(text)
            if pieces and speakers[index] != speaker and short and not asks_other:
                continue  # "mm-hm", "go on"
            close()
            continue
        head, tail = runs[0], runs[-1]
        opens = not text[: head.start].strip(" \t,.:;-") or len(text[: head.start].split()) <= 8
        if pieces and speakers[index] == speaker and opens:
            pieces.append((index, head.start, head.end, "".join(t.digits for t in head.tokens)))
            if len(runs) > 1 or text[head.end :].strip(" \t,.:;-!?"):
                close()
            else:
                continue
        else:
            close()
        ends = not text[tail.end :].strip(" \t,.:;-!?…")
        if ends:
            speaker = speakers[index]
            pieces.append((index, tail.start, tail.end, "".join(t.digits for t in tail.tokens)))
    close()
    return forced


def _mark_chain(pieces: list[tuple[int, int, int, str]], forced: list[list[tuple[int, int]]]) -> None:
    joined = "".join(p[3] for p in pieces)
    if len(joined) > 40 or any(len(p[3]) >= 13 for p in pieces):
        return  # a piece that is a whole number already was judged in its own turn
    for a in range(len(pieces)):
        for b in range(a + 2, len(pieces) + 1):
            digits = "".join(p[3] for p in pieces[a:b])
            if 13 <= len(digits) <= 19 and luhn_ok(digits):
                for turn, start, end, _ in pieces[a:b]:
                    forced[turn].append((start, end))
                return


def redact_data(value: Any, *, _depth: int = 0) -> tuple[Any, Counter[str]]:
    """Any JSON-like value (snapshot, export row, metadata) with every string redacted, keys included."""
    totals: Counter[str] = Counter()

    def walk(v: Any, depth: int) -> Any:
        if isinstance(v, str):
            text, counts = redact_text(v)
            totals.update(counts)
            return text
        if depth > _MAX_DEPTH:
            return "[DEPTH]" if isinstance(v, list | dict | tuple) else v
        if isinstance(v, list | tuple):
            return [walk(x, depth + 1) for x in v]
        if isinstance(v, dict):
            return {walk(k, depth + 1) if isinstance(k, str) else k: walk(x, depth + 1) for k, x in v.items()}
        return v

    return walk(value, _depth), totals


_STRUCTURAL_KEYS = frozenset({"format", "encoding", "timing", "redactions", "redacted"})


def redact_transcript(transcript: Transcript) -> Transcript:
    """A redacted copy (the input is never mutated) with ``metadata["redactions"]`` counting each kind.

    Turns and their words, the id (often derived from a file name), and every metadata key and value
    (source file, notes, speaker labels, CRM fields) are redacted.
    """
    totals: Counter[str] = Counter()
    texts = [t.text for t in transcript.turns]
    turns: list[Turn] = []
    for turn, spans in zip(transcript.turns, turn_spans(texts, [t.speaker for t in transcript.turns]), strict=True):
        if spans is None:  # longer than any real turn: fail-closed sweep
            text, counts = redact_text(turn.text)
            totals.update(counts)
            turns.append(turn.model_copy(update={"text": text, "words": None}))
            continue
        totals.update(s.kind for s in spans)
        words = turn.words
        if words:
            joined = "".join(w.word for w in words)
            spaced = " ".join(w.word.strip() for w in words)
            if joined.strip() != turn.text and spaced == turn.text:
                # words stored without their leading spaces: judge them as the turn reads, then store them bare
                with_spaces = [
                    w.model_copy(update={"word": (" " if i else "") + w.word.strip()}) for i, w in enumerate(words)
                ]
                words = [w.model_copy(update={"word": w.word.strip()}) for w in _redact_words(with_spaces, spans)]
            elif joined != turn.text:
                offset = len(joined) - len(joined.lstrip())
                spans_in_words = [Span(s.start + offset, s.end + offset, s.kind) for s in spans]
                if joined.strip() == turn.text:
                    words = _redact_words(list(words), spans_in_words)
                else:  # words spaced or cased unlike the turn: find what is sensitive in the words themselves
                    own = turn_spans([joined], [turn.speaker])[0]
                    words = None if own is None else _redact_words(list(words), own)
            else:
                words = _redact_words(list(words), spans)
        turns.append(turn.model_copy(update={"text": _apply(turn.text, spans), "words": words}))
    metadata: dict[str, Any] = {}
    for key, value in transcript.metadata.items():
        if key in _STRUCTURAL_KEYS:
            metadata[key] = value
            continue
        clean_key, key_counts = redact_data(key)
        clean_value, counts = redact_data(value)
        totals.update(key_counts)
        totals.update(counts)
        metadata[clean_key] = clean_value
    ident, id_counts = redact_text(transcript.id)
    totals.update(id_counts)
    metadata["redactions"] = {k: totals[k] for k in KINDS if totals[k]}
    metadata["redacted"] = True
    return transcript.model_copy(update={"id": ident, "turns": turns, "metadata": metadata})


def turn_spans(texts: Sequence[str], speakers: Sequence[str]) -> list[list[Span] | None]:
    """The sensitive spans of each turn of a conversation, judged with the two turns before as context and
    card numbers split across turns found (None for a turn too long to judge; see ``redact_text``)."""
    forced = _split_cards(texts, speakers)
    out: list[list[Span] | None] = []
    card_turns: list[bool] = []
    for index, text in enumerate(texts):
        if len(text) > MAX_JUDGED_CHARS:
            out.append(None)
            card_turns.append(False)
            continue
        context = "\n".join(t[-2000:] for t in texts[max(0, index - 2) : index])
        spans = _spans_with_forced(text, forced[index], context=context, card_before=any(card_turns[-2:]))
        card_turns.append(any(s.kind == "CARD" for s in spans))
        out.append(spans)
    return out


def _spans_with_forced(text: str, forced: Sequence[tuple[int, int]], *, context: str, card_before: bool) -> list[Span]:
    """Spans of one turn, with card pieces found across turns placed first."""
    if not forced:
        return find_spans(text, context=context, card_before=card_before)
    found = find_spans(text, context=context, card_before=card_before)
    out = [Span(a, b, "CARD") for a, b in forced]
    out.extend(s for s in found if not any(s.overlaps(c) for c in out))
    return sorted(out, key=lambda s: s.start)
