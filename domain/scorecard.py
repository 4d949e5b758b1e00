"""ScoreCard: the output contract of scoring (DESIGN.md), stored, shown and exported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.csv_safety import safe_cell


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

    def criterion_names(self) -> list[str]:
        return list(self.criteria)

    def to_row(self, *, criteria: Sequence[str] | None = None) -> dict[str, Any]:
        """The one flat row of this scorecard (columns: :func:`scorecard_columns`), for every CSV and table.

        Contact facts (file, agent, content hash, dates...) come from ``metadata``, where the contact-scoring
        service puts them, so ``csrsim score --format csv``, ``csrsim batch`` and the app's downloads agree.
        ``criteria`` fixes the criterion columns (a batch uses its rubric's, so every row has the same header).
        """
        meta = self.metadata
        names = list(criteria) if criteria is not None else list(self.criteria)
        error = getattr(self, "error", None) or meta.get("error")
        row: dict[str, Any] = {
            "file": meta.get("source_file"),
            "transcript": self.transcript,
            "agent": meta.get("agent") or None,
            "rubric": self.rubric.id,
            "rubric_version": self.rubric.version,
            "overall": self.overall,
            "passed": self.passed,
            "auto_fail": "; ".join(self.auto_fail),
            "error": str(error) if error else None,
        }
        for name in names:
            result = self.criteria.get(name)
            row[f"{CRITERION_PREFIX}{name}"] = result.score if result is not None else None
        redactions = meta.get("redactions")
        row.update(
            {
                "handle_time_seconds": meta.get("handle_time_seconds"),
                "turns": meta.get("turns"),
                "redactions": sum(redactions.values()) if isinstance(redactions, dict) else redactions,
                "content_hash": meta.get("content_hash"),
                "contact_date": meta.get("contact_date") or None,
                "scored_at": meta.get("scored_at"),
                "coaching": " | ".join(self.coaching),
            }
        )
        return row


CRITERION_PREFIX = "score_"
# The flat scorecard row, in order: HEAD_COLUMNS, one ``score_<criterion>`` per rubric criterion, TAIL_COLUMNS.
HEAD_COLUMNS: tuple[str, ...] = (
    "file",
    "transcript",
    "agent",
    "rubric",
    "rubric_version",
    "overall",
    "passed",
    "auto_fail",
    "error",
)
TAIL_COLUMNS: tuple[str, ...] = (
    "handle_time_seconds",
    "turns",
    "redactions",
    "content_hash",
    "contact_date",
    "scored_at",
    "coaching",
)


def scorecard_columns(criteria: Sequence[str]) -> list[str]:
    """The header of the flat scorecard row for a rubric with these criteria."""
    return [*HEAD_COLUMNS, *(f"{CRITERION_PREFIX}{c}" for c in criteria), *TAIL_COLUMNS]


def csv_cell(value: Any) -> str:
    """How a row value is written in every CSV: '' for none, ``true``/``false``, floats without noise.

    Text that a spreadsheet would run as a formula is neutralised (see :mod:`domain.csv_safety`).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))
    if isinstance(value, str):
        return safe_cell(value)
    return str(value)


def rows_as_csv(rows: Iterable[dict[str, Any]], *, columns: Sequence[str]) -> str:
    """Flat rows as CSV text with ``columns`` as the header (missing values are blank)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buffer.getvalue()
