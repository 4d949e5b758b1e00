"""Users and access: accounts, teams, passwords and lockout, admin-only management, export and deletion."""

from __future__ import annotations

import builtins
import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from storage.access import ADMINS, require_role
from storage.db import Database
from storage.errors import AccountLockedError, AuthError, StorageError
from storage.exports import (
    ExportAccount,
    ExportAssignment,
    ExportOverride,
    ExportOverrideGiven,
    ExportRubric,
    ExportScorecard,
    ExportSession,
    ExportTurn,
    UserExport,
)
from storage.models import Override, PracticeSession, Scorecard, User, utcnow
from storage.passwords import (
    LOCK_DURATION,
    MAX_FAILURES,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from storage.practice import turn_dict
from storage.throttle import Throttle, forget_user
from storage.types import ROLES, UserInfo

_USERNAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.@-]{1,79}")
_TEAM = re.compile(r"[\w][\w .@-]{0,79}")


def user_info(row: User) -> UserInfo:
    return UserInfo(
        id=row.id,
        username=row.username,
        display_name=row.display_name or row.username,
        role=row.role,  # type: ignore[arg-type]
        team=row.team,
        active=bool(row.active),
    )


def team_name(team: str | None) -> str | None:
    """A team name, trimmed; blank means no team."""
    if team is None or not team.strip():
        return None
    name = team.strip()
    if not _TEAM.fullmatch(name):
        raise StorageError(f"invalid team name {name!r}: 1-80 letters, digits, spaces or . _ @ -")
    return name


def _with_history(username: str) -> Select[User]:
    """One user with everything that is theirs loaded eagerly (sessions with turns, scorecards with overrides,
    assignments): a handful of queries whatever the history's size, for exports and cascading deletes."""
    return (
        select(User)
        .where(User.username == username)
        .options(
            selectinload(User.sessions).selectinload(PracticeSession.turns),
            selectinload(User.scorecards).selectinload(Scorecard.overrides),
            selectinload(User.assignments),
        )
    )


class UserRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, username: str, password: str, *, role: str, display_name: str = "", team: str | None = None
    ) -> UserInfo:
        team = team_name(team)
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
                return user_info(row)
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
        name = team_name(team)
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            row.team = name
            s.flush()
            return user_info(row)

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
            return user_info(row) if row else None

    def get(self, user_id: int) -> UserInfo | None:
        with self.db.transaction() as s:
            row = s.get(User, user_id)
            return user_info(row) if row else None

    def list(self, *, role: str | None = None, include_inactive: bool = False) -> list[UserInfo]:
        """Active accounts (every account with ``include_inactive``, for the Users page)."""
        with self.db.transaction() as s:
            q = select(User).order_by(User.username)
            if not include_inactive:
                q = q.where(User.active.is_(True))
            if role is not None:
                q = q.where(User.role == role)
            return [user_info(r) for r in s.scalars(q)]

    def authenticate(
        self, username: str, password: str, *, now: datetime | None = None, client: str | None = None
    ) -> UserInfo:
        """The user for a correct password; wrong passwords are counted and lead to a lock.

        With ``client`` (the login form passes the caller's address) failures lock only that client, per user
        name and overall, with backoff (:mod:`storage.throttle`), so nobody can keep someone else locked out.
        Without it (callers that cannot tell clients apart) the account itself locks after ``MAX_FAILURES``.
        """
        now = now or utcnow()
        locked: AuthError | None = None
        with self.db.transaction() as s:
            throttle = Throttle(s, username, client, now) if client else None
            if throttle is not None:
                throttle.check()
            row = s.scalar(select(User).where(User.username == username).with_for_update())
            if row is None or not row.active:
                hash_password(password)  # same cost as a real check: no timing hint that the name is unknown
                locked = throttle.failed() if throttle is not None else None
            elif throttle is None and row.locked_until is not None and row.locked_until > now:
                raise AccountLockedError(username, row.locked_until)
            elif not verify_password(row.password_hash, password):
                if throttle is not None:
                    locked = throttle.failed()
                else:
                    row.failed_logins = (row.failed_logins or 0) + 1
                    if row.failed_logins >= MAX_FAILURES:
                        row.locked_until = now + LOCK_DURATION
                        row.failed_logins = 0
                        locked = AccountLockedError(username, row.locked_until)
            else:
                if throttle is not None:
                    throttle.succeeded()
                else:
                    row.failed_logins = 0
                    row.locked_until = None
                if needs_rehash(row.password_hash):
                    row.password_hash = hash_password(password)
                return user_info(row)
        if locked is not None:
            raise locked
        # the same words as for an unknown user: a login form must not tell which user names exist
        raise AuthError("Wrong user name or password.")

    def set_role(self, username: str, role: str) -> UserInfo:
        if role not in ROLES:
            raise StorageError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username).with_for_update())
            if row is None:
                raise StorageError(f"no user {username!r}")
            if row.role == "admin" and role != "admin" and row.active:
                self._keep_an_admin(s, row)
            row.role = role
            s.flush()
            return user_info(row)

    def set_active(self, username: str, active: bool) -> UserInfo:
        """Deactivate (cannot log in, kept with all their records) or reactivate an account."""
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username).with_for_update())
            if row is None:
                raise StorageError(f"no user {username!r}")
            if not active and row.role == "admin" and row.active:
                self._keep_an_admin(s, row)
            row.active = active
            s.flush()
            return user_info(row)

    @staticmethod
    def _keep_an_admin(s: Any, row: User) -> None:
        others = s.scalar(
            select(func.count(User.id)).where(User.role == "admin", User.active.is_(True), User.id != row.id)
        )
        if not others:
            raise StorageError(f"{row.username} is the last active admin; make another admin first")

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
        """Lift the account lock and every per-client lock on this user name."""
        with self.db.transaction() as s:
            row = s.scalar(select(User).where(User.username == username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            row.failed_logins = 0
            row.locked_until = None
            forget_user(s, username)

    def export(self, username: str) -> dict[str, Any]:
        """Everything stored about one user, JSON-ready, for a data request (:class:`storage.exports.UserExport`):
        account (no password hash), practice sessions with turns, their scorecards with overrides, assignments,
        and overrides they gave. Only rows that are theirs: a staff account's export never sweeps up the
        trainees' scorecards. Children are loaded eagerly, a handful of queries whatever the history's size."""
        with self.db.transaction() as s:
            account = s.scalar(_with_history(username))
            if account is None:
                raise StorageError(f"no user {username!r}")
            given = s.scalars(select(Override).where(Override.by_id == account.id).order_by(Override.id))
            export = UserExport(
                account=ExportAccount.model_validate(account, from_attributes=True),
                practice_sessions=[
                    ExportSession(
                        id=row.id,
                        scenario=row.scenario_id,
                        status=row.status,
                        version=row.version,
                        started_at=row.started_at,
                        updated_at=row.updated_at,
                        ended_at=row.ended_at,
                        snapshot=json.loads(row.snapshot_json or "{}"),
                        turns=[ExportTurn(**turn_dict(t)) for t in row.turns],
                    )
                    for row in account.sessions
                ],
                scorecards=[
                    ExportScorecard(
                        id=card.id,
                        source=card.source,
                        agent_name=card.agent_name,
                        transcript_id=card.transcript_id,
                        scenario=card.scenario_id,
                        session_id=card.session_id,
                        rubric=ExportRubric(
                            id=card.rubric_id, version=card.rubric_version, revision=card.rubric_revision
                        ),
                        overall=card.overall,
                        passed=card.passed,
                        created_at=card.created_at,
                        card=json.loads(card.card_json),
                        transcript=json.loads(card.transcript_json),
                        overrides=[
                            ExportOverride(
                                id=o.id,
                                criterion=o.criterion,
                                score=o.score,
                                comment=o.comment,
                                by=o.by.username if o.by else "",
                                created_at=o.created_at,
                            )
                            for o in sorted(card.overrides, key=lambda o: o.id)
                        ],
                    )
                    for card in account.scorecards
                ],
                assignments=[
                    ExportAssignment(id=a.id, scenario=a.scenario_id, done=a.done, created_at=a.created_at)
                    for a in account.assignments
                ],
                overrides_given=[ExportOverrideGiven.model_validate(o, from_attributes=True) for o in given],
            )
            return export.to_json_dict()

    def delete(self, username: str) -> None:
        """Delete a user and everything that is theirs: the ORM cascades (sessions with turns, scorecards with
        overrides, assignments) remove it in this one transaction."""
        with self.db.transaction() as s:
            row = s.scalar(_with_history(username))
            if row is None:
                raise StorageError(f"no user {username!r}")
            s.delete(row)


class UserAdmin:
    """User management on behalf of a signed-in person, which only an admin may do.

    The Users page goes through this, so the rule holds even if a page forgets its own check;
    ``csrsim add-user`` (the machine's operator) and seeding use ``UserRepo`` directly.
    """

    def __init__(self, db: Database, viewer: UserInfo) -> None:
        require_role(viewer, *ADMINS)
        self._viewer = viewer
        self._users = UserRepo(db)

    def list(self, *, role: str | None = None, include_inactive: bool = False) -> builtins.list[UserInfo]:
        return self._users.list(role=role, include_inactive=include_inactive)

    def _still_admin(self) -> None:
        """The viewer is re-read on every change: an admin demoted or deactivated a minute ago is refused."""
        now = self._users.get(self._viewer.id)
        if now is None or now.role not in ADMINS or not now.active:
            raise StorageError(f"{self._viewer.username} is no longer an active admin")

    def set_role(self, username: str, role: str) -> UserInfo:
        """Change a role; an admin cannot change their own (so nobody locks themselves out by accident)."""
        self._still_admin()
        if username == self._viewer.username:
            raise StorageError("you cannot change your own role; ask another admin")
        return self._users.set_role(username, role)

    def set_active(self, username: str, active: bool) -> UserInfo:
        self._still_admin()
        if username == self._viewer.username and not active:
            raise StorageError("you cannot deactivate your own account")
        return self._users.set_active(username, active)

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
