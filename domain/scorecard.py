"""ScoreCard: the output contract of scoring (DESIGN.md), stored, shown and exported."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Evidence(BaseModel):
    """A quote from the transcript that a score rests on; ``turn`` indexes ``Transcript.turns``."""

    turn: int = Field(ge=0)
    quote: str


class CriterionResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    score: float | None = Field(default=None, ge=0, le=100)
    weight: float = Field(ge=0, le=1)
    applicable: bool = True
    evidence: list[Evidence] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    metrics: dict[str, Any] = Field(default_factory=dict, description="Measured numbers behind the score.")

    @model_validator(mode="after")
    def _na_has_no_score(self) -> CriterionResult:
        if not self.applicable and self.score is not None:
            raise ValueError("a criterion that is not applicable has score null")
        if self.applicable and self.score is None:
            raise ValueError("an applicable criterion needs a score")
        return self

    @classmethod
    def not_applicable(cls, *, weight: float, reason: str) -> CriterionResult:
        return cls(score=None, weight=weight, applicable=False, reasons=[reason])


class RubricRef(BaseModel):
    id: str
    version: int


class CriterionError(BaseModel):
    """A criterion that raised: the card fails closed instead of dropping the criterion."""

    criterion: str
    message: str


class ScoreCard(BaseModel):
    model_config = ConfigDict(extra="allow")

    transcript: str
    rubric: RubricRef
    overall: float | None = Field(ge=0, le=100)
    passed: bool
    auto_fail: list[str] = Field(default_factory=list)
    criteria: dict[str, CriterionResult]
    coaching: list[str] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    error: CriterionError | None = Field(default=None, description="Set when a criterion raised; never passed.")
    not_scorable: str | None = Field(default=None, description="Why the contact could not be scored; never passed.")

    @model_validator(mode="after")
    def _fail_closed(self) -> ScoreCard:
        if self.passed and (self.error is not None or self.not_scorable is not None):
            raise ValueError("a scorecard with an error or not scorable cannot pass")
        return self

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
