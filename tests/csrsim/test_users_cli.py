"""``csrsim init`` (idempotent, demo accounts) and the user commands, through ``run`` with a temp database."""

from __future__ import annotations

import pytest

from csrsim.main import run
from domain.config import Settings
from storage import UserRepo, open_database
from storage.seed import DEMO_ACCOUNTS


def test_init_twice_then_demo_accounts_log_in(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["init"]) == 0
    assert "demo accounts created" in capsys.readouterr().out
    assert run(["init", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    db = open_database(settings.sqlalchemy_url)
    for username, password, role, _ in DEMO_ACCOUNTS:
        assert UserRepo(db).authenticate(username, password).role == role
    db.dispose()


def test_add_and_list(settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["init", "--quiet"]) == 0
    monkeypatch.setenv("CSR_NEW_PASSWORD", "a-good-password")
    assert run(["add-user", "carol", "--role", "supervisor", "--name", "Carol"]) == 0
    assert "added supervisor carol" in capsys.readouterr().out
    assert run(["list-users"]) == 0
    assert "carol\tsupervisor\tCarol" in capsys.readouterr().out
    db = open_database(settings.sqlalchemy_url)
    assert UserRepo(db).authenticate("carol", "a-good-password").display_name == "Carol"
    db.dispose()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["add-user", "trainee"], "long-enough-1", "already exists"),
        (["add-user", "dave", "--role", "boss"], "long-enough-1", "unknown role"),
        (["add-user", "dave"], "short", "too short"),
    ],
)
def test_add_user_errors_are_one_line(  # type: ignore[no-untyped-def]
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys, args: list[str], password: str, message: str
) -> None:
    assert run(["init", "--quiet"]) == 0
    monkeypatch.setenv("CSR_NEW_PASSWORD", password)
    assert run(args) != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_add_user_with_team(settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["init", "--quiet"]) == 0
    monkeypatch.setenv("CSR_NEW_PASSWORD", "a-good-password")
    assert run(["add-user", "erin", "--name", "Erin", "--team", "new-hires-nov"]) == 0
    assert "added trainee erin to team new-hires-nov" in capsys.readouterr().out
    assert run(["list-users"]) == 0
    assert "erin\ttrainee\tErin\tnew-hires-nov" in capsys.readouterr().out
    db = open_database(settings.sqlalchemy_url)
    assert [u.username for u in UserRepo(db).list(role="trainee") if u.team == "new-hires-nov"] == [
        "erin",
        "trainee",
        "trainee2",
    ]
    db.dispose()
    assert run(["add-user", "frank", "--team", "bad/team"]) != 0
    err = capsys.readouterr().err
    assert "invalid team name" in err and len(err.strip().splitlines()) == 1
