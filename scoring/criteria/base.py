"""The result every criterion module returns, before the engine weights it into a ScoreCard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring.text import quote


@dataclass(frozen=True)
class Tip:
    """A coaching candidate: ``value`` is the score points it would win back, so the best three can be picked."""

    value: float
    text: str
    turn: int | None = None


@dataclass
class Outcome:
    """A criterion's judgement: ``score`` None means not applicable (and ``reasons`` says why)."""

    score: float | None
    evidence: list[tuple[int, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    tips: list[Tip] = field(default_factory=list)

    @classmethod
    def not_applicable(cls, reason: str) -> Outcome:
        return cls(score=None, reasons=[reason])

    def cite(self, turn: int, text: str) -> None:
        item = (turn, quote(text))
        if item not in self.evidence:
            self.evidence.append(item)


def clamp(value: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return max(lo, min(hi, value))
