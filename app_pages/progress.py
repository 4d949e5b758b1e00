"""My progress (trainee): own history, trend per criterion, the next scenario to practise."""

from __future__ import annotations

import streamlit as st

from services import analytics, reporting
from services.certification import plans_for, status_rows
from services.disputes import side_by_side
from ui.auth import require_role
from ui.resources import workspace
from ui.widgets import label, scorecard_view

user = require_role("trainee")
st.title("My progress")
ws = workspace()
lib = ws.library
records = reporting.scorecards(ws, user)
frame = analytics.criteria_frame(records)
overall = analytics.overall_frame(records)

suggestion = analytics.suggest_scenario(frame, lib)
if suggestion:
    skill, sid = suggestion
    with st.container(border=True):
        st.markdown(f"**Next suggested scenario:** {lib.scenarios[sid].title} (`{sid}`) — practises **{label(skill)}**")
        if st.button("Practise it", key="practise_suggested"):
            st.session_state["practice_suggested"] = sid
            st.switch_page("app_pages/practice.py")

if certs := plans_for(workspace().db, user):
    st.subheader("Certifications")
    st.dataframe(status_rows(certs), hide_index=True)

if not records:
    st.info("No scored calls yet. Take a call on the Practice page.")
    st.stop()

rate = analytics.pass_rate(records)
c1, c2, c3 = st.columns(3)
c1.metric("Calls scored", len(records))
c2.metric("Pass rate", f"{rate:.0%}" if rate is not None else "n/a")
mean = overall["overall"].dropna().mean()
c3.metric("Average overall", f"{mean:.1f}" if mean == mean else "n/a")

st.subheader("Trend per criterion")
wide = analytics.trend(frame)
if not wide.empty:
    st.line_chart(wide)
weak = analytics.weakest_criteria(frame)
if not weak.empty:
    st.subheader("Weakest criteria")
    st.dataframe(weak, hide_index=True)

st.subheader("History")
st.dataframe(overall.drop(columns=["agent", "source"]), hide_index=True, width="stretch")
pick = st.selectbox(
    "Open a scorecard",
    [r.id for r in reversed(records)],
    key="progress_pick",
    format_func=lambda i: next(
        f"#{r.id} · {r.scenario_id or r.transcript_id} · {r.created_at:%Y-%m-%d %H:%M}" for r in records if r.id == i
    ),
)
record = next(r for r in records if r.id == pick)
if (resolved := side_by_side(workspace().db, user, record.id)).changed:
    st.caption(f"Overall {resolved.automatic_overall} automatic, {resolved.resolved_overall} after disputes")
scorecard_view(record.card, overrides=record.overrides, transcript=record.transcript)
