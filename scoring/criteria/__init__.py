"""One module per rubric criterion; each ``score(contact) -> Outcome`` is pure and stateless."""

from __future__ import annotations

from collections.abc import Callable

from scoring.context import Contact
from scoring.criteria import accuracy, clarity, closing, empathy, opening, policy_compliance, time_on_contact
from scoring.criteria.base import Outcome, Tip

Scorer = Callable[[Contact], Outcome]

SCORERS: dict[str, Scorer] = {
    "opening": opening.score,
    "empathy": empathy.score,
    "clarity": clarity.score,
    "accuracy": accuracy.score,
    "policy_compliance": policy_compliance.score,
    "closing": closing.score,
    "time_on_contact": time_on_contact.score,
}

__all__ = ["SCORERS", "Outcome", "Scorer", "Tip"]
