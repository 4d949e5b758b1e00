"""Persistence: SQLAlchemy models, repositories by aggregate, access rules and Alembic migrations.

SQLite under ``Settings.data_dir`` by default; any SQLAlchemy URL through
``CSR_DATABASE_URL`` (PostgreSQL is tested). Repositories take the viewing user
where data is private, so a trainee's query can only ever return their own rows.

Names are loaded on first use (PEP 562), so ``from storage.types import UserInfo``
does not pay for importing SQLAlchemy: the app's login page renders sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.assignments import AssignmentRepo
    from storage.authored import AuthoredRepo
    from storage.db import Database, open_database
    from storage.errors import AccountLockedError, AuthError, StaleSessionError, StorageError
    from storage.practice import PracticeRepo
    from storage.scorecards import ScoreRepo
    from storage.types import ROLES, Role, UserInfo
    from storage.users import UserAdmin, UserRepo

_WHERE = {
    "Database": "storage.db",
    "open_database": "storage.db",
    "AccountLockedError": "storage.errors",
    "AuthError": "storage.errors",
    "StaleSessionError": "storage.errors",
    "StorageError": "storage.errors",
    "AssignmentRepo": "storage.assignments",
    "AuthoredRepo": "storage.authored",
    "PracticeRepo": "storage.practice",
    "ScoreRepo": "storage.scorecards",
    "UserRepo": "storage.users",
    "UserAdmin": "storage.users",
    "ROLES": "storage.types",
    "Role": "storage.types",
    "UserInfo": "storage.types",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "ROLES",
    "AccountLockedError",
    "AssignmentRepo",
    "AuthError",
    "AuthoredRepo",
    "Database",
    "PracticeRepo",
    "Role",
    "ScoreRepo",
    "StaleSessionError",
    "StorageError",
    "UserAdmin",
    "UserInfo",
    "UserRepo",
    "open_database",
]
