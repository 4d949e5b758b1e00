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


def test_new_user_is_listed_at_once_and_roles_and_deactivation_work(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    from tests.app_pages.conftest import login

    trainee_app = app_as("trainee")  # logged in before the admin deactivates the account
    at = app_as("admin")
    at.switch_page("app_pages/admin.py").run()
    at.text_input(key="new_username").input("newbie")
    at.text_input(key="new_password").input("newbie-pass")
    click(at, "Add user")
    assert "Added trainee newbie." in texts(at)
    assert "newbie" in list(at.dataframe[0].value["user"])  # the list is read again after the add
    assert "newbie" in at.selectbox(key="unlock_who").options

    at.selectbox(key="unlock_who").select("trainee2").run()
    at.selectbox(key="role_of_trainee2").select("trainer").run()
    click(at, "Change role")
    assert "trainee2 is now a trainer." in texts(at)
    assert UserRepo(db).by_username("trainee2").role == "trainer"  # type: ignore[union-attr]

    at.selectbox(key="unlock_who").select("trainee").run()
    click(at, "Deactivate")
    assert "trainee is deactivated and can no longer log in." in texts(at)
    table = at.dataframe[0].value
    assert table[table["user"] == "trainee"]["status"].tolist() == ["deactivated"]
    refused = login("trainee", "trainee-demo")
    assert "Wrong user name or password." in texts(refused)
    trainee_app.run()  # the open session is ended at its next click
    assert "This account is not active; ask an admin." in texts(trainee_app)
    click(at, "Reactivate")
    assert "trainee is active again." in texts(at)

    at.selectbox(key="unlock_who").select("admin").run()
    click(at, "Deactivate")
    assert "you cannot deactivate your own account" in texts(at)
