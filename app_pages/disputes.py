"""Disputes: the person scored disputes a criterion; a supervisor settles it. Only they ever see it."""

from __future__ import annotations

import streamlit as st

from services import StorageError, disputes
from ui.auth import require_role
from ui.resources import workspace

user = require_role("trainee", "trainer", "supervisor", "admin")
db = workspace().db
judge = user.role in ("supervisor", "admin")
st.title("Disputes")

mine = disputes.own_scorecards(db, user)
if mine:
    st.subheader("Dispute a score")
    pick = st.selectbox(
        "Scorecard",
        [r.id for r in reversed(mine)],
        key="dispute_card",
        format_func=lambda i: next(
            f"#{r.id} · {r.scenario_id or r.transcript_id} · {r.created_at:%Y-%m-%d %H:%M}" for r in mine if r.id == i
        ),
    )
    view = disputes.side_by_side(db, user, pick)
    c1, c2 = st.columns(2)
    c1.metric("Automatic overall", "n/a" if view.automatic_overall is None else f"{view.automatic_overall:.1f}")
    c2.metric("Resolved overall", "n/a" if view.resolved_overall is None else f"{view.resolved_overall:.1f}")
    st.dataframe(
        [
            {"criterion": c.criterion, "automatic": c.automatic, "resolved": c.resolved, "dispute": c.status}
            for c in view.criteria
        ],
        hide_index=True,
    )
    with st.form("dispute_form"):
        criterion = st.selectbox("Criterion", [c.criterion for c in view.criteria], key="dispute_criterion")
        comment = st.text_area("Why the score is wrong", key="dispute_comment")
        if st.form_submit_button("Dispute"):
            try:
                did = disputes.open_dispute(db, user, pick, criterion=criterion, comment=comment)
                st.success(f"Dispute {did} opened.")
            except StorageError as exc:
                st.error(str(exc))

shown = disputes.disputes(db, user)
st.subheader("All disputes" if judge else "My disputes")
if not shown:
    st.info("No disputes.")
for d in shown:
    with st.expander(f"#{d.id} · scorecard {d.scorecard_id} · {d.criterion} · {d.status}", expanded=d.status == "open"):
        st.caption(f"rubric {d.rubric_id}@{d.rubric_version} · automatic {d.auto_score} · resolved {d.resolved_score}")
        for step in d.steps:
            st.markdown(
                f"**{step.action}** by {step.by} at {step.at:%Y-%m-%d %H:%M}"
                + (f" (score {step.score:g})" if step.score is not None else "")
                + f": {step.comment}"
            )
        if judge and d.status == "open":
            with st.form(f"settle_{d.id}"):
                action = st.radio(
                    "Decision", ["accepted", "adjusted", "rejected"], horizontal=True, key=f"settle_action_{d.id}"
                )
                score = st.number_input("Score (accept/adjust)", 0.0, 100.0, 100.0, key=f"settle_score_{d.id}")
                note = st.text_area("Comment", key=f"settle_comment_{d.id}")
                if st.form_submit_button("Settle"):
                    try:
                        disputes.settle(
                            db, user, d.id, action=action, comment=note, score=score if action != "rejected" else None
                        )
                        st.rerun()
                    except StorageError as exc:
                        st.error(str(exc))
