"""CSR Coach, the Streamlit app: login, then the pages the user's role may see. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

from ui.auth import current_user, go_to_deep_link, login_form, sidebar_account
from ui.nav import pages_for
from ui.style import FAVICON, apply_style

st.set_page_config(page_title="CSR Coach", page_icon=str(FAVICON), layout="wide")
apply_style()

user = current_user()
if user is None:
    if login_form() is None:
        st.stop()
    st.rerun()
else:
    sidebar_account(user)
    pages = pages_for(user)
    nav = st.navigation(pages)
    go_to_deep_link(pages)
    nav.run()
