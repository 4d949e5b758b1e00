"""Streamlit glue for practice: the live call in ``st.session_state`` and a cached customer engine per process.

Everything else (playing turns, saving, scoring) is :mod:`services.practice`; these wrappers only add the
trainee's tab state and the app's workspace, so the page reads as plain calls.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from typing import Any

import streamlit as st

from domain.scenario import Scenario
from services import practice as service
from services.practice import Live, StaleSessionError
from storage.types import AssignmentRecord, PracticeRecord, UserInfo
from ui.resources import settings, workspace
from ui.safe_text import escape_markdown
from ui.voice import customer_audio

KEY = "practice_live"


@st.cache_resource(show_spinner=False)
def _engine(kind: str) -> Any:
    return service.customer_engine(kind)


def current() -> Live | None:
    live = st.session_state.get(KEY)
    return live if isinstance(live, Live) else None


def start(user: UserInfo, scenario: Scenario, *, seed: int | None = None) -> Live:
    ws = workspace()
    live = service.start(ws, user, scenario, engine=_engine(service.engine_kind(ws)), seed=seed)
    st.session_state[KEY] = live
    return live


def resume(user: UserInfo, record_id: str) -> Live:
    """Load a saved session (this tab becomes the one that may write it next)."""
    live = service.resume(workspace(), user, record_id, engine_for=_engine)
    st.session_state[KEY] = live
    return live


def unfinished(user: UserInfo) -> list[PracticeRecord]:
    return service.unfinished(workspace(), user)


def open_assignments(user: UserInfo) -> list[AssignmentRecord]:
    return service.open_assignments(workspace(), user)


def say(user: UserInfo, live: Live, text: str) -> Any:
    return service.say(workspace(), user, live, text)


def say_audio(user: UserInfo, live: Live, wav: bytes) -> Any:
    return service.say_audio(workspace(), user, live, wav)


def control(user: UserInfo, live: Live, action: str) -> Any:
    return service.control(workspace(), user, live, action)


def end_and_score(user: UserInfo, live: Live) -> int:
    return service.end_and_score(workspace(), user, live)


def abandon(user: UserInfo, record: PracticeRecord) -> None:
    service.abandon(workspace(), user, record)


def close() -> None:
    st.session_state.pop(KEY, None)


def recordings(live: Live) -> dict[int, Path]:
    """The trainee's recorded answers of this call by turn index (for the scorecard's evidence)."""
    return service.recordings(live, settings=settings())


CONTROL_LABELS = {
    "hold": ("Hold", "Put the caller on hold (they hear hold music)"),
    "resume": ("Resume", "Take the caller off hold"),
    "transfer": ("Transfer", "Transfer the contact to another team; it ends for you"),
    "escalate": ("Escalate", "Escalate to a supervisor; it ends for you"),
}
SYSTEM_LINES = {
    "[hold]": "Caller on hold",
    "[resume]": "Caller taken off hold",
    "[transfer]": "Transferred to another team",
    "[escalate]": "Escalated to a supervisor",
}
"""How a call control reads in the conversation; ``[end]`` (hanging up) is not shown at all."""


def control_row(live: Live) -> str | None:
    """The controls this channel has, in one row (phone: Hold/Resume, Transfer, Escalate; chat: Transfer,
    Escalate; email: Escalate); the pressed one's action, else None."""
    session = live.session
    names = list(service.controls_for(session.scenario.channel))
    if "hold" in names and session.state.on_hold:
        names[names.index("hold")] = "resume"
    pressed = None
    for col, name in zip(st.columns(len(names)), names, strict=True):
        text, why = CONTROL_LABELS[name]
        if col.button(text, key=f"ctl_{name}", help=why, disabled=session.ended):
            pressed = name
    return pressed


def system_line(text: str) -> str | None:
    """A call-control record as the trainee reads it; None for records that are not shown (``[end]``)."""
    if text == "[end]":
        return None
    return SYSTEM_LINES.get(text, text)


TYPED_KEY = "practice_typed"
"""(record id, turn index) of chat replies this tab has already shown after a typing pause."""
TYPING_CSS = """<style>
.st-key-{typing} {{ animation: csr-typing-done 0s linear {seconds}s forwards; }}
.st-key-{reply} {{ opacity: 0; max-height: 0; overflow: hidden; pointer-events: none;
  animation: csr-typing-reveal 0s linear {seconds}s forwards; }}
@keyframes csr-typing-done {{ to {{ opacity: 0; max-height: 0; overflow: hidden; margin-top: -1rem; }} }}
@keyframes csr-typing-reveal {{ to {{ opacity: 1; max-height: none; overflow: visible; pointer-events: auto; }} }}
.csr-typing-dots::after {{ content: "…"; animation: csr-typing-blink 1s steps(2, start) infinite; }}
@keyframes csr-typing-blink {{ to {{ opacity: 0; }} }}
</style>"""
"""The typing pause is played by the browser: the reply is on the page at once but hidden for ``seconds`` while
the indicator shows, so no server thread ever sleeps and the next rerun is never held up."""


def typing_pause(live: Live, index: int) -> float:
    """Seconds to show the chat customer typing before turn ``index``: only the reply to this tab's newest turn,
    only the first time it is shown (not after a refresh, a resume or another rerun), never on phone or email."""
    session = live.session
    if session.scenario.channel != "chat" or live.last_reply is None or live.last_reply.turn_index != index:
        return 0.0
    shown: set[tuple[str, int]] = st.session_state.setdefault(TYPED_KEY, set())
    if (live.record_id, index) in shown:
        return 0.0
    shown.add((live.record_id, index))
    return service.typing_seconds(session.turns[index].text, settings=settings())


def _typing_indicator(name: str, *, index: int, seconds: float) -> str:
    """Show "<name> is typing…" now and hide it after ``seconds``; returns the key of the reply's container,
    which stays hidden until then."""
    typing, reply = f"typing_{index}", f"typed_reply_{index}"
    st.html(TYPING_CSS.format(typing=typing, reply=reply, seconds=f"{seconds:.2f}"))
    with st.container(key=typing), st.chat_message("assistant", avatar=":material/person:"):
        st.markdown(
            f'<em class="csr-typing">{html.escape(name)} is typing<span class="csr-typing-dots"></span></em>',
            unsafe_allow_html=True,
        )
    return reply


def conversation(live: Live, *, speak: bool) -> None:
    """The contact so far as chat messages; on a phone call the customer's newest line is also spoken, in a
    chat it appears after a short "<customer> is typing…" pause that grows with its length."""
    session = live.session
    turns = session.turns
    if session.pending_opening is not None and not session.ended:
        st.info("The line is open: greet the caller.", icon=":material/call:")
    last_customer = max((j for j, t in enumerate(turns) if t.speaker == "customer"), default=-1)
    for i, turn in enumerate(turns):
        if turn.speaker == "system":
            if shown := system_line(turn.text):
                st.caption(escape_markdown(shown))
            continue
        is_agent = turn.speaker == "agent"
        pause = 0.0 if is_agent else typing_pause(live, i)
        holder = (
            st.container(key=_typing_indicator(session.scenario.brief.customer_name, index=i, seconds=pause))
            if pause > 0
            else contextlib.nullcontext()
        )
        with (
            holder,
            st.chat_message(
                "user" if is_agent else "assistant",
                avatar=":material/support_agent:" if is_agent else ":material/person:",
            ),
        ):
            st.markdown(escape_markdown(turn.text))
            if speak and i == last_customer:
                persona = session.scenario.persona
                audio = customer_audio(turn.text, voice=persona.voice, rate=persona.speaking_rate)
                if audio is None:
                    st.caption("text only (no voice engine installed)")
                else:
                    st.audio(audio, format="audio/wav", autoplay=True)


def compose_email(*, key: str) -> str | None:
    """An email compose box (subject, multi-line body, *Send* once); the email as one turn, else None."""
    with st.form(key, clear_on_submit=True, border=True):
        st.markdown("**Reply by email**")
        subject = st.text_input("Subject", key=f"{key}_subject")
        body = st.text_area("Message", height=220, key=f"{key}_body")
        sent = st.form_submit_button("Send", type="primary")
    if not sent:
        return None
    if not body.strip():
        st.warning("Write the message before sending.")
        return None
    return (f"Subject: {subject.strip()}\n\n" if subject.strip() else "") + body.strip()


__all__ = ["Live", "StaleSessionError"]
