"""The repositories by aggregate, importable from one place (their homes are the modules below).

users and access: :mod:`storage.users`, :mod:`storage.access`; authored library: :mod:`storage.authored`;
assignments: :mod:`storage.assignments`; practice sessions: :mod:`storage.practice`; scorecards and overrides:
:mod:`storage.scorecards`. Every read and write happens in one transaction; private data is filtered in the query
by the viewing user (:mod:`storage.access`), not left to the pages.
"""

from __future__ import annotations

from storage.access import AUTHORS, REVIEWERS, STAFF, require_role
from storage.assignments import AssignmentRepo
from storage.authored import AUTHORED_KINDS, AuthoredRepo
from storage.exports import EXPORT_FORMAT, EXPORT_VERSION
from storage.practice import PracticeRepo
from storage.scorecards import ScoreRepo
from storage.users import UserAdmin, UserRepo

__all__ = [
    "AUTHORED_KINDS",
    "AUTHORS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "REVIEWERS",
    "STAFF",
    "AssignmentRepo",
    "AuthoredRepo",
    "PracticeRepo",
    "ScoreRepo",
    "UserAdmin",
    "UserRepo",
    "require_role",
]
