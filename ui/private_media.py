"""Recordings of people, shown without a shareable URL.

``st.audio`` stores the bytes in Streamlit's media file manager and serves them at ``/media/<hash>.wav`` to any
client that knows the URL, signed in or not, for as long as the element is on screen. A trainee's or agent's
voice is personal data, so it is embedded in the page itself (a ``data:`` URI inside ``st.html``): only the
session that rendered the page — a signed-in user the page already checked — ever receives the bytes.
"""

from __future__ import annotations

import base64
import html

import streamlit as st

#: Above this size a recording is not embedded (the page would carry megabytes on every rerun).
MAX_EMBEDDED_BYTES = 8 * 1024 * 1024


def audio_data_uri(wav: bytes) -> str:
    """The recording as a ``data:audio/wav;base64,...`` URI."""
    return "data:audio/wav;base64," + base64.b64encode(wav).decode("ascii")


def private_audio(wav: bytes, *, label: str = "Recording", anchor: str | None = None) -> None:
    """Show a WAV recording with player controls, never through ``/media``.

    Parameters
    ----------
    wav
        The recording's bytes.
    label
        Read by screen readers (the player's ``aria-label``).
    anchor
        The player's element id, so a link (``#anchor``, e.g. a scorecard's evidence) can jump to it.
    """
    if not wav:
        st.caption("Recording is empty.")
        return
    if len(wav) > MAX_EMBEDDED_BYTES:
        st.caption(f"Recording too long to play here ({len(wav) // (1024 * 1024)} MB).")
        return
    ident = f'id="{html.escape(anchor)}" ' if anchor else ""
    st.html(
        f'<audio {ident}controls preload="none" aria-label="{html.escape(label)}" '
        f'src="{audio_data_uri(wav)}" style="width:100%"></audio>'
    )
