"""Access control: a trainee sees only their own data, whatever they ask for and however they ask.

Repository queries are the line that cannot be skipped, so most checks are there; the pages are
checked too (AppTest), including query parameters naming another trainee's session or scorecard.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from domain.config import PROJECT_ROOT, Settings
from domain.loader import Library
from storage import (
    AccountLockedError,
    AssignmentRepo,
    AuthError,
    AuthoredRepo,
    Database,
    PracticeRepo,
    ScoreRepo,
    StaleSessionError,
    StorageError,
    UserInfo,
    UserRepo,
)
from storage.models import utcnow
from storage.passwords import LOCK_DURATION, MAX_FAILURES
from tests.security.conftest import finish, play

APP = str(PROJECT_ROOT / "app.py")
TIMEOUT = 90


@pytest.fixture
def victim(db: Database, users: dict[str, UserInfo], library: Library) -> dict[str, object]:
    """trainee's finished call (with a reviewer's override) and an unfinished one; trainee2 is the intruder."""
    trainee = users["trainee"]
    done = play(db, trainee, library, lines=("Hello, this is Alex, may I have your name? SECRET-MARKER-1",))
    card_id = finish(db, trainee, library, done)
    ScoreRepo(db).add_override(users["supervisor"], card_id, criterion="empathy", score=10.0, comment="harsh")
    open_call = play(db, trainee, library, lines=("SECRET-MARKER-2 how can I help?",), seed=3)
    AssignmentRepo(db).assign(users["trainer"], trainee_id=trainee.id, scenario_id="billing-double-charge")
    return {"card": card_id, "done": done.record_id, "open": open_call.record_id, "open_version": open_call.version}


# --- repositories --------------------------------------------------------------------------------------------------


def test_trainee_cannot_read_another_trainees_sessions(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object]
) -> None:
    intruder, repo = users["trainee2"], PracticeRepo(db)
    for sid in (victim["done"], victim["open"]):
        with pytest.raises(StorageError, match="no practice session"):
            repo.get(intruder, str(sid))
    assert repo.list(intruder) == [] and repo.unfinished(intruder) == []
    # the owner and staff do see them
    assert {r.id for r in repo.list(users["trainee"])} == {victim["done"], victim["open"]}
    assert repo.get(users["supervisor"], str(victim["done"])).turns


def test_trainee_cannot_write_another_trainees_session(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object], library: Library
) -> None:
    intruder, repo = users["trainee2"], PracticeRepo(db)
    sid, version = str(victim["open"]), int(str(victim["open_version"]))
    before = repo.get(users["trainee"], sid)
    fake: dict[str, object] = {"session": {"turns": []}}
    with pytest.raises(StorageError) as info:
        repo.save_turns(
            intruder, sid, expected_version=version, snapshot=fake, turns=[{"speaker": "agent", "text": "x"}]
        )
    assert not isinstance(info.value, StaleSessionError)  # not even the version number is revealed
    with pytest.raises(StorageError):
        repo.abandon(intruder, sid, expected_version=version)
    after = repo.get(users["trainee"], sid)
    assert (after.version, after.status, after.turns) == (before.version, before.status, before.turns)


def test_trainee_cannot_read_another_trainees_scores(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object]
) -> None:
    intruder, scores = users["trainee2"], ScoreRepo(db)
    with pytest.raises(StorageError, match="no scorecard"):
        scores.get(intruder, int(str(victim["card"])))
    assert scores.list(intruder) == []
    assert scores.list(intruder, user_id=users["trainee"].id) == []  # asking for someone else widens nothing
    assert [r.id for r in scores.list(users["trainee"])] == [victim["card"]]
    assert AssignmentRepo(db).list(intruder, trainee_id=users["trainee"].id) == []


@pytest.mark.parametrize("role", ["trainee", "trainee2"])
def test_trainee_cannot_score_override_or_author(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object], role: str
) -> None:
    who = users[role]
    with pytest.raises(StorageError, match="may not"):
        ScoreRepo(db).add_override(who, int(str(victim["card"])), criterion="empathy", score=100.0, comment="me")
    with pytest.raises(StorageError, match="may not"):
        AuthoredRepo(db).save(who, kind="rubric", doc_id="default", yaml_text="version: 1\n")
    with pytest.raises(StorageError, match="may not"):
        AssignmentRepo(db).assign(who, trainee_id=who.id, scenario_id="billing-double-charge")
    card = ScoreRepo(db).get(users["trainee"], int(str(victim["card"])))
    assert [o.score for o in card.overrides] == [10.0]


def test_user_export_contains_only_that_users_scorecards(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object]
) -> None:
    """A staff account's data export must not sweep up every trainee's scorecards (their role sees all)."""
    assert UserRepo(db).export("supervisor")["scorecards"] == []
    assert [c["id"] for c in UserRepo(db).export("trainee")["scorecards"]] == [victim["card"]]
    assert UserRepo(db).export("trainee2")["scorecards"] == []


def test_recordings_of_another_trainee_are_unreachable(
    db: Database, users: dict[str, UserInfo], victim: dict[str, object], settings: Settings
) -> None:
    """Recording paths are only handed out with a session the viewer may read."""
    from speech.errors import InvalidSessionIdError
    from speech.trainee import recording_path

    sid = str(victim["done"])
    path = recording_path(settings.recordings_dir, session_id=sid, turn_index=1)
    assert path.parent.parent == settings.recordings_dir  # generated name, inside the recordings folder
    with pytest.raises(StorageError):
        PracticeRepo(db).get(users["trainee2"], sid)
    with pytest.raises(InvalidSessionIdError):
        recording_path(settings.recordings_dir, session_id=f"../{sid}", turn_index=1)


# --- accounts: lockout, no user enumeration, admin-only management ---------------------------------------------------


def test_lockout_and_expiry(db: Database) -> None:
    users = UserRepo(db)
    now = utcnow()
    for i in range(MAX_FAILURES - 1):
        with pytest.raises(AuthError) as info:
            users.authenticate("trainee", "wrong-password", now=now)
        assert not isinstance(info.value, AccountLockedError), i
    with pytest.raises(AccountLockedError):
        users.authenticate("trainee", "wrong-password", now=now)
    with pytest.raises(AccountLockedError):  # the right password does not get through a lock
        users.authenticate("trainee", "trainee-demo", now=now + LOCK_DURATION - timedelta(seconds=1))
    assert users.authenticate("trainee", "trainee-demo", now=now + LOCK_DURATION + timedelta(seconds=1)).username == (
        "trainee"
    )


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(db: Database) -> None:
    with pytest.raises(AuthError) as unknown:
        UserRepo(db).authenticate("nobody-here", "whatever-pass")
    with pytest.raises(AuthError) as wrong:
        UserRepo(db).authenticate("trainee", "whatever-pass")
    assert str(unknown.value).split(".")[0] == str(wrong.value).split(".")[0] == "Wrong user name or password"


def test_password_hashes_are_argon2_and_never_leave_storage(db: Database) -> None:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        hashes = [r[0] for r in conn.execute(text("SELECT password_hash FROM users"))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all("-demo" not in h for h in hashes)
    exported = str(UserRepo(db).export("trainee"))
    assert "argon2" not in exported and "password" not in exported


# --- pages ---------------------------------------------------------------------------------------------------------


def _logged_in(db: Database, username: str, *, query: dict[str, str] | None = None, age: float = 0.0) -> AppTest:
    user = UserRepo(db).by_username(username)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.session_state["auth_user"] = user
    at.session_state["auth_login_at"] = time.time() - age
    return at.run()


def _page_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "error", "warning", "info", "success", "code", "text"):
        parts.extend(str(getattr(e, "value", "")) for e in getattr(at, kind))
    for box in at.selectbox:
        parts.extend(str(o) for o in box.options)
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["app_pages/practice.py", "app_pages/progress.py"])
def test_query_parameters_do_not_open_another_trainees_data(db: Database, victim: dict[str, object], page: str) -> None:
    query = {"session": str(victim["done"]), "scorecard": str(victim["card"]), "record": str(victim["open"])}
    at = _logged_in(db, "trainee2", query=query)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    shown = _page_text(at)
    assert "SECRET-MARKER" not in shown and str(victim["done"]) not in shown and str(victim["open"]) not in shown
    assert "Unfinished call" not in shown
    # the owner, same page and same query, does see their own unfinished call: the check above can fail
    owner = _logged_in(db, "trainee", query=query)
    owner.switch_page("app_pages/practice.py").run()
    assert "Unfinished call" in _page_text(owner)


@pytest.mark.parametrize("username", ["trainee", "trainer", "supervisor"])
def test_only_admins_reach_user_management(db: Database, username: str) -> None:
    at = _logged_in(db, username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/admin.py")
    direct = AppTest.from_file(str(PROJECT_ROOT / "app_pages/admin.py"), default_timeout=TIMEOUT)
    direct.session_state["auth_user"] = UserRepo(db).by_username(username)
    direct.session_state["auth_login_at"] = time.time()
    direct.run()
    assert not direct.text_input and "you are a" in _page_text(direct)


def test_sessions_expire(db: Database, settings: Settings) -> None:
    fresh = _logged_in(db, "trainee")
    assert fresh.title and fresh.title[0].value == "Practice"
    stale = _logged_in(db, "trainee", age=settings.session_ttl_minutes * 60 + 5)
    assert "expired" in _page_text(stale)
    assert [t.label for t in stale.text_input] == ["User name", "Password"]
    assert "auth_user" not in stale.session_state


@pytest.mark.parametrize("who", ["trainee", "trainee2", "trainer", "supervisor"])
def test_only_admins_manage_users_at_the_storage_layer(db: Database, users: dict[str, UserInfo], who: str) -> None:
    from storage import StorageError, UserAdmin

    with pytest.raises(StorageError, match="needs admin"):
        UserAdmin(db, users[who])


def test_admin_manages_users_through_user_admin(db: Database, users: dict[str, UserInfo]) -> None:
    from storage import UserAdmin, UserRepo

    admin = UserAdmin(db, users["admin"])
    created = admin.create("newhire", "a-long-enough-password", role="trainee", display_name="New Hire")
    assert created.role == "trainee"
    admin.set_password("newhire", "another-long-password")
    assert UserRepo(db).authenticate("newhire", "another-long-password").username == "newhire"
    assert "newhire" in {u.username for u in admin.list()}
