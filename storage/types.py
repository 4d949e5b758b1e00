"""Plain values storage hands out: detached from any database session, safe to keep in UI state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Role = Literal["trainee", "trainer", "supervisor", "admin"]
ROLES: tuple[Role, ...] = ("trainee", "trainer", "supervisor", "admin")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    team: str | None = None
    active: bool = True

    @property
    def is_trainee(self) -> bool:
        return self.role == "trainee"


@dataclass(frozen=True)
class AuthoredDoc:
    id: int
    kind: str
    doc_id: str
    revision: int
    yaml_text: str
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class PracticeRecord:
    id: str
    user_id: int
    scenario_id: str
    status: str
    version: int
    snapshot: dict[str, Any]
    started_at: datetime
    updated_at: datetime
    scorecard_id: int | None = None
    turns: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ScoreRecord:
    id: int
    user_id: int | None
    agent_name: str
    source: str
    transcript_id: str
    scenario_id: str | None
    session_id: str | None
    rubric_id: str
    rubric_version: int
    rubric_revision: int | None
    rubric_yaml: str
    overall: float | None
    passed: bool
    card: dict[str, Any]
    transcript: dict[str, Any]
    created_at: datetime
    overrides: list[OverrideRecord] = field(default_factory=list)


@dataclass(frozen=True)
class OverrideRecord:
    id: int
    scorecard_id: int
    criterion: str
    score: float | None
    comment: str
    by: str
    created_at: datetime


@dataclass(frozen=True)
class AssignmentRecord:
    id: int
    trainee_id: int
    trainee: str
    scenario_id: str
    assigned_by: str
    created_at: datetime
    done: bool
    due_date: date | None = None
