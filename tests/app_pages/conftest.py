"""AppTest fixtures: a migrated temp database with the demo accounts, and a logged-in app."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from streamlit.testing.v1 import AppTest

from domain.config import PROJECT_ROOT, Settings
from storage import Database
from storage.seed import init_database
from tests.storage.conftest import reuse_password_hashes  # noqa: F401  (autouse: argon2 once per password)

APP = str(PROJECT_ROOT / "app.py")
TIMEOUT = 180


@pytest.fixture
def db(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("CSR_PRACTICE_SEED", "3")  # the scripted customer is deterministic per seed
    monkeypatch.setenv("CSR_CHAT_TYPING_MAX_SECONDS", "0")  # no typing pause unless a test turns it on
    from domain.config import get_settings

    get_settings.cache_clear()
    database, _ = init_database(settings.sqlalchemy_url)
    yield database
    database.dispose()


def login(username: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


@pytest.fixture
def app_as(db: Database) -> Callable[[str], AppTest]:
    """Log in as a demo account (password ``<name>-demo``) and return the running app."""

    def make(username: str) -> AppTest:
        at = login(username, f"{username}-demo")
        assert not at.exception, at.exception
        return at

    return make


def texts(at: AppTest) -> str:
    """Everything readable on the page, for assertions about what a user sees."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success", "code"):
        parts.extend(str(getattr(e, "value", "")) for e in getattr(at, kind))
    parts.extend(str(m.label) for m in at.metric)
    parts.extend(str(m.value) for m in at.metric)
    return "\n".join(parts)


def click(at: AppTest, label: str) -> AppTest:
    """Click the button (or form submit button) with this label and rerun."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; have {[b.label for b in at.button]}"
    return matches[0].click().run()
