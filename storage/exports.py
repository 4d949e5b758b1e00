"""The user export (a data request) as pydantic models: the JSON a person gets is validated and documented here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

EXPORT_FORMAT = "csr-coach-user-export"
EXPORT_VERSION = 1


class ExportTurn(BaseModel):
    index: int
    speaker: str
    text: str
    start: float | None
    end: float | None
    audio_path: str | None


class ExportSession(BaseModel):
    id: str
    scenario: str
    status: str
    version: int
    started_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    snapshot: dict[str, Any]
    turns: list[ExportTurn]


class ExportRubric(BaseModel):
    id: str
    version: int
    revision: int | None


class ExportOverride(BaseModel):
    id: int
    criterion: str
    score: float | None
    comment: str
    by: str
    created_at: datetime


class ExportScorecard(BaseModel):
    id: int
    source: str
    agent_name: str
    transcript_id: str
    scenario: str | None
    session_id: str | None
    rubric: ExportRubric
    overall: float | None
    passed: bool
    created_at: datetime
    card: dict[str, Any]
    transcript: dict[str, Any]
    overrides: list[ExportOverride]


class ExportAssignment(BaseModel):
    id: int
    scenario: str
    done: bool
    created_at: datetime


class ExportOverrideGiven(BaseModel):
    id: int
    scorecard_id: int
    criterion: str
    score: float | None
    comment: str


class ExportAccount(BaseModel):
    username: str
    display_name: str
    role: str
    team: str | None
    active: bool
    created_at: datetime
    failed_logins: int
    locked_until: datetime | None


class UserExport(BaseModel):
    """Everything stored about one person (no password hash), as ``csrsim export-user`` writes it."""

    format: str = EXPORT_FORMAT
    format_version: int = EXPORT_VERSION
    account: ExportAccount
    practice_sessions: list[ExportSession]
    scorecards: list[ExportScorecard]
    assignments: list[ExportAssignment]
    overrides_given: list[ExportOverrideGiven]

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
