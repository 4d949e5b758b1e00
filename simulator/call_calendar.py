"""When the remedy lands, read against the day of the call.

"The refund goes back with the April billing run" states no wait in words, and April is on none of
the customer's dates, so nothing else in the offer check sees a problem. Only the day of the call
(the scenario's ``call_date``, March 9) makes it what the customer hears: four weeks for a refund
that takes 3 to 5 business days. So a day or month said as when the remedy happens becomes a wait
in days from the call, and the resolution's allowed wait judges it like any stated wait.

A month counts when it is said as a bill or a run ("your February bill", "la factura de junio") or
as a time ("early April", "by the end of May") in a clause about the remedy landing. A full date
counts in such a clause too. Left out: the account's own days and months (the duplicate charge of
March 3, the instalment on January 1), the days and months the resolution names itself, and
anything in the past or more than half a year on, which is a month already billed ("your October
bill") rather than a promise.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from domain.scenario import Resolution, Scenario
from language.numbers import MONTHS, WEEKDAYS, dates, months

_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_HALF_YEAR = 183
_CLAUSE_END = re.compile(r"[.;!?\n]|,\s+(?:but|so|and|which|because|though|pero|y|aunque)\b", re.I)
_BILL_AFTER = re.compile(
    r"(?:'s)?\s+(?:bill|statement|invoice|billing(?:\s+(?:run|cycle|date|period))?|cycle|payment\s+run|run|cheque|check)\b",
    re.I,
)
_BILL_BEFORE = re.compile(r"\b(?:factura|recibo|extracto|ciclo|liquidaci[oó]n)\s+de(?:l\s+mes\s+de)?\s+$", re.I)
_TIME_BEFORE = re.compile(
    r"\b(?:(?:in|by|until|till|before|from|after)\s+(?:the\s+)?(?:(?:early|mid|late|start|beginning|end)"
    r"(?:\s+of)?\s+)?|(?:early|mid|late|mid-)\s*|(?:the\s+)?(?:start|beginning|end|middle)\s+of\s+|"
    r"en\s+|(?:a\s+)?(?:principios|mediados|finales)\s+de\s+|para\s+)$",
    re.I,
)
_LANDS = re.compile(
    r"\b(?:refund|credit|reimburs|money|back|appear|show|see\s+it|reflect|post|land|arrive|reach|process|"
    r"appl(?:y|ied)|takes?\s+effect|go\s+through|come\s+off|remov|revers|waiv|cancel|deliver|ship|visit|"
    r"technician|engineer|fix|sort|install|done|starts?|begins?|kicks? in|effective|devol|reembols|abon|llega|ver[aá]|"
    r"aparecer|t[eé]cnico|visita)",
    re.I,
)


@dataclass(frozen=True)
class LateLanding:
    """A day or month said as when the remedy lands, and how many days after the call it is."""

    said: str
    days: int


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: from the last clause break before it to the next after it."""
    before = _CLAUSE_END.split(text[max(0, start - 160) : start])[-1]
    after = _CLAUSE_END.split(text[end : end + 120])[0]
    return before + text[start:end] + after


def _iso_days(text: str) -> set[tuple[int, int]]:
    """The (day, month) of every real YYYY-MM-DD day in ``text``."""
    days: set[tuple[int, int]] = set()
    for iso in _ISO_DAY.findall(text):
        try:
            day = date.fromisoformat(iso)
        except ValueError:
            continue
        days.add((day.day, day.month))
    return days


def _own_days(sc: Scenario, res: Resolution) -> tuple[set[tuple[int, int]], set[int]]:
    """The (day, month) pairs and months the account and the resolution already name."""
    words = " ".join([res.description, *res.terms.dates, res.terms.by_date or ""])
    days = _iso_days(" ".join(str(f.value) for f in sc.account)) | _iso_days(words)
    days |= {(d.day, d.month) for d in dates(words) if d.month is not None}
    named_months = {m for _, m in days} | {m.month for m in months(res.description)}
    return days, named_months


def _ahead(today: date, month: int, day: int) -> int | None:
    """Days from ``today`` to the next (day, month) within half a year, or None when it is past or further."""
    for year in (today.year, today.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        if today < when <= today + timedelta(days=_HALF_YEAR):
            return (when - today).days
    return None


def late_landing(sc: Scenario, res: Resolution, text: str, *, allowed_days: int) -> LateLanding | None:
    """The first day or month in ``text`` said as when ``res`` lands that is more than ``allowed_days`` away.

    Needs the scenario's ``call_date``; without it nothing is judged.
    """
    if sc.call_date is None:
        return None
    today = date.fromisoformat(sc.call_date)
    text = text[:3000]
    own_days, own_months = _own_days(sc, res)
    for mention in dates(text):
        if mention.month is None or (mention.day, mention.month) in own_days:
            continue
        if mention.year is not None and mention.year not in (today.year, today.year + 1):
            continue
        wait = _ahead(today, mention.month, mention.day)
        if wait is not None and wait > allowed_days and _LANDS.search(_clause(text, *mention.span)):
            return LateLanding(mention.text, wait)
    nxt = _NEXT_BILL.search(text) if _BILL_WITHIN_DAYS.search(res.description) else None
    if nxt is not None and allowed_days < NEXT_BILL_DAYS and _LANDS.search(_clause(text, *nxt.span())):
        return LateLanding(nxt.group(0), NEXT_BILL_DAYS)
    for month in months(text):
        if month.month in own_months or month.month == today.month:
            continue
        start, end = month.span
        bill_after = _BILL_AFTER.match(text, end)
        before = _BILL_BEFORE.search(text[max(0, start - 40) : start])
        time = _TIME_BEFORE.search(text[max(0, start - 40) : start])
        if not (bill_after or before or (time and _LANDS.search(_clause(text, start, end)))):
            continue
        wait = _ahead(today, month.month, 1)
        if wait is not None and wait > allowed_days:
            # Quote it as said: "the April billing", "factura de junio", "early April".
            opening = before or time
            first = start - len(opening.group(0)) if opening else start
            return LateLanding(text[first : bill_after.end() if bill_after else end].strip(), wait)
    return None


NEXT_BILL_DAYS = 30
"""How far away "your next bill" is to a customer: up to a billing month."""
_NEXT_BILL = re.compile(
    r"\b(?:(?:your|the|next) )?next (?:month's |monthly )?(?:bill|statement|invoice|billing (?:cycle|run|period))\b|"
    r"\bnext month's (?:bill|statement|invoice)\b|"
    r"\b(?:su |la )?pr[oó]xima factura\b|\bfactura del (?:mes que viene|pr[oó]ximo mes)\b",
    re.I,
)
"""A remedy said to land on the next bill: a month away when the resolution promises it within days."""
_BILL_WITHIN_DAYS = re.compile(
    r"\b(?:bill|statement|invoice)\b(?:[^.;]|\.\d){0,40}\bwithin \d+ (?:business |working |calendar )?days\b", re.I
)
"""A resolution that sends a (corrected) bill within days: "next month's bill" is not that. A credit that
simply shows on the next bill is how most remedies land, and is not judged here."""

CANCELLATION_DAYS = 31
"""A service cancelled "as soon as possible" ends within a billing month of the call, not later."""
_SERVICE_ENDS = re.compile(
    r"\b(?:ends?|ended|ending|stops?|stopped|close[sd]?|cancel\w*|effective|final bill|last day|billing|terminat\w*)\b",
    re.I,
)


def late_end(sc: Scenario, text: str) -> LateLanding | None:
    """A day said as when a cancelled service ends that is more than a billing month after the call
    ("service and billing will end on January 15th" on a call of November 23rd)."""
    if sc.call_date is None:
        return None
    today = date.fromisoformat(sc.call_date)
    text = text[:3000]
    said: list[tuple[str, int, int, tuple[int, int]]] = [
        (m.text, m.month, m.day, m.span) for m in dates(text) if m.month is not None
    ]
    for m in _MONTH_END.finditer(text):  # "through the end of December": its last day
        month = MONTHS[m.group(1).lower()]
        said.append((m.group(0), month, calendar.monthrange(today.year, month)[1], m.span()))
    for m in _NEXT_MONTH_END.finditer(text):  # "at the end of next billing month": the month after this one's end
        nxt = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        said.append((m.group(0), nxt.month, calendar.monthrange(nxt.year, nxt.month)[1], m.span()))
    for words, month, day, span in said:
        wait = _ahead(today, month, day)
        if wait is not None and wait > CANCELLATION_DAYS and _SERVICE_ENDS.search(_clause(text, *span)):
            return LateLanding(words, wait)
    return None


_MONTH_END = re.compile(
    r"\b(?:the )?end of (january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.I,
)


_NEXT_MONTH_END = re.compile(
    r"\b(?:the )?end of (?:the |your )?(?:next|following) (?:billing )?(?:month|cycle|period)\b|"
    r"\b(?:the )?(?:billing )?(?:month|cycle) after (?:this|the current) one\b",
    re.I,
)


_WEEKDAY_SHORT = {name[:3]: i for i, name in enumerate(WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3}
_WEEKDAY_OF = {name: i for i, name in enumerate(WEEKDAYS)} | _WEEKDAY_SHORT
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAY_OF, key=len, reverse=True)) + r")\b\.?,?\s*", re.I)
_DAY_AFTER_WEEKDAY = re.compile(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b", re.I)


@dataclass(frozen=True)
class WeekdayClash:
    """A weekday said with a date that falls on another weekday ("Wednesday the 24th" in a week where it is Tuesday)."""

    said: str
    day: str
    weekday: str


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def weekday_clash(sc: Scenario, text: str) -> WeekdayClash | None:
    """The first weekday said right before a date that the calendar of the call puts on another weekday.

    "Wednesday the 24th" with no month is read in the month of the call (or the next, when the day has
    passed). Needs the scenario's ``call_date``.
    """
    if sc.call_date is None:
        return None
    today = date.fromisoformat(sc.call_date)
    text = text[:3000]
    full = {d.span[0]: d for d in dates(text)}
    for m in _WEEKDAY.finditer(text):
        named = _WEEKDAY_OF[m.group(1).lower()]
        mention = full.get(m.end())
        if mention is not None and mention.month is not None:
            year = mention.year or (today.year if mention.month >= today.month - 6 else today.year + 1)
            month, day = mention.month, mention.day
        elif (bare := _DAY_AFTER_WEEKDAY.match(text, m.end())) is not None:
            day = int(bare.group(1))
            month, year = today.month, today.year
            if day < today.day - 7:  # "the 2nd" said late in November is December's
                month, year = (1, year + 1) if month == 12 else (month + 1, year)
        else:
            continue
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when.weekday() != named:
            return WeekdayClash(
                text[m.start() : m.end()].strip(" ,.") + " the " + _ordinal(day),
                _ordinal(day),
                WEEKDAYS[when.weekday()].capitalize(),
            )
    return None
