"""Service fixtures: a real migrated SQLite database with the demo accounts, wrapped in a workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.config import Settings
from services.workspace import Workspace, open_workspace
from storage.seed import init_database
from tests.storage.conftest import reuse_password_hashes  # noqa: F401  (autouse: argon2 once per password)


@pytest.fixture
def ws(settings: Settings) -> Iterator[Workspace]:
    db, _ = init_database(settings.sqlalchemy_url)
    yield open_workspace(settings=settings, db=db)
    db.dispose()
