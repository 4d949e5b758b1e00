"""Users (admin): list accounts, add one, change a role, deactivate or reactivate, unlock, put one in a team.

Every change goes through :class:`storage.users.UserAdmin`, which checks on each call that the viewer is still
an active admin; the page reruns after a change so the list shows it at once.
"""

from __future__ import annotations

import streamlit as st

from services import StorageError, accounts
from services.accounts import ROLES
from ui.auth import require_role
from ui.resources import workspace

admin = require_role("admin")
st.title("Users")
users = accounts.admin(workspace(), admin)
if flash := st.session_state.pop("admin_flash", None):
    st.success(flash)


def done(message: str) -> None:
    """Show ``message`` after a rerun, so every list on the page is read again."""
    st.session_state["admin_flash"] = message
    st.rerun()


everyone = users.list(include_inactive=True)
st.dataframe(
    [
        {
            "user": u.username,
            "name": u.display_name,
            "role": u.role,
            "team": u.team or "",
            "status": "active" if u.active else "deactivated",
        }
        for u in everyone
    ],
    hide_index=True,
    width="stretch",
)

st.subheader("Add a user")
with st.form("add_user", clear_on_submit=True):
    username = st.text_input("User name", key="new_username")
    display = st.text_input("Display name", key="new_display")
    role = st.selectbox("Role", ROLES, key="new_role")
    team = st.text_input("Team (optional, for assigning scenarios to a group)", key="new_team")
    password = st.text_input("Initial password (8+ characters)", type="password", key="new_password")
    add = st.form_submit_button("Add user")
if add:
    try:
        created = users.create(
            username.strip(), password, role=role, display_name=display.strip(), team=team.strip() or None
        )
    except StorageError as exc:
        st.error(str(exc))
    else:
        done(f"Added {created.role} {created.username}.")

st.subheader("Change an account")
names = [u.username for u in everyone]
who = st.selectbox("Account", names, key="unlock_who")
chosen = next(u for u in everyone if u.username == who)
r1, r2 = st.columns(2)
new_role = r1.selectbox("Role", ROLES, index=list(ROLES).index(chosen.role), key=f"role_of_{who}")
if r1.button("Change role", key="set_role", disabled=new_role == chosen.role):
    try:
        changed = users.set_role(who, new_role)
    except StorageError as exc:
        st.error(str(exc))
    else:
        done(f"{who} is now a {changed.role}.")
if chosen.active:
    if r2.button("Deactivate", key="deactivate", help="Cannot log in any more; their records are kept"):
        try:
            users.set_active(who, False)
        except StorageError as exc:
            st.error(str(exc))
        else:
            done(f"{who} is deactivated and can no longer log in.")
elif r2.button("Reactivate", key="reactivate"):
    try:
        users.set_active(who, True)
    except StorageError as exc:
        st.error(str(exc))
    else:
        done(f"{who} is active again.")

c1, c2 = st.columns(2)
if c1.button("Unlock", key="unlock"):
    users.unlock(who)
    st.success(f"{who} unlocked.")
new_pw = c2.text_input("New password", type="password", key="reset_pw")
if c2.button("Set password", key="reset"):
    try:
        users.set_password(who, new_pw)
    except StorageError as exc:
        st.error(str(exc))
    else:
        st.success(f"Password of {who} changed.")

st.subheader("Team")
new_team = st.text_input(f"Team of {who} (blank: none)", value=chosen.team or "", key=f"team_of_{who}")
if st.button("Set team", key="set_team"):
    try:
        changed = users.set_team(who, new_team)
    except StorageError as exc:
        st.error(str(exc))
    else:
        done(f"{who} is now in team {changed.team}." if changed.team else f"{who} is in no team now.")
