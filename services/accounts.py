"""Accounts: opening the database, user management (admin in the app, the operator on the CLI), data requests.

The command line's ``init``, ``add-user``, ``list-users``, ``export-user`` and ``delete-user`` come through here,
the app's Users page through :func:`admin`, so the rules live in storage and are reached one way.
"""

from __future__ import annotations

from services.workspace import Workspace
from storage import ROLES, Database, StorageError, UserAdmin, UserRepo, open_database
from storage.seed import init_database
from storage.types import UserInfo


def open_db(*, upgrade: bool = True) -> Database:
    """The configured database (``CSR_DATABASE_URL`` / ``CSR_DATA_DIR``), migrated to head by default."""
    return open_database(upgrade=upgrade)


def admin(ws: Workspace, viewer: UserInfo) -> UserAdmin:
    """User management on behalf of ``viewer``; raises StorageError unless they are an admin."""
    return UserAdmin(ws.db, viewer)


def operator(db: Database) -> UserRepo:
    """User management for the machine's operator (the command line): no signed-in viewer to check."""
    return UserRepo(db)


def usernames(ws: Workspace) -> list[str]:
    """Active accounts, for "which agent is this contact about" pickers."""
    return [u.username for u in UserRepo(ws.db).list()]


__all__ = ["ROLES", "Database", "StorageError", "admin", "init_database", "open_db", "operator", "usernames"]
