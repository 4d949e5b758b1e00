"""Who may see and do what, in one place: role checks and the row filters every private query goes through.

Pages check roles too, but these checks sit under every write, so a page that forgets its own cannot skip them;
private rows are filtered in the query by the viewer's id, so a trainee can only ever read their own.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from storage.errors import StorageError
from storage.models import PracticeSession, Scorecard
from storage.types import UserInfo

STAFF = ("trainer", "supervisor", "admin")
REVIEWERS = ("supervisor", "trainer", "admin")
AUTHORS = ("trainer", "admin")
ADMINS = ("admin",)


def require_role(viewer: UserInfo, *roles: str) -> None:
    """The storage-side role check; pages check too, but this one cannot be skipped."""
    if viewer.role not in roles:
        raise StorageError(f"a {viewer.role} may not do this (needs {' or '.join(roles)})")


def visible_scorecards(viewer: UserInfo) -> Select[Scorecard]:
    """Scorecards the viewer may read: a trainee only those about them; staff all."""
    q = select(Scorecard)
    if viewer.is_trainee:
        q = q.where(Scorecard.user_id == viewer.id)
    return q


def readable_session(viewer: UserInfo, session_id: str) -> Select[PracticeSession]:
    """A practice session the viewer may read: their own, or any for staff (to review it)."""
    q = select(PracticeSession).where(PracticeSession.id == session_id)
    if viewer.role not in STAFF:
        q = q.where(PracticeSession.user_id == viewer.id)
    return q


def own_assignments(viewer: UserInfo, trainee_id: int | None) -> int | None:
    """Whose assignments a listing shows: a trainee sees only their own whatever they ask for."""
    return viewer.id if viewer.is_trainee else trainee_id
