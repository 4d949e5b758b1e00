"""Whether an explanation names the figures it is about.

When the remedy is an explanation ("explain the overage clearly (10 GB allowance, $15 charge for going
over)"), the figures are what the customer called about: "that's an overage charge, anything else?"
explains nothing. So the figures the resolution's explanation lists in its brackets, or else the money
its "explain ..." clause names, must each be said, as a figure or in words, in any wording.
"""

from __future__ import annotations

import re

from domain.scenario import Resolution, Scenario
from language.numbers import amounts, numbers, parse_number_words

_EXPLAIN = re.compile(r"\bexplain\b(?P<what>[^;.]*)", re.I)
_BRACKETS = re.compile(r"\(([^)]*)\)")
_QUANTITY = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)\s*(?:gb|gig|mbps)\b", re.I)
_CLAUSE_END = re.compile(
    r",\s*(?:and\s+)?(?=\w+\s)(?!the\b|a\b|an\b)|\s+and\s+(?=[a-z]+\s+(?:her|him|them|the|a)\b)", re.I
)


def _figures(words: str) -> set[float]:
    found = {a.value for a in amounts(words) if a.explicit}
    found |= {float(q) for q in _QUANTITY.findall(words)}
    return found


def explained_figures(res: Resolution) -> set[float]:
    """The figures ``res``'s explanation is about (empty when it explains none or is no explanation)."""
    m = _EXPLAIN.search(res.description)
    if m is None:
        return set()
    what = m.group("what")
    bracketed = _BRACKETS.search(what)
    if bracketed is not None:
        return _figures(bracketed.group(1))
    # Without a bracketed list, only the money it explains: "the line delivers 512 Mbps" may be said as "full speed".
    return {a.value for a in amounts(_CLAUSE_END.split(what, maxsplit=1)[0]) if a.explicit}


def explained_quantities(res: Resolution) -> set[float]:
    """The figures of ``res``'s explanation that are quantities (10 GB, 512 Mbps), not money."""
    m = _EXPLAIN.search(res.description)
    return {float(q) for q in _QUANTITY.findall(m.group("what"))} if m else set()


def _said(text: str) -> set[float]:
    found = {a.value for a in amounts(text)}
    found |= set(numbers(text))
    found |= {float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d{1,2})?(?!\d)", text)}  # "10GB" too
    for word in re.finditer(r"\b[a-z]+(?:-[a-z]+)*\b", text.lower()):
        # "fifty-nine" whole, and "ten" out of "ten-dollar"
        for piece in (word.group(0), *word.group(0).split("-")):
            value = parse_number_words(piece.replace("-", " "))
            if value is not None:
                found.add(float(value))
    return found


def unexplained(res: Resolution, text: str) -> float | None:
    """A figure ``res``'s explanation is about that ``text`` never says, if any."""
    needed = explained_figures(res)
    if not needed:
        return None
    said = _said(text[:3000])
    for figure in sorted(needed):
        if not any(abs(figure - s) < 0.011 for s in said):
            return figure
    return None


_PLAIN_WORDS = re.compile(r"\bplain (?:words|language|english)\b|\bsimply\b|\bin simple terms\b", re.I)
_JARGON = re.compile(
    r"\b(?:rack rate|rolled off|roll(?:s|ed)? off|reverted|migrat\w*|provision\w*|SKU|MRC|ARPU|ETF|"
    r"pro-?rat\w*|tier|promo(?:tional)? (?:rate|period|pricing)|term|no term)\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")


def jargon(res: Resolution, text: str, *, scenario: Scenario) -> list[str]:
    """Industry words said where the resolution asks for plain words ("your promo MRC rolled off"), as said.

    Two or more count: one stray "tier" is no wall of jargon. Acronyms the scenario itself uses (its
    description, its account facts: plan names, "ID", "PIN") are the customer's own words, not jargon.
    """
    if not _PLAIN_WORDS.search(res.description):
        return []
    known = " ".join((scenario.description, *(f"{f.label} {f.value}" for f in scenario.account)))
    head = text[:3000]
    found = [m.group(0) for m in _JARGON.finditer(head)]
    found += [m.group(0) for m in _ACRONYM.finditer(head) if m.group(0).rstrip("s") not in known and m.group(0) != "I"]
    unique: dict[str, str] = {}
    for word in found:
        unique.setdefault(word.lower(), word)
    return list(unique.values()) if len(unique) >= 2 else []
