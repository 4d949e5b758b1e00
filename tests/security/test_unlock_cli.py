"""``csrsim unlock USER`` lifts a lockout (the admin account included) and refuses unknown users clearly."""

from __future__ import annotations

import pytest

from csrsim.main import run
from domain.config import Settings
from storage import UserRepo, open_database
from storage.errors import AccountLockedError, AuthError


def test_unlock_after_lockout(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["init", "--quiet"]) == 0
    db = open_database(settings.sqlalchemy_url)
    users = UserRepo(db)
    for _ in range(5):
        with pytest.raises(AuthError):
            users.authenticate("admin", "wrong-password")
    with pytest.raises(AccountLockedError):
        users.authenticate("admin", "admin-demo")
    assert run(["unlock", "admin"]) == 0
    assert "admin unlocked" in capsys.readouterr().out
    assert users.authenticate("admin", "admin-demo").role == "admin"
    db.dispose()


def test_unlock_unknown_user_is_one_line(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["init", "--quiet", "--no-demo"]) == 0
    assert run(["unlock", "nobody"]) != 0
    err = capsys.readouterr().err
    assert "nobody" in err and "Traceback" not in err
