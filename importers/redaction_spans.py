"""Where the sensitive values are in one text: the detectors behind ``importers.redaction``.

Each detector adds :class:`Span` objects to a per-text :class:`_Finder`, whose per-character mask makes the
overlap check linear. Cards come first (Luhn, length, card talk), then an expiry or CVV read straight after a
card, SSNs, phone numbers, and finally expiry dates and CVVs asked for by name.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from importers import redaction_patterns as P
from importers.redaction_numbers import NumToken, digit_runs

_MAX_DIGITS = 19  # the longest number any detector wants (card numbers)
# Card lengths in order of preference: 16 (Visa, Mastercard, Discover), 15 (Amex), then the rarer ones, so a
# 16-digit card read straight into its expiry date is not swallowed into a 19-digit "card".
_CARD_RANK = {16: 0, 15: 1, 19: 2, 13: 3, 14: 4, 17: 5, 18: 6}
_TRAILING_REACH = 48  # characters after a card number in which an expiry or CVV read straight on is expected
_CVV_REACH = 80  # characters after "CVV" / "security code" in which its digits are expected
MAX_RUNS_PER_TEXT = 2000  # number runs judged one by one in one text; a real turn holds a few dozen
_MAX_NUMBER_DIGITS = 64  # no id a person reads out is longer; a longer digit string is redacted whole


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def luhn_ok(digits: str) -> bool:
    """The card-number checksum; all-zero strings are not cards."""
    if not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _windows(
    run: Sequence[NumToken],
    ok: Callable[[str, Sequence[NumToken]], bool],
    *,
    rank: Callable[[int], int] | None = None,
) -> list[tuple[int, int]]:
    """Non-overlapping token windows whose digits satisfy ``ok``: longest (or best ``rank``) first, then leftmost.

    Runs hold at most ``MAX_RUN_TOKENS`` tokens and windows at most ``_MAX_DIGITS`` digits, so this is bounded.
    """
    prefix = [0]
    for t in run:
        prefix.append(prefix[-1] + len(t.digits))
    pairs = []
    for i in range(len(run)):
        for j in range(i + 1, len(run) + 1):
            width = prefix[j] - prefix[i]
            if width > _MAX_DIGITS:
                break
            pairs.append((rank(width) if rank else -width, i, j))
    pairs.sort()
    taken = [False] * len(run)
    found: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if any(taken[i:j]):
            continue
        part = run[i:j]
        if ok("".join(t.digits for t in part), part):
            found.append((i, j))
            for k in range(i, j):
                taken[k] = True
    return sorted(found)


def _valid_ssn(d: str) -> bool:
    return len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"


def _valid_expiry(d: str, part: Sequence[NumToken]) -> bool:
    spoken_tens = any(t.tens for t in part)
    if len(d) == 4 or (len(d) == 3 and spoken_tens):
        month = int(d[:-2])
        return 1 <= month <= 12
    if len(d) == 6 and d[-4:-2] == "20":
        return 1 <= int(d[:2]) <= 12
    return False


def _labelled_as_other(text: str, start: int) -> bool:
    """An order/case/account number label right before the digits: not personal data."""
    return P.NOT_PII_CTX.search(text, max(0, start - 40), start) is not None


def _is_amount(text: str, start: int, end: int) -> bool:
    """A price, a count or a time ("$129", "149 dollars", "3 days"): never a CVV or an expiry."""
    return (
        P.AMOUNT_BEFORE.search(text, max(0, start - 3), start) is not None
        or P.AMOUNT_AFTER.match(text[end : end + 12]) is not None
    )


class _Finder:
    """Spans found in one text; a per-character mask keeps overlap checks linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mask = bytearray(len(text))
        self.spans: list[Span] = []

    def add(self, start: int, end: int, kind: str) -> bool:
        if end <= start or self.mask.find(1, start, end) != -1:
            return False
        self.mask[start:end] = b"\x01" * (end - start)
        self.spans.append(Span(start, end, kind))
        return True

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) == -1


@dataclass(frozen=True, slots=True)
class _Judged:
    """A run that is judged token by token (not redacted whole), with its digit count."""

    tokens: tuple[NumToken, ...]
    start: int
    end: int
    digits: int


def _collect_runs(f: _Finder) -> list[_Judged]:
    """The number runs of ``f.text`` to judge. Over-long runs (or numbers), and every run after the first
    ``MAX_RUNS_PER_TEXT``, are redacted whole as ``[DIGITS]`` (neighbours less than 64 characters apart merged),
    so memory and time stay linear however many numbers a hostile text holds."""
    judged: list[_Judged] = []
    whole: list[list[int]] = []
    for run in digit_runs(f.text):
        too_long = run.overflow or any(len(t.digits) > _MAX_NUMBER_DIGITS for t in run.tokens)
        if not too_long and len(judged) < MAX_RUNS_PER_TEXT:
            judged.append(_Judged(run.tokens, run.start, run.end, sum(len(t.digits) for t in run.tokens)))
        elif whole and run.start - whole[-1][1] < 64:
            whole[-1][1] = run.end
        else:
            whole.append([run.start, run.end])
    for start, end in whole:
        f.add(start, end, "DIGITS")
    return judged


def _trailing_details(f: _Finder, runs: list[_Judged], begin: int) -> None:
    """Expiry and CVV read straight after a card number (or at the start of the turn after one).

    Walks forward from ``begin`` while only filler ("exp", "and", "the code is", separators) stands between
    the values; a price or a count ends the walk, so "the card was charged 149 dollars" is left alone.
    """
    text = f.text
    limit = begin + _TRAILING_REACH
    cursor = begin
    expiry_seen = cvv_seen = False
    candidates: list[tuple[int, int, str | None, Sequence[NumToken]]] = []
    for m in P.EXPIRY_DIGITS.finditer(text, begin, min(len(text), limit + 8)):
        candidates.append((m.start(), m.end(), "EXPIRY", ()))
    for m in P.EXPIRY_MONTH.finditer(text, begin, min(len(text), limit + 30)):
        candidates.append((m.start(), m.end(), "EXPIRY", ()))
    first = bisect.bisect_right([r.end for r in runs], begin)  # runs are in text order
    for run in runs[first:]:
        if run.start > limit:
            break
        tokens = [t for t in run.tokens if t.start >= begin]
        if tokens:
            candidates.append((tokens[0].start, tokens[-1].end, None, tokens))
    for start, end, kind, all_tokens in sorted(candidates, key=lambda c: (c[0], -c[1])):
        tokens = [t for t in all_tokens if t.start >= cursor and f.free(t.start, t.end)]
        if kind is None and not tokens:
            continue
        if kind is None:
            start = tokens[0].start
        elif start < cursor:
            continue
        if start > limit or P.TRAILING_FILLER.fullmatch(text, cursor, start) is None:
            break
        if _is_amount(text, start, end):
            break
        if kind == "EXPIRY":
            if not expiry_seen and f.add(start, end, "EXPIRY"):
                expiry_seen = True
                cursor = end
            continue
        k = 0
        while k < len(tokens):
            placed = False
            for want, ok in (("EXPIRY", not expiry_seen), ("CVV", not cvv_seen)):
                if not ok:
                    continue
                for n in range(min(len(tokens) - k, 6), 0, -1):  # the longest prefix that fits
                    part = tokens[k : k + n]
                    digits = "".join(t.digits for t in part)
                    good = _valid_expiry(digits, part) if want == "EXPIRY" else len(digits) in (3, 4)
                    if good and f.add(part[0].start, part[-1].end, want):
                        expiry_seen |= want == "EXPIRY"
                        cvv_seen |= want == "CVV"
                        cursor = part[-1].end
                        k += n
                        placed = True
                        break
                if placed:
                    break
            if not placed:
                return
        if expiry_seen and cvv_seen:
            return


def find_spans(text: str, *, context: str = "", card_before: bool = False) -> list[Span]:
    """Every sensitive span in ``text``, in order.

    Parameters
    ----------
    text
        The text to search.
    context
        The turns just before (a question asked there counts: "what's the security code?").
    card_before
        A card number was read in those turns, so an expiry or CVV may open this one without a keyword.
    """
    f = _Finder(text)
    runs = _collect_runs(f)
    for m in P.EMAIL.finditer(text):
        f.add(m.start(), m.end(), "EMAIL")
    for m in P.SPOKEN_EMAIL.finditer(text):
        f.add(m.start(), m.end(), "EMAIL")
    here_and_before = f"{context}\n{text}"
    card_ctx = P.CARD_CTX.search(here_and_before) is not None
    cvv_prev = P.CVV_CTX.search(context) is not None
    exp_prev = P.EXP_CTX.search(context) is not None
    ssn_ctx = P.SSN_CTX.search(here_and_before) is not None
    phone_ctx = P.PHONE_CTX.search(here_and_before) is not None
    long_runs = [r for r in runs if r.digits >= 9]

    # Cards: Luhn-valid 13-19 digits; 13-19 digits near card talk even if Luhn fails (speech recognition drops or
    # doubles a digit: "my card number is 45391488843647" is a card read out, two digits short).
    def is_card(d: str, part: Sequence[NumToken]) -> bool:
        if not 13 <= len(d) <= 19:
            return False
        if luhn_ok(d):  # a Luhn-valid 15/16-digit number with a card prefix is a card whatever its label
            branded = len(d) in (15, 16) and d[0] in "3456"
            return card_ctx or branded or not _labelled_as_other(text, part[0].start)
        return card_ctx and not _labelled_as_other(text, part[0].start)

    card_ends: list[int] = []
    for run in long_runs:
        for i, j in _windows(run.tokens, is_card, rank=lambda w: _CARD_RANK.get(w, 9)):
            if f.add(run.tokens[i].start, run.tokens[j - 1].end, "CARD"):
                card_ends.append(run.tokens[j - 1].end)
    for end in card_ends:
        _trailing_details(f, runs, end)
    if card_before:
        _trailing_details(f, runs, 0)
    for m in P.SSN.finditer(text):
        d = m.group(1) + m.group(3) + m.group(4)
        if _valid_ssn(d) and (m.group(2) == "-" or ssn_ctx) and not _labelled_as_other(text, m.start()):
            f.add(m.start(), m.end(), "SSN")
    if ssn_ctx:
        for run in long_runs:
            for i, j in _windows(run.tokens, lambda d, _p: _valid_ssn(d)):
                f.add(run.tokens[i].start, run.tokens[j - 1].end, "SSN")
    for m in P.PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if 7 <= digits <= 15 and not _labelled_as_other(text, m.start()):
            f.add(m.start(), m.end(), "PHONE")
    if phone_ctx:
        for run in long_runs:
            for i, j in _windows(run.tokens, lambda d, _p: len(d) == 10 or (len(d) == 11 and d[0] == "1")):
                if not _labelled_as_other(text, run.tokens[i].start):
                    f.add(run.tokens[i].start, run.tokens[j - 1].end, "PHONE")
    _expiry_and_cvv(f, runs, exp_prev=exp_prev, cvv_prev=cvv_prev)
    return sorted(f.spans, key=lambda s: s.start)


def _expiry_and_cvv(f: _Finder, runs: list[_Judged], *, exp_prev: bool, cvv_prev: bool) -> None:
    """Expiry dates and CVVs asked for by name, in this turn or the ones before."""
    text = f.text
    exp_here = [m.end() for m in P.EXP_CTX.finditer(text)]
    if exp_here or exp_prev:
        first = 0 if exp_prev else min(exp_here)
        for m in P.EXPIRY_DIGITS.finditer(text, first):
            f.add(m.start(), m.end(), "EXPIRY")
        for m in P.EXPIRY_MONTH.finditer(text, first):
            f.add(m.start(), m.end(), "EXPIRY")
        for run in runs:
            if run.start >= first and run.digits >= 3:
                for i, j in _windows(run.tokens, _valid_expiry):
                    a, b = run.tokens[i].start, run.tokens[j - 1].end
                    if not _is_amount(text, a, b):
                        f.add(a, b, "EXPIRY")
    cvv_here = [m.end() for m in P.CVV_CTX.finditer(text)]
    if not (cvv_here or cvv_prev):
        return
    # Asked in an earlier turn and this one talks money: its numbers are prices, not the code.
    if not cvv_here and P.MONEY.search(text):
        return
    first = 0 if cvv_prev and not cvv_here else min(cvv_here)
    for run in runs:
        if run.start < first or run.digits < 3:
            continue
        for i, j in _windows(run.tokens, lambda d, _p: len(d) in (3, 4)):
            start, end = run.tokens[i].start, run.tokens[j - 1].end
            if (start - first <= _CVV_REACH or cvv_prev) and not _is_amount(text, start, end):
                f.add(start, end, "CVV")
