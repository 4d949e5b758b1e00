"""CSR Coach, the Streamlit app: login, then the pages the user's role may see. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

from ui.auth import current_user, login_form, sidebar_account
from ui.nav import pages_for

st.set_page_config(page_title="CSR Coach", page_icon=":material/support_agent:", layout="wide")

user = current_user()
if user is None:
    if login_form() is None:
        st.stop()
    st.rerun()
else:
    sidebar_account(user)
    st.navigation(pages_for(user)).run()
