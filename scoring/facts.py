"""Ground truth as matchers: how to recognise that a turn states a fact (by value, alias, amount, date or digits).

Built once per scenario (or per metadata facts dict) and cached by content, since scenarios are
shared, frozen objects: the same matchers serve every transcript scored against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache

from domain.scenario import Scenario
from scoring.text import date_mentions, digit_runs, money_mentions, parse_value

FactKey = tuple[str, str, str, str, tuple[str, ...], bool, bool]


@dataclass(frozen=True)
class FactMatcher:
    id: str
    label: str
    kind: str
    value: str
    sensitive: bool
    verifier: bool
    phrases: re.Pattern[str] | None
    amounts: tuple[float, ...]
    dates: tuple[tuple[int, int], ...]
    digits: tuple[str, ...]

    def find(self, text: str) -> str | None:
        """The words in ``text`` that state this fact, or None."""
        if self.phrases is not None:
            m = self.phrases.search(text)
            if m:
                return m.group(0)
        if self.amounts:
            for mention in money_mentions(text):
                if any(abs(float(mention.value) - a) < 0.005 for a in self.amounts):  # type: ignore[arg-type]
                    return mention.quote
        if self.dates:
            for mention in date_mentions(text):
                if mention.value in self.dates:
                    return mention.quote
        if self.digits:
            for mention in digit_runs(text):
                if mention.value in self.digits:
                    return mention.quote
        return None


def _phrase_pattern(values: tuple[str, ...]) -> re.Pattern[str] | None:
    usable = [v.strip() for v in values if len(v.strip()) >= 3]
    if not usable:
        return None
    alternatives = "|".join(re.escape(v).replace(r"\ ", r"[\s,-]+") for v in sorted(usable, key=len, reverse=True))
    return re.compile(rf"(?<![\w$])(?:{alternatives})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _build(keys: tuple[FactKey, ...]) -> tuple[FactMatcher, ...]:
    out = []
    for ident, label, kind, value, aliases, sensitive, verifier in keys:
        amounts, dates, digits = parse_value(value)
        for alias in aliases:
            a, d, g = parse_value(alias)
            amounts += a
            dates += d
            digits += g
        if kind == "amount":
            with suppress(ValueError):
                amounts.append(round(float(str(value).replace("$", "").replace(",", "")), 2))
        phrase_values = (
            (value, *aliases) if kind not in ("amount",) else tuple(a for a in aliases if not a[:1].isdigit())
        )
        out.append(
            FactMatcher(
                id=ident,
                label=label,
                kind=kind,
                value=value,
                sensitive=sensitive,
                verifier=verifier,
                phrases=_phrase_pattern(tuple(phrase_values)) if kind not in ("date",) else _phrase_pattern(aliases),
                amounts=tuple(sorted(set(amounts))),
                dates=tuple(sorted(set(dates))),
                digits=tuple(sorted({d for d in digits if len(d) >= 4})),
            )
        )
    return tuple(out)


def scenario_facts(scenario: Scenario) -> tuple[FactMatcher, ...]:
    keys = tuple(
        (f.id, f.label, f.kind, str(f.value), tuple(f.aliases), f.sensitive, f.verifier) for f in scenario.account
    )
    return _build(keys)


def metadata_facts(facts: Mapping[str, object]) -> tuple[FactMatcher, ...]:
    """Facts a supervisor attached to a real call (``metadata["facts"]``: label -> value)."""
    keys: list[FactKey] = []
    for label, value in facts.items():
        if isinstance(value, dict | list) or value is None:
            continue
        text = str(value)
        amounts, dates, digits = parse_value(value)
        kind = "amount" if amounts and not dates else "date" if dates else "id" if digits else "text"
        if isinstance(value, int | float) and not isinstance(value, bool):
            kind = "amount"
        ident = re.sub(r"[^a-z0-9_]+", "_", str(label).lower()).strip("_") or "fact"
        keys.append((ident, str(label), kind, text, (), True, False))
    return _build(tuple(keys))
