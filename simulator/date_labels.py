"""Whether the agent ties each of the customer's dates to the charge made on it.

A customer whose late fees were charged on September 18 and October 18 hears "I'm waiving the late
fees from August 20 and September 18" as a mistake, even though August 20 is on their card (the day
billing moved systems). Every date said is one of theirs, so the figure check alone lets it through.

So a date from the account said right after a word for a charge ("fee", "charge", "payment", "cargo")
when that date's own label names no charge, but another dated field's label does, is a date from
elsewhere on the card. The charge word must come just before the date in the same clause ("the fees
from August 20") or just after it before any comma ("the August 20 fee"); "since the migration on
August 20, your autopay stopped and the late fees followed" ties August 20 to the migration, and
"the modem came back on September 22, so I've taken the fee off" to the modem. Only charges are
judged: visits, deliveries and slots have their own time checks, and their labels share too many
words ("Booked technician visit", "Alternative visit") to tell the events apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from domain.scenario import Scenario
from language.numbers import dates

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BEFORE = 40
_AFTER = 30
_CHARGE_WORDS = ("fee", "charge", "payment", "cargo", "cobro", "recargo", "surcharge", "penalty", "debit")


def _stem(word: str) -> str:
    """A crude stem: "fees" and "fee", "charged" and "charges", "scanned" and "scan", "cargos" and "cargo" meet."""
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w.endswith("ed"):
        w = w[:-2]
    if w.endswith("e"):
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w[:7]


@dataclass(frozen=True)
class _Dated:
    """The account's dates, each with the stems of every label that carries it."""

    stems_by_day: dict[tuple[int, int], frozenset[str]]
    vocabulary: frozenset[str]


@lru_cache(maxsize=128)
def _dated(fields: tuple[tuple[str, str], ...]) -> _Dated:
    stems_by_day: dict[tuple[int, int], set[str]] = {}
    for label, value in fields:
        try:
            day = date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
        stems = {_stem(w) for w in _WORD.findall(label) if len(w) >= 3}
        stems_by_day.setdefault((day.day, day.month), set()).update(stems)
    charges = {_stem(w) for w in _CHARGE_WORDS}
    vocabulary = frozenset(s for stems in stems_by_day.values() for s in stems if s in charges)
    return _Dated({k: frozenset(v) for k, v in stems_by_day.items()}, vocabulary)


@dataclass(frozen=True)
class Misdated:
    """A date of the customer's said for something that happened on another of their dates."""

    said: str
    word: str
    """The word that ties it to the other event ("fees")."""
    expected: tuple[int, int] | None
    """The (day, month) that word belongs to on the account, when exactly one does."""


def _charge_word_beside(text: str, span: tuple[int, int], vocabulary: frozenset[str]) -> str | None:
    """The charge word tied to the date at ``span``: the last in its clause before it, else the first after it."""
    start, end = span
    before = re.split(r"[.;!?:]\s|,\s+(?:so|and|but|which|because)\b", text[max(0, start - _BEFORE) : start])[-1]
    found = [m.group(0) for m in _WORD.finditer(before) if _stem(m.group(0)) in vocabulary]
    if found:
        return found[-1]
    after = re.split(r"[,.;!?:]", text[end : end + _AFTER])[0]
    return next((m.group(0) for m in _WORD.finditer(after) if _stem(m.group(0)) in vocabulary), None)


def _account_dated(sc: Scenario) -> _Dated:
    return _dated(tuple((f.label, str(f.value)) for f in sc.account if f.kind == "date"))


def account_days(sc: Scenario) -> frozenset[tuple[int, int]]:
    """Every (day, month) on the scenario's account."""
    return frozenset(_account_dated(sc).stems_by_day)


def misdated(sc: Scenario, text: str) -> list[Misdated]:
    """Dates in the agent's ``text`` that are the customer's, said for an event another of their dates holds."""
    known = _account_dated(sc)
    if len(known.stems_by_day) < 2:
        return []
    text = text[:3000]
    wrong: list[Misdated] = []
    for mention in dates(text):
        if mention.month is None:
            continue
        own = known.stems_by_day.get((mention.day, mention.month))
        if own is None:
            continue  # not an account date: the figure check judges it
        word = _charge_word_beside(text, mention.span, known.vocabulary)
        if word is None or own & known.vocabulary:
            continue  # no charge named beside it, or the date is itself a charge's
        holders = [day for day, stems in known.stems_by_day.items() if _stem(word) in stems]
        wrong.append(Misdated(mention.text, word, holders[0] if len(holders) == 1 else None))
    return wrong
