"""Batch results (supervisor): the file `csrsim batch` wrote — distribution, worst contacts first, drill-down."""

from __future__ import annotations

import streamlit as st

from ui.auth import require_role
from ui.batch_view import BatchFileError, criterion_columns, read_results
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
shown = frame
if "passed" in frame.columns and status != "all":
    shown = shown[shown["passed"] == (status == "passed")]
shown = shown[(shown["overall"].isna()) | shown["overall"].between(low, high)]

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
