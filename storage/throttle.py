"""Login throttling per (user name, client) and per client, with exponential backoff.

A lock on the account itself would let anyone keep anyone locked out, the admin included, just by typing
wrong passwords. So when the login form knows which client is asking, failures count against that client's
attempts at that user name (``MAX_FAILURES`` then a lock of ``LOCK_DURATION``, doubled on every further lock
up to ``MAX_LOCK``) and against the client as a whole (``CLIENT_MAX_FAILURES`` failures over any user names,
also with backoff). The real user on another client is never locked by someone else's failures. Unknown user
names are throttled exactly like real ones, so a lock says nothing about which names exist. Client addresses
are stored only as SHA-256 digests, never in clear.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.errors import AccountLockedError, AuthError
from storage.models import LoginThrottle
from storage.passwords import LOCK_DURATION, MAX_FAILURES

CLIENT_MAX_FAILURES = 20  # over all user names from one client: enough for typos, not for guessing
MAX_LOCK = timedelta(hours=24)
FORGET_AFTER = timedelta(hours=24)  # a key quiet this long starts again from no failures and no locks


class ClientThrottledError(AuthError):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            f"Too many failed logins from this device; try again after {until:%H:%M:%S} UTC "
            "or ask an admin (csrsim unlock)."
        )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:64]


def user_digest(username: str) -> str:
    """What the table keeps of a typed user name (it may be a password typed into the wrong box)."""
    return _digest("user", username.lower())


def pair_key(username: str, client: str) -> str:
    return f"pair:{_digest(username.lower(), client)}"


def client_key(client: str) -> str:
    return f"client:{_digest(client)}"


def lock_length(locks: int) -> timedelta:
    """The ``locks``-th lock lasts ``LOCK_DURATION * 2**(locks-1)``, at most ``MAX_LOCK``."""
    return min(LOCK_DURATION * (2 ** min(max(locks - 1, 0), 20)), MAX_LOCK)  # 2**20 x 5 min is past the cap


@dataclass(frozen=True)
class Throttle:
    """One login attempt's view of the throttle table, inside the caller's transaction."""

    session: Session
    username: str
    client: str
    now: datetime

    def _row(self, key: str, *, username: str | None) -> LoginThrottle:
        row = self.session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, username=user_digest(username) if username else None, failures=0, locks=0)
            self.session.add(row)
        elif row.last_failure is not None and self.now - row.last_failure > FORGET_AFTER:
            row.failures, row.locks = 0, 0
        return row

    def check(self) -> None:
        """Raise if this client is locked out, for this user name or altogether."""
        client = self.session.get(LoginThrottle, client_key(self.client))
        if client is not None and client.locked_until is not None and client.locked_until > self.now:
            raise ClientThrottledError(client.locked_until)
        pair = self.session.get(LoginThrottle, pair_key(self.username, self.client))
        if pair is not None and pair.locked_until is not None and pair.locked_until > self.now:
            raise AccountLockedError(self.username, pair.locked_until)

    def failed(self) -> AuthError | None:
        """Count a wrong password; the lock it earns, if any, as the error to raise."""
        earned: AuthError | None = None
        for key, limit, username in (
            (pair_key(self.username, self.client), MAX_FAILURES, self.username),
            (client_key(self.client), CLIENT_MAX_FAILURES, None),
        ):
            row = self._row(key, username=username)
            row.failures = (row.failures or 0) + 1
            row.last_failure = self.now
            if row.failures >= limit:
                row.locks = (row.locks or 0) + 1
                row.failures = 0
                row.locked_until = self.now + lock_length(row.locks)
                if earned is None or isinstance(earned, AccountLockedError):
                    earned = (
                        AccountLockedError(self.username, row.locked_until)
                        if username is not None
                        else ClientThrottledError(row.locked_until)
                    )
        return earned

    def succeeded(self) -> None:
        """The right password from this client: its record for this user name is cleared."""
        self.session.execute(delete(LoginThrottle).where(LoginThrottle.key == pair_key(self.username, self.client)))


def forget_user(session: Session, username: str) -> int:
    """``csrsim unlock`` / the Users page: drop every per-client lock on this user name."""
    keys = list(session.scalars(select(LoginThrottle.key).where(LoginThrottle.username == user_digest(username))))
    if keys:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    return len(keys)
