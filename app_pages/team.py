"""Team dashboard (supervisor): scores over time per trainee and criterion, weakest criteria, pass rate, CSV."""

from __future__ import annotations

import streamlit as st

from domain.csv_safety import safe_frame
from services import analytics, reporting
from services.certification import plans_for, status_rows
from services.lrs import push_now as lrs_push_now
from ui.auth import require_role
from ui.resources import workspace
from ui.widgets import label

user = require_role("supervisor", "trainer", "admin")
st.title("Team dashboard")
records = reporting.scorecards(workspace(), user)
if not records:
    st.info("No scorecards yet.")
    st.stop()

agents = sorted({r.agent_name for r in records if r.agent_name})
sources = sorted({r.source for r in records})
channels = sorted({analytics.channel_of(r) for r in records})
first_day, last_day = min(r.created_at.date() for r in records), max(r.created_at.date() for r in records)
c1, c2, c3 = st.columns(3)
pick_teams = c1.multiselect("Team", reporting.teams(workspace()), key="team_teams")
pick_agents = c2.multiselect("Agents", agents, key="team_agents")
pick_channels = c3.multiselect("Channel", channels, key="team_channels")
d1, d2 = st.columns(2)
pick_sources = d1.multiselect("Source", sources, default=sources, key="team_sources")
days = d2.date_input("Dates", value=(first_day, last_day), key="team_dates")
since, until = (days[0], days[-1]) if isinstance(days, tuple | list) and days else (None, None)
shown = [
    r
    for r in analytics.filter_records(
        records,
        teams_by_user=reporting.teams_by_user(workspace()),
        teams=pick_teams,
        since=since,
        until=until,
        channels=pick_channels,
    )
    if (not pick_agents or r.agent_name in pick_agents) and r.source in pick_sources
]
frame = analytics.criteria_frame(shown)
overall = analytics.overall_frame(shown)

rate = analytics.pass_rate(shown)
mean = analytics.average_overall(shown)
unscored = len(shown) - len(analytics.scorable(shown))
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Contacts", len(shown))
m2.metric("Pass rate", "n/a" if rate is None else f"{rate:.0%}")
m3.metric("Average score", "n/a" if mean is None else f"{mean:.1f}")
m4.metric("Not scorable", unscored)
m5.metric("Overrides", int(overall["overrides"].sum()) if not overall.empty else 0)
if unscored:
    st.caption("Contacts that could not be scored are left out of the pass rate and averages.")

if certs := plans_for(workspace().db, user):
    st.subheader("Certifications")
    st.dataframe(status_rows(certs), hide_index=True)
if st.button("Send results to the learning record store", key="team_lrs_push"):
    st.info(lrs_push_now(workspace().db))

per_agent = analytics.trend(overall.dropna(subset=["overall"]), by="agent")
if not per_agent.empty:
    st.subheader("Overall score per day, per agent (overrides applied)")
    st.line_chart(per_agent, x_label="Date", y_label="Score (0-100)")
st.subheader("Per criterion per day")
wide = analytics.trend(frame, label=label)
if not wide.empty:
    st.line_chart(wide, x_label="Date", y_label="Score (0-100)")
st.subheader("Weakest criteria")
st.dataframe(analytics.weakest_criteria(frame, label=label), hide_index=True)
if not frame.empty:
    st.subheader("Per agent and criterion (mean, overrides applied)")
    table = frame.pivot_table(index="agent", columns="criterion", values="final", aggfunc="mean").round(1)
    st.dataframe(table.rename(columns=label))

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
