"""Whether the figures in an offer are the customer's figures: amounts, months, dates, plans, numbers.

A customer who has been charged $59.99 on March 3 hears "$59.99 from your April bill", "three
payments of $80.80" or "Internet 300" as wrong at once, however right the rest of the sentence
sounds. The sentence encoder cannot: a near-miss shares almost every word with the right offer.
So every figure the agent states is checked against the figures the customer knows for that
resolution: its description and authored examples, the scenario's goal and the account facts
(values and aliases). A figure of a kind the customer knows (an amount, a month, a day, a plan
number, a quantity in GB or months, a long number such as a meter reading or a line) that is
none of theirs is a wrong figure, and the customer says which.

Derived figures count as known: sums, differences, small multiples and splits of known amounts
("$70.80 each" of a $212.40 balance, "you'll save $59.99"), so arithmetic the agent does aloud is
not punished. Waits and durations in days are left to the wait check in ``simulator.offers``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from domain.scenario import Resolution, Scenario
from language.numbers import MONTHS, SPANISH_MONTHS, TENS, UNITS, amounts, dates, parse_number_words
from simulator.arithmetic import yearly_saving_said
from simulator.charge_labels import charge_not_theirs, mislabelled
from simulator.date_labels import account_days, misdated

_FULL_MONTHS = {name: n for name, n in MONTHS.items() if len(name) > 3 or name == "may"} | SPANISH_MONTHS
_MONTH_NAMES = {n: name.capitalize() for name, n in MONTHS.items() if len(name) > 3 or name == "may"}
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True)) + r")\b", re.I)
_MAY_VERB = re.compile(r"\bmay\s+(?:be|have|not|take|need|want|see|get|I|we|you|it|still|also)\b", re.I)
""""May" as a verb ("it may take") is not the month."""
_NUMBER_WORD = "(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + ")"
_NUMBER = rf"(\d+(?:[.,]\d+)?|(?:{_NUMBER_WORD}[\s-]){{0,2}}{_NUMBER_WORD})"
_QUANTITY = re.compile(
    rf"\b{_NUMBER}[\s-]?(gb|gigs?|gigabytes?|mb|mbps|megs?|meg|percent|%|months?|month-long|years?|"
    r"payments?|instal(?:l)?ments?|lines)\b",
    re.I,
)
_UNIT = {
    "gig": "gb", "gigs": "gb", "gigabyte": "gb", "gigabytes": "gb", "gb": "gb", "mb": "mb", "mbps": "mbps",
    "meg": "mbps", "megs": "mbps", "percent": "%", "%": "%", "month": "month", "months": "month",
    "month-long": "month", "year": "year", "years": "year",
    "payment": "payment", "payments": "payment", "instalment": "payment", "instalments": "payment",
    "installment": "payment", "installments": "payment", "lines": "line",
}  # fmt: skip
_PERIOD_CONTEXT = re.compile(r"(?:\bfor|\bnext|\bfirst|\bover|\bof|-|\d)\s*(?:the\s+)?(?:next\s+|first\s+)?$", re.I)
"""Months or years as a term ("for 12 months", "a 24-month contract"), not as a wait ("in 2 months")."""
_TERM_NOUN = re.compile(
    r"\s+(?:contract|term|deal|plan|agreement|price|promo(?:tion)?|discount|lock|commitment|minimum)", re.I
)
"""A "24-month contract" states a term; a "four-year customer" does not."""
_NAMED = re.compile(
    r"\b(?!(?:To|And|At|On|In|For|Of|From|By|About|Around|Just|Only|Now|Unit|Suite|Apt|Room|Floor|Gate)\b)"
    r"([A-Z][a-z]+)\s+(\d{2,4})\b(?!\s*(?i:gb|mb|mbps|%|am|pm|a\.m|p\.m|dollars|euros|[,.]\d))"
)
"""A product named with a number: "Internet 500", "Home Fibre 300", "Essentials 100"."""
_LONG = re.compile(r"(?<![\w.$-])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\w.,]\d)")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)|\b(noon|midday|midnight)\b", re.I)
_HOUR_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+(?:in the\s+)?"
    r"(afternoon|evening|tonight|morning|a\.?m\.?|p\.?m\.?)\b",
    re.I,
)


_UNIT_ID = re.compile(
    r"\b(?i:unit|apt\.?|apartment|suite|ste\.?|puerta)\s*(?i:no\.?\s*|number\s+|#\s*)?"
    r"(\d{1,4}[A-Za-z]?|[A-Z]\d{0,3})\b(?!')|\bFlat\s+(\d{1,4}[A-Za-z]?|[A-Z]\d{0,3})\b"
)
"""The flat or unit of an address: "Unit 2B", "Apt 14", "suite 300"."""
_HOUSE = re.compile(
    r"\b(\d{1,5})\s+((?:[A-Z][a-z]+\s+){1,3})(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Dr|Drive|"
    r"Way|Court|Ct|Place|Pl|Terrace|Close|Crescent|Parkway|Pkwy|Highway|Hwy)\b"
)
"""A house number with its street: "915 Barton Springs Rd", "1207 Oak Street"."""
_PART_OF_DAY = re.compile(
    r"\b(?:(morning|mornings)|(afternoon|afternoons|lunchtime)|(evening|evenings|tonight|night)|"
    r"(?:por|de|a) la (ma(?:ñ|n)ana|tarde|noche))\b",
    re.I,
)
_GREETING = re.compile(
    r"\b(?:good|great|nice|lovely|pleasant|fine|wonderful)\s+(?:rest of (?:your|the)\s+)?"
    r"(?:morning|afternoon|evening|night|day)\b|\brest of (?:your|the) (?:morning|afternoon|evening)\b|"
    r"\bbuen(?:os|as) (?:d[ií]as|tardes|noches)\b|\b(?:last night|yesterday (?:morning|afternoon|evening))\b",
    re.I,
)
"""Greetings and what happened earlier are not when the remedy happens."""
_SPANISH_HOURS = re.compile(
    r"\b(?:de|entre las?|a las|desde las)\s+(\d{1,2})"
    r"(?=[:.]\d\d|\s*h\b|\s*horas\b|\s+(?:a|y|hasta)\s+(?:las\s+)?\d{1,2}\b)",
    re.I,
)
"""Spanish hours on the 24-hour clock: "de 15 a 19", "entre las 9 y las 13", "a las 16:00"."""
_REFERENCE = re.compile(r"\b([A-Z][A-Z0-9]{0,4})-(\d{3,})\b")
"""A prefixed reference: "T2-558120", "FR-20871", "INS-660412"."""
_REFERENCE_WORD = re.compile(
    r"\b(?:reference|ref|case|ticket|claim|incident|confirmation|tracking|referencia|expediente)(?:\s+(?:number|no\.?|#|id|"
    r"número))?\s*(?:is|es|:)?\s*#?\s*([A-Z]{0,5}-?\d{4,})\b",
    re.I,
)
"""A number given as a reference: "under reference 45419", "case number 20871"."""
_TAIL = re.compile(
    r"\b(?:ending(?: in| with)?|ends in|last (?:four|4)(?: digits)?(?: of)?|terminad[oa] en|que termina en)"
    r"\s+(\d{4})\b",
    re.I,
)
"""The last four digits of a phone or card: "the line ending 0171"."""
_PLAN_NUMBER = re.compile(r"\b(?:the\s+)?(\d{2,4})(?:[\s-](?:meg|mbps|mb))?[\s-](?:plan|package|tier|bundle)\b", re.I)
"""A plan called by its number: "the 300 plan"."""
_RELATIVE_MONTH = re.compile(
    r"\b(this month|this month's|current month|the current bill|este mes|"
    r"last month|last month's|previous month|the month before|(?:one|two|three|four|\d) months? ago|el mes pasado)\b",
    re.I,
)
"""Which month's charge, said relative to now: "this month's overage" is not "the one from two months ago"."""


@dataclass(frozen=True)
class WrongFigure:
    """A figure the agent said that is none of the customer's, and the customer's own, when there is one."""

    said: str
    expected: str | None


@dataclass(frozen=True)
class Figures:
    """The figures of one kind and another that a text states."""

    money: frozenset[float]
    months: frozenset[int]
    days: frozenset[tuple[int, int]]
    quantities: frozenset[tuple[str, float]]
    named: frozenset[tuple[str, str]]
    long: frozenset[str]
    hours: frozenset[float]
    grouped: frozenset[str] = frozenset()
    """Long numbers written with thousands separators ("48,213"): readings and totals, not ids."""


def _value(words: str) -> float | None:
    """The number a run ends with: digits, or the longest tail of number words ("has a ten" → 10)."""
    words = words.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", words):
        return float(words.replace(",", "."))
    parts = re.split(r"[\s-]+", words)
    for start in range(len(parts)):
        if parts[start] in {"a", "an", "and"}:
            continue
        n = parse_number_words(" ".join(parts[start:]))
        if n is not None:
            return float(n)
    return None


def _hours(text: str) -> set[float]:
    found: set[float] = set()
    for m in _CLOCK.finditer(text):
        if m.group(4):
            found.add(0.0 if m.group(4).lower() == "midnight" else 12.0)
            continue
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        found.add(h + int(m.group(2) or 0) / 60)
    for m in _HOUR_WORD.finditer(text):
        n = parse_number_words(m.group(1)) or 0
        pm = m.group(2).lower()[0] in "aept" and not m.group(2).lower().startswith(("a.", "am", "morning"))
        found.add(n % 12 + (12 if pm else 0))
    return found


def _month_mentions(text: str) -> list[tuple[int, bool]]:
    """Each month named in ``text`` (not "may" the verb), and whether it says when or where (:data:`_LANDING`)."""
    found = []
    for m in _MONTH_WORD.finditer(text[:3000]):
        word = m.group(1).lower()
        if word == "may" and (_MAY_VERB.match(text, m.start()) or m.group(1) == "may"):
            continue
        found.append((_FULL_MONTHS[word], bool(_LANDING.search(text[max(0, m.start() - 30) : m.start()]))))
    return found


def figures_in(text: str) -> Figures:
    """Every checkable figure ``text`` states."""
    text = text[:3000]
    months = {month for month, _ in _month_mentions(text)}
    days = {(d.day, d.month) for d in dates(text) if d.month is not None}
    quantities: set[tuple[str, float]] = set()
    for m in _QUANTITY.finditer(text):
        unit = _UNIT.get(m.group(2).lower())
        value = _value(m.group(1))
        if unit is None or value is None:
            continue
        hyphenated = "-" in m.group(0)[len(m.group(1)) :] and bool(_TERM_NOUN.match(text, m.end()))
        before = text[max(0, m.start() - 12) : m.start()] + " "
        if unit in {"month", "year"} and not hyphenated and not _PERIOD_CONTEXT.search(before):
            continue
        quantities.add((unit, value))
    named = {(m.group(1).lower(), m.group(2)) for m in _NAMED.finditer(text) if not m.group(1).isupper()}
    long_numbers = [m.group(1) for m in _LONG.finditer(text)]
    return Figures(
        money=frozenset(a.value for a in amounts(text)),
        months=frozenset(months),
        days=frozenset(days),
        quantities=frozenset(quantities),
        named=frozenset(named),
        long=frozenset(n.replace(",", "") for n in long_numbers),
        hours=frozenset(_hours(text)),
        grouped=frozenset(n.replace(",", "") for n in long_numbers if "," in n),
    )


_LANDING = re.compile(
    r"\b(?:on|onto|in|into|to|by|until|till|before|after|starting|from next|next|this|coming|as of|effective|"
    r"through|thru)\s+(?:your\s+|the\s+|early\s+|mid-?\s*|late\s+|end of\s+)?(?:next\s+)?$",
    re.I,
)
"""A month after "on your", "by", "from", "starting" says when or where, not which item."""


def _landing_months(text: str) -> set[int]:
    """Months said as when or where something lands ("on your December statement", "from January")."""
    # "May" is never read as a landing month: "by May" and "may" the verb are too alike to tell.
    return {month for month, landing in _month_mentions(text) if landing and month != _FULL_MONTHS["may"]}


def _item_months(text: str) -> set[int]:
    """Months that name the thing offered on ("the April charge", "September's fee"), not when it happens."""
    return {month for month, landing in _month_mentions(text) if not landing}


def _derived(money: Iterable[float]) -> frozenset[float]:
    """Known amounts plus the arithmetic an agent does aloud with them (sums, differences, multiples, splits)."""
    base = sorted({round(m, 2) for m in money if m > 0})[:12]
    out = set(base)
    for a, b in combinations(base, 2):
        out |= {round(a + b, 2), round(abs(a - b), 2)}
    for a in base:
        out |= {round(a * k, 2) for k in (2, 3, 4, 12)} | {round(a / k, 2) for k in (2, 3, 4, 12)}
    return frozenset(out)


def _close(a: str, b: str) -> bool:
    """Two long numbers of the same length one or two digits apart, or the same digits reordered."""
    if len(a) != len(b) or a == b:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 2 or sorted(a) == sorted(b)


_COST_BEFORE = re.compile(
    r"\b(?:fee|charge|cost|coste|cargo|pagar|pay|costs|price of|precio)\b(?:(?:\s+[^\W\d_]+){0,2}\s+(?:of|de))?"
    r"\s*[$£€]?\s*$",
    re.I,
)
"""An amount put on the customer as a cost ("a call-out fee of $60", "un coste de 60 euros")."""
_MONTHLY_AFTER = re.compile(r"\s*(?:a|per|/|each|every|al|por)\s*(?:month|mo|mes)\b|\s*monthly\b", re.I)
"""A price by the month ("$10 a month each") put on a customer who was never told of any money."""
_NEW_PRICE_BEFORE = re.compile(
    r"\b(?:(?:go(?:es)?|drops?|comes?|coming|goes|going|fall(?:s)?|be reduced|reduces?) down to|drops? to|"
    r"(?:new|monthly) (?:price|bill|rate|charge|cost|total)(?: (?:is|will be|would be|becomes|of|comes to))?|"
    r"(?:you(?:'ll| will|'d| would)|you're going to) (?:now |then |only )?(?:pay|be paying|be charged)|"
    r"(?:plan|bill|price) (?:is|will be|would be|becomes|costs?|comes to))\s*[$£€]?\s*$",
    re.I,
)
"""A price said as what she will pay from now on (checked against the account's own figures, not their sums)."""
_THRESHOLD = re.compile(
    r"\b(?:over|above|more than|up to|under|below|less than|limit(?: of| is)?|maximum(?: of)?|anything over)"
    r"(?:\s+(?:my|our|the|your|a|that))?\s*[$£€]?\s*$",
    re.I,
)
_THRESHOLD_AFTER = re.compile(
    r"(?:\s*-?\s*(?:dollars?|euros?|bucks))?\s+(?:credit\s+|refund\s+|approval\s+|sign-off\s+)?"
    r"(?:limit|cap|ceiling|threshold|authority)\b",
    re.I,
)
"""An amount that states a limit ("refunds over $50 need sign-off") is not what the agent offers."""
_SPLIT = re.compile(
    r"\b(?:split|spread|divided|broken down)\s+(?:as|into|across|between|over)?\s*[^.;!?]{0,80}",
    re.I,
)
"""A remedy said in parts ("split as $10 on this bill and $5 on the next"): the parts must make its amount."""


def is_threshold(text: str, span: tuple[int, int]) -> bool:
    """Whether the amount at ``span`` states a limit ("over my $50 limit", "up to fifty dollars"), not an offer."""
    return bool(_THRESHOLD.search(text[max(0, span[0] - 40) : span[0]]) or _THRESHOLD_AFTER.match(text, span[1]))


def money_text(x: float) -> str:
    """An amount as the customer says it back: "$59.99", "$70", "$1,200"."""
    return f"${x:,.2f}".replace(".00", "")


@lru_cache(maxsize=256)
def _known(reference: str) -> Figures:
    """The customer's figures, with the arithmetic an agent may do aloud on their amounts."""
    found = _authored_figures(reference)
    return replace(found, money=_derived(found.money))


def reference_text(sc: Scenario, res: Resolution) -> str:
    """What the customer knows about this resolution's figures: its words, the goal and the account."""
    account = [str(f.value) for f in sc.account] + [a for f in sc.account for a in f.aliases]
    persona = [sc.description, *(k.says for k in sc.knows)]
    persona += [t for h in sc.hidden_facts for t in (h.description, *h.replies)]
    amounts_said = [f"${res.amount}"] if res.amount is not None else []
    terms = [f"{d}" for d in res.terms.dates]
    return "\n".join([res.description, *res.when.examples, sc.goal, *persona, *account, *amounts_said, *terms])


def wrong_figures(sc: Scenario, res: Resolution, text: str) -> list[WrongFigure]:
    """Figures in the agent's ``text`` that are none of the customer's for ``res`` (empty when all fit)."""
    reference = reference_text(sc, res)
    known = _known(reference)
    said = figures_in(text)
    wrong: list[WrongFigure] = []
    for mislabel in mislabelled(sc, res, text):
        said_as = f"{money_text(mislabel.amount)} for the {mislabel.said_kind}"
        own = mislabel.known_kinds
        wrong.append(WrongFigure(said_as, f"the {own[0]}" if own else money_text(mislabel.kind_amounts[0])))
    foreign = charge_not_theirs(sc, text)
    if foreign is not None:
        wrong.append(WrongFigure(f"the {foreign} charge", None))
    stated = amounts(text)
    if not known.money:
        for a in stated:
            if _COST_BEFORE.search(text[max(0, a.span[0] - 40) : a.span[0]]) or _MONTHLY_AFTER.match(text, a.span[1]):
                wrong.append(WrongFigure(money_text(a.value), None))  # a charge the customer never heard of
                break
    if known.money:
        first_span: dict[float, tuple[int, int]] = {}
        for a in stated:
            first_span.setdefault(a.value, a.span)
        for amount in sorted(said.money - known.money):
            if amount in first_span and is_threshold(text, first_span[amount]):
                continue
            if amount in first_span and yearly_saving_said(text, first_span[amount]):
                continue  # a saving over the year is checked against the monthly gap (arithmetic.wrong_sum)
            if not any(abs(amount - k) <= max(0.011, 0.005 * k) for k in known.money):
                wrong.append(WrongFigure(money_text(amount), None))
        authored = _authored_figures(reference).money
        for a in stated:
            if (
                _NEW_PRICE_BEFORE.search(text[max(0, a.span[0] - 40) : a.span[0]])
                and _MONTHLY_AFTER.match(text, a.span[1])
                and not any(abs(a.value - k) <= max(0.011, 0.005 * k) for k in authored)
                and not any(w.said == money_text(a.value) for w in wrong)
            ):
                # "your plan will go down to $115 a month": a price is one of the account's, not a sum of them
                wrong.append(WrongFigure(money_text(a.value), None))
    item_months = _item_months(text)
    promised_months = _landing_months(res.description)
    landing = _landing_months(text)
    if promised_months and landing and not landing & promised_months:
        # The resolution names where the money lands ("on the December statement"): another month is wrong.
        wrong.append(WrongFigure(_MONTH_NAMES[min(landing)], _MONTH_NAMES[min(promised_months)]))
    if known.months and item_months - known.months and not said.months & known.months:
        # Only a month that names the item ("the duplicate from your April bill"), when none of the
        # months said is theirs: "it shows on your December statement" says where the money lands.
        month = min(item_months - known.months)
        wrong.append(WrongFigure(_MONTH_NAMES[month], None))
    told = _relative_months(res.description) or _relative_months(_remedies_text(sc))
    heard_relative = _relative_months(text)
    if told and heard_relative and not told & heard_relative:
        # "Credit this month's overage" is not "the $15 from two months ago".
        which = _RELATIVE_MONTH.search(text[:3000])
        wrong.append(WrongFigure(which.group(1) if which else "that month", "this month" if "this" in told else None))
    for slip in misdated(sc, text):
        expected = f"{_MONTH_NAMES[slip.expected[1]]} {slip.expected[0]}" if slip.expected else None
        wrong.append(WrongFigure(slip.said, expected))
        break
    if known.days:
        for day, month in sorted(said.days - known.days):
            wrong.append(WrongFigure(f"{_MONTH_NAMES[month]} {day}", None))
            break
    own_quantities = _authored_figures(res.description).quantities
    # Speeds describe the line ("40 Mbps in the basement, 512 at the modem"), not what the remedy gives.
    for unit in sorted({u for u, _ in own_quantities} - {"mbps"}):
        said_values = {v for u, v in said.quantities if u == unit}
        promised_values = {v for u, v in own_quantities if u == unit}
        if said_values and not said_values & promised_values:
            # "1 GB of hotspot data" when the remedy is 20 GB, though the customer's story has a 1 GB figure.
            wrong.append(
                WrongFigure(_quantity_text(min(said_values), unit), _quantity_text(max(promised_values), unit))
            )
            break
    siblings = _sibling_quantities(sc)
    for unit, value in sorted(said.quantities - known.quantities):
        # "Two payments" when the customer was only ever offered three: the scenario's other remedies count.
        same_unit = sorted(v for u, v in known.quantities if u == unit) or sorted(v for u, v in siblings if u == unit)
        if same_unit and value not in same_unit:
            wrong.append(WrongFigure(_quantity_text(value, unit), _quantity_text(same_unit[-1], unit)))
    for name, number in sorted(said.named - known.named):
        others = sorted(n for k, n in known.named if k == name)
        if others:
            wrong.append(WrongFigure(f"{name.capitalize()} {number}", f"{name.capitalize()} {others[0]}"))
    if (split := _SPLIT.search(text[:3000])) is not None and known.money:
        whole = res.amount
        parts = [a.value for a in amounts(split.group(0)) if whole is None or abs(a.value - whole) > 0.011]
        if whole and len(parts) >= 2 and abs(sum(parts) - whole) > 0.011:
            # "the $20 credit split as $10 on this bill and $5 on the next": the parts do not make the whole.
            wrong.append(WrongFigure(" and ".join(money_text(p) for p in parts), money_text(whole)))
    own_grouped = _authored_figures(res.description).grouped
    if own_grouped and said.grouped and not said.grouped & own_grouped:
        # The resolution's own reading is 48,213: the estimated 49,150 from the account is the wrong one.
        other = sorted(n for n in said.grouped - own_grouped if any(len(n) == len(k) for k in own_grouped))
        if other and other[0] in known.long:
            wrong.append(WrongFigure(f"{int(other[0]):,}", f"{int(min(own_grouped)):,}"))
    for number in sorted(said.long - known.long):
        near = [k for k in known.long if _close(number, k)]
        if not near and number in said.grouped:
            # "49,150" is a reading or a figure; the customer's own of that size is the one they expect.
            near = [k for k in known.grouped if len(k) == len(number)]
        if near:
            wrong.append(WrongFigure(number, near[0]))
    promised = _hours(res.description)
    # Clock times are checked against the resolution's own words only: the persona's other times
    # (a visit window, when they get paid) are not what this resolution promises.
    if (
        promised
        and said.hours
        and not said.hours & promised
        and all(min(abs(h - k) for k in promised) >= 1.0 for h in said.hours)
    ):
        wrong.append(WrongFigure(_clock(min(said.hours)), _clock(min(promised))))
    promised_parts, said_parts = parts_of_day(res.description), parts_of_day(text)
    if promised_parts and said_parts and not said_parts & promised_parts:
        wrong.append(WrongFigure(f"the {min(said_parts)}", f"the {min(promised_parts)}"))
    own_words = own_text(sc, res)
    wrong.extend(_identifier_errors(sc, res, text, reference=reference, own=own_words, said=said))
    wrong.extend(_schedule_errors(sc, res, text, own=own_words))
    return wrong


def _quantity_text(value: float, unit: str) -> str:
    """How the customer says a quantity back: "20 GB", "3 payments", "15%"."""
    if unit == "%":
        return f"{value:g}%"
    return f"{value:g} {unit.upper() if unit in {'gb', 'mb', 'mbps'} else unit}"


def _remedies_text(sc: Scenario) -> str:
    """The descriptions of every acceptable resolution: what the customer could be offered at all."""
    return "\n".join(r.description for r in sc.resolutions if r.acceptable)


def _sibling_quantities(sc: Scenario) -> frozenset[tuple[str, float]]:
    """Quantities (payments, GB, months) in the descriptions of every acceptable resolution of the scenario."""
    return _authored_figures(_remedies_text(sc)).quantities


@lru_cache(maxsize=512)
def _authored_figures(text: str) -> Figures:
    """The figures of a scenario's own words (descriptions, the account): the same on every turn, so read once."""
    return figures_in(text)


def _part_of_day(hour: float) -> str:
    """A clock time's part of the day; a window's end ("1-5 PM") is still the afternoon."""
    return "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"


_SPANISH_PART = {"mañana": "morning", "manana": "morning", "tarde": "afternoon", "noche": "evening"}


def parts_of_day(text: str) -> set[str]:
    """When in the day ``text`` says something happens: by name ("tomorrow morning", "por la tarde") or clock."""
    text = _GREETING.sub(" ", text[:3000])
    parts: set[str] = set()
    for m in _PART_OF_DAY.finditer(text):
        if m.group(4):
            parts.add(_SPANISH_PART[m.group(4).lower()])
        else:
            parts.add(("morning", "afternoon", "evening")[next(i for i in (1, 2, 3) if m.group(i)) - 1])
    parts |= {_part_of_day(h) for h in _hours(text)}
    parts |= {_part_of_day(float(m.group(1))) for m in _SPANISH_HOURS.finditer(text) if int(m.group(1)) < 24}
    return parts


def _units(text: str) -> set[str]:
    return {(m.group(1) or m.group(2)).lower() for m in _UNIT_ID.finditer(text)}


def _houses(text: str) -> set[tuple[str, str]]:
    """(house number, first word of the street) for each street address."""
    return {(m.group(1), m.group(2).split()[0].lower()) for m in _HOUSE.finditer(text)}


def _relative_months(text: str) -> set[str]:
    """ "this" and/or "past" for each charge named relative to the current month."""
    found = set()
    for m in _RELATIVE_MONTH.finditer(text[:3000]):
        phrase = m.group(1).lower()
        found.add("this" if phrase.startswith(("this", "current", "the current", "este")) else "past")
    return found


def own_text(sc: Scenario, res: Resolution) -> str:
    """The resolution's own words plus the account facts it names by label ("to the new address").

    Figures here are the ones this remedy is about; a figure of the same kind from elsewhere on the
    account (the current address, the estimated reading) is the customer's, but not this remedy's.
    """
    described = res.description.lower()
    named = [
        " ".join([str(f.value), *f.aliases]) for f in sc.account if len(f.label) >= 5 and f.label.lower() in described
    ]
    return "\n".join([res.description, *named])


def _identifier_errors(
    sc: Scenario, res: Resolution, text: str, *, reference: str, own: str, said: Figures
) -> list[WrongFigure]:
    """A reference, unit, house, line or plan number that is not this remedy's.

    Each kind is judged only when the customer knows one of that kind: a unit when they have an address
    with a unit, a reference prefix ("T2-") when they were given such a reference.
    """
    wrong: list[WrongFigure] = []
    known_units, own_units, said_units = _units(reference), _units(own), _units(text)
    if said_units and not said_units & (own_units or known_units) and (own_units or known_units):
        wrong.append(WrongFigure(f"unit {min(said_units).upper()}", f"unit {min(own_units or known_units).upper()}"))
    known_houses = _houses(reference)
    for number, street in sorted(_houses(text) - known_houses):
        theirs = sorted(n for n, s in known_houses if s == street)
        if theirs and number not in theirs:
            wrong.append(WrongFigure(f"{number} {street.capitalize()}", f"{theirs[0]} {street.capitalize()}"))
    known_refs: dict[str, set[str]] = {}
    for m in _REFERENCE.finditer(reference):
        known_refs.setdefault(m.group(1).upper(), set()).add(m.group(2))
    for m in _REFERENCE.finditer(text[:3000]):
        given = known_refs.get(m.group(1).upper(), set())
        if given and m.group(2) not in given:
            wrong.append(WrongFigure(m.group(0), f"{m.group(1).upper()}-{min(given)}"))
    ids = {re.sub(r"\D", "", t) for f in sc.account if f.kind == "id" for t in (str(f.value), *f.aliases)}
    for m in _REFERENCE_WORD.finditer(text[:3000]):
        digits = re.sub(r"\D", "", m.group(1))
        if ids and not any(digits and (digits in i or i.endswith(digits)) for i in ids if i):
            wrong.append(WrongFigure(m.group(1), None))
    tails = {m.group(1) for m in _TAIL.finditer(reference)}
    tails |= {re.sub(r"\D", "", str(f.value))[-4:] for f in sc.account if f.kind in {"phone", "card"}}
    for m in _TAIL.finditer(text[:3000]):
        if tails and m.group(1) not in tails:
            wrong.append(WrongFigure(f"ending {m.group(1)}", f"ending {min(tails)}"))
    wrong.extend(_misread_phones(sc, text))
    described = res.description.lower()
    for f in sc.account:
        words = f.label.lower().split()
        if f.kind == "amount" or not words or not _new_label(words[0]).search(described):
            # a figure is checked as a figure: "new price $125" is not an old reference said again
            continue
        # "with new tracking by email": the tracking number on the account is the lost parcel's.
        old_value = str(f.value)
        if len(old_value) >= 5 and old_value.lower() in text.lower():
            wrong.append(WrongFigure(old_value, f"a new {words[0]}"))
    own_plans = _plan_numbers(_authored_figures(own), own)
    said_plans = _plan_numbers(said, text)
    if (
        own_plans
        and said_plans
        and not said_plans & own_plans
        and said_plans & _plan_numbers(_authored_figures(reference), reference)
    ):
        # "The 300 plan at $39.99": the plan they are on, not the one this remedy moves them to.
        wrong.append(WrongFigure(f"the {min(said_plans)} plan", f"the {min(own_plans)} plan"))
    wrong.extend(_other_plan(sc, res, text, said=said))
    return wrong


_PHONE = re.compile(r"(?<![\w-])(?:\(?\d{3}\)?[\s.-]?)?\d{3}[\s.-]\d{4}(?![\w-])")


def _misread_phones(sc: Scenario, text: str) -> list[WrongFigure]:
    """A phone number said with digits swapped or mistyped: "480-555-0139" for the customer's 480-555-0193.

    Only a near miss counts (the same seven digits rearranged, or one or two changed): the support line or a
    bank's number is a different number altogether, not a misreading of hers.
    """
    own = [(str(f.value), re.sub(r"\D", "", str(f.value))[-7:]) for f in sc.account if f.kind == "phone"]
    own = [(value, digits) for value, digits in own if len(digits) == 7]
    wrong: list[WrongFigure] = []
    for m in _PHONE.finditer(text[:3000]):
        said = re.sub(r"\D", "", m.group(0))[-7:]
        if not own or any(said == digits for _, digits in own):
            continue
        for value, digits in own:
            changed = sum(a != b for a, b in zip(said, digits, strict=True))
            if sorted(said) == sorted(digits) or changed <= 2:
                wrong.append(WrongFigure(m.group(0).strip(), value))
                break
    return wrong


def _other_plan(sc: Scenario, res: Resolution, text: str, *, said: Figures) -> list[WrongFigure]:
    """A product from another plan field ("Internet 300", the bundle they are on) offered as this remedy's plan.

    Judged only when the resolution names one of the account's plans ("Move her to Internet-only Gig") and
    the agent does not name that plan at all: "from Internet 300 to Gig" names both and is fine.
    """
    described = res.description.lower()
    plans = [f for f in sc.account if f.kind == "plan"]
    own = [f for f in plans if str(f.value).lower() in described]
    if not own:
        return []
    low = text[:3000].lower()
    own_names = [n.lower() for f in own for n in (str(f.value), *f.aliases)]
    if any(n in low for n in own_names):
        return []
    for f in plans:
        if f in own:
            continue
        for name, number in sorted(_authored_figures(str(f.value)).named & said.named):
            if not any(number in n for n in own_names):
                return [WrongFigure(f"{name.capitalize()} {number}", str(own[0].value))]
    return []


_NOT_PRODUCTS = frozenset(MONTHS) | frozenset(SPANISH_MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "sept",
}  # fmt: skip


def _plan_numbers(found: Figures, text: str) -> set[str]:
    """Numbers that name a product or plan ("Internet 500", "the 300 plan"), not dates ("November 30").

    ``found`` is ``figures_in(text)``, already read by the caller.
    """
    named = {n for name, n in found.named if name not in _NOT_PRODUCTS}
    return named | {m.group(1) for m in _PLAN_NUMBER.finditer(text[:3000])}


_TODAY_IN_SCHEDULE = re.compile(
    r"\b(?:first|one|1st|initial)\b[^.;!?]{0,20}\b(?:today|tonight|now)\b|\b(?:today|now)\b,?\s+(?:then|and then)\b",
    re.I,
)
"""A payment put today in a schedule of dates: "the first one today, then December 1st"."""


_BOOKED_FOR = re.compile(
    r"\b(?:booked|scheduled|rebooked|moved|slot|visit|appointment|technician|engineer|install(?:ation)?)\b"
    r"[^.;!?]{0,40}?\b(?:for|on|to)\s+(?:you,?\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?$",
    re.I,
)


def _booked_day(text: str) -> tuple[int, int] | None:
    """The calendar day an appointment is booked for ("booked the slot for Wednesday November 14th"), if said."""
    head = text[:3000]
    for d in dates(head):
        if d.month is not None and _BOOKED_FOR.search(head[max(0, d.span[0] - 80) : d.span[0]]):
            return (d.day, d.month)
    return None


def _schedule_errors(sc: Scenario, res: Resolution, text: str, *, own: str) -> list[WrongFigure]:
    """A day swapped among the remedy's days, or an identity date used as one (windows: ``offers.wrong_time``)."""
    wrong: list[WrongFigure] = []
    own_days = {(d.day, d.month) for d in dates(own) if d.month is not None}
    own_days |= {(d.day, d.month) for d in dates(" ".join(res.terms.dates)) if d.month is not None}
    said_days = {(d.day, d.month) for d in dates(text[:3000]) if d.month is not None}
    if len(own_days) >= 2 and said_days & own_days and own_days - said_days and said_days - own_days:
        # "November 30th, December 15th and January 1st": one of the three dates swapped for another.
        day, month = min(said_days - own_days, key=lambda dm: (dm[1], dm[0]))
        wrong.append(WrongFigure(f"{_MONTH_NAMES[month]} {day}", None))
    elif len(own_days) == 1 and not said_days & own_days and (booked := _booked_day(text)) is not None:
        # "the first priority slot for you, Wednesday November 14th": the missed visit's day, not the slot's.
        if booked in account_days(sc):
            (day, month) = next(iter(own_days))
            wrong.append(WrongFigure(f"{_MONTH_NAMES[booked[1]]} {booked[0]}", f"{_MONTH_NAMES[month]} {day}"))
    elif len(own_days) >= 2 and said_days & own_days and own_days - said_days and _TODAY_IN_SCHEDULE.search(text):
        # "The first one today, then December 1st and December 15th": today stands in for one of the dates.
        day, month = min(own_days - said_days, key=lambda dm: (dm[1], dm[0]))
        wrong.append(WrongFigure("today", f"{_MONTH_NAMES[month]} {day}"))
    identity = {
        (d.day, d.month)
        for f in sc.account
        if f.verifier
        for d in dates(" ".join([str(f.value), *f.aliases]))
        if d.month is not None
    }
    for day, month in sorted((said_days & identity) - own_days):
        wrong.append(WrongFigure(f"{_MONTH_NAMES[month]} {day}", None))  # their birthday is not a billing date
    return wrong


def _clock(hour: float) -> str:
    h = int(hour) % 12 or 12
    return f"{h} {'PM' if hour >= 12 else 'AM'}"


@lru_cache(maxsize=256)
def _new_label(word: str) -> re.Pattern[str]:
    """ "new <label>" said in a resolution ("new tracking"), compiled once per account label."""
    return re.compile(rf"\bnew\s+{re.escape(word)}\b")
