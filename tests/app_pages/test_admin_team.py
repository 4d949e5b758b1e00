"""Users page: an admin adds a user to a team and moves an existing one; the team is stored."""

from __future__ import annotations

from storage import Database, UserRepo
from tests.app_pages.conftest import click, texts


def test_admin_sets_teams(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("admin")
    at.switch_page("app_pages/admin.py").run()
    at.text_input(key="new_username").input("newbie")
    at.selectbox(key="new_role").select("trainee")
    at.text_input(key="new_team").input("evening")
    at.text_input(key="new_password").input("newbie-pass")
    click(at, "Add user")
    assert "Added trainee newbie" in texts(at), texts(at)
    assert UserRepo(db).by_username("newbie").team == "evening"  # type: ignore[union-attr]
    at.selectbox(key="unlock_who").select("trainee2").run()
    assert at.text_input(key="team_of_trainee2").value == "new-hires-nov"
    at.text_input(key="team_of_trainee2").input("evening")
    click(at, "Set team")
    assert "trainee2 is now in team evening." in texts(at)
    assert sorted(u.username for u in UserRepo(db).list() if u.team == "evening") == ["newbie", "trainee2"]
    at.text_input(key="team_of_trainee2").input("")
    click(at, "Set team")
    assert "trainee2 is in no team now." in texts(at)
    assert UserRepo(db).by_username("trainee2").team is None  # type: ignore[union-attr]
