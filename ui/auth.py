"""Login state per browser session and the role check every page starts with."""

from __future__ import annotations

import time

import streamlit as st

from domain.config import get_settings
from storage.types import UserInfo

_USER_KEY = "auth_user"
_LOGIN_AT = "auth_login_at"

ROLE_LABELS = {"trainee": "Trainee", "trainer": "Trainer", "supervisor": "Supervisor", "admin": "Admin"}


def current_user() -> UserInfo | None:
    user = st.session_state.get(_USER_KEY)
    if not isinstance(user, UserInfo):
        return None
    ttl = get_settings().session_ttl_minutes * 60
    if time.time() - float(st.session_state.get(_LOGIN_AT, 0)) > ttl:
        logout(message="Your session expired; please log in again.")
        return None
    return user


def logout(*, message: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if message:
        st.session_state["auth_message"] = message


def login_form() -> UserInfo | None:
    """The login form; returns the user once the password is right. Lockouts and errors say what happened."""
    st.title("CSR Coach")
    st.caption("Practise customer contacts and score them against the team's rubric.")
    if msg := st.session_state.pop("auth_message", None):
        st.info(msg)
    with st.form("login"):
        username = st.text_input("User name")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Log in")
    if not submitted:
        return None
    from storage import AccountLockedError, AuthError, UserRepo
    from ui.resources import database

    try:
        user = UserRepo(database()).authenticate(username.strip(), password)
    except AccountLockedError as exc:
        st.error(str(exc))
        return None
    except AuthError as exc:
        st.error(str(exc))
        return None
    st.session_state[_USER_KEY] = user
    st.session_state[_LOGIN_AT] = time.time()
    return user


def require_role(*roles: str) -> UserInfo:
    """The logged-in user if their role is one of ``roles``; otherwise an error and the page stops."""
    user = current_user()
    if user is None:
        st.error("Please log in.")
        st.stop()
        raise AssertionError("unreachable")
    if roles and user.role not in roles:
        st.error(f"This page is for {', '.join(ROLE_LABELS[r] for r in roles)} accounts; you are a {user.role}.")
        st.stop()
    return user


def sidebar_account(user: UserInfo) -> None:
    with st.sidebar:
        st.markdown(f"**{user.display_name}** · {ROLE_LABELS.get(user.role, user.role)}")
        if st.button("Log out", key="logout"):
            logout(message="Logged out.")
            st.rerun()
