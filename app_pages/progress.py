"""My progress (trainee): own history, trend per criterion, the next scenario to practise."""

from __future__ import annotations

import streamlit as st

from services import analytics, reporting
from services.certification import plans_for, status_rows
from services.disputes import side_by_side
from ui import practice
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

# the scenario just played is not suggested again straight away
just_played = [r.scenario_id for r in sorted(records, key=lambda r: (r.created_at, r.id))[-1:] if r.scenario_id]
suggestion = analytics.suggest_scenario(frame, lib, exclude=just_played)
if suggestion:
    skill, sid = suggestion
    with st.container(border=True):
        st.markdown(f"**Next suggested scenario:** {lib.scenarios[sid].title} (`{sid}`) — practises **{label(skill)}**")
        if st.button("Practise it", key="practise_suggested"):
            # the Practice page reads this key and puts the scenario first; the open scorecard is closed
            st.session_state["practice_suggested"] = sid
            st.session_state.pop("progress_pick", None)
            if (live := practice.current()) is not None and live.scorecard_id is not None:
                practice.close()  # a finished call's scorecard would cover the new scenario (it stays in History)
            st.switch_page("app_pages/practice.py")

if certs := plans_for(workspace().db, user):
    st.subheader("Certifications")
    st.dataframe(status_rows(certs), hide_index=True)

if not records:
    st.info("No scored calls yet. Take a call on the Practice page.")
    st.stop()

rate = analytics.pass_rate(records)
mean = analytics.average_overall(records)
unscored = len(records) - len(analytics.scorable(records))
c1, c2, c3 = st.columns(3)
c1.metric("Calls scored", len(records))
c2.metric("Pass rate", f"{rate:.0%}" if rate is not None else "n/a")
c3.metric("Average overall", f"{mean:.1f}" if mean is not None else "n/a")
if unscored:
    st.caption(f"{unscored} call(s) could not be scored and are left out of the pass rate and average.")

st.subheader("Trend per criterion")
wide = analytics.trend(frame, label=label)
if not wide.empty:
    st.line_chart(wide, x_label="Date", y_label="Score (0-100)")
weak = analytics.weakest_criteria(frame, label=label)
if not weak.empty:
    st.subheader("Weakest criteria")
    st.dataframe(weak, hide_index=True)

st.subheader("History")
st.dataframe(
    overall.drop(columns=["agent", "source", "passed"]).round({"overall": 1, "automatic": 1}),
    hide_index=True,
    width="stretch",
    column_config={
        "overall": st.column_config.NumberColumn("Score", format="%.1f"),
        "automatic": st.column_config.NumberColumn("Automatic", format="%.1f"),
        "when": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
    },
)
pick = st.selectbox(
    "Open a scorecard",
    [r.id for r in reversed(records)],
    key="progress_pick",
    format_func=lambda i: next(
        f"#{r.id} · {r.scenario_id or r.transcript_id} · {r.created_at:%Y-%m-%d %H:%M}" for r in records if r.id == i
    ),
)
record = next(r for r in records if r.id == pick)
head = analytics.headline(record)
if not head.scorable:
    st.info("This call could not be scored: it is left out of your averages.")
elif head.changed:
    st.metric(
        "Score after review",
        f"{head.overall:.1f} {'PASS' if head.passed else 'FAIL'}",
        delta=f"{(head.overall or 0) - (head.automatic or 0):+.1f} vs automatic {head.automatic:.1f}",
    )
if (resolved := side_by_side(workspace().db, user, record.id)).changed:
    st.metric(
        "Score after disputes",
        f"{resolved.resolved_overall:.1f}" if resolved.resolved_overall is not None else "not scorable",
        delta=f"automatic {resolved.automatic_overall}",
        delta_color="off",
    )
    st.caption(f"Overall {resolved.automatic_overall} automatic, {resolved.resolved_overall} after disputes")
scorecard_view(record.card, overrides=record.overrides, transcript=record.transcript)
