"""Login, lockout and who may see which page."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from domain.config import PROJECT_ROOT
from storage import Database, UserRepo
from tests.app_pages.conftest import click, login, texts
from ui import login_token


def test_login_page_shows_form(db: Database) -> None:
    at = login("trainee", "wrong-password")
    known = texts(at)
    assert "Wrong user name or password" in known
    # an unknown user gets exactly the same words: the form does not reveal which names exist
    unknown = texts(login("no-such-user", "wrong-password"))
    assert [line for line in known.splitlines() if "Wrong" in line] == [
        line for line in unknown.splitlines() if "Wrong" in line
    ]
    assert "attempt" not in " ".join(known)


def test_lockout_after_five_wrong_passwords(db: Database) -> None:
    for _ in range(5):
        at = login("trainee2", "nope-nope")
    assert "locked" in texts(at)
    # the right password is refused while locked, with the same clear message
    at = login("trainee2", "trainee2-demo")
    assert "locked" in texts(at)
    assert at.text_input[0].label == "User name"  # still on the login form
    assert "auth_token" not in at.session_state  # no login cookie for a locked account
    UserRepo(db).unlock("trainee2")
    at = login("trainee2", "trainee2-demo")
    assert "Sam Second" in texts(at)


@pytest.mark.parametrize(
    ("user", "title"),
    [("trainee", "Practice"), ("trainer", "Author"), ("supervisor", "Review contacts"), ("admin", "Author")],
)
def test_each_role_lands_on_its_first_page(app_as, user: str, title: str) -> None:  # type: ignore[no-untyped-def]
    at = app_as(user)
    assert at.title[0].value == title


STAFF_PAGES = ["app_pages/review.py", "app_pages/team.py", "app_pages/author.py", "app_pages/admin.py"]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_trainee_navigation_has_no_staff_pages(app_as, page: str) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize("page", [*STAFF_PAGES, "app_pages/batch_results.py"])
def test_staff_page_itself_refuses_a_trainee(db: Database, page: str) -> None:
    """Even run directly (no router), a staff page stops with a clear message for a trainee."""
    trainee = UserRepo(db).by_username("trainee")
    at = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=60)
    at.session_state["auth_user"] = trainee
    at.session_state["auth_login_at"] = time.time()
    at.run()
    assert not at.exception
    assert "you are a trainee" in texts(at)
    assert not at.file_uploader and not at.text_area and not at.title


def test_library_page_lists_scenarios(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    at.switch_page("app_pages/library.py").run()
    assert not at.exception
    assert "billing-double-charge" in "\n".join(e.label for e in at.expander)


def test_admin_adds_user_who_can_log_in(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("admin")
    at.switch_page("app_pages/admin.py").run()
    at.text_input(key="new_username").input("newbie")
    at.text_input(key="new_display").input("New Bie")
    at.selectbox(key="new_role").select("trainee")
    at.text_input(key="new_password").input("newbie-pass")
    click(at, "Add user")
    assert "Added trainee newbie" in texts(at), texts(at)
    at2 = login("newbie", "newbie-pass")
    assert "New Bie" in texts(at2)


def test_app_initialises_a_database_nobody_set_up(settings) -> None:  # type: ignore[no-untyped-def]
    """`streamlit run app.py` without `csrsim init`: the schema and demo accounts are created on first use."""
    assert not (settings.data_dir / "csr_coach.db").exists()
    at = login("supervisor", "supervisor-demo")
    assert not at.exception
    assert at.title[0].value == "Review contacts"


# --- the login cookie's token (ui/login_token.py) ---------------------------------------------------------

SECRET = "test-secret-" + "x" * 32


def test_token_round_trip_names_the_user() -> None:
    token = login_token.issue(secret=SECRET, user_id=7, username="trainee")
    claim = login_token.verify(token, secret=SECRET, max_age_seconds=60)
    assert claim is not None
    assert (claim.user_id, claim.username) == (7, "trainee")
    assert abs(claim.issued_at - time.time()) < 60


def _admin_payload() -> str:
    return login_token.issue(secret=SECRET, user_id=1, username="admin").split(".")[0]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: _admin_payload() + t[t.index(".") :],  # someone else's claim under this signature
        lambda t: "",
        lambda t: "x" * 5000,
    ],
)
def test_tampered_or_junk_tokens_are_refused(mangle) -> None:  # type: ignore[no-untyped-def]
    token = login_token.issue(secret=SECRET, user_id=7, username="trainee")
    assert login_token.verify(mangle(token), secret=SECRET, max_age_seconds=60) is None


def test_token_from_another_install_is_refused() -> None:
    token = login_token.issue(secret="another-install-secret", user_id=7, username="trainee")
    assert login_token.verify(token, secret=SECRET, max_age_seconds=60) is None


def test_expired_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    token = login_token.issue(secret=SECRET, user_id=7, username="trainee")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    assert login_token.verify(token, secret=SECRET, max_age_seconds=600) is None


def test_logout_revokes_only_its_own_token() -> None:
    mine = login_token.issue(secret=SECRET, user_id=7, username="trainee")
    other_tab = login_token.issue(secret=SECRET, user_id=7, username="trainee")
    login_token.revoke(mine, secret=SECRET)
    assert login_token.verify(mine, secret=SECRET, max_age_seconds=60) is None
    assert login_token.verify(other_tab, secret=SECRET, max_age_seconds=60) is not None


def test_install_secret_is_created_once_and_private(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CSR_SECRET_KEY", raising=False)
    first = login_token.secret_key(tmp_path)
    assert first == login_token.secret_key(tmp_path)
    assert len(first) >= 40
    assert (tmp_path / login_token.SECRET_FILE).stat().st_mode & 0o077 == 0


@given(st.text(max_size=300))
def test_verify_never_raises_on_any_cookie_text(text: str) -> None:
    assert login_token.verify(text, secret=SECRET, max_age_seconds=60) is None


def test_logout_clears_login_and_shows_the_form(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    assert at.session_state["auth_token"]
    click(at, "Log out")
    assert "Logged out." in texts(at)
    assert at.text_input[0].label == "User name"
    assert "auth_user" not in at.session_state
