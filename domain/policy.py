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
]
Severity = Literal["minor", "major", "critical"]


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

    _v_id = field_validator("id")(_check_id)

    @field_validator("phrases", "triggers")
    @classmethod
    def _valid_patterns(cls, patterns: list[str]) -> list[str]:
        """A pattern that does not compile is a load error, never a rule silently skipped and reported as kept."""
        for n, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {n + 1} {pattern!r} is not a valid regular expression: {exc}") from None
        return patterns

    @model_validator(mode="after")
    def _kind_needs(self) -> PolicyRule:
        if self.kind in ("required_phrase", "forbidden_phrase", "closing") and not self.phrases:
            raise ValueError(f"a {self.kind} rule needs 'phrases'")
        if self.kind == "authority_limit" and self.limit is None:
            raise ValueError("an authority_limit rule needs 'limit'")
        return self


class Policy(StrictModel):
    version: int = Field(ge=1)
    kind: Literal["policy"] = "policy"
    id: str
    title: str
    description: str = ""
    rules: list[PolicyRule] = Field(min_length=1)

    _v_id = field_validator("id")(_check_id)
