"""Rubric: the versioned scorecard definition that scores practice and real calls alike."""

from __future__ import annotations

import math
from typing import Any, Literal, get_args

from pydantic import Field, field_validator, model_validator

from domain.base import StrictModel
from domain.scenario import _check_id

# The one list of criteria. ``scoring.registry`` declares a scorer and default weight for each and
# refuses to import when the two disagree, so a criterion cannot be added in one place only.
Criterion = Literal[
    "empathy", "policy_compliance", "accuracy", "time_on_contact", "opening", "closing", "clarity", "resolution"
]
CRITERIA: tuple[str, ...] = get_args(Criterion)


class CriterionSpec(StrictModel):
    weight: float = Field(ge=0, le=1)
    description: str = ""
    settings: dict[str, Any] = Field(default_factory=dict, description="Criterion-specific knobs.")


class AutoFailRule(StrictModel):
    """A critical error: the contact fails whatever its overall score."""

    id: str
    description: str
    policy_severity: Literal["critical"] | None = Field(
        default=None, description="Any violated policy rule of this severity triggers it."
    )
    policy_rule: str | None = Field(default=None, description="This specific policy rule id triggers it.")
    criterion: Criterion | None = None
    below: float | None = Field(default=None, ge=0, le=100, description="With criterion: its score under this fails.")

    _v_id = field_validator("id")(_check_id)

    @model_validator(mode="after")
    def _has_a_condition(self) -> AutoFailRule:
        if self.policy_severity is None and self.policy_rule is None and self.criterion is None:
            raise ValueError("an auto-fail rule needs policy_severity, policy_rule or criterion")
        if (self.criterion is None) != (self.below is None):
            raise ValueError("'criterion' and 'below' go together")
        return self


class Rubric(StrictModel):
    version: int = Field(ge=1)
    kind: Literal["rubric"] = "rubric"
    id: str
    title: str
    description: str = ""
    pass_mark: float = Field(default=80.0, ge=0, le=100)
    time_target_seconds: int = Field(default=360, gt=0, description="Handle-time target when no scenario gives one.")
    criteria: dict[Criterion, CriterionSpec] = Field(min_length=1)
    auto_fail: list[AutoFailRule] = Field(default_factory=list)
    policies: list[str] = Field(default_factory=list, description="Policy packs applied to real calls (no scenario).")
    clarity_share_of_empathy: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="When the rubric has no clarity criterion, clarity counts for this share of empathy (0: off).",
    )
    min_judged_weight: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="A PASS needs criteria carrying at least this share of the weight to have been judged.",
    )

    _v_id = field_validator("id")(_check_id)

    @field_validator("criteria")
    @classmethod
    def _weights_sum_to_one(cls, criteria: dict[str, CriterionSpec]) -> dict[str, CriterionSpec]:
        total = sum(c.weight for c in criteria.values())
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise ValueError(f"weights add up to {total:g}, not 1")
        return criteria
