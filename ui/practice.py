"""Streamlit glue for practice: the live call in ``st.session_state`` and a cached customer engine per process.

Everything else (playing turns, saving, scoring) is :mod:`services.practice`; these wrappers only add the
trainee's tab state and the app's workspace, so the page reads as plain calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from domain.scenario import Scenario
from services import practice as service
from services.practice import Live, StaleSessionError
from storage.types import AssignmentRecord, PracticeRecord, UserInfo
from ui.resources import workspace

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


def recordings(live: Live) -> list[Path]:
    return service.recordings(live)


__all__ = ["Live", "StaleSessionError"]
