"""One parser for what people say with numbers: amounts, dates, identifiers and number words.

Small, dependency-free and offline: the libraries that fit (``word2number``, ``dateparser``)
either handle only part of call-centre speech ("fifty-nine ninety-nine", "the third of
March", "4 8 2 1 7 7") or pull in large data and time-zone machinery. Everything here
returns small frozen dataclasses with the character span it came from, so a caller can
quote the evidence.

Public API: :func:`parse_number_words`, :func:`amounts`, :func:`dates`, :func:`identifiers`,
:func:`numbers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
SPANISH_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
ORDINALS |= {f"twenty-{w}": 20 + n for w, n in ORDINALS.items() if n < 10}
ORDINALS |= {f"twenty {w}": 20 + n for w, n in ORDINALS.items() if n < 10}
ORDINALS |= {"thirty-first": 31, "thirty first": 31}
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""In ``datetime.date.weekday()`` order."""
_NUMBER_WORDS = set(UNITS) | set(TENS) | set(_SCALES) | {"and", "a"}
_WORD = "(?:" + "|".join(sorted([*UNITS, *TENS, *_SCALES], key=len, reverse=True)) + ")"
_WORD_RUN = re.compile(rf"\b{_WORD}(?:(?:[\s-]+|\s+and\s+|\s+a\s+){_WORD})*\b", re.I)
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\d])")
_CURRENCY_BEFORE = re.compile(r"(?:[$£€]|usd|eur|gbp)\s*$", re.I)
_CURRENCY_AFTER = re.compile(r"^(?:\s*|-)(?:dollars?|bucks|pounds?|quid|euros?|usd|cents?)\b", re.I)
"""The currency after a number: "9 dollars", and "a nine-dollar fee" as a compound adjective."""
_PRICE_AFTER = re.compile(r"^\s*(?:a|per|/)\s*(?:month|mo)\b", re.I)
"""A bare number said as a monthly price ("it'll be sixty a month") is money."""
_CENTS_AFTER = re.compile(r"^(?:\s*|-)cents?\b", re.I)
_WORD_AFTER_CENTS = re.compile(
    r"\s*(?:dollars?|business|working|calendar|bucks|days?|weeks?|months?|years?|minutes?|hours?|percent|gb|times)\b",
    re.I,
)
""""five dollars two weeks ago...": a number after "dollars" is cents only when no unit of its own follows."""


@dataclass(frozen=True)
class Amount:
    """A money amount said in a sentence: ``value`` in currency units, ``span`` into the text."""

    value: float
    text: str
    span: tuple[int, int]
    explicit: bool
    """True when a currency sign/word marks it as money ("$5", "five dollars"); False for "59.99"."""


@dataclass(frozen=True)
class DateMention:
    """A calendar day said in a sentence (``month``/``year`` may be unknown: "the third")."""

    day: int
    month: int | None
    year: int | None
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class MonthMention:
    """A month named on its own, without a day ("your February bill", "la factura de junio")."""

    month: int
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class Identifier:
    """An account/order/case id: letters-digits codes ("ACC-482177") or 4+ digit runs, spaces removed."""

    value: str
    text: str
    span: tuple[int, int]


def parse_number_words(text: str) -> int | None:
    """The integer a run of English number words says, or None.

    "fifty-nine" → 59, "three hundred and eighty" → 380, "a thousand" → 1000, "four eight two"
    → 482 (digit-by-digit reading when the words are all single units).

    Parameters
    ----------
    text : str
        Only number words, spaces, hyphens and "and"/"a".
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w]
    if not words or any(w not in _NUMBER_WORDS for w in words):
        return None
    words = [w for w in words if w != "and"]
    if words and words[0] == "a":
        words[0] = "one"
    if "a" in words or not words:
        return None
    if len(words) > 1 and all(w in UNITS and UNITS[w] < 10 for w in words):
        return int("".join(str(UNITS[w]) for w in words))  # "four eight two" read digit by digit
    total, current = 0, 0
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[w]
            current = 0
    return total + current


_ES_UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    "veintidós": 22, "veintidos": 22, "veintitrés": 23, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
_ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}


def parse_spanish_number_words(text: str) -> int | None:
    """The integer Spanish number words up to 99 say ("cuarenta y ocho" → 48, "quince" → 15), or None.

    Waits in Spanish calls are said this way ("dentro de cuarenta y ocho horas"); larger figures are
    written as digits in practice.
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w]
    if len(words) == 1:
        return _ES_UNITS.get(words[0], _ES_TENS.get(words[0]))
    if len(words) == 3 and words[0] in _ES_TENS and words[1] == "y" and _ES_UNITS.get(words[2], 10) < 10:
        return _ES_TENS[words[0]] + _ES_UNITS[words[2]]
    return None


def _price_whole(words: str) -> int | None:
    """The dollars of a spoken price: "one thirty-one" (twenty) → 131, said as hundreds without "hundred"."""
    parts = [w for w in re.split(r"[\s-]+", words.lower().strip()) if w]
    if len(parts) >= 2 and parts[0] in UNITS and 1 <= UNITS[parts[0]] <= 9 and parts[1] in TENS:
        rest = parse_number_words(" ".join(parts[1:]))
        return UNITS[parts[0]] * 100 + rest if rest is not None and rest < 100 else None
    return parse_number_words(words)


_DOLLARS_THEN_CENTS = re.compile(rf"\s*(?:dollars?|bucks)\s+(?:and\s+)?({_WORD}(?:[\s-]+{_WORD})?)(\s+cents?)?\b", re.I)
""""seventy dollars eighty", "fifty-nine dollars and ninety-nine cents": the cents follow the dollars."""


def _spoken_price(words: str) -> float | None:
    """ "fifty-nine ninety-nine" → 59.99: two number groups where the second is below 100."""
    m = re.fullmatch(
        rf"((?:{_WORD}[\s-]*)+?)[\s-]+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+{_WORD})?)",
        words.strip(),
        re.I,
    )
    if not m:
        return None
    whole, cents = _price_whole(m.group(1)), parse_number_words(m.group(2))
    if whole is None or cents is None or cents >= 100 or whole >= 10000 or whole < 1:
        return None
    if any(w in m.group(1).lower() for w in ("hundred", "thousand")):
        return None
    return whole + cents / 100


def amounts(text: str) -> list[Amount]:
    """Money amounts in ``text``: "$59.99", "59.99", "five dollars", "fifty-nine ninety-nine", "$1,200".

    Bare integers without a currency mark ("3 days", "2 PM") are not amounts; bare decimals
    ("59.99") are, with ``explicit=False``.
    """
    found: list[Amount] = []
    for m in _DIGITS.finditer(text):
        whole = int(m.group(1).replace(",", ""))
        value = whole + (int(m.group(2).ljust(2, "0")) / 100 if m.group(2) else 0.0)
        before, after = text[max(0, m.start() - 5) : m.start()], text[m.end() : m.end() + 9]
        explicit = bool(
            _CURRENCY_BEFORE.search(before)
            or _CURRENCY_AFTER.match(after)
            or (whole >= 5 and _PRICE_AFTER.match(text[m.end() : m.end() + 12]))
        )
        if _CENTS_AFTER.match(after) and not m.group(2):
            value = whole / 100
        if explicit or m.group(2):
            found.append(Amount(round(value, 2), m.group(0), m.span(), explicit))
    consumed = -1
    for m in _WORD_RUN.finditer(text):
        if m.start() < consumed:
            continue  # the cents of "seventy dollars eighty", already counted
        after = text[m.end() : m.end() + 9]
        words = m.group(0)
        price = _spoken_price(words)
        said = price if price is not None else parse_number_words(words)
        if said is None:
            continue
        spoken = float(said) / 100 if _CENTS_AFTER.match(after) else float(said)
        explicit = bool(_CURRENCY_AFTER.match(after)) or (
            said >= 5 and _PRICE_AFTER.match(text[m.end() : m.end() + 12]) is not None
        )
        end = m.end()
        cents = _DOLLARS_THEN_CENTS.match(text, m.end()) if price is None and explicit else None
        if cents is not None:
            cent_count = parse_number_words(cents.group(1))
            if (
                cent_count is not None
                and cent_count < 100
                and (cents.group(2) or not _WORD_AFTER_CENTS.match(text, cents.end()))
            ):
                spoken += cent_count / 100
                end = consumed = cents.end()
        if explicit or price is not None:
            found.append(Amount(round(spoken, 2), text[m.start() : end], (m.start(), end), explicit))
    for m in _SPANISH_EUROS.finditer(text):
        whole_es = parse_spanish_number_words(m.group("whole"))
        if whole_es is None or any(a.span[0] <= m.start() < a.span[1] for a in found):
            continue
        cents_es = parse_spanish_number_words(m.group("cents")) if m.group("cents") else 0
        value_es = whole_es + (cents_es or 0) / 100
        found.append(Amount(round(value_es, 2), m.group(0), m.span(), True))
    return sorted(found, key=lambda a: a.span)


_ES_WORD = r"[a-záéíóúñ]+(?: y [a-záéíóúñ]+)?"
_SPANISH_EUROS = re.compile(
    rf"\b(?P<whole>{_ES_WORD})\s+euros?(?:\s+(?:con|y)\s+(?P<cents>{_ES_WORD})(?:\s+c[eé]ntimos)?)?\b", re.I
)
"""Euros said in Spanish words: "treinta euros con noventa" (30.90), "veintinueve euros"."""


_ORD_RE = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?|({_ORD_RE}))"
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    # "the second December 15th" counts payments: a day number after the month is the day.
    re.compile(
        rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b"
        r"(?!\.?\s+(?:the\s+)?\d{1,2}(?:(?:st|nd|rd|th)\b|\b(?!\s*(?:to|-|–|am|pm|a\.m|p\.m|:|and|or))))",
        re.I,
    ),
    re.compile(rf"\b({_MONTH_RE})\.?\s+(?:the\s+)?{_DAY}(?:,?\s+(\d{{4}}))?\b", re.I),
    re.compile(rf"\bthe\s+{_DAY}\b", re.I),
    re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b"),
    # Spanish: "el 5 de abril", "2 de abril de 2026"
    re.compile(r"\b(\d{1,2})\s+de\s+(" + "|".join(SPANISH_MONTHS) + r")(?:\s+de\s+(\d{4}))?\b", re.I),
]


_NOUN_AFTER = re.compile(r"\s+(?!and\b|or\b|to\b|through\b)[a-z]{3,}")


def _day(digits: str | None, word: str | None) -> int | None:
    day = int(digits) if digits else ORDINALS.get((word or "").lower())
    return day if day is not None and 1 <= day <= 31 else None


def dates(text: str) -> list[DateMention]:
    """Days said in ``text``: "2026-03-03", "March 3rd", "the third of March", "3 March 2026", "3/14".

    Slash dates are read month/day (US order). "the third" alone gives a day with no month.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(day: int | None, month: int | None, year: int | None, m: re.Match[str]) -> None:
        if day is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        if month is not None and not 1 <= month <= 12:
            return
        taken.append(m.span())
        found.append(DateMention(day, month, year, m.group(0), m.span()))

    for i, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            g = m.groups()
            if i == 0:
                add(_day(g[2], None), int(g[1]), int(g[0]), m)
            elif i == 1:
                if g[2] == "may":
                    continue  # "March 3 may take a while": the verb, not the month
                if g[1] and " of " not in m.group(0).lower() and _NOUN_AFTER.match(text, m.end()):
                    continue  # "the second March charge": an ordinal adjective, not the 2nd of March
                add(_day(g[0], g[1]), MONTHS[g[2].lower()], int(g[3]) if g[3] else None, m)
            elif i == 2:
                if g[0] == "may":
                    continue
                add(_day(g[1], g[2]), MONTHS[g[0].lower()], int(g[3]) if g[3] else None, m)
            elif i == 3:
                if g[0] is None:  # "the third" but not "the 3" (that is usually a count)
                    add(_day(None, g[1]), None, None, m)
            elif i == 4:
                year = int(g[2]) if g[2] else None
                add(_day(g[1], None), int(g[0]), (2000 + year if year is not None and year < 100 else year), m)
            else:
                add(_day(g[0], None), SPANISH_MONTHS[g[1].lower()], int(g[2]) if g[2] else None, m)
    return sorted(found, key=lambda d: d.span)


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in {"june", "july"}]
_LONE_MONTH = re.compile(
    # "May" only capitalised ("you may see it" is not a month); abbreviations only capitalised ("Feb bill").
    r"\b(?:(?i:" + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True)) + r")\b|May\b|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\.?(?:\s|$))|"
    r"(?i:" + "|".join(sorted(SPANISH_MONTHS, key=len, reverse=True)) + r")\b)"
)


def months(text: str) -> list[MonthMention]:
    """Months named without a day: "the April billing run", "early February", "la factura de junio".

    A month inside a full date ("March 3", "el 5 de abril") is a day, which :func:`dates` reads.
    """
    taken = [d.span for d in dates(text)]
    found: list[MonthMention] = []
    for m in _LONE_MONTH.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        word = m.group(0).rstrip(".").lower()
        month = MONTHS.get(word) or SPANISH_MONTHS.get(word)
        if month is not None:
            found.append(MonthMention(month, m.group(0), m.span()))
    return found


_CODE = re.compile(r"\b[A-Za-z]{1,5}-?\d{3,}[A-Za-z0-9-]*\b")
_DIGIT_RUN = re.compile(r"(?<![\w.$])\d(?:[\s-]?\d){3,}(?!\w|\.\d)")


def identifiers(text: str) -> list[Identifier]:
    """Ids in ``text``: "ACC-482177", "INS660412", "482177", "4 8 2 1 7 7" (spaces/hyphens removed, upper-cased)."""
    found: list[Identifier] = []
    for m in _CODE.finditer(text):
        found.append(Identifier(m.group(0).upper(), m.group(0), m.span()))
    for m in _DIGIT_RUN.finditer(text):
        if any(s <= m.start() < e for _, _, (s, e) in ((i.value, i.text, i.span) for i in found)):
            continue
        found.append(Identifier(re.sub(r"[\s-]", "", m.group(0)), m.group(0), m.span()))
    spoken = [m for m in _WORD_RUN.finditer(text) if len(re.split(r"[\s-]+", m.group(0))) >= 4]
    for m in spoken:
        value = parse_number_words(m.group(0))
        if value is not None and len(str(value)) >= 4:
            found.append(Identifier(str(value), m.group(0), m.span()))
    return sorted(found, key=lambda i: i.span)


def numbers(text: str) -> list[float]:
    """Every number said, digits or words, in order ("3 to 5 days" → [3, 5])."""
    spans: list[tuple[int, float]] = []
    for m in _DIGITS.finditer(text):
        whole = int(m.group(1).replace(",", ""))
        spans.append((m.start(), whole + (int(m.group(2).ljust(2, "0")) / 100 if m.group(2) else 0.0)))
    for m in _WORD_RUN.finditer(text):
        value = parse_number_words(m.group(0))
        if value is not None:
            spans.append((m.start(), float(value)))
    return [v for _, v in sorted(spans)]
