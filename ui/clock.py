"""The handle-time clock, ticking in the browser.

A server-side fragment re-running every second cost about 9 % of a server core per open call
(measured by scripts/load_app.py: 4 idle calls took 36 % of a core), which is what limited how
many trainees one machine can serve. The server now renders the clock once per turn with the
elapsed time; the browser counts on from there, and the next turn re-synchronises it.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components


def _mmss(seconds: float) -> str:
    total = max(int(seconds), 0)
    return f"{total // 60}:{total % 60:02d}"


def handle_time_clock(*, elapsed: float, target_seconds: int, running: bool) -> None:
    """Show handle time against its target; live while ``running``, a plain metric once the call is over."""
    if not running:
        st.metric("Handle time", _mmss(elapsed), delta=f"target {_mmss(target_seconds)}", delta_color="off")
        return
    components.html(
        f"""
<div style="font-family: 'Source Sans Pro', sans-serif; color: #31333F">
  <div style="font-size: 14px">Handle time</div>
  <div id="clock" style="font-size: 36px; line-height: 1.2">{_mmss(elapsed)}</div>
  <div style="font-size: 14px; color: #808495">target {_mmss(target_seconds)}</div>
</div>
<script>
  const started = Date.now() - {int(elapsed * 1000)};
  const target = {int(target_seconds)};
  const el = document.getElementById("clock");
  function tick() {{
    const s = Math.max(0, Math.floor((Date.now() - started) / 1000));
    el.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    el.style.color = s > target ? "#d33" : "#31333F";
  }}
  tick();
  setInterval(tick, 1000);
</script>
""",
        height=100,
    )
