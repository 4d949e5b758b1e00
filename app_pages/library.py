"""Scenario library: what there is to practise, filterable by category, skill and difficulty."""

from __future__ import annotations

import streamlit as st

from ui.auth import require_role
from ui.resources import library

require_role("trainee", "trainer", "supervisor", "admin")
st.title("Scenario library")
lib = library()
scenarios = sorted(lib.scenarios.values(), key=lambda s: (s.difficulty, s.id))
skills = sorted({str(k) for s in scenarios for k in s.skills})
categories = sorted({str(s.category) for s in scenarios})
c1, c2, c3 = st.columns(3)
pick_cat = c1.multiselect("Category", categories)
pick_skill = c2.multiselect("Skill", skills)
max_diff = c3.slider("Max difficulty", 1, 5, 5)
shown = [
    s
    for s in scenarios
    if (not pick_cat or str(s.category) in pick_cat)
    and (not pick_skill or set(pick_skill) & {str(k) for k in s.skills})
    and s.difficulty <= max_diff
]
st.caption(f"{len(shown)} of {len(scenarios)} scenarios")
for sc in shown:
    with st.expander(f"{sc.title} · `{sc.id}` · difficulty {sc.difficulty}"):
        st.markdown(sc.description)
        st.markdown(
            f"**Channel:** {sc.channel} · **Category:** {sc.category} · "
            f"**Skills:** {', '.join(str(k) for k in sc.skills)} · **Target:** {sc.time_target_seconds // 60} min"
        )
        st.markdown(f"**Customer:** {sc.brief.customer_name} — {sc.brief.reason}")
        st.caption(f"Rubric `{sc.rubric}` · policies: {', '.join(sc.policies)}")
