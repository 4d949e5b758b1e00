"""Practice (trainee): take a simulated call by voice or text, then read the scorecard."""

from __future__ import annotations

import streamlit as st

from services import StaleSessionError, reporting, scorecards
from ui import practice
from ui.auth import require_role
from ui.clock import handle_time_clock
from ui.resources import library, warm_speech, workspace
from ui.voice import hands_free_answer
from ui.widgets import scorecard_view

user = require_role("trainee")
st.title("Practice")
lib = library()


def stale(exc: StaleSessionError, record_id: str) -> None:
    """Remember the conflict so the message and the reload button survive the rerun."""
    st.session_state["practice_stale"] = (str(exc), record_id)
    st.rerun()


if conflict := st.session_state.get("practice_stale"):
    st.error(conflict[0])
    if st.button("Reload the latest saved version", key="reload_stale"):
        del st.session_state["practice_stale"]
        practice.resume(user, conflict[1])
        st.rerun()
    st.stop()

live = practice.current()

restored = st.session_state.pop("auth_restored", False)
# a refresh (F5) restored the login from its cookie: carry on with the call that was in progress
if live is None and restored and (waiting := practice.unfinished(user)):
    try:
        live = practice.resume(user, max(waiting, key=lambda r: r.started_at).id)
    except (StaleSessionError, ValueError):
        live = None  # offered below with its reason

if live is None:
    for rec in practice.unfinished(user):
        with st.container(border=True):
            title = lib.scenarios[rec.scenario_id].title if rec.scenario_id in lib.scenarios else rec.scenario_id
            st.markdown(f"**Unfinished call:** {title} · started {rec.started_at:%Y-%m-%d %H:%M} UTC")
            c1, c2 = st.columns(2)
            broken = st.session_state.setdefault("practice_broken", {})
            if rec.id in broken:
                st.error(broken[rec.id])
                if st.button("Discard this call", key=f"discard_{rec.id}"):
                    practice.abandon(user, rec)
                    broken.pop(rec.id, None)
                    st.rerun()
                continue
            try:
                if c1.button("Resume", key=f"resume_{rec.id}"):
                    practice.resume(user, rec.id)
                    st.rerun()
                if c2.button("End and score", key=f"endscore_{rec.id}"):
                    practice.end_and_score(user, practice.resume(user, rec.id))
                    st.rerun()
            except StaleSessionError as exc:
                stale(exc, rec.id)
            except ValueError as exc:
                practice.close()
                broken[rec.id] = str(exc)
                st.rerun()
    assigned = [a.scenario_id for a in practice.open_assignments(user) if a.scenario_id in lib.scenarios]
    if assigned:
        st.info("Assigned to you: " + ", ".join(f"`{s}`" for s in dict.fromkeys(assigned)))
    ids = list(dict.fromkeys([*assigned, *sorted(lib.scenarios, key=lambda s: (lib.scenarios[s].difficulty, s))]))
    suggested = st.session_state.pop("practice_suggested", None)
    if suggested in ids:
        ids.remove(suggested)
        ids.insert(0, suggested)
    pick = st.selectbox(
        "Scenario",
        ids,
        format_func=lambda s: f"{lib.scenarios[s].title} ({s}, difficulty {lib.scenarios[s].difficulty})",
        key="practice_pick",
    )
    sc = lib.scenarios[pick]
    with st.container(border=True):
        st.subheader("Call brief")
        st.markdown(f"**Customer:** {sc.brief.customer_name}  \n**Reason:** {sc.brief.reason}")
        if sc.brief.notes:
            st.caption(sc.brief.notes)
        st.caption(
            f"Channel: {sc.channel} · target handle time "
            f"{sc.time_target_seconds // 60}:{sc.time_target_seconds % 60:02d}"
        )
    if st.button("Start call", type="primary", key="start_call"):
        practice.start(user, sc)
        st.rerun()
    st.stop()

session = live.session
sc = session.scenario
channel = sc.channel
if channel == "phone":
    warm_speech()

if live.scorecard_id is not None:
    record = reporting.scorecard(workspace(), user, live.scorecard_id)
    st.subheader(f"Scorecard · {sc.title}")
    scorecard_view(
        record.card,
        overrides=record.overrides,
        transcript=record.transcript,
        recordings=practice.recordings(live),
        headline=scorecards.record_headline(workspace(), user, record),
        scenario=sc,
    )
    if st.button("Practise another call", key="practice_again"):
        practice.close()
        st.rerun()
    st.stop()

chat_col, side_col = st.columns([3, 2])
with side_col:
    with st.container(border=True):
        st.markdown(f"**{sc.brief.customer_name}** · {sc.brief.reason}")

        handle_time_clock(elapsed=session.elapsed, target_seconds=sc.time_target_seconds, running=not session.ended)
    with st.container(border=True):
        st.markdown("**Account (CRM)**")
        if session.verified:
            st.success("Identity verified", icon=":material/verified_user:")
            st.dataframe(
                [{"field": f.label, "value": str(f.value)} for f in sc.account],
                hide_index=True,
                width="stretch",
            )
        else:
            st.warning("Verify the caller's identity to see the account.", icon=":material/lock:")
            st.caption("Ask for: " + ", ".join(f.label for f in sc.account if f.verifier))
    action = practice.control_row(live)
    if action:
        try:
            practice.control(user, live, action)
        except StaleSessionError as exc:
            stale(exc, live.record_id)
        st.rerun()
    end_label = "End call and score" if channel == "phone" else f"Close the {channel} and score"
    if st.button(end_label, type="primary", key="end_call"):
        try:
            practice.end_and_score(user, live)
        except StaleSessionError as exc:
            stale(exc, live.record_id)
        st.rerun()

with chat_col:
    turns = session.turns
    practice.conversation(live, speak=channel == "phone")
    if session.ended:
        word = "call" if channel == "phone" else channel
        st.info(f"The {word} has ended ({session.end_state}). Press **{end_label}** for your scorecard.")
    elif channel == "email":
        email = practice.compose_email(key=f"email_{len(turns)}")
        if email:
            try:
                practice.say(user, live, email)
            except StaleSessionError as exc:
                stale(exc, live.record_id)
            st.rerun()
    elif channel == "phone":
        # the answer is played in the voice widgets' callback, before this run: the reply is already above

        def answer(wav: bytes, live: practice.Live = live) -> object:
            return practice.say_audio(user, live, wav)

        spoken = hands_free_answer(key=f"voice_{len(turns)}", answer=answer)
        if spoken is not None and isinstance(spoken.error, StaleSessionError):
            stale(spoken.error, live.record_id)
        elif spoken is not None and spoken.error is not None:  # speech errors are readable sentences
            st.error(f"Could not use that recording: {spoken.error}")
        elif spoken is not None and not spoken.heard:
            st.warning("No speech heard in that recording; try again or type your answer.")

if channel != "email":
    typed = st.chat_input("Type your answer" if channel == "phone" else "Type a message", disabled=session.ended)
    if typed and typed.strip():
        try:
            practice.say(user, live, typed.strip())
        except StaleSessionError as exc:
            stale(exc, live.record_id)
        st.rerun()
