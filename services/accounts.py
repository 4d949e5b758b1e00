"""Accounts: who can sign in, the admin's user management, and people to attribute contacts to."""

from __future__ import annotations

from services.workspace import Workspace
from storage import ROLES, UserAdmin, UserRepo
from storage.types import UserInfo


def admin(ws: Workspace, viewer: UserInfo) -> UserAdmin:
    """User management on behalf of ``viewer``; raises StorageError unless they are an admin."""
    return UserAdmin(ws.db, viewer)


def usernames(ws: Workspace) -> list[str]:
    """Active accounts, for "which agent is this contact about" pickers."""
    return [u.username for u in UserRepo(ws.db).list()]


__all__ = ["ROLES", "admin", "usernames"]
