"""Scenario-aware text helpers: placeholder filling and spotting account values (generic text lives in language.text).

Keyword matching follows the Trigger contract of ``domain.scenario``: case-insensitive,
on word boundaries, so ``refund`` does not fire on ``refunded``... unless a trainer writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.scenario import Fact, Scenario
from language.text import (
    MAX_CLASSIFY_CHARS,
    MAX_MATCH_CHARS,
    contains_keyword,
    looks_like_english,
    matched_keywords,
    normalise,
)
from language.text import clip as for_classifier

__all__ = [
    "MAX_CLASSIFY_CHARS",
    "MAX_MATCH_CHARS",
    "contains_keyword",
    "display_value",
    "fill",
    "for_classifier",
    "looks_like_english",
    "matched_keywords",
    "mentioned_facts",
    "normalise",
    "placeholders",
    "value_forms",
]

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


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
