"""Remove payment and personal data from transcripts before anything is stored or shown.

Typed placeholders ([CARD], [CVV], [EXPIRY], [SSN], [EMAIL], [PHONE]) keep the conversation readable for
scoring ("the agent asked for the card number") while the data itself is gone. Numbers are found both as digits
and as words, because speech recognition writes "four one one one ..." as often as "4111": every run of digit
tokens (digits, "zero".."nine", "oh", "double four", "forty one") is collected with its character span and then
classified. What counts as sensitive depends on the conversation: a CVV or an expiry date is only a 3-4 digit
number or a date *near card talk* (in the same turn or the one before), and order numbers, amounts, dates and
numbers that fail the Luhn check are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from domain.transcript import Transcript, Turn, Word

KINDS = ("CARD", "CVV", "EXPIRY", "SSN", "EMAIL", "PHONE")

_UNITS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "niner": "9",
}
_TEENS = {
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
}
_TENS = {
    "twenty": "2",
    "thirty": "3",
    "forty": "4",
    "fifty": "5",
    "sixty": "6",
    "seventy": "7",
    "eighty": "8",
    "ninety": "9",
}
_REPEAT = {"double": 2, "triple": 3}
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_MAX_DIGITS = 19  # the longest number any detector wants (card numbers)
_JOIN = re.compile(r"^[\s,.\-–—…]{0,5}$")

_CARD_CTX = re.compile(
    r"\b(card|credit|debit|visa|master ?card|amex|american express|discover|long number|cvv|cvc|security code)\b", re.I
)
_CVV_CTX = re.compile(
    r"\b(cvv2?|cvc2?|csc|security code|security number|verification (code|number|value)|"
    r"(three|four|3|4)[- ]digit (code|number)|(code|digits|numbers?) on the back)\b",
    re.I,
)
_EXP_CTX = re.compile(r"\b(expir\w*|exp\.? date|valid (thru|through|until)|good (thru|through))\b", re.I)
_SSN_CTX = re.compile(r"\b(social security|social|ssn|ss number|tax id|tin)\b", re.I)
_PHONE_CTX = re.compile(
    r"\b(phone|cell|mobile|telephone|landline|call ?back|call (me|you)|reach (me|you)|contact number|"
    r"text me|best number|number to call)\b",
    re.I,
)
_NOT_PII_CTX = re.compile(
    r"\b(order|tracking|confirmation|reference|ref|invoice|case|ticket|claim|receipt|model|serial|"
    r"account|acct|policy|member(ship)?|booking|item|sku|part|transaction|po)\b(\s+(number|no\.?|#|id))?[\s#:.]*$",
    re.I,
)
# Repetitions are bounded and starts anchored by look-behinds so that hostile input ("a.a.a.a...") stays linear.
_EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"
)
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w.-])[a-z0-9][a-z0-9._-]{0,63}(?:\s{1,3}(?:dot|underscore|dash|hyphen)\s{1,3}[a-z0-9]{1,30}){0,6}"
    r"\s{1,3}at\s{1,3}[a-z0-9-]{1,63}(?:\s{1,3}dot\s{1,3}[a-z0-9-]{1,63}){0,4}\s{1,3}dot\s{1,3}"
    r"(?:com|net|org|edu|gov|co|io|us|uk|ca|info|biz|me)\b",
    re.I,
)
_SSN = re.compile(r"(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)"
)
_EXPIRY_DIGITS = re.compile(r"(?<![\d/.-])(0?[1-9]|1[0-2])\s?[/-]\s?(20\d{2}|\d{2})(?![\d/.-]|\.\d)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_EXPIRY_MONTH = re.compile(rf"\b{_MONTHS}\.?,?\s+(?:of\s+)?(?:20\d{{2}}|'?\d{{2}})\b", re.I)


@dataclass(frozen=True)
class _Token:
    digits: str
    start: int
    end: int
    spoken: bool
    tens: bool = False


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def digit_runs(text: str) -> list[list[_Token]]:
    """Maximal runs of number tokens separated only by spaces, commas, dashes or dots."""
    raw = list(_TOKEN.finditer(text))
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    i = 0
    while i < len(raw):
        m = raw[i]
        word = m.group(0).lower()
        token: _Token | None = None
        consumed = 1
        if word.isdigit():
            token = _Token(word, m.start(), m.end(), False)
        elif word in _UNITS:
            token = _Token(_UNITS[word], m.start(), m.end(), True)
        elif word in _TEENS:
            token = _Token(_TEENS[word], m.start(), m.end(), True, tens=True)
        elif word in _TENS:
            nxt = raw[i + 1] if i + 1 < len(raw) else None
            if (
                nxt
                and nxt.group(0).lower() in _UNITS
                and _UNITS[nxt.group(0).lower()] != "0"
                and re.fullmatch(r"[\s-]", text[m.end() : nxt.start()])
            ):
                token = _Token(_TENS[word] + _UNITS[nxt.group(0).lower()], m.start(), nxt.end(), True, tens=True)
                consumed = 2
            else:
                token = _Token(_TENS[word] + "0", m.start(), m.end(), True, tens=True)
        elif word in _REPEAT and i + 1 < len(raw):
            nxt = raw[i + 1]
            nword = nxt.group(0).lower()
            digit = _UNITS.get(nword) or (nword if nword.isdigit() and len(nword) == 1 else None)
            if digit and re.fullmatch(r"\s+", text[m.end() : nxt.start()]):
                token = _Token(digit * _REPEAT[word], m.start(), nxt.end(), True)
                consumed = 2
        if token is None:
            if current:
                runs.append(current)
            current = []
        else:
            if current and not _JOIN.match(text[current[-1].end : token.start]):
                runs.append(current)
                current = []
            current.append(token)
        i += consumed
    if current:
        runs.append(current)
    return runs


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _windows(run: Sequence[_Token], ok: Callable[[str, Sequence[_Token]], bool]) -> list[tuple[int, int]]:
    """Non-overlapping token windows (longest first, then leftmost) whose digits satisfy ``ok``."""
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    prefix = [0]
    for t in run:
        prefix.append(prefix[-1] + len(t.digits))
    pairs = []
    for i in range(len(run)):
        for j in range(i + 1, len(run) + 1):
            if prefix[j] - prefix[i] > _MAX_DIGITS:
                break
            pairs.append((i, j))
    candidates = sorted(pairs, key=lambda ij: (prefix[ij[0]] - prefix[ij[1]], ij[0]))
    for i, j in candidates:
        if taken & set(range(i, j)):
            continue
        part = run[i:j]
        if ok("".join(t.digits for t in part), part):
            found.append((i, j))
            taken |= set(range(i, j))
    return found


def _valid_ssn(d: str) -> bool:
    return len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"


def _valid_expiry(d: str, part: Sequence[_Token]) -> bool:
    spoken_tens = any(t.tens for t in part)
    if len(d) == 4 or (len(d) == 3 and spoken_tens):
        month = int(d[:-2])
        return 1 <= month <= 12 and (len(d) == 4 or spoken_tens)
    if len(d) == 6 and d[-4:-2] == "20":
        return 1 <= int(d[:2]) <= 12
    return False


def _labelled_as_other(text: str, start: int) -> bool:
    """An order/case/account number label right before the digits: not personal data."""
    return bool(_NOT_PII_CTX.search(text[max(0, start - 40) : start]))


def find_spans(text: str, *, context: str = "") -> list[Span]:
    """Every sensitive span in ``text``; ``context`` is the previous turn (a question asked there counts)."""
    spans: list[Span] = []

    def add(start: int, end: int, kind: str) -> None:
        span = Span(start, end, kind)
        if not any(span.overlaps(s) for s in spans):
            spans.append(span)

    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    for m in _SPOKEN_EMAIL.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    here_and_before = f"{context}\n{text}"
    card_ctx = bool(_CARD_CTX.search(here_and_before))
    cvv_prev = bool(_CVV_CTX.search(context))
    exp_prev = bool(_EXP_CTX.search(context))
    ssn_ctx = bool(_SSN_CTX.search(here_and_before))
    phone_ctx = bool(_PHONE_CTX.search(here_and_before))
    runs = digit_runs(text)
    # Cards: Luhn-valid 13-19 digits; 15-16 digits near card talk even if Luhn fails (misheard digit).
    for run in runs:

        def is_card(d: str, part: Sequence[_Token]) -> bool:
            if not 13 <= len(d) <= 19:
                return False
            if luhn_ok(d):
                return card_ctx or not _labelled_as_other(text, part[0].start)
            return card_ctx and len(d) in (15, 16)

        for i, j in _windows(run, is_card):
            add(run[i].start, run[j - 1].end, "CARD")
    for m in _SSN.finditer(text):
        d = m.group(1) + m.group(3) + m.group(4)
        if _valid_ssn(d) and (m.group(2) == "-" or ssn_ctx) and not _labelled_as_other(text, m.start()):
            add(m.start(), m.end(), "SSN")
    if ssn_ctx:
        for run in runs:
            for i, j in _windows(run, lambda d, _p: _valid_ssn(d)):
                add(run[i].start, run[j - 1].end, "SSN")
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 7 <= len(digits) <= 15 and not _labelled_as_other(text, m.start()):
            add(m.start(), m.end(), "PHONE")
    if phone_ctx:
        for run in runs:
            phone_like = lambda d, _p: len(d) == 10 or (len(d) == 11 and d[0] == "1")  # noqa: E731
            for i, j in _windows(run, phone_like):
                if not _labelled_as_other(text, run[i].start):
                    add(run[i].start, run[j - 1].end, "PHONE")
    # Expiry and CVV: only near card talk.
    exp_here = [m.end() for m in _EXP_CTX.finditer(text)]
    cvv_here = [m.end() for m in _CVV_CTX.finditer(text)]
    if exp_here or exp_prev:
        first = 0 if exp_prev else min(exp_here)
        for m in _EXPIRY_DIGITS.finditer(text):
            if m.start() >= first:
                add(m.start(), m.end(), "EXPIRY")
        for m in _EXPIRY_MONTH.finditer(text):
            if m.start() >= first:
                add(m.start(), m.end(), "EXPIRY")
        for run in runs:
            if run[0].start >= first:
                for i, j in _windows(run, _valid_expiry):
                    add(run[i].start, run[j - 1].end, "EXPIRY")
    if cvv_here or cvv_prev:
        first = 0 if cvv_prev else min(cvv_here)
        for run in runs:
            if run[0].start < first:
                continue
            for i, j in _windows(run, lambda d, _p: len(d) in (3, 4)):
                start, end = run[i].start, run[j - 1].end
                if start - first <= 80 or cvv_prev:
                    add(start, end, "CVV")
    return sorted(spans, key=lambda s: s.start)


def redact_text(text: str, *, context: str = "") -> tuple[str, Counter[str]]:
    """``text`` with every sensitive span replaced by its placeholder, and how many of each kind."""
    spans = find_spans(text, context=context)
    counts: Counter[str] = Counter(s.kind for s in spans)
    out = text
    for span in reversed(spans):
        out = out[: span.start] + f"[{span.kind}]" + out[span.end :]
    return out, counts


def _redact_words(words: list[Word], *, context: str) -> list[Word]:
    """Words as speech recognition gave them (each with its leading space): whole words become placeholders."""
    joined = ""
    offsets: list[tuple[int, int]] = []
    for w in words:
        offsets.append((len(joined), len(joined) + len(w.word)))
        joined += w.word
    spans = find_spans(joined, context=context)
    if not spans:
        return words
    out: list[Word] = []
    consumed: set[int] = set()
    for k, (w, (a, b)) in enumerate(zip(words, offsets, strict=True)):
        if k in consumed:
            continue
        hit = next((s for s in spans if s.start < b and a < s.end), None)
        if hit is None:
            out.append(w)
            continue
        members = [i for i, (x, y) in enumerate(offsets) if hit.start < y and x < hit.end]
        consumed |= set(members)
        last = words[members[-1]]
        lead = " " if w.word.startswith(" ") else ""
        out.append(Word(word=f"{lead}[{hit.kind}]", start=w.start, end=max(last.end, w.start), probability=None))
    return out


_OWN_KEYS = frozenset({"source", "format", "speaker_mapping", "notes", "encoding", "timing", "overlapping_cues"})


def _redact_value(value: Any, totals: Counter[str], depth: int = 0) -> Any:
    """Metadata from exports (headers, CRM fields) can hold a phone number or an e-mail address too."""
    if depth > 20:
        return value
    if isinstance(value, str):
        text, counts = redact_text(value)
        totals.update(counts)
        return text
    if isinstance(value, list):
        return [_redact_value(v, totals, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, totals, depth + 1) for k, v in value.items()}
    return value


def redact_transcript(transcript: Transcript) -> Transcript:
    """A redacted copy (the input is never mutated) with ``metadata["redactions"]`` counting each kind."""
    totals: Counter[str] = Counter()
    turns: list[Turn] = []
    previous = ""
    for turn in transcript.turns:
        text, counts = redact_text(turn.text, context=previous)
        totals.update(counts)
        words = _redact_words(list(turn.words), context=previous) if turn.words else turn.words
        turns.append(turn.model_copy(update={"text": text, "words": words}))
        previous = turn.text
    metadata = {
        key: value if key in _OWN_KEYS else _redact_value(value, totals) for key, value in transcript.metadata.items()
    }
    metadata["redactions"] = {k: totals[k] for k in KINDS if totals[k]}
    metadata["redacted"] = True
    return transcript.model_copy(update={"turns": turns, "metadata": metadata})
