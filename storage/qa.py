"""Tables and repositories of the QA loop: certification plans and certificates, drills from real calls,
disputes with every step, rescoring history and the learning-record-store (LRS) queue.

Kept apart from ``storage.repositories`` so the aggregates of issue 18 can evolve on their own; the
tables point at the existing ``users``, ``scorecards`` and ``assignments`` rows by foreign key.
Every read of a dispute is filtered in the query by the viewer: only the person scored and
supervisors ever see one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from storage.db import Database
from storage.errors import StorageError
from storage.models import Base, Scorecard, User, utcnow
from storage.types import UserInfo

DISPUTE_JUDGES = ("supervisor", "admin")
DISPUTE_ACTIONS = ("accepted", "adjusted", "rejected")


class CertificationPlan(Base):
    """What a trainee must do to be certified on a scenario or a set: pass it ``k`` times in a row."""

    __tablename__ = "qa_certification_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    scenario_ids_json: Mapped[str] = mapped_column(Text, nullable=False)
    k: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    pass_mark: Mapped[float] = mapped_column(Float, nullable=False, default=80.0)
    max_attempts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    valid_days: Mapped[int] = mapped_column(Integer, nullable=False, default=365)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class Certificate(Base):
    __tablename__ = "qa_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("qa_certification_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    scorecard_ids_json: Mapped[str] = mapped_column(Text, nullable=False)
    issued_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class Drill(Base):
    """A scenario assigned because a real contact failed a criterion; closes when the trainee passes it."""

    __tablename__ = "qa_drills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    scenario_id: Mapped[str] = mapped_column(String(120), nullable=False)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False)
    criterion: Mapped[str] = mapped_column(String(120), nullable=False)
    evidence_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    close_on: Mapped[str] = mapped_column(String(20), nullable=False, default="pass")
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("qa_certification_plans.id", ondelete="SET NULL"), nullable=True
    )
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignments.id", ondelete="SET NULL"), nullable=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    rule: Mapped[str | None] = mapped_column(String(200), nullable=True)
    closed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    closed_by_scorecard_id: Mapped[int | None] = mapped_column(
        ForeignKey("scorecards.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Dispute(Base):
    """One disputed criterion of one scorecard, with the rubric version it was scored under pinned."""

    __tablename__ = "qa_disputes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False, index=True
    )
    criterion: Mapped[str] = mapped_column(String(120), nullable=False)
    rubric_id: Mapped[str] = mapped_column(String(120), nullable=False)
    rubric_version: Mapped[int] = mapped_column(Integer, nullable=False)
    auto_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    resolved_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class DisputeEvent(Base):
    """Every step of a dispute (opened, accepted, adjusted, rejected): who, when, what they said."""

    __tablename__ = "qa_dispute_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dispute_id: Mapped[int] = mapped_column(
        ForeignKey("qa_disputes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class ScoreHistory(Base):
    """A stored contact rescored with another rubric version; the original scorecard row is never changed."""

    __tablename__ = "qa_score_history"
    __table_args__ = (UniqueConstraint("scorecard_id", "rubric_id", "rubric_version", name="uq_score_history"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False, index=True
    )
    rubric_id: Mapped[str] = mapped_column(String(120), nullable=False)
    rubric_version: Mapped[int] = mapped_column(Integer, nullable=False)
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    card_json: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class LrsStatement(Base):
    """An xAPI statement waiting for (or delivered to) the LRS. The id is the statement id: a uuid5, stable."""

    __tablename__ = "qa_lrs_statements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    statement_json: Mapped[str] = mapped_column(Text, nullable=False)
    sent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


@dataclass(frozen=True)
class DisputeStep:
    action: str
    comment: str
    score: float | None
    by: str
    at: datetime


@dataclass(frozen=True)
class DisputeRecord:
    id: int
    scorecard_id: int
    criterion: str
    rubric_id: str
    rubric_version: int
    auto_score: float | None
    status: str
    resolved_score: float | None
    opened_by: str
    created_at: datetime
    steps: list[DisputeStep] = field(default_factory=list)


class DisputeRepo:
    """Disputes per criterion. The person scored opens one; a supervisor settles it; nothing is ever deleted."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def open(self, viewer: UserInfo, scorecard_id: int, *, criterion: str, comment: str, now: datetime) -> int:
        if not comment.strip():
            raise StorageError("a dispute needs a comment saying why")
        with self.db.transaction() as s:
            card = s.get(Scorecard, scorecard_id)
            if card is None or card.user_id != viewer.id:
                raise StorageError(f"no scorecard {scorecard_id} of yours to dispute")
            criteria = json.loads(card.card_json).get("criteria", {})
            if criterion not in criteria:
                raise StorageError(f"criterion {criterion!r} is not on this scorecard")
            taken = s.scalar(
                select(Dispute.id).where(
                    Dispute.scorecard_id == scorecard_id, Dispute.criterion == criterion, Dispute.status == "open"
                )
            )
            if taken is not None:
                raise StorageError(f"criterion {criterion!r} is already disputed (dispute {taken})")
            row = Dispute(
                scorecard_id=scorecard_id,
                criterion=criterion,
                rubric_id=card.rubric_id,
                rubric_version=card.rubric_version,
                auto_score=criteria[criterion].get("score"),
                opened_by_id=viewer.id,
                created_at=now,
            )
            s.add(row)
            s.flush()
            s.add(
                DisputeEvent(
                    dispute_id=row.id, action="opened", comment=comment.strip(), by_id=viewer.id, created_at=now
                )
            )
            return row.id

    def resolve(
        self, viewer: UserInfo, dispute_id: int, *, action: str, comment: str, score: float | None, now: datetime
    ) -> None:
        if viewer.role not in DISPUTE_JUDGES:
            raise StorageError(f"a {viewer.role} may not settle a dispute (needs supervisor or admin)")
        if action not in DISPUTE_ACTIONS:
            raise StorageError(f"unknown action {action!r}; expected one of {', '.join(DISPUTE_ACTIONS)}")
        if not comment.strip():
            raise StorageError("settling a dispute needs a comment saying why")
        with self.db.transaction() as s:
            row = s.get(Dispute, dispute_id)
            if row is None:
                raise StorageError(f"no dispute {dispute_id}")
            if row.status != "open":
                raise StorageError(f"dispute {dispute_id} is already {row.status}")
            card = s.get(Scorecard, row.scorecard_id)
            if card is not None and card.user_id == viewer.id:
                raise StorageError("nobody settles a dispute about their own score")
            if action == "adjusted":
                if score is None or not 0 <= score <= 100:
                    raise StorageError("an adjusted score is between 0 and 100")
                resolved: float | None = score
            elif action == "accepted":
                resolved = 100.0 if score is None else score
            else:
                resolved = row.auto_score
            row.status = action
            row.resolved_score = resolved
            row.resolved_at = now
            s.add(
                DisputeEvent(
                    dispute_id=row.id,
                    action=action,
                    comment=comment.strip(),
                    score=resolved,
                    by_id=viewer.id,
                    created_at=now,
                )
            )

    def _visible(self, viewer: UserInfo) -> Any:
        q = select(Dispute).join(Scorecard, Scorecard.id == Dispute.scorecard_id)
        if viewer.role not in DISPUTE_JUDGES:
            q = q.where(Scorecard.user_id == viewer.id)
        return q

    def list(
        self, viewer: UserInfo, *, status: str | None = None, scorecard_id: int | None = None
    ) -> list[DisputeRecord]:
        """Disputes the viewer may see: their own as the person scored, or all for a supervisor/admin."""
        with self.db.transaction() as s:
            q = self._visible(viewer).order_by(Dispute.created_at, Dispute.id)
            if status is not None:
                q = q.where(Dispute.status == status)
            if scorecard_id is not None:
                q = q.where(Dispute.scorecard_id == scorecard_id)
            rows = list(s.scalars(q))
            return [self._record(s, r) for r in rows]

    def get(self, viewer: UserInfo, dispute_id: int) -> DisputeRecord:
        with self.db.transaction() as s:
            row = s.scalar(self._visible(viewer).where(Dispute.id == dispute_id))
            if row is None:
                raise StorageError(f"no dispute {dispute_id} visible to {viewer.username}")
            return self._record(s, row)

    @staticmethod
    def _record(s: Any, row: Dispute) -> DisputeRecord:
        names = dict(s.execute(select(User.id, User.username)).all())
        events = s.scalars(select(DisputeEvent).where(DisputeEvent.dispute_id == row.id).order_by(DisputeEvent.id))
        return DisputeRecord(
            id=row.id,
            scorecard_id=row.scorecard_id,
            criterion=row.criterion,
            rubric_id=row.rubric_id,
            rubric_version=row.rubric_version,
            auto_score=row.auto_score,
            status=row.status,
            resolved_score=row.resolved_score,
            opened_by=names.get(row.opened_by_id, ""),
            created_at=row.created_at,
            steps=[
                DisputeStep(
                    action=e.action, comment=e.comment, score=e.score, by=names.get(e.by_id, ""), at=e.created_at
                )
                for e in events
            ],
        )
