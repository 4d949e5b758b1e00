"""Policy packs: the rules of the floor, shared by many scenarios and by the rubric for real calls."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from domain.base import StrictModel
from domain.scenario import _check_id

RuleKind = Literal[
    "verify_before_disclose",  # identity verified before any account detail
    "required_phrase",  # must be said (disclosures), optionally within the first N agent turns
    "forbidden_phrase",  # must never be said (promises outside authority, blame)
    "authority_limit",  # credits/refunds above ``limit`` need escalation
    "escalation",  # offer a supervisor/tier-2 when the trigger phrases appear
    "closing",  # close properly: summary, next steps, anything else
    "abuse_handling",  # warn before ending an abusive call
    "ordered_steps",  # steps in order: "state the details, get an explicit yes, then act"
    "not_unless_asked",  # agent may offer it (compensation) only after the customer asked
    "transfer_iff",  # transfer if and only if the contact is out of scope (triggers = out of scope)
]
Severity = Literal["minor", "major", "critical"]


def _check_patterns(patterns: list[str]) -> list[str]:
    """A pattern that does not compile is a load error, never a rule silently skipped and reported as kept."""
    for n, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {n + 1} {pattern!r} is not a valid regular expression: {exc}") from None
    return patterns


class FactCondition(StrictModel):
    """A condition on a per-call fact (``metadata.facts`` or a metadata key), e.g. tier, bag count, days."""

    fact: str = Field(min_length=1)
    equals: str | float | bool | None = None
    one_of: list[str] | None = Field(default=None, description="Case-insensitive: the fact is one of these.")
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None

    @model_validator(mode="after")
    def _has_a_test(self) -> FactCondition:
        if all(v is None for v in (self.equals, self.one_of, self.gt, self.ge, self.lt, self.le)):
            raise ValueError(f"condition on '{self.fact}' needs equals, one_of, gt, ge, lt or le")
        return self


class Step(StrictModel):
    """One step of an ordered procedure: who says it, and the phrases (regex) that show it happened."""

    name: str = Field(min_length=1)
    speaker: Literal["agent", "customer"] = "agent"
    phrases: list[str] = Field(min_length=1)

    _v_phrases = field_validator("phrases")(_check_patterns)


class PolicyRule(StrictModel):
    id: str
    kind: RuleKind
    description: str
    severity: Severity = "major"
    phrases: list[str] = Field(default_factory=list, description="Phrases (case-insensitive regex) the rule looks for.")
    within_agent_turns: int | None = Field(default=None, ge=1, description="Required phrase must come this early.")
    limit: float | None = Field(default=None, ge=0, description="Authority limit in currency units.")
    triggers: list[str] = Field(
        default_factory=list,
        description="Phrases (regex) anywhere in the contact that make the rule apply; empty: always.",
    )
    applies_to_channels: list[Literal["phone", "chat", "email"]] = Field(
        default_factory=lambda: ["phone", "chat", "email"]  # type: ignore[arg-type]
    )
    when: list[FactCondition] = Field(
        default_factory=list, description="All must hold for the rule to apply; a missing fact: not evaluated."
    )
    steps: list[Step] = Field(default_factory=list, description="ordered_steps: the steps, in order.")
    customer_phrases: list[str] = Field(
        default_factory=list, description="not_unless_asked: what the customer says when they ask for it."
    )

    _v_id = field_validator("id")(_check_id)
    _v_patterns = field_validator("phrases", "triggers", "customer_phrases")(_check_patterns)

    @model_validator(mode="after")
    def _kind_needs(self) -> PolicyRule:
        if self.kind in ("required_phrase", "forbidden_phrase", "closing") and not self.phrases:
            raise ValueError(f"a {self.kind} rule needs 'phrases'")
        if self.kind == "authority_limit" and self.limit is None:
            raise ValueError("an authority_limit rule needs 'limit'")
        if self.kind == "ordered_steps" and len(self.steps) < 2:
            raise ValueError("an ordered_steps rule needs at least two 'steps'")
        if self.kind == "not_unless_asked" and not (self.phrases and self.customer_phrases):
            raise ValueError("a not_unless_asked rule needs 'phrases' (the offer) and 'customer_phrases' (the ask)")
        if self.kind == "transfer_iff" and not (self.phrases and self.triggers):
            raise ValueError("a transfer_iff rule needs 'phrases' (the transfer) and 'triggers' (out of scope)")
        return self


class Policy(StrictModel):
    version: int = Field(ge=1)
    kind: Literal["policy"] = "policy"
    id: str
    title: str
    description: str = ""
    rules: list[PolicyRule] = Field(min_length=1)

    _v_id = field_validator("id")(_check_id)
