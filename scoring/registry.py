"""The criterion registry: one declaration per criterion (name, scorer, default weight, description).

The criterion *names* live in one place, ``domain.rubric.Criterion``; this module pairs each with
its scorer and refuses to import when the two disagree, so a criterion cannot be added to the
rubric model without a scorer, or the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from domain.rubric import CRITERIA
from scoring.context import Contact
from scoring.criteria import (
    accuracy,
    clarity,
    closing,
    empathy,
    opening,
    policy_compliance,
    resolution,
    time_on_contact,
)
from scoring.criteria.base import Outcome

Scorer = Callable[[Contact], Outcome]


@dataclass(frozen=True)
class CriterionDecl:
    """A criterion as the engine knows it; ``default_weight`` is what the default rubric starts from."""

    name: str
    scorer: Scorer
    default_weight: float
    description: str


_DECLARATIONS = (
    CriterionDecl("opening", opening.score, 0.05, "Greeting, name, company, offer to help."),
    CriterionDecl("empathy", empathy.score, 0.15, "Acknowledges feelings sentence by sentence; never cold."),
    CriterionDecl("clarity", clarity.score, 0.0, "Plain words, short sentences (feeds empathy when not listed)."),
    CriterionDecl("accuracy", accuracy.score, 0.15, "Amounts, dates and ids stated match the facts."),
    CriterionDecl("policy_compliance", policy_compliance.score, 0.15, "The policy packs' rules, in order."),
    CriterionDecl("resolution", resolution.score, 0.30, "The customer's need was met and they accepted it."),
    CriterionDecl("closing", closing.score, 0.10, "Summary, next steps, anything else, thanks."),
    CriterionDecl("time_on_contact", time_on_contact.score, 0.10, "Handle time, silences, dead air."),
)

REGISTRY: Mapping[str, CriterionDecl] = MappingProxyType({d.name: d for d in _DECLARATIONS})


def _check() -> None:
    declared, modelled = set(REGISTRY), set(CRITERIA)
    if declared != modelled:
        raise ImportError(
            "criterion registry and domain.rubric.Criterion disagree: "
            f"only declared {sorted(declared - modelled)}, only in the rubric model {sorted(modelled - declared)}"
        )


_check()


def scorer(name: str) -> Scorer:
    """The scorer declared for ``name``; KeyError names the criterion."""
    try:
        return REGISTRY[name].scorer
    except KeyError:
        raise KeyError(f"no criterion named {name!r}") from None
