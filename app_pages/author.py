"""Author (trainer): edit scenarios, policies and rubrics as YAML with live validation, preview, versions, assign."""

from __future__ import annotations

import streamlit as st

from domain.scenario import Scenario
from services import StorageError, authoring, preview
from ui.auth import require_role
from ui.resources import workspace
from ui.safe_text import escape_markdown
from ui.widgets import problems_view

user = require_role("trainer", "admin")
st.title("Author")
ws = workspace()
lib = ws.library

NEW = "➕ new document"
kind = str(st.radio("Kind", ["scenario", "policy", "rubric"], horizontal=True, key="author_kind"))
known: dict[str, list[str]] = {
    "scenario": sorted(lib.scenarios),
    "policy": sorted(lib.policies),
    "rubric": sorted(lib.rubrics),
}
choice = str(st.selectbox("Document", [NEW, *known[kind]], key=f"author_pick_{kind}"))
text_key = f"author_text_{kind}_{choice}"
if text_key not in st.session_state:
    st.session_state[text_key] = (
        f"version: 1\nkind: {kind}\nid: my-new-{kind}\n" if choice == NEW else ws.document_yaml(kind, choice)
    )

edit_col, side_col = st.columns([3, 2])
with edit_col:
    text = st.text_area("YAML", key=text_key, height=480)
    doc, problems = authoring.validate(ws, text, source=f"{choice if choice != NEW else 'new'}.yaml")
    problems_view(problems)
    if doc.kind is not None and doc.kind != kind:
        st.warning(f"This text is a {doc.kind}, not a {kind}; it will be saved as a {doc.kind}.")
    version_problem = authoring.rubric_version_problem(ws, doc, text) if not problems else None
    if version_problem:
        st.error(version_problem, icon=":material/error:")
    if st.button("Save new version", disabled=bool(problems or version_problem), type="primary", key="author_save"):
        try:
            saved = authoring.save_revision(ws, user, kind=doc.kind or kind, doc_id=doc.ident or "", yaml_text=text)
        except StorageError as exc:
            st.error(f"Not saved: {exc}")
        else:
            st.success(f"Saved {saved.kind} `{saved.doc_id}` as revision {saved.revision}.")
    if choice != NEW:
        history = authoring.history(ws, kind=kind, doc_id=choice)
        with st.expander(f"Saved revisions ({len(history)})"):
            if not history:
                st.caption("Only the shipped file; no revision saved in the app yet.")
            for rev in history:
                st.markdown(f"**r{rev.revision}** · {rev.created_at:%Y-%m-%d %H:%M} · {rev.author or '?'}")

with side_col:
    st.subheader("Preview")
    if kind != "scenario" or not isinstance(doc.model, Scenario) or problems:
        st.caption("A valid scenario can be played here against the scripted customer.")
    else:
        scenario = doc.model
        pkey = f"author_preview_{scenario.id}"
        if st.button("Restart preview", key="preview_restart") or pkey not in st.session_state:
            st.session_state[pkey] = preview.start(scenario)
        state = st.session_state[pkey]
        st.caption(f"{scenario.brief.customer_name}: {scenario.brief.reason}")
        for speaker, line in state["lines"]:
            with st.chat_message("user" if speaker == "agent" else "assistant"):
                st.markdown(escape_markdown(line))
        if state.get("ended"):
            st.info(f"The customer ended the call ({state['ended']}).")
        else:
            with st.form("preview_form", clear_on_submit=True):
                said = st.text_input("You say", key="preview_input")
                if st.form_submit_button("Send") and said.strip():
                    st.session_state[pkey] = preview.reply(scenario, state, said.strip())
                    st.rerun()

st.divider()
st.subheader("Assign a scenario")
trainees = authoring.trainees(ws)
if not trainees:
    st.caption("No trainee accounts yet.")
else:
    teams = authoring.teams(ws)
    target = st.radio("Assign to", ["trainee", "team"], horizontal=True, key="assign_to", disabled=not teams)
    a1, a2, a3 = st.columns([2, 2, 1])
    if target == "team" and teams:
        team = a1.selectbox("Team", teams, key="assign_team")
        members = ", ".join(u.username for u in trainees if u.team == team)
        a1.caption(f"Members: {members}")
    else:
        who = a1.selectbox(
            "Trainee", trainees, format_func=lambda u: f"{u.display_name} ({u.username})", key="assign_who"
        )
    what = a2.selectbox("Scenario", sorted(lib.scenarios), key="assign_what")
    if a3.button("Assign", key="assign_btn"):
        try:
            if target == "team" and teams:
                added = authoring.assign(ws, user, team=team, scenario_id=what)
                message = f"Assigned `{what}` to team {team}: {added} new assignment(s)"
                message += "." if added else " (everyone already had it open)."
            else:
                authoring.assign(ws, user, trainee_id=who.id, scenario_id=what)
                message = f"Assigned `{what}` to {who.username}."
        except StorageError as exc:
            st.error(str(exc))
        else:
            st.success(message)
    assigned = authoring.open_assignments(ws, user)
    if assigned:
        st.dataframe(
            [
                {"trainee": a.trainee, "scenario": a.scenario_id, "by": a.assigned_by, "since": a.created_at}
                for a in assigned
            ],
            hide_index=True,
            width="stretch",
        )
