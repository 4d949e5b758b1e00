"""Errors storage raises for things a person can act on (the UI shows their message as is)."""

from __future__ import annotations

from datetime import datetime


class StorageError(Exception):
    """A request the database cannot honour (unknown row, duplicate name, bad role)."""


class AuthError(StorageError):
    """Wrong user name or password; deliberately does not say which."""


class AccountLockedError(AuthError):
    def __init__(self, username: str, until: datetime) -> None:
        self.username, self.until = username, until
        super().__init__(
            f"Account '{username}' is locked after too many wrong passwords until "
            f"{until:%H:%M:%S} UTC. Try again later or ask an admin to unlock it."
        )


class StaleSessionError(StorageError):
    """Another tab or device saved this practice session since this one loaded it."""

    def __init__(self, session_id: str, expected: int, actual: int | None) -> None:
        self.session_id, self.expected, self.actual = session_id, expected, actual
        super().__init__(
            "This practice session was changed in another tab or window "
            f"(saved version {actual}, this tab has {expected}). Nothing was overwritten: "
            "reload the session to continue from the latest saved turn."
        )
