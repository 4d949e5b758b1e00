"""Which pages each role sees. Pages check the role again themselves (ui.auth.require_role)."""

from __future__ import annotations

import streamlit as st

from storage.types import UserInfo

# (file, title, icon, roles)
PAGES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("app_pages/practice.py", "Practice", ":material/headset_mic:", ("trainee",)),
    ("app_pages/progress.py", "My progress", ":material/trending_up:", ("trainee",)),
    ("app_pages/author.py", "Author", ":material/edit_note:", ("trainer", "admin")),
    ("app_pages/review.py", "Review contacts", ":material/fact_check:", ("supervisor", "trainer", "admin")),
    ("app_pages/team.py", "Team dashboard", ":material/monitoring:", ("supervisor", "trainer", "admin")),
    ("app_pages/batch_results.py", "Batch results", ":material/table_view:", ("supervisor", "admin")),
    ("app_pages/disputes.py", "Disputes", ":material/gavel:", ("trainee", "trainer", "supervisor", "admin")),
    ("app_pages/sampling.py", "Review sampling", ":material/rule:", ("supervisor", "admin")),
    ("app_pages/admin.py", "Users", ":material/group:", ("admin",)),
    ("app_pages/library.py", "Scenario library", ":material/menu_book:", ("trainee", "trainer", "supervisor", "admin")),
)


def pages_for(user: UserInfo) -> list[st.Page]:
    return [
        st.Page(path, title=title, icon=icon, default=i == 0)
        for i, (path, title, icon, _roles) in enumerate(p for p in PAGES if user.role in p[3])
    ]
