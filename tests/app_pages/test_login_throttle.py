"""The login form throttles per client: wrong passwords from one address do not lock the owner elsewhere."""

from __future__ import annotations

import pytest

from storage import Database
from storage.passwords import MAX_FAILURES
from tests.app_pages.conftest import login, texts


def test_someone_elses_failures_do_not_lock_the_owner_out(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.auth

    monkeypatch.setattr(ui.auth, "client_id", lambda: "203.0.113.9")
    for _ in range(MAX_FAILURES):
        attempt = login("admin", "not-the-password")
    assert "Account 'admin' is locked" in texts(attempt)
    assert "Account 'admin' is locked" in texts(login("admin", "admin-demo"))  # this client waits
    monkeypatch.setattr(ui.auth, "client_id", lambda: "198.51.100.7")
    owner = login("admin", "admin-demo")
    assert not owner.exception, owner.exception
    assert "locked" not in texts(owner) and "Wrong user name" not in texts(owner)
    assert owner.title and owner.title[0].value != "CSR Coach"  # past the login page
