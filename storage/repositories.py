"""Repositories: every read and write the app and CLI make, each in one transaction.

Private data is filtered in the query by the viewing user's id (a trainee's
``list``/``get`` can only ever see their own rows), not left to the pages.
"""

from __future__ import annotations

import builtins
import json
import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from storage.db import Database
from storage.errors import AccountLockedError, AuthError, StaleSessionError, StorageError
from storage.models import (
    Assignment,
    AuthoredDocument,
    Override,
    PracticeSession,
    Scorecard,
    SessionTurn,
    User,
    utcnow,
)
from storage.passwords import (
    LOCK_DURATION,
    MAX_FAILURES,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from storage.types import (
    ROLES,
    AssignmentRecord,
    AuthoredDoc,
    OverrideRecord,
    PracticeRecord,
    ScoreRecord,
    UserInfo,
)

_USERNAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.@-]{1,79}")
_TEAM = re.compile(r"[\w][\w .@-]{0,79}")
STAFF = ("trainer", "supervisor", "admin")
REVIEWERS = ("supervisor", "trainer", "admin")
AUTHORS = ("trainer", "admin")
AUTHORED_KINDS = ("scenario", "policy", "rubric")


def require_role(viewer: UserInfo, *roles: str) -> None:
    """The storage-side role check; pages check too, but this one cannot be skipped."""
    if viewer.role not in roles:
        raise StorageError(f"a {viewer.role} may not do this (needs {' or '.join(roles)})")


def _user_info(row: User) -> UserInfo:
    return UserInfo(
        id=row.id,
        username=row.username,
        display_name=row.display_name or row.username,
        role=row.role,  # type: ignore[arg-type]
        team=row.team,
    )


def _team(team: str | None) -> str | None:
    """A team name, trimmed; blank means no team."""
    if team is None or not team.strip():
        return None
    name = team.strip()
    if not _TEAM.fullmatch(name):
        raise StorageError(f"invalid team name {name!r}: 1-80 letters, digits, spaces or . _ @ -")
    return name


EXPORT_FORMAT = "csr-coach-user-export"
EXPORT_VERSION = 1


class UserRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, username: str, password: str, *, role: str, display_name: str = "", team: str | None = None
    ) -> UserInfo:
        team = _team(team)
        if not _USERNAME.fullmatch(username):
            raise StorageError(
                f"invalid user name {username!r}: 2-80 letters, digits or . _ @ -, starting with a letter or digit"
            )
        if role not in ROLES:
            raise StorageError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise StorageError(f"password too short: at least {MIN_PASSWORD_LENGTH} characters")
        try:
            with self.db.transaction() as s:
                row = User(
                    username=username,
                    display_name=display_name or username,
                    role=role,
                    password_hash=hash_password(password),
                    team=team,
                )
                s.add(row)
                s.flush()
                return _user_info(row)
        except IntegrityError as exc:
            raise StorageError(f"user {username!r} already exists") from exc

    def ensure(
        self, username: str, password: str, *, role: str, display_name: str = "", team: str | None = None
    ) -> tuple[UserInfo, bool]:
        """The user, created if missing (never changes an existing password): what ``csrsim init`` needs.

        An existing user without a team gets ``team``, so demo accounts from before teams existed join theirs.
        """
        existing = self.by_username(username)
        if existing is not None:
            if team is not None and existing.team is None:
                return self.set_team(username, team), False
            return existing, False
        return self.create(username, password, role=role, display_name=display_name, team=team), True

    def set_team(self, username: str, team: str | None) -> UserInfo:
        """Put a user in a team (``None`` or blank: in none)."""
        name = _team(team)
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            row.team = name
            s.flush()
            return _user_info(row)

    def teams(self) -> list[str]:
        """Names of teams that have at least one active trainee, for pickers."""
        with self.db.transaction() as s:
            q = (
                select(User.team)
                .where(User.team.is_not(None), User.active.is_(True), User.role == "trainee")
                .distinct()
                .order_by(User.team)
            )
            return [t for t in s.scalars(q) if t]

    def by_username(self, username: str) -> UserInfo | None:
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            return _user_info(row) if row else None

    def get(self, user_id: int) -> UserInfo | None:
        with self.db.transaction() as s:
            row = s.get(User, user_id)
            return _user_info(row) if row else None

    def list(self, *, role: str | None = None) -> list[UserInfo]:
        with self.db.transaction() as s:
            q = select(User).where(User.active.is_(True)).order_by(User.username)
            if role is not None:
                q = q.where(User.role == role)
            return [_user_info(r) for r in s.scalars(q)]

    def authenticate(self, username: str, password: str, *, now: datetime | None = None) -> UserInfo:
        """The user for a correct password; counts failures and locks the account after ``MAX_FAILURES``."""
        now = now or utcnow()
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username).with_for_update())
            if row is None or not row.active:
                hash_password(password)  # same cost as a real check: no timing hint that the name is unknown
                raise AuthError("Wrong user name or password.")
            if row.locked_until is not None and row.locked_until > now:
                raise AccountLockedError(username, row.locked_until)
            if not verify_password(row.password_hash, password):
                row.failed_logins = (row.failed_logins or 0) + 1
                if row.failed_logins >= MAX_FAILURES:
                    row.locked_until = now + LOCK_DURATION
                    row.failed_logins = 0
                    locked = AccountLockedError(username, row.locked_until)
                else:
                    locked = None
                    left = MAX_FAILURES - row.failed_logins
            else:
                row.failed_logins = 0
                row.locked_until = None
                if needs_rehash(row.password_hash):
                    row.password_hash = hash_password(password)
                return _user_info(row)
        if locked is not None:
            raise locked
        raise AuthError(f"Wrong user name or password. {left} attempt(s) left before the account is locked.")

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise StorageError(f"password too short: at least {MIN_PASSWORD_LENGTH} characters")
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            row.password_hash = hash_password(password)
            row.failed_logins = 0
            row.locked_until = None

    def unlock(self, username: str) -> None:
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            row.failed_logins = 0
            row.locked_until = None

    def export(self, username: str) -> dict[str, Any]:
        """Everything stored about one user, JSON-ready, for a data request: account (no password hash),
        practice sessions with turns, their scorecards with overrides, assignments, and overrides they gave.
        Only rows that are theirs: a staff account's export never sweeps up the trainees' scorecards."""
        with self.db.transaction() as s:
            account = s.scalar(select(User).where(User.username == username))
            if account is None:
                raise StorageError(f"no user {username!r}")
            uid = account.id
            sessions = []
            for row in s.scalars(
                select(PracticeSession).where(PracticeSession.user_id == uid).order_by(PracticeSession.started_at)
            ):
                turns = s.scalars(
                    select(SessionTurn).where(SessionTurn.session_id == row.id).order_by(SessionTurn.turn_index)
                )
                sessions.append(
                    {
                        "id": row.id,
                        "scenario": row.scenario_id,
                        "status": row.status,
                        "version": row.version,
                        "started_at": row.started_at.isoformat(),
                        "updated_at": row.updated_at.isoformat(),
                        "ended_at": row.ended_at.isoformat() if row.ended_at else None,
                        "snapshot": json.loads(row.snapshot_json or "{}"),
                        "turns": [_turn(t) for t in turns],
                    }
                )
            cards = []
            for card in s.scalars(select(Scorecard).where(Scorecard.user_id == uid).order_by(Scorecard.id)):
                overrides = s.execute(
                    select(Override, User.username)
                    .outerjoin(User, User.id == Override.by_id)
                    .where(Override.scorecard_id == card.id)
                    .order_by(Override.id)
                )
                cards.append(
                    {
                        "id": card.id,
                        "source": card.source,
                        "agent_name": card.agent_name,
                        "transcript_id": card.transcript_id,
                        "scenario": card.scenario_id,
                        "session_id": card.session_id,
                        "rubric": {
                            "id": card.rubric_id,
                            "version": card.rubric_version,
                            "revision": card.rubric_revision,
                        },
                        "overall": card.overall,
                        "passed": card.passed,
                        "created_at": card.created_at.isoformat(),
                        "card": json.loads(card.card_json),
                        "transcript": json.loads(card.transcript_json),
                        "overrides": [
                            {
                                "id": o.id,
                                "criterion": o.criterion,
                                "score": o.score,
                                "comment": o.comment,
                                "by": by or "",
                                "created_at": o.created_at.isoformat(),
                            }
                            for o, by in overrides
                        ],
                    }
                )
            assignments = [
                {"id": a.id, "scenario": a.scenario_id, "done": a.done, "created_at": a.created_at.isoformat()}
                for a in s.scalars(select(Assignment).where(Assignment.trainee_id == uid).order_by(Assignment.id))
            ]
            overrides_given = [
                {
                    "id": o.id,
                    "scorecard_id": o.scorecard_id,
                    "criterion": o.criterion,
                    "score": o.score,
                    "comment": o.comment,
                }
                for o in s.scalars(select(Override).where(Override.by_id == uid).order_by(Override.id))
            ]
            return {
                "format": EXPORT_FORMAT,
                "format_version": EXPORT_VERSION,
                "account": {
                    "username": account.username,
                    "display_name": account.display_name,
                    "role": account.role,
                    "team": account.team,
                    "active": account.active,
                    "created_at": account.created_at.isoformat(),
                    "failed_logins": account.failed_logins,
                    "locked_until": account.locked_until.isoformat() if account.locked_until else None,
                },
                "practice_sessions": sessions,
                "scorecards": cards,
                "assignments": assignments,
                "overrides_given": overrides_given,
            }

    def delete(self, username: str) -> None:
        """Delete a user and everything that is theirs (cascades to sessions, turns, scorecards)."""
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            session_ids = list(s.scalars(select(PracticeSession.id).where(PracticeSession.user_id == row.id)))
            card_ids = list(s.scalars(select(Scorecard.id).where(Scorecard.user_id == row.id)))
            if card_ids:
                s.query(Override).filter(Override.scorecard_id.in_(card_ids)).delete(synchronize_session=False)
                s.query(Scorecard).filter(Scorecard.id.in_(card_ids)).delete(synchronize_session=False)
            if session_ids:
                s.query(SessionTurn).filter(SessionTurn.session_id.in_(session_ids)).delete(synchronize_session=False)
                s.query(PracticeSession).filter(PracticeSession.id.in_(session_ids)).delete(synchronize_session=False)
            s.query(Assignment).filter(Assignment.trainee_id == row.id).delete(synchronize_session=False)
            s.delete(row)


def _authored(row: AuthoredDocument, author: str | None) -> AuthoredDoc:
    return AuthoredDoc(
        id=row.id,
        kind=row.kind,
        doc_id=row.doc_id,
        revision=row.revision,
        yaml_text=row.yaml_text,
        author=author,
        created_at=row.created_at,
    )


class UserAdmin:
    """User management on behalf of a signed-in person, which only an admin may do.

    The Users page goes through this, so the rule holds even if a page forgets its own check;
    ``csrsim add-user`` (the machine's operator) and seeding use ``UserRepo`` directly.
    """

    def __init__(self, db: Database, viewer: UserInfo) -> None:
        require_role(viewer, "admin")
        self._users = UserRepo(db)

    def list(self, *, role: str | None = None) -> builtins.list[UserInfo]:
        return self._users.list(role=role)

    def create(
        self, username: str, password: str, *, role: str, display_name: str = "", team: str | None = None
    ) -> UserInfo:
        return self._users.create(username, password, role=role, display_name=display_name, team=team)

    def set_team(self, username: str, team: str | None) -> UserInfo:
        return self._users.set_team(username, team)

    def set_password(self, username: str, password: str) -> None:
        self._users.set_password(username, password)

    def unlock(self, username: str) -> None:
        self._users.unlock(username)


class AuthoredRepo:
    """Scenarios, policies and rubrics edited in the app: every save is a new revision row."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, viewer: UserInfo, *, kind: str, doc_id: str, yaml_text: str) -> AuthoredDoc:
        require_role(viewer, *AUTHORS)
        if kind not in AUTHORED_KINDS:
            raise StorageError(f"unknown kind {kind!r}")
        for _attempt in range(3):
            try:
                with self.db.transaction() as s:
                    latest = s.scalar(
                        select(func.max(AuthoredDocument.revision)).where(
                            AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id
                        )
                    )
                    row = AuthoredDocument(
                        kind=kind,
                        doc_id=doc_id,
                        revision=(latest or 0) + 1,
                        yaml_text=yaml_text,
                        author_id=viewer.id,
                    )
                    s.add(row)
                    s.flush()
                    return _authored(row, viewer.username)
            except IntegrityError:
                continue  # another author saved the same revision number at the same moment: take the next
        raise StorageError(f"could not save {kind} {doc_id!r}: too many concurrent saves, try again")

    def latest_all(self) -> list[AuthoredDoc]:
        with self.db.transaction() as s:
            newest = (
                select(AuthoredDocument.kind, AuthoredDocument.doc_id, func.max(AuthoredDocument.revision).label("rev"))
                .group_by(AuthoredDocument.kind, AuthoredDocument.doc_id)
                .subquery()
            )
            q = (
                select(AuthoredDocument, User.username)
                .join(
                    newest,
                    (AuthoredDocument.kind == newest.c.kind)
                    & (AuthoredDocument.doc_id == newest.c.doc_id)
                    & (AuthoredDocument.revision == newest.c.rev),
                )
                .outerjoin(User, User.id == AuthoredDocument.author_id)
                .order_by(AuthoredDocument.kind, AuthoredDocument.doc_id)
            )
            return [_authored(row, name) for row, name in s.execute(q)]

    def history(self, *, kind: str, doc_id: str) -> list[AuthoredDoc]:
        with self.db.transaction() as s:
            q = (
                select(AuthoredDocument, User.username)
                .outerjoin(User, User.id == AuthoredDocument.author_id)
                .where(AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id)
                .order_by(AuthoredDocument.revision.desc())
            )
            return [_authored(row, name) for row, name in s.execute(q)]

    def latest_revision(self, *, kind: str, doc_id: str) -> int | None:
        with self.db.transaction() as s:
            return s.scalar(
                select(func.max(AuthoredDocument.revision)).where(
                    AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id
                )
            )

    def generation(self) -> int:
        """Changes whenever anything is saved: the cache key of the effective library."""
        with self.db.transaction() as s:
            return int(s.scalar(select(func.max(AuthoredDocument.id))) or 0)


class AssignmentRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def assign(self, viewer: UserInfo, *, trainee_id: int, scenario_id: str) -> int:
        require_role(viewer, *STAFF)
        with self.db.transaction() as s:
            trainee = s.get(User, trainee_id)
            if trainee is None or trainee.role != "trainee":
                raise StorageError("scenarios can only be assigned to trainees")
            row = Assignment(trainee_id=trainee_id, scenario_id=scenario_id, assigned_by_id=viewer.id)
            s.add(row)
            s.flush()
            return row.id

    def assign_team(self, viewer: UserInfo, *, team: str, scenario_id: str) -> int:
        """Assign to every active trainee of ``team`` at once; returns how many new assignments were made.

        A trainee who already has this scenario open is skipped, so assigning a team twice does not double up.
        """
        require_role(viewer, *STAFF)
        name = _team(team)
        if name is None:
            raise StorageError("no team given")
        with self.db.transaction() as s:
            members = list(
                s.scalars(select(User.id).where(User.team == name, User.role == "trainee", User.active.is_(True)))
            )
            if not members:
                raise StorageError(f"team {name!r} has no trainees")
            already = set(
                s.scalars(
                    select(Assignment.trainee_id).where(
                        Assignment.trainee_id.in_(members),
                        Assignment.scenario_id == scenario_id,
                        Assignment.done.is_(False),
                    )
                )
            )
            fresh = [m for m in members if m not in already]
            s.add_all(Assignment(trainee_id=m, scenario_id=scenario_id, assigned_by_id=viewer.id) for m in fresh)
            return len(fresh)

    def list(
        self, viewer: UserInfo, *, trainee_id: int | None = None, open_only: bool = False
    ) -> list[AssignmentRecord]:
        """A trainee sees only their own assignments whatever ``trainee_id`` says."""
        if viewer.is_trainee:
            trainee_id = viewer.id
        with self.db.transaction() as s:
            trainee = User.__table__.alias("trainee")
            by = User.__table__.alias("by")
            q = (
                select(Assignment, trainee.c.username, by.c.username)
                .join(trainee, trainee.c.id == Assignment.trainee_id)
                .outerjoin(by, by.c.id == Assignment.assigned_by_id)
                .order_by(Assignment.created_at.desc(), Assignment.id.desc())
            )
            if trainee_id is not None:
                q = q.where(Assignment.trainee_id == trainee_id)
            if open_only:
                q = q.where(Assignment.done.is_(False))
            return [
                AssignmentRecord(
                    id=a.id,
                    trainee_id=a.trainee_id,
                    trainee=t,
                    scenario_id=a.scenario_id,
                    assigned_by=b or "",
                    created_at=a.created_at,
                    done=a.done,
                )
                for a, t, b in s.execute(q)
            ]

    def complete(self, viewer: UserInfo, *, scenario_id: str) -> None:
        with self.db.transaction() as s:
            s.execute(
                update(Assignment)
                .where(
                    Assignment.trainee_id == viewer.id,
                    Assignment.scenario_id == scenario_id,
                    Assignment.done.is_(False),
                )
                .values(done=True)
            )


def _practice(
    row: PracticeSession, turns: Sequence[SessionTurn] = (), scorecard_id: int | None = None
) -> PracticeRecord:
    return PracticeRecord(
        id=row.id,
        user_id=row.user_id,
        scenario_id=row.scenario_id,
        status=row.status,
        version=row.version,
        snapshot=json.loads(row.snapshot_json or "{}"),
        started_at=row.started_at,
        updated_at=row.updated_at,
        scorecard_id=scorecard_id,
        turns=[_turn(t) for t in turns],
    )


def _turn(t: SessionTurn) -> dict[str, Any]:
    return {
        "index": t.turn_index,
        "speaker": t.speaker,
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "audio_path": t.audio_path,
    }


class PracticeRepo:
    """Practice sessions, saved after every turn with an optimistic version check."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def start(
        self,
        viewer: UserInfo,
        *,
        scenario_id: str,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]] = (),
        session_id: str | None = None,
    ) -> PracticeRecord:
        with self.db.transaction() as s:
            row = PracticeSession(
                id=session_id or uuid.uuid4().hex,
                user_id=viewer.id,
                scenario_id=scenario_id,
                status="active",
                version=1,
                snapshot_json=json.dumps(snapshot),
            )
            s.add(row)
            s.flush()
            self._append_turns(s, row.id, turns)
            return _practice(row)

    def _owned(self, viewer: UserInfo, session_id: str) -> Any:
        q = select(PracticeSession).where(PracticeSession.id == session_id)
        if viewer.role not in ("supervisor", "admin", "trainer"):
            q = q.where(PracticeSession.user_id == viewer.id)
        return q

    def get(self, viewer: UserInfo, session_id: str) -> PracticeRecord:
        with self.db.transaction() as s:
            row = s.scalar(self._owned(viewer, session_id))
            if row is None:
                raise StorageError(f"no practice session {session_id!r} for {viewer.username}")
            turns = s.scalars(
                select(SessionTurn).where(SessionTurn.session_id == row.id).order_by(SessionTurn.turn_index)
            ).all()
            card_id = s.scalar(select(Scorecard.id).where(Scorecard.session_id == row.id))
            return _practice(row, turns, card_id)

    def list(self, viewer: UserInfo, *, status: str | None = None) -> list[PracticeRecord]:
        """The viewer's own sessions, newest first."""
        with self.db.transaction() as s:
            q = (
                select(PracticeSession)
                .where(PracticeSession.user_id == viewer.id)
                .order_by(PracticeSession.updated_at.desc())
            )
            if status is not None:
                q = q.where(PracticeSession.status == status)
            return [_practice(r) for r in s.scalars(q)]

    def unfinished(self, viewer: UserInfo) -> builtins.list[PracticeRecord]:
        return self.list(viewer, status="active")

    def _bump(self, s: Any, viewer: UserInfo, session_id: str, expected_version: int, **values: Any) -> int:
        result = s.execute(
            update(PracticeSession)
            .where(
                PracticeSession.id == session_id,
                PracticeSession.user_id == viewer.id,
                PracticeSession.version == expected_version,
                PracticeSession.status == "active",
            )
            .values(version=PracticeSession.version + 1, updated_at=utcnow(), **values)
        )
        if result.rowcount != 1:
            actual = s.scalar(
                select(PracticeSession.version).where(
                    PracticeSession.id == session_id, PracticeSession.user_id == viewer.id
                )
            )
            if actual is None:
                raise StorageError(f"no practice session {session_id!r} for {viewer.username}")
            raise StaleSessionError(session_id, expected_version, actual)
        return expected_version + 1

    @staticmethod
    def _append_turns(s: Any, session_id: str, turns: Sequence[dict[str, Any]]) -> None:
        known = set(s.scalars(select(SessionTurn.turn_index).where(SessionTurn.session_id == session_id)))
        for index, turn in enumerate(turns):
            if index in known:
                continue
            s.add(
                SessionTurn(
                    session_id=session_id,
                    turn_index=index,
                    speaker=str(turn.get("speaker", "agent")),
                    text=str(turn.get("text", "")),
                    start=turn.get("start"),
                    end=turn.get("end"),
                    audio_path=turn.get("audio_path"),
                )
            )

    def save_turns(
        self,
        viewer: UserInfo,
        session_id: str,
        *,
        expected_version: int,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]],
    ) -> int:
        """Store the snapshot and any new turns; returns the new version or raises StaleSessionError."""
        with self.db.transaction() as s:
            version = self._bump(s, viewer, session_id, expected_version, snapshot_json=json.dumps(snapshot))
            self._append_turns(s, session_id, turns)
            return version

    def finish(
        self,
        viewer: UserInfo,
        session_id: str,
        *,
        expected_version: int,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]],
        card: ScoreCard,
        transcript: Transcript,
        rubric_yaml: str,
        rubric_revision: int | None = None,
    ) -> int:
        """End the session and store its scorecard in one transaction; returns the scorecard id."""
        with self.db.transaction() as s:
            self._bump(
                s,
                viewer,
                session_id,
                expected_version,
                snapshot_json=json.dumps(snapshot),
                status="scored",
                ended_at=utcnow(),
            )
            self._append_turns(s, session_id, turns)
            scenario_id = s.scalar(select(PracticeSession.scenario_id).where(PracticeSession.id == session_id))
            row = _scorecard_row(
                card,
                transcript,
                user_id=viewer.id,
                agent_name=viewer.username,
                source="practice",
                scenario_id=scenario_id,
                session_id=session_id,
                rubric_yaml=rubric_yaml,
                rubric_revision=rubric_revision,
                created_by_id=viewer.id,
            )
            s.add(row)
            s.flush()
            return row.id

    def abandon(self, viewer: UserInfo, session_id: str, *, expected_version: int) -> None:
        with self.db.transaction() as s:
            self._bump(s, viewer, session_id, expected_version, status="abandoned", ended_at=utcnow())


def _scorecard_row(
    card: ScoreCard,
    transcript: Transcript,
    *,
    user_id: int | None,
    agent_name: str,
    source: str,
    scenario_id: str | None,
    session_id: str | None,
    rubric_yaml: str,
    rubric_revision: int | None,
    created_by_id: int | None,
) -> Scorecard:
    return Scorecard(
        user_id=user_id,
        agent_name=agent_name,
        source=source,
        transcript_id=card.transcript,
        scenario_id=scenario_id,
        session_id=session_id,
        rubric_id=card.rubric.id,
        rubric_version=card.rubric.version,
        rubric_revision=rubric_revision,
        rubric_yaml=rubric_yaml,
        overall=card.overall,
        passed=card.passed,
        card_json=json.dumps(card.to_json_dict()),
        transcript_json=transcript.model_dump_json(),
        created_by_id=created_by_id,
    )


def _override(row: Override, by: str | None) -> OverrideRecord:
    return OverrideRecord(
        id=row.id,
        scorecard_id=row.scorecard_id,
        criterion=row.criterion,
        score=row.score,
        comment=row.comment,
        by=by or "",
        created_at=row.created_at,
    )


class ScoreRepo:
    """Scorecards of practice sessions and of real contacts, with reviewers' overrides beside them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        viewer: UserInfo,
        *,
        card: ScoreCard,
        transcript: Transcript,
        source: str = "upload",
        agent_name: str = "",
        user_id: int | None = None,
        scenario_id: str | None = None,
        rubric_yaml: str = "",
        rubric_revision: int | None = None,
    ) -> int:
        require_role(viewer, *REVIEWERS)
        with self.db.transaction() as s:
            row = _scorecard_row(
                card,
                transcript,
                user_id=user_id,
                agent_name=agent_name,
                source=source,
                scenario_id=scenario_id,
                session_id=None,
                rubric_yaml=rubric_yaml,
                rubric_revision=rubric_revision,
                created_by_id=viewer.id,
            )
            s.add(row)
            s.flush()
            return row.id

    def _visible(self, viewer: UserInfo) -> Any:
        q = select(Scorecard)
        if viewer.is_trainee:
            q = q.where(Scorecard.user_id == viewer.id)
        return q

    def list(
        self,
        viewer: UserInfo,
        *,
        user_id: int | None = None,
        source: str | None = None,
        limit: int | None = None,
    ) -> list[ScoreRecord]:
        with self.db.transaction() as s:
            q = self._visible(viewer).order_by(Scorecard.created_at, Scorecard.id)
            if user_id is not None:
                q = q.where(Scorecard.user_id == user_id)
            if source is not None:
                q = q.where(Scorecard.source == source)
            if limit is not None:
                q = q.limit(limit)
            rows = list(s.scalars(q))
            overrides = self._overrides(s, [r.id for r in rows])
            return [_score(r, overrides.get(r.id, [])) for r in rows]

    def get(self, viewer: UserInfo, scorecard_id: int) -> ScoreRecord:
        with self.db.transaction() as s:
            row = s.scalar(self._visible(viewer).where(Scorecard.id == scorecard_id))
            if row is None:
                raise StorageError(f"no scorecard {scorecard_id} visible to {viewer.username}")
            return _score(row, self._overrides(s, [row.id]).get(row.id, []))

    @staticmethod
    def _overrides(s: Any, ids: Sequence[int]) -> dict[int, builtins.list[OverrideRecord]]:
        if not ids:
            return {}
        out: dict[int, list[OverrideRecord]] = {}
        q = (
            select(Override, User.username)
            .outerjoin(User, User.id == Override.by_id)
            .where(Override.scorecard_id.in_(list(ids)))
            .order_by(Override.created_at, Override.id)
        )
        for row, name in s.execute(q):
            out.setdefault(row.scorecard_id, []).append(_override(row, name))
        return out

    def add_override(
        self, viewer: UserInfo, scorecard_id: int, *, criterion: str, score: float | None, comment: str
    ) -> int:
        """Store a reviewer's score beside the automatic one; the scorecard itself is never changed."""
        require_role(viewer, *REVIEWERS)
        if not comment.strip():
            raise StorageError("an override needs a comment saying why")
        if score is not None and not 0 <= score <= 100:
            raise StorageError("an override score is between 0 and 100")
        with self.db.transaction() as s:
            card = s.get(Scorecard, scorecard_id)
            if card is None:
                raise StorageError(f"no scorecard {scorecard_id}")
            if criterion not in json.loads(card.card_json).get("criteria", {}):
                raise StorageError(f"criterion {criterion!r} is not on this scorecard")
            row = Override(
                scorecard_id=scorecard_id, criterion=criterion, score=score, comment=comment.strip(), by_id=viewer.id
            )
            s.add(row)
            s.flush()
            return row.id


def _score(row: Scorecard, overrides: list[OverrideRecord]) -> ScoreRecord:
    return ScoreRecord(
        id=row.id,
        user_id=row.user_id,
        agent_name=row.agent_name,
        source=row.source,
        transcript_id=row.transcript_id,
        scenario_id=row.scenario_id,
        session_id=row.session_id,
        rubric_id=row.rubric_id,
        rubric_version=row.rubric_version,
        rubric_revision=row.rubric_revision,
        rubric_yaml=row.rubric_yaml,
        overall=row.overall,
        passed=row.passed,
        card=json.loads(row.card_json),
        transcript=json.loads(row.transcript_json),
        created_at=row.created_at,
        overrides=overrides,
    )
