"""Author (trainer): edit scenarios, policies and rubrics as YAML with live validation, preview, versions, assign."""

from __future__ import annotations

import streamlit as st

from domain.scenario import Scenario
from services import StorageError, authoring, preview, scenario_form
from ui.auth import require_role
from ui.authoring import problems_with_lines
from ui.authoring import scenario_form as scenario_form_view
from ui.resources import workspace
from ui.safe_text import escape_markdown

user = require_role("trainer", "admin")
st.title("Author")
ws = workspace()
lib = ws.library

NEW = "➕ new document"
if flash := st.session_state.pop("author_flash", None):
    st.success(flash)
if pending := st.session_state.pop("author_pending", None):
    # set before the widgets exist on this run: after a save or a duplicate, open that document
    st.session_state["author_kind"], st.session_state[f"author_pick_{pending[0]}"] = pending
kind = str(st.radio("Kind", ["scenario", "policy", "rubric"], horizontal=True, key="author_kind"))
known: dict[str, list[str]] = {
    "scenario": sorted(lib.scenarios),
    "policy": sorted(lib.policies),
    "rubric": sorted(lib.rubrics),
}
choice = str(st.selectbox("Document", [NEW, *known[kind]], key=f"author_pick_{kind}"))
text_key = f"author_text_{kind}_{choice}"
if text_key not in st.session_state:
    if choice != NEW:
        st.session_state[text_key] = ws.document_yaml(kind, choice)
    elif kind == "scenario":
        st.session_state[text_key] = scenario_form.blank_scenario()
    else:
        st.session_state[text_key] = f"version: 1\nkind: {kind}\nid: my-new-{kind}\n"
if choice != NEW and st.button("Duplicate", key="author_duplicate", help="Open a copy under a new id, unsaved"):
    try:
        copy = scenario_form.duplicate(st.session_state[text_key], new_id=f"{choice}-copy", taken=set(known[kind]))
    except ValueError as exc:
        st.error(str(exc))
    else:
        st.session_state[f"author_text_{kind}_{NEW}"] = copy
        st.session_state["author_pending"] = (kind, NEW)
        st.session_state["author_flash"] = (
            f"Copy of `{choice}` opened as a new document: change what differs, then save."
        )
        st.rerun()

current_text = str(st.session_state[text_key])
source = f"{choice if choice != NEW else 'new'}.yaml"
doc, problems = authoring.validate(ws, current_text, source=source)
edit_col, side_col = st.columns([3, 2])
with edit_col:
    if kind == "scenario":
        form_tab, yaml_tab = st.tabs(["Form", "YAML (advanced)"])
        with form_tab:
            if isinstance(doc.model, Scenario):
                scenario_form_view(doc.model, current_text, text_key=text_key)
            else:
                st.info("The form opens once the YAML parses as a scenario: fix the problems in the YAML view.")
        with yaml_tab:
            text = st.text_area("YAML", key=text_key, height=480)
    else:
        text = st.text_area("YAML", key=text_key, height=480)
    problems_with_lines(problems, text)
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
            # rerun so every list on the page (documents, Assign) reads the library with the new revision
            st.session_state["author_flash"] = f"Saved {saved.kind} `{saved.doc_id}` as revision {saved.revision}."
            st.session_state["author_pending"] = (saved.kind, saved.doc_id)
            st.session_state.pop(f"author_text_{saved.kind}_{saved.doc_id}", None)
            st.session_state[f"author_text_{saved.kind}_{saved.doc_id}"] = text
            if choice == NEW:
                st.session_state.pop(text_key, None)
            st.rerun()
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
        if state.get("pending"):
            st.caption("The line is open: greet the caller, as a trainee would.")
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
    a1, a2, a3, a4 = st.columns([2, 2, 1, 1])
    if target == "team" and teams:
        team = a1.selectbox("Team", teams, key="assign_team")
        members = [u for u in trainees if u.team == team]
        a1.caption(f"Members: {', '.join(u.username for u in members)}")
    else:
        who = a1.selectbox(
            "Trainee", trainees, format_func=lambda u: f"{u.display_name} ({u.username})", key="assign_who"
        )
        members = [who]
    scenario_ids = sorted(lib.scenarios, key=lambda s: (lib.scenarios[s].difficulty, s))
    default = authoring.default_scenario(ws, user, trainee_ids=[m.id for m in members])
    what = a2.selectbox(
        "Scenario",
        scenario_ids,
        index=scenario_ids.index(default) if default in scenario_ids else 0,
        format_func=lambda s: f"{lib.scenarios[s].title} ({s}, difficulty {lib.scenarios[s].difficulty})",
        key=f"assign_what_{target}_{'-'.join(str(m.id) for m in members)}",
        help="Preselected: the easiest scenario not yet passed",
    )
    due = a3.date_input("Due (optional)", value=None, key="assign_due")
    if a4.button("Assign", key="assign_btn"):
        try:
            if target == "team" and teams:
                added = authoring.assign(ws, user, team=team, scenario_id=what, due_date=due)
                message = f"Assigned `{what}` to team {team}: {added} new assignment(s)"
                message += "." if added else " (everyone already had it open)."
            else:
                authoring.assign(ws, user, trainee_id=who.id, scenario_id=what, due_date=due)
                message = f"Assigned `{what}` to {who.username}."
        except StorageError as exc:
            st.error(str(exc))
        else:
            st.success(message + (f" Due {due:%Y-%m-%d}." if due else ""))
    assigned = authoring.open_assignments(ws, user)
    if assigned:
        st.dataframe(
            [
                {
                    "trainee": a.trainee,
                    "scenario": a.scenario_id,
                    "due": a.due_date,
                    "by": a.assigned_by,
                    "since": a.created_at,
                }
                for a in assigned
            ],
            hide_index=True,
            width="stretch",
        )
        u1, u2 = st.columns([4, 1])
        withdraw = u1.selectbox(
            "Open assignment",
            assigned,
            format_func=lambda a: (
                f"#{a.id} · {a.trainee} · {a.scenario_id}" + (f" · due {a.due_date}" if a.due_date else "")
            ),
            key="unassign_pick",
        )
        if u2.button("Un-assign", key="unassign_btn"):
            try:
                authoring.unassign(ws, user, assignment_id=withdraw.id)
            except StorageError as exc:
                st.error(str(exc))
            else:
                st.session_state["author_flash"] = f"Un-assigned `{withdraw.scenario_id}` from {withdraw.trainee}."
                st.rerun()
