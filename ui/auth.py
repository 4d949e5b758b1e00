"""Login state per browser session, the login cookie that survives a refresh, and the role check every page starts with.

A successful login stores the user in ``st.session_state`` and a signed, expiring token (ui/login_token.py)
in the ``csr_login`` cookie, written by a tiny ``st.components.v2`` component. A refresh (F5) opens a new
Streamlit session: ``current_user`` then reads the cookie from ``st.context.cookies`` and restores the
login without a password, keeping the original login time, so ``CSR_SESSION_TTL_MINUTES`` still ends it.
*Log out* revokes the token and deletes the cookie. Lockout is unchanged: it guards the password, and a
cookie is only ever issued after the right password.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlparse

import streamlit as st

from domain.config import get_settings
from storage.types import UserInfo
from ui import login_token
from ui.components import component

logger = logging.getLogger(__name__)

COOKIE = "csr_login"
_USER_KEY = "auth_user"
_LOGIN_AT = "auth_login_at"
_TOKEN = "auth_token"
_NO_COOKIE = "auth_no_cookie"  # logged out in this tab: the (stale) cookie header must not log back in
_NEXT = "auth_next"  # (url path, query params) the user asked for before logging in

ROLE_LABELS = {"trainee": "Trainee", "trainer": "Trainer", "supervisor": "Supervisor", "admin": "Admin"}


def _ttl_seconds() -> int:
    return get_settings().session_ttl_minutes * 60


def _secret() -> str:
    return login_token.secret_key(get_settings().data_dir)


def _from_cookie() -> UserInfo | None:
    """The user a valid login cookie names, put back into this session; None without one."""
    if st.session_state.get(_NO_COOKIE):
        return None
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # no browser context (AppTest, bare script run)
        return None
    if not token:
        return None
    claim = login_token.verify(token, secret=_secret(), max_age_seconds=_ttl_seconds())
    if claim is None:
        return None
    from storage import UserRepo
    from ui.resources import database

    user = UserRepo(database()).get(claim.user_id)
    if user is None or user.username != claim.username or not user.active:
        return None
    st.session_state[_USER_KEY] = user
    st.session_state[_LOGIN_AT] = claim.issued_at
    st.session_state[_TOKEN] = token
    st.session_state["auth_restored"] = True  # the Practice page resumes a call in progress without a click
    logger.info("login of %s restored from its cookie", user.username)
    return user


def _still_active(user: UserInfo) -> UserInfo | None:
    """The account as stored now: a deactivated one is logged out at its next click, a new role applies."""
    from storage import UserRepo
    from ui.resources import database

    fresh = UserRepo(database()).get(user.id)
    if fresh is None or not fresh.active or fresh.username != user.username:
        logout(message="This account is not active; ask an admin.")
        return None
    if fresh != user:
        st.session_state[_USER_KEY] = fresh
    return fresh


def current_user() -> UserInfo | None:
    user = st.session_state.get(_USER_KEY)
    if not isinstance(user, UserInfo):
        user = _from_cookie()
        if user is None:
            return None
    elif (user := _still_active(user)) is None:
        return None
    if time.time() - float(st.session_state.get(_LOGIN_AT, 0)) > _ttl_seconds():
        logout(message="Your session expired; please log in again.")
        return None
    return user


def logout(*, message: str | None = None) -> None:
    """Forget the login in this tab, revoke its token and have the login page delete the cookie."""
    if token := st.session_state.get(_TOKEN):
        login_token.revoke(token, secret=_secret())
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[_NO_COOKIE] = True
    if message:
        st.session_state["auth_message"] = message


def _cookie(value: str, *, max_age: float) -> None:
    mount = component("cookie", js="cookie.js")
    mount(key="auth_cookie", data={"name": COOKIE, "value": value, "max_age": int(max_age)}, height=0)  # type: ignore[operator]


def client_id() -> str | None:
    """Who is asking, for per-client login throttling: the peer address of the browser's connection.

    Loopback connections count as one client, ``local``. Forwarded headers are not trusted (a client could
    pick a new identity on every attempt); behind a proxy every user shares its address and the per-client
    limits apply to the proxy. None outside a browser.
    """
    try:
        address = st.context.ip_address
        has_browser = bool(st.context.headers.get("Host"))
    except Exception:  # no browser context (AppTest, bare script run)
        return None
    if isinstance(address, str) and address:  # AppTest hands out a mock here
        return address
    return "local" if has_browser else None  # Streamlit hides loopback addresses: one local client


def _remember_destination() -> None:
    """Keep the page and query the user opened (a deep link) so login can take them there."""
    if _NEXT in st.session_state:
        return
    try:
        path = urlparse(st.context.url or "").path.strip("/")
    except Exception:
        path = ""
    st.session_state[_NEXT] = (path.rsplit("/", 1)[-1], dict(st.query_params.to_dict()))


def go_to_deep_link(pages: list[Any]) -> None:
    """After login: switch once to the page of the remembered deep link (with its query), if the user may see it."""
    target = st.session_state.pop(_NEXT, None)
    if not target or not target[0]:
        return
    path, query = target
    for page in pages:
        if page.url_path == path:
            st.switch_page(page, query_params=query or None)


def login_form() -> UserInfo | None:
    """The login form; returns the user once the password is right. Lockouts and errors say what happened."""
    _remember_destination()
    if st.session_state.get(_NO_COOKIE):
        _cookie("", max_age=0)
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
        user = UserRepo(database()).authenticate(username.strip(), password, client=client_id())
    except AccountLockedError as exc:
        st.error(str(exc))
        return None
    except AuthError as exc:
        st.error(str(exc))
        return None
    st.session_state[_USER_KEY] = user
    st.session_state[_LOGIN_AT] = time.time()
    st.session_state[_TOKEN] = login_token.issue(secret=_secret(), user_id=user.id, username=user.username)
    st.session_state.pop(_NO_COOKIE, None)
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
        if token := st.session_state.get(_TOKEN):
            # rendered on every run with the same data, so the browser writes it once per login
            remaining = _ttl_seconds() - (time.time() - float(st.session_state.get(_LOGIN_AT, 0)))
            _cookie(token, max_age=max(remaining, 0))
        if st.button("Log out", key="logout"):
            logout(message="Logged out.")
            st.rerun()
