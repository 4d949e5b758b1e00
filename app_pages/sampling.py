"""Review sampling (supervisor): which contacts of a batch to review, and what that review can tell."""

from __future__ import annotations

import streamlit as st

from services import sampling
from ui.auth import require_role
from ui.resources import settings

require_role("supervisor", "admin")
st.title("Review sampling")
st.caption(
    "Open the results file `csrsim batch` wrote. Random picks per agent estimate the agent's score (with the "
    "margin shown); risk picks (critical fails, not scorable, outliers, close to the pass mark) come on top."
)
upload = st.file_uploader("Results file", key="sample_file")
if upload is None:
    st.stop()
if upload.size > settings().max_text_upload_mb * 1024 * 1024:
    st.error(f"{upload.name} is larger than the {settings().max_text_upload_mb} MB limit.")
    st.stop()
try:
    frame = sampling.read_results_bytes(upload.getvalue(), filename=upload.name)
except sampling.ResultsFileError as exc:
    st.error(str(exc))
    st.stop()
c1, c2, c3 = st.columns(3)
per_agent = c1.number_input("Random contacts per agent", 1, 500, 5, key="sample_per_agent")
share = c2.number_input("Problem share to report (%)", 1.0, 100.0, 5.0, key="sample_share")
seed = c3.number_input("Seed", 0, 10**6, 0, key="sample_seed")
plan = sampling.propose(frame, per_agent=int(per_agent), seed=int(seed), shares=[share / 100, 0.10])
st.subheader("Per agent")
st.dataframe(sampling.summary_table(plan), hide_index=True)
st.subheader("Review list")
st.dataframe(plan.picks, hide_index=True)
st.download_button(
    "Download review list (CSV)",
    plan.picks.to_csv(index=False).encode("utf-8"),
    file_name="review_list.csv",
    mime="text/csv",
    key="sample_csv",
)
