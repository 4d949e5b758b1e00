"""The tables. The Alembic migrations create exactly these; change both together (new columns: a new migration).

Relationships carry the ownership rules: deleting a user deletes their sessions (with turns), their scorecards
(with overrides) and their assignments through the ORM cascades below (and the database's ON DELETE rules),
so no repository deletes children by hand. Class and table names are stable: other tables point at them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(300), nullable=False)
    failed_logins: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)  # added by migration 0002

    sessions: Mapped[list[PracticeSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="PracticeSession.started_at"
    )
    scorecards: Mapped[list[Scorecard]] = relationship(
        foreign_keys="Scorecard.user_id", cascade="all, delete-orphan", order_by="Scorecard.id"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        foreign_keys="Assignment.trainee_id", cascade="all, delete-orphan", order_by="Assignment.id"
    )


class AuthoredDocument(Base):
    """One saved revision of a scenario, policy or rubric; saving never edits a row, it adds one."""

    __tablename__ = "authored_documents"
    __table_args__ = (UniqueConstraint("kind", "doc_id", "revision", name="uq_authored_revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    doc_id: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    yaml_text: Mapped[str] = mapped_column(Text, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class Assignment(Base):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    scenario_id: Mapped[str] = mapped_column(String(120), nullable=False)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class PracticeSession(Base):
    """A practice call. ``version`` is the optimistic-concurrency counter: every save bumps it."""

    __tablename__ = "practice_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    scenario_id: Mapped[str] = mapped_column(String(120), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="active")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    snapshot_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    started_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    user: Mapped[User] = relationship(back_populates="sessions")
    turns: Mapped[list[SessionTurn]] = relationship(cascade="all, delete-orphan", order_by="SessionTurn.turn_index")


class SessionTurn(Base):
    __tablename__ = "session_turns"
    __table_args__ = (UniqueConstraint("session_id", "turn_index", name="uq_session_turn"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    turn_index: Mapped[int] = mapped_column(Integer, nullable=False)
    speaker: Mapped[str] = mapped_column(String(20), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[float | None] = mapped_column(Float, nullable=True)
    end: Mapped[float | None] = mapped_column(Float, nullable=True)
    audio_path: Mapped[str | None] = mapped_column(String(500), nullable=True)


class Scorecard(Base):
    """A scored contact with the exact rubric text it was scored with, so later edits never rewrite history."""

    __tablename__ = "scorecards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True)
    agent_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    transcript_id: Mapped[str] = mapped_column(String(200), nullable=False)
    scenario_id: Mapped[str | None] = mapped_column(String(120), nullable=True)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    rubric_id: Mapped[str] = mapped_column(String(120), nullable=False)
    rubric_version: Mapped[int] = mapped_column(Integer, nullable=False)
    rubric_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rubric_yaml: Mapped[str] = mapped_column(Text, nullable=False, default="")
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    card_json: Mapped[str] = mapped_column(Text, nullable=False)
    transcript_json: Mapped[str] = mapped_column(Text, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    # SHA-256 of the uploaded file a contact came from (None for practice): re-importing a file finds it (0003)
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)

    overrides: Mapped[list[Override]] = relationship(
        cascade="all, delete-orphan", order_by="(Override.created_at, Override.id)"
    )


class Override(Base):
    """A reviewer's score for one criterion, kept beside the automatic one (which is never changed)."""

    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False, index=True
    )
    criterion: Mapped[str] = mapped_column(String(120), nullable=False)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    comment: Mapped[str] = mapped_column(Text, nullable=False)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    by: Mapped[User | None] = relationship(foreign_keys=[by_id], lazy="joined")


# The QA-loop tables (issue 18) live in their own module; importing it here registers them on ``Base``.
from storage import qa as _qa  # noqa: E402, F401


class LoginThrottle(Base):
    """Failed logins per (user name, client) and per client, with the lock they earned (migration 0005).

    ``key`` is ``pair:<sha256>`` or ``client:<sha256>``: client addresses are hashed, never stored.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    username: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locks: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_failure: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
