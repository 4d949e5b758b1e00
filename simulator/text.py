"""Text helpers shared by the engines: keyword matching, placeholder filling, value spotting.

Keyword matching follows the Trigger contract of ``domain.scenario``: case-insensitive,
on word boundaries, so ``refund`` does not fire on ``refunded``... unless a trainer writes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from domain.scenario import Fact, Scenario

MAX_MATCH_CHARS = 5000
"""Longer pastes are cut before matching: nobody says 20,000 characters in one turn."""
MAX_CLASSIFY_CHARS = 1000

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WS = re.compile(r"\s+")


def normalise(text: str, *, limit: int = MAX_MATCH_CHARS) -> str:
    """Lowercased, quote-normalised, single-spaced text, at most ``limit`` characters."""
    text = unicodedata.normalize("NFKC", text[: limit * 2]).translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()[:limit]


def for_classifier(text: str) -> str:
    """The head and tail of a long paste: where greetings, questions and offers usually sit."""
    text = _WS.sub(" ", text).strip()
    if len(text) <= MAX_CLASSIFY_CHARS:
        return text
    half = MAX_CLASSIFY_CHARS // 2
    return f"{text[:half]} {text[-half:]}"


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    kw = normalise(keyword)
    body = r"\s+".join(re.escape(part) for part in kw.split(" "))
    return re.compile(rf"(?<!\w){body}(?!\w)")


def contains_keyword(norm_text: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs in already-normalised text on word boundaries."""
    if not keyword.strip():
        return False
    return _keyword_pattern(keyword).search(norm_text) is not None


def matched_keywords(norm_text: str, keywords: Iterable[str]) -> list[str]:
    return [kw for kw in keywords if contains_keyword(norm_text, kw)]


def value_forms(fact: Fact) -> list[str]:
    """The ways a fact's value may be said: the value, its aliases, amounts with and without cents/$."""
    forms: set[str] = set()
    value = fact.value
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        number = float(value)
        text = f"{number:.2f}" if number != int(number) else str(int(number))
        forms.update({text, f"{number:.2f}"})
        forms.update({f"${text}", f"${number:.2f}"})
    else:
        forms.add(str(value))
    forms.update(fact.aliases)
    # Bare numbers shorter than three characters ("3", "20") are too common to mean the fact.
    return sorted(f for f in forms if len(f.strip()) >= 3 or not f.strip().replace(".", "").isdigit())


def mentioned_facts(norm_text: str, facts: Iterable[Fact]) -> list[str]:
    """Ids of account facts whose value (or an alias) occurs in the text."""
    found = []
    for fact in facts:
        if any(contains_keyword(norm_text, form) for form in value_forms(fact) if len(form.strip()) >= 2):
            found.append(fact.id)
    return found


def display_value(fact: Fact) -> str:
    value = fact.value
    if fact.kind == "amount" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"${float(value):.2f}"
    return str(value)


def fill(line: str, scenario: Scenario) -> str:
    """Replace ``{fact_id}`` with the fact's value (``{customer_name}`` with the persona's name)."""
    facts = scenario.facts_by_id

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "customer_name":
            return scenario.persona.name
        fact = facts.get(name)
        return display_value(fact) if fact is not None else match.group(0)

    return _PLACEHOLDER.sub(sub, line)


def placeholders(line: str) -> list[str]:
    return _PLACEHOLDER.findall(line)


_LATIN_WORD = re.compile(r"[a-z]{2,}")
_COMMON_EN = frozenset(
    [
        "a",
        "i",
        "the",
        "you",
        "your",
        "to",
        "and",
        "of",
        "is",
        "it",
        "that",
        "for",
        "on",
        "in",
        "can",
        "we",
        "my",
        "me",
        "be",
        "have",
        "this",
        "what",
        "with",
        "do",
        "are",
        "not",
        "so",
        "was",
        "how",
        "will",
        "just",
        "let",
        "about",
        "please",
        "sorry",
        "thank",
        "thanks",
        "yes",
        "no",
        "ok",
        "okay",
        "hi",
        "hello",
        "help",
        "account",
        "number",
        "there",
        "they",
        "if",
        "at",
        "as",
        "or",
        "get",
        "see",
        "ll",
        "here",
        "all",
        "one",
        "now",
        "check",
        "charge",
        "bill",
        "call",
        "any",
        "would",
        "could",
        "sure",
    ]
)


def looks_like_english(text: str) -> bool:
    """A cheap guard: enough Latin letters and at least one very common English word."""
    norm = normalise(text, limit=500)
    words = _LATIN_WORD.findall(norm)
    letters = sum(ch.isalpha() for ch in norm)
    if not words or letters == 0:
        return False
    latin = sum(len(w) for w in words)
    if latin / letters < 0.6:
        return False
    return any(w in _COMMON_EN for w in words) or len(words) <= 2
