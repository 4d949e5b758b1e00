"""Review contacts (supervisor): upload real transcripts or recordings, score them, read and override."""

from __future__ import annotations

import streamlit as st

from storage import ScoreRepo, StorageError, UserRepo
from ui import practice, uploads
from ui.auth import require_role
from ui.resources import database, document_yaml, library, saved_revision, settings
from ui.widgets import label, scorecard_view

user = require_role("supervisor", "trainer", "admin")
st.title("Review contacts")
lib = library()
scores = ScoreRepo(database())

with st.container(border=True):
    st.subheader("Score real contacts")
    s = settings()
    st.caption(
        f"Transcripts (txt, json, jsonl, csv, vtt, srt; up to {s.max_text_upload_mb} MB) or recordings "
        f"(wav, mp3, m4a, ogg, flac; up to {s.max_audio_upload_mb} MB)."
    )
    files = st.file_uploader("Files", accept_multiple_files=True, key="review_files")
    c1, c2, c3 = st.columns(3)
    agents = ["", *[u.username for u in UserRepo(database()).list()]]
    agent = c1.selectbox("Agent (optional)", agents, key="review_agent")
    rubric_id = c2.selectbox("Rubric", sorted(lib.rubrics), key="review_rubric")
    scenario_id = c3.selectbox("Scenario context (optional)", ["", *sorted(lib.scenarios)], key="review_scenario")
    if st.button("Import and score", type="primary", key="review_score", disabled=not files):
        agent_user = UserRepo(database()).by_username(agent) if agent else None
        scenario = lib.scenarios.get(scenario_id) if scenario_id else None
        stored: list[int] = []
        for f in files or []:
            try:
                uploads.check(f.name, f.size, s)
                with st.spinner(f"Importing {f.name}…"):
                    transcripts = uploads.import_upload(f.getvalue(), filename=f.name, settings=s)
                for transcript in transcripts:
                    card = practice.score(transcript, scenario=scenario, rubric_ref=rubric_id)
                    stored.append(
                        scores.add(
                            user,
                            card=card,
                            transcript=transcript,
                            source="upload",
                            agent_name=agent or str(transcript.metadata.get("agent", "")),
                            user_id=agent_user.id if agent_user else None,
                            scenario_id=scenario_id or None,
                            rubric_yaml=document_yaml("rubric", rubric_id),
                            rubric_revision=saved_revision("rubric", rubric_id),
                        )
                    )
            except Exception as exc:  # importer and size errors are sentences written for the user
                st.error(str(exc))
        if stored:
            st.success(f"Scored and saved {len(stored)} contact(s).")
            st.session_state["review_open"] = stored[-1]

records = scores.list(user)
if not records:
    st.info("No scored contacts yet.")
    st.stop()

st.subheader("Scorecards")
ids = [r.id for r in reversed(records)]
default = st.session_state.get("review_open")
pick = st.selectbox(
    "Open",
    ids,
    index=ids.index(default) if default in ids else 0,
    format_func=lambda i: next(
        f"#{r.id} · {r.source} · {r.agent_name or '—'} · {r.transcript_id} · "
        f"{'n/a' if r.overall is None else f'{r.overall:.0f}'} {'PASS' if r.passed else 'FAIL'}"
        for r in records
        if r.id == i
    ),
    key="review_pick",
)
record = scores.get(user, pick)
st.caption(
    f"Scored with rubric {record.rubric_id} v{record.rubric_version}"
    + (f" (saved revision r{record.rubric_revision})" if record.rubric_revision else "")
)
scorecard_view(record.card, overrides=record.overrides, transcript=record.transcript)

with st.form("override"):
    st.markdown("**Override a criterion** (kept beside the automatic score, which is never changed)")
    criteria = list(record.card.get("criteria", {}))
    crit = st.selectbox("Criterion", criteria, format_func=label, key="ovr_criterion")
    value = st.number_input("Your score (0-100)", min_value=0.0, max_value=100.0, value=80.0, step=5.0, key="ovr_score")
    comment = st.text_area("Why", key="ovr_comment")
    if st.form_submit_button("Save override"):
        try:
            scores.add_override(user, record.id, criterion=crit, score=value, comment=comment)
        except StorageError as exc:
            st.error(str(exc))
        else:
            st.success("Override saved beside the automatic score.")
            st.rerun()
