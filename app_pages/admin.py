"""Users (admin): list accounts, add one, unlock a locked one, put one in a team."""

from __future__ import annotations

import streamlit as st

from services import StorageError, accounts
from services.accounts import ROLES
from ui.auth import require_role
from ui.resources import workspace

admin = require_role("admin")
st.title("Users")
users = accounts.admin(workspace(), admin)
st.dataframe(
    [{"user": u.username, "name": u.display_name, "role": u.role, "team": u.team or ""} for u in users.list()],
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
        st.success(f"Added {created.role} {created.username}.")

st.subheader("Unlock or reset")
names = [u.username for u in users.list()]
who = st.selectbox("Account", names, key="unlock_who")
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
current = next((u.team for u in users.list() if u.username == who), None) or ""
new_team = st.text_input(f"Team of {who} (blank: none)", value=current, key=f"team_of_{who}")
if st.button("Set team", key="set_team"):
    try:
        changed = users.set_team(who, new_team)
    except StorageError as exc:
        st.error(str(exc))
    else:
        st.success(f"{who} is now in team {changed.team}." if changed.team else f"{who} is in no team now.")
