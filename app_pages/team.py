"""Team dashboard (supervisor): scores over time per trainee and criterion, weakest criteria, pass rate, CSV."""

from __future__ import annotations

import streamlit as st

from domain.csv_safety import safe_frame
from services import analytics, reporting
from services.certification import plans_for, status_rows
from services.lrs import push_now as lrs_push_now
from ui.auth import require_role
from ui.resources import workspace

user = require_role("supervisor", "trainer", "admin")
st.title("Team dashboard")
records = reporting.scorecards(workspace(), user)
if not records:
    st.info("No scorecards yet.")
    st.stop()

agents = sorted({r.agent_name for r in records if r.agent_name})
sources = sorted({r.source for r in records})
c1, c2 = st.columns(2)
pick_agents = c1.multiselect("Agents", agents, key="team_agents")
pick_sources = c2.multiselect("Source", sources, default=sources, key="team_sources")
shown = [r for r in records if (not pick_agents or r.agent_name in pick_agents) and r.source in pick_sources]
frame = analytics.criteria_frame(shown)
overall = analytics.overall_frame(shown)

rate = analytics.pass_rate(shown)
m1, m2, m3 = st.columns(3)
m1.metric("Contacts", len(shown))
m2.metric("Pass rate", "n/a" if rate is None else f"{rate:.0%}")
m3.metric("Overrides", int(overall["overrides"].sum()) if not overall.empty else 0)

if certs := plans_for(workspace().db, user):
    st.subheader("Certifications")
    st.dataframe(status_rows(certs), hide_index=True)
if st.button("Send results to the learning record store", key="team_lrs_push"):
    st.info(lrs_push_now(workspace().db))

if not overall.empty:
    st.subheader("Overall score over time, per agent")
    st.line_chart(overall.pivot_table(index="when", columns="agent", values="overall", aggfunc="mean"))
st.subheader("Per criterion over time")
wide = analytics.trend(frame)
if not wide.empty:
    st.line_chart(wide)
st.subheader("Weakest criteria")
st.dataframe(analytics.weakest_criteria(frame), hide_index=True)
if not frame.empty:
    st.subheader("Per agent and criterion (mean, overrides applied)")
    st.dataframe(frame.pivot_table(index="agent", columns="criterion", values="final", aggfunc="mean").round(1))

st.download_button(
    "Download scorecards (CSV)",
    reporting.scorecards_csv(shown).encode("utf-8"),
    file_name="scorecards.csv",
    mime="text/csv",
    key="team_csv",
)
st.download_button(
    "Download criterion scores (CSV)",
    safe_frame(frame).to_csv(index=False).encode("utf-8"),
    file_name="criterion_scores.csv",
    mime="text/csv",
    key="team_csv_criteria",
)
