"""Review contacts (supervisor): upload real transcripts or recordings, score them, read and override."""

from __future__ import annotations

import streamlit as st

from services import StorageError, accounts, contacts, practice, reporting, scorecards
from services.contacts import Upload
from services.uploads import UploadRejected, check
from ui.auth import require_role
from ui.resources import workspace
from ui.widgets import label, scorecard_view

user = require_role("supervisor", "trainer", "admin")
st.title("Review contacts")
ws = workspace()
lib = ws.library

with st.container(border=True):
    st.subheader("Score real contacts")
    s = ws.settings
    st.caption(
        f"Transcripts (txt, json, jsonl, csv, vtt, srt; up to {s.max_text_upload_mb} MB) or recordings "
        f"(wav, mp3, m4a, ogg, flac; up to {s.max_audio_upload_mb} MB)."
    )
    # a new key after every import empties the uploader, so the same file is never imported twice by accident
    generation = st.session_state.setdefault("review_upload_generation", 0)
    files = st.file_uploader("Files", accept_multiple_files=True, key=f"review_files_{generation}")
    c1, c2, c3 = st.columns(3)
    agent = c1.selectbox("Agent (optional)", ["", *accounts.usernames(ws)], key="review_agent")
    rubric_id = c2.selectbox("Rubric", sorted(lib.rubrics), key="review_rubric")
    scenario_id = c3.selectbox("Scenario context (optional)", ["", *sorted(lib.scenarios)], key="review_scenario")
    if st.button("Import and score", type="primary", key="review_score", disabled=not files) and files:
        uploads: list[Upload] = []
        refused: list[tuple[str, str]] = []
        for f in files or []:
            try:
                check(f.name, f.size, s)  # refused before reading the bytes
            except UploadRejected as exc:
                refused.append(("error", str(exc)))
            else:
                uploads.append(Upload(name=f.name, data=f.getvalue()))
        with st.spinner("Importing and scoring…"):
            outcome = contacts.import_and_store(
                ws, user, uploads, rubric_ref=rubric_id, scenario_ref=scenario_id or None, agent=agent
            )
        messages = [*refused, *(("error", e) for e in outcome.errors)]
        if outcome.new:
            messages.append(("success", f"Scored and saved {len(outcome.new)} contact(s)."))
        if outcome.existing:
            n = len(outcome.existing)
            messages.append(("info", f"Already scored with this rubric: {n} contact(s); opened, not imported again."))
        st.session_state["review_messages"] = messages
        if outcome.ids:
            # the picker's own state decides what is open: set it, so the call just imported is the one shown
            st.session_state["review_pick"] = outcome.ids[-1]
        st.session_state["review_upload_generation"] = generation + 1
        st.rerun()
    for kind, message in st.session_state.get("review_messages", []):
        getattr(st, kind)(message)

records = reporting.scorecards(ws, user)
if not records:
    st.info("No scored contacts yet.")
    st.stop()

st.subheader("Scorecards")
ids = [r.id for r in reversed(records)]
if st.session_state.get("review_pick") not in ids:
    st.session_state.pop("review_pick", None)
pick = st.selectbox(
    "Open",
    ids,
    format_func=lambda i: next(
        f"#{r.id} · {r.source} · {r.agent_name or '—'} · {r.transcript_id} · "
        f"{'n/a' if r.overall is None else f'{r.overall:.0f}'} {'PASS' if r.passed else 'FAIL'}"
        for r in records
        if r.id == i
    ),
    key="review_pick",
)
record = reporting.scorecard(ws, user, pick)
st.caption(
    f"Scored with rubric {record.rubric_id} v{record.rubric_version}"
    + (f" (saved revision r{record.rubric_revision})" if record.rubric_revision else "")
)
scorecard_view(
    record.card,
    overrides=record.overrides,
    transcript=record.transcript,
    # a voice practice call: evidence links to the trainee's recorded answer of that turn
    recordings=practice.recorded_turns(ws, user, record.session_id) if record.session_id else {},
    headline=scorecards.record_headline(ws, user, record),
    scenario=lib.scenarios.get(record.scenario_id or ""),
)

# one form per contact: what is submitted can only ever be saved on the contact this form was drawn for
with st.form(f"override_{record.id}"):
    st.markdown(
        f"**Override a criterion on contact #{record.id}** ({record.transcript_id}; kept beside the automatic "
        "score, which is never changed)"
    )
    criteria = list(record.card.get("criteria", {}))
    crit = st.selectbox("Criterion", criteria, format_func=label, key="ovr_criterion")
    value = st.number_input("Your score (0-100)", min_value=0.0, max_value=100.0, value=80.0, step=5.0, key="ovr_score")
    comment = st.text_area("Why", key="ovr_comment")
    if st.form_submit_button("Save override"):
        if st.session_state.get("review_pick") != record.id:
            st.error(
                "The contact on screen changed before saving; nothing was saved. Check the contact and save again."
            )
            st.stop()
        try:
            reporting.add_override(ws, user, record.id, criterion=crit, score=value, comment=comment)
        except StorageError as exc:
            st.error(str(exc))
        else:
            st.success("Override saved beside the automatic score.")
            st.rerun()
