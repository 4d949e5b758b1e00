"""Batch results (supervisor): the file `csrsim batch` wrote — distribution, worst contacts first, drill-down."""

from __future__ import annotations

import streamlit as st

from services.batch_results import BatchFileError, agents, contact_days, criterion_columns, filter_results, read_results
from ui.auth import require_role
from ui.resources import settings
from ui.widgets import scorecard_view

require_role("supervisor", "admin")
st.title("Batch results")
st.caption("Open the CSV or JSONL that `csrsim batch DIR --out FILE` wrote.")
upload = st.file_uploader("Results file", key="batch_file")
if upload is None:
    st.stop()
if upload.size > settings().max_text_upload_mb * 1024 * 1024:
    st.error(f"{upload.name} is larger than the {settings().max_text_upload_mb} MB limit for text files.")
    st.stop()
try:
    frame, cards = read_results(upload.getvalue(), filename=upload.name)
except (BatchFileError, UnicodeDecodeError, ValueError) as exc:
    st.error(str(exc))
    st.stop()

c1, c2 = st.columns(2)
status = c1.radio("Show", ["all", "failed", "passed"], horizontal=True, key="batch_status")
low, high = c2.slider("Overall between", 0, 100, (0, 100), key="batch_range")
c3, c4, c5 = st.columns(3)
picked_agents = c3.multiselect("Agents", agents(frame), key="batch_agents", placeholder="all agents")
all_crits = criterion_columns(frame)
criterion = c4.selectbox("Criterion", all_crits, index=None, key="batch_criterion", placeholder="any criterion")
crit_low, crit_high = (0, 100)
if criterion:
    crit_low, crit_high = c4.slider(f"{criterion} between", 0, 100, (0, 100), key="batch_crit_range")
known_days = contact_days(frame).dropna()
days = None
if not known_days.empty:
    first, last = min(known_days), max(known_days)
    chosen = c5.date_input(
        "Contact date",
        (first, last),
        min_value=first,
        max_value=last,
        key="batch_dates",
        help="The call's date from its metadata; the day it was scored when the call did not say.",
    )
    if isinstance(chosen, tuple) and len(chosen) == 2 and tuple(chosen) != (first, last):
        days = (chosen[0], chosen[1])
shown = filter_results(
    frame,
    status=status,
    overall=(low, high),
    agent_names=picked_agents,
    criterion=criterion,
    criterion_range=(crit_low, crit_high),
    days=days,
)

m1, m2, m3 = st.columns(3)
m1.metric("Contacts", len(shown))
if "passed" in shown.columns and len(shown):
    m2.metric("Pass rate", f"{shown['passed'].mean():.0%}")
m3.metric("Median overall", "n/a" if shown["overall"].dropna().empty else f"{shown['overall'].median():.1f}")

st.subheader("Score distribution")
bins = (shown["overall"].dropna() // 10 * 10).clip(0, 90).astype(int).value_counts().sort_index()
st.bar_chart(bins.rename("contacts"))
crits = criterion_columns(shown)
if crits:
    st.subheader("Mean per criterion")
    st.bar_chart(shown[crits].mean().rename("mean score"))
st.subheader("Worst contacts first")
st.dataframe(shown, hide_index=True, width="stretch")
if cards:
    ids = [str(t) for t in shown["transcript"] if str(t) in cards]
    if ids:
        pick = st.selectbox("Drill into a scorecard", ids, key="batch_pick")
        scorecard_view(cards[pick])
