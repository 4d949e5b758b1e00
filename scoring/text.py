"""Extracting what an agent states (amounts, dates, numbers, timeframes) from spoken or written text.

Real calls come through speech recognition ("fifty nine ninety nine", "march third") as often
as typed ("$59.99", "3/3"), so each extractor accepts both; values are normalised so the
accuracy and policy scorers compare like with like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The English number words are the language layer's: one table for the scorer, the simulator and redaction.
from language.numbers import MONTHS, ORDINALS, TENS, UNITS, parse_number_words

_NUMWORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*"
    rf"(?:\s+hundred(?:\s+(?:and\s+)?(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))?)?)?)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"

# "$59.99", "59.99 dollars", "£35", "35 bucks", "fifty nine ninety nine", "sixty dollars", "seventy dollars".
MONEY = re.compile(
    rf"(?P<sym>[$£€])\s?(?P<num>{_DIGITS})(?!\d)"
    rf"|\b(?P<num2>{_DIGITS})\s?(?P<unit>dollars?|bucks|pounds?|euros?|usd|gbp|eur)\b"
    rf"|\b(?P<words>{_WORD_NUMBER})\s+(?P<unit2>dollars?|bucks|pounds?|euros?)"
    rf"(?:\s+(?:and\s+)?(?P<cents>{_WORD_NUMBER}|\d{{1,2}})(?:\s+cents?)?)?\b"
    rf"|\b(?P<spoken>(?:{_WORD_NUMBER}))\s+"
    rf"(?P<spoken_cents>(?:{'|'.join(TENS)})[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))\b"
    rf"(?=\s+(?:charge|refund|credit|fee|a month|per month|dollars?))",
    re.IGNORECASE,
)
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dw>(?:twenty|thirty)[\s-](?:{_ORD})|{_ORD})"
DATE = re.compile(
    rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?P<m1>{_MONTH})\.?\s+(?:the\s+)?(?:{_DAY.replace('?P<d>', '?P<d1>').replace('?P<dw>', '?P<dw1>')})\b"
    rf"|\b(?:the\s+)?(?:{_DAY.replace('?P<d>', '?P<d2>').replace('?P<dw>', '?P<dw2>')})\s+(?:of\s+)?(?P<m2>{_MONTH})\b"
    rf"|\b(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})(?:/\d{{2,4}})?\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DIGIT_RUN = re.compile(r"(?<![\d.,$])\d(?:[\s-]?\d){3,}(?![\d.])")
TIMEFRAME = re.compile(
    rf"\b(?P<a>\d+|{_NUMWORD})(?:\s*(?:to|-|or)\s*(?P<b>\d+|{_NUMWORD}))?\s+(?:(?:business|working|calendar)\s+)?(?P<unit>days?|weeks?|hours?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A value stated in a turn: normalised for comparison, quoted as said for evidence."""

    value: object
    quote: str


def words_to_number(text: str) -> float | None:
    """'fifty nine' -> 59, 'one hundred and twenty' -> 120, 'seven' -> 7; None when not a number.

    The one number-word reading of the product, ``language.numbers.parse_number_words`` (so "four
    eight two" is read digit by digit, as the simulator reads it).
    """
    value = parse_number_words(text)
    return float(value) if value is not None else None


def _num(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return words_to_number(text)


def money_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in MONEY.finditer(text):
        value: float | None
        if m["num"] is not None:
            value = _num(m["num"])
        elif m["num2"] is not None:
            value = _num(m["num2"])
        elif m["words"] is not None:
            value = words_to_number(m["words"])
            if value is not None and m["cents"]:
                cents = _num(m["cents"])
                if cents is not None and cents < 100:
                    value += cents / 100
        else:
            dollars, cents = words_to_number(m["spoken"]), words_to_number(m["spoken_cents"])
            value = dollars + cents / 100 if dollars is not None and cents is not None else None
        if value is not None:
            out.append(Mention(round(value, 2), m.group(0).strip()))
    return out


def _day(digits: str | None, words: str | None) -> int | None:
    if digits:
        return int(digits)
    if words:
        parts = re.split(r"[\s-]+", words.lower())
        if len(parts) == 2:
            return TENS.get(parts[0], 0) + ORDINALS.get(parts[1], 0)
        return ORDINALS.get(parts[0])
    return None


def date_mentions(text: str) -> list[Mention]:
    """(month, day) pairs; years are ignored because agents rarely say them and ASR often drops them."""
    out: list[Mention] = []
    for m in DATE.finditer(text):
        month: int | None
        day: int | None
        if m["iso"]:
            _, mo, d = m["iso"].split("-")
            month, day = int(mo), int(d)
        elif m["m1"]:
            month, day = MONTHS[m["m1"].lower()], _day(m["d1"], m["dw1"])
        elif m["m2"]:
            month, day = MONTHS[m["m2"].lower()], _day(m["d2"], m["dw2"])
        else:
            month, day = int(m["sm"]), int(m["sd"])
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            out.append(Mention((month, day), m.group(0).strip()))
    return out


def digit_runs(text: str) -> list[Mention]:
    """Account, order and card numbers: runs of four or more digits, spoken digit by digit or not."""
    text = _ISO_DATE.sub(" ", text)
    return [Mention(re.sub(r"\D", "", m.group(0)), m.group(0)) for m in DIGIT_RUN.finditer(text)]


def timeframe_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in TIMEFRAME.finditer(text):
        a = _num(m["a"])
        b = _num(m["b"]) if m["b"] else a
        if a is None or b is None:
            continue
        unit = m["unit"].lower().rstrip("s")
        out.append(Mention((a, b, unit), m.group(0)))
    return out


def parse_value(value: object) -> tuple[list[float], list[tuple[int, int]], list[str]]:
    """A ground-truth value as amounts, dates and digit strings, whatever form the author wrote it in."""
    if isinstance(value, bool):
        return [], [], []
    if isinstance(value, int | float):
        return [round(float(value), 2)], [], []
    text = str(value)
    amounts = [float(m.value) for m in money_mentions(text)]  # type: ignore[arg-type]
    if not amounts and re.fullmatch(r"\s*\d+(?:\.\d{1,2})?\s*", text) and "." in text:
        amounts = [float(text)]
    dates = [m.value for m in date_mentions(text)]  # type: ignore[misc]
    digits = [m.value for m in digit_runs(text)]  # type: ignore[misc]
    return amounts, dates, digits  # type: ignore[return-value]


def snippet(text: str, start: int, end: int, *, width: int = 60) -> str:
    """A short quote around a match, so evidence stays readable for long turns."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    out = text[lo:hi].strip()
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


def quote(text: str, *, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
