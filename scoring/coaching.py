"""Coaching: the three tips worth the most points for this contact, each tied to the turn it is about."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.criteria.base import Outcome
from scoring.text import quote

MAX_TIPS = 3


@dataclass(frozen=True)
class CoachingTip:
    criterion: str
    text: str
    turn: int | None
    quote: str | None
    value: float

    def render(self) -> str:
        if self.turn is None:
            return self.text
        said = f': "{self.quote}"' if self.quote else ""
        return f"{self.text} (turn {self.turn}{said})"


def pick(outcomes: Mapping[str, Outcome], weights: Mapping[str, float], texts: tuple[str, ...]) -> list[CoachingTip]:
    """Rank every criterion's tips by points at stake (scaled by the criterion's weight) and keep the best three."""
    ranked: list[CoachingTip] = []
    for name, outcome in outcomes.items():
        w = weights.get(name, 0.1)
        for tip in outcome.tips:
            q = quote(texts[tip.turn], limit=80) if tip.turn is not None and 0 <= tip.turn < len(texts) else None
            ranked.append(CoachingTip(name, tip.text, tip.turn, q, tip.value * (0.5 + w)))
    ranked.sort(key=lambda t: (-t.value, t.turn if t.turn is not None else 1 << 30))
    out: list[CoachingTip] = []
    seen: set[str] = set()
    for candidate in ranked:
        key = candidate.text.split("(")[0].strip().lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(candidate)
        if len(out) == MAX_TIPS:
            break
    return out
