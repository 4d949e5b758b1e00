"""Numbers in text as redaction sees them: digits and spoken forms, grouped into runs, in one linear pass.

Speech recognition writes a card number as "4111", "four one one one", "forty one eleven", "double one" or
"four thousand one hundred eleven"; all of them become :class:`NumToken` objects carrying their digit string
and character span. Tokens separated only by spaces, commas, dashes or dots form a :class:`Run`.

The work is bounded whatever the input: the text is read once, each token looks at most a few words ahead,
and a run longer than :data:`MAX_RUN_TOKENS` keeps no tokens at all (only its span, flagged ``overflow``).
Nobody reads out 48 numbers in a row; such a run is hostile or machine output and is redacted whole by the
caller, so a 1 MB digit run costs the same per character as ordinary text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from language.numbers import TENS as NUMBER_TENS
from language.numbers import UNITS as NUMBER_UNITS

MAX_RUN_TOKENS = 48

# Digits and teens as the language layer reads them, plus the spoken forms only card read-backs use.
UNITS = {**{w: n for w, n in NUMBER_UNITS.items() if n < 10}, "o": 0, "nought": 0, "niner": 9}
TEENS = {w: n for w, n in NUMBER_UNITS.items() if n >= 10}
TENS = NUMBER_TENS
_REPEAT = {"double": 2, "triple": 3}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000}
_WORD = re.compile(r"[A-Za-z]+|\d+")
_JOIN = re.compile(r"[\s,.\-–—…]{0,5}")
_TIGHT = re.compile(r"[\s-]{1,3}")
_SPACE = re.compile(r"\s{1,3}")
_NUMBER_WORD = r"(?:\d+|" + "|".join(sorted([*UNITS, *TEENS, *TENS], key=len, reverse=True)) + r")(?![A-Za-z0-9])"
# A stretch of more than MAX_RUN_TOKENS numbers, found by one C-level regex before any token is built, so
# megabytes of "1 1 1 ..." never become Python objects. Runs shorter than that fail after at most
# MAX_RUN_TOKENS steps from each word start: linear, with a constant bounded by the cap. The upper bound keeps
# the regex engine's backtracking stack small; a longer stretch is simply found as several in a row.
_LONG_STRETCH = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_NUMBER_WORD}[\s,.\-–—…]{{1,5}}){{{MAX_RUN_TOKENS},4096}}{_NUMBER_WORD}", re.I
)
# The sweep for text beyond what is judged token by token: number stretches (neighbours split by at most one
# short word joined, atomically so nothing backtracks), replaced in C, never a Python object each.
SWEEP = re.compile(
    rf"(?=[0-9efnostzEFNOSTZ])(?<![A-Za-z0-9]){_NUMBER_WORD}"
    rf"(?:(?>[^A-Za-z0-9]{{0,5}}[A-Za-z]{{1,3}}+(?![A-Za-z0-9])[^A-Za-z0-9]{{1,5}}|[^A-Za-z0-9]{{1,5}}){_NUMBER_WORD}){{0,4096}}",
    re.I,
)


@dataclass(frozen=True, slots=True)
class NumToken:
    """One number as written or spoken: its digits and where it is in the text."""

    digits: str
    start: int
    end: int
    spoken: bool
    tens: bool = False  # a spoken two-digit group ("twenty seven"), which makes "oh five twenty seven" a date


@dataclass(frozen=True, slots=True)
class Run:
    """Adjacent number tokens. ``overflow`` runs are too long to be speech; they keep only their span."""

    tokens: tuple[NumToken, ...]
    start: int
    end: int
    overflow: bool = False


class _Words:
    """The word matches of a text, read lazily with a small look-ahead buffer (never the whole list)."""

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self._it = _WORD.finditer(text, start, len(text) if end is None else end)
        self._buf: list[re.Match[str]] = []

    def peek(self, k: int = 0) -> re.Match[str] | None:
        while len(self._buf) <= k:
            m = next(self._it, None)
            if m is None:
                return None
            self._buf.append(m)
        return self._buf[k]

    def take(self, n: int = 1) -> None:
        del self._buf[:n]


def _gap_ok(text: str, a: re.Match[str], b: re.Match[str], pattern: re.Pattern[str]) -> bool:
    return pattern.fullmatch(text, a.end(), b.start()) is not None


def _group(text: str, words: _Words, k: int) -> tuple[int, int, bool] | None:
    """A spoken number below 100 starting at look-ahead ``k``: (value, words used, is a tens/teens form)."""
    m = words.peek(k)
    if m is None:
        return None
    w = m.group(0).lower()
    if w in TEENS:
        return TEENS[w], 1, True
    if w in TENS:
        nxt = words.peek(k + 1)
        if nxt is not None and _gap_ok(text, m, nxt, _TIGHT):
            u = UNITS.get(nxt.group(0).lower())
            if u:
                return TENS[w] + u, 2, True
        return TENS[w], 1, True
    if w in UNITS:
        return UNITS[w], 1, False
    return None


def _cardinal(text: str, words: _Words) -> tuple[NumToken, int] | None:
    """A spoken number at the head of ``words``, with "hundred"/"thousand" when they follow."""
    first = words.peek(0)
    head = _group(text, words, 0)
    if first is None or head is None:
        return None
    value, used, tens = head
    multiplied = False
    for name in ("hundred", "thousand"):
        mult = words.peek(used)
        prev = words.peek(used - 1)
        if mult is None or prev is None or mult.group(0).lower() != name or not _gap_ok(text, prev, mult, _SPACE):
            continue
        if value == 0 or (name == "hundred" and value >= 100) or value >= 1000:
            break
        value *= _MULTIPLIERS[name]
        used += 1
        multiplied = True
        k = used
        nxt = words.peek(k)
        if nxt is not None and nxt.group(0).lower() == "and":
            k += 1
        rest = _group(text, words, k)
        rest_m, before = words.peek(k), words.peek(k - 1)
        spaced = rest_m is not None and before is not None and _gap_ok(text, before, rest_m, _SPACE)
        if rest is not None and spaced and rest[0] > 0:
            extra, n, _ = rest
            after = words.peek(k + n)
            hundreds_follow = after is not None and after.group(0).lower() == "hundred" and name == "thousand"
            if hundreds_follow and extra < 10:
                extra *= 100
                n += 1
                tail = _group(text, words, k + n)
                if tail is not None and tail[0] > 0:
                    extra += tail[0]
                    n += tail[1]
            if extra < _MULTIPLIERS[name]:
                value += extra
                used = k + n
    last = words.peek(used - 1)
    assert last is not None
    if multiplied:
        return NumToken(str(value), first.start(), last.end(), True, tens=True), used
    digits = f"{value:02d}" if tens else str(value)
    return NumToken(digits, first.start(), last.end(), True, tens=tens), used


def _next_token(text: str, words: _Words) -> tuple[NumToken | None, int]:
    """The token at the head of ``words`` (None for a word that is not a number) and how many words it used."""
    m = words.peek(0)
    assert m is not None
    w = m.group(0).lower()
    if w.isdigit():
        return NumToken(w, m.start(), m.end(), False), 1
    if w in _REPEAT:
        nxt = words.peek(1)
        if nxt is not None and _gap_ok(text, m, nxt, _SPACE):
            nw = nxt.group(0).lower()
            digit = str(UNITS[nw]) if nw in UNITS else (nw if nw.isdigit() and len(nw) == 1 else None)
            if digit is not None:
                return NumToken(digit * _REPEAT[w], m.start(), nxt.end(), True), 2
        return None, 1
    if w in UNITS or w in TEENS or w in TENS:
        found = _cardinal(text, words)
        if found is not None:
            return found
    return None, 1


def digit_runs(text: str) -> Iterator[Run]:
    """Maximal runs of number tokens separated only by spaces, commas, dashes or dots, left to right."""
    pos = 0
    for m in _LONG_STRETCH.finditer(text):
        yield from _runs_between(text, pos, m.start())
        yield Run((), m.start(), m.end(), overflow=True)
        pos = m.end()
    yield from _runs_between(text, pos, len(text))


def _runs_between(text: str, begin: int, stop: int) -> Iterator[Run]:
    words = _Words(text, begin, stop)
    current: list[NumToken] = []
    overflow_start = -1
    overflow_end = -1

    def flush() -> Run | None:
        nonlocal current, overflow_start, overflow_end
        run: Run | None = None
        if overflow_start >= 0:
            run = Run((), overflow_start, overflow_end, overflow=True)
        elif current:
            run = Run(tuple(current), current[0].start, current[-1].end)
        current, overflow_start, overflow_end = [], -1, -1
        return run

    while words.peek(0) is not None:
        token, used = _next_token(text, words)
        words.take(used)
        if token is None:
            if (run := flush()) is not None:
                yield run
            continue
        last_end = overflow_end if overflow_start >= 0 else (current[-1].end if current else -1)
        if last_end >= 0 and _JOIN.fullmatch(text, last_end, token.start) is None and (run := flush()) is not None:
            yield run
        if overflow_start >= 0:
            overflow_end = token.end
        elif len(current) >= MAX_RUN_TOKENS:
            overflow_start, overflow_end = current[0].start, token.end
            current = []
        else:
            current.append(token)
    if (run := flush()) is not None:
        yield run
