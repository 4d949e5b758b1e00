"""The handle-time clock, ticking in the browser.

A server-side fragment re-running every second cost about 9 % of a server core per open call
(measured by scripts/load_app.py: 4 idle calls took 36 % of a core), which is what limited how
many trainees one machine can serve. The server now renders the clock once per turn with the
elapsed time; the browser counts on from there, and the next turn re-synchronises it.
"""

from __future__ import annotations

import streamlit as st

from ui.components import component


def _mmss(seconds: float) -> str:
    total = max(int(seconds), 0)
    return f"{total // 60}:{total % 60:02d}"


def handle_time_clock(*, elapsed: float, target_seconds: int, running: bool) -> None:
    """Show handle time against its target; live while ``running``, a plain metric once the call is over.

    The live clock is a ``st.components.v2`` component (ui/components/clock.js), not the deprecated
    ``st.components.v1.html`` iframe it used to be.
    """
    if not running:
        st.metric("Handle time", _mmss(elapsed), delta=f"target {_mmss(target_seconds)}", delta_color="off")
        return
    mount = component("clock", js="clock.js", css="clock.css")
    mount(  # type: ignore[operator]
        key="handle_time_clock",
        data={"elapsed_ms": int(elapsed * 1000), "target_s": int(target_seconds)},
        height="content",
    )
