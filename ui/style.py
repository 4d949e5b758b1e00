"""The app's look that Streamlit's theme cannot express: a self-hosted favicon and the phone layout.

Phone (≤ 640 px wide, e.g. 390×844): Streamlit stacks the practice page's columns, which left the
customer's newest line above the screen and *End call and score* under the chat input. ui/static/app.css
puts the call panel first and the chat last (Streamlit keeps a chat page scrolled to its bottom, so the
newest line sits right above the input after every turn), and floats *End call and score* above the input.
Selectors use widget keys (``st-key-*`` classes) and Streamlit test ids.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"

CSS = FAVICON.with_name("app.css")


def apply_style() -> None:
    """Add the app's CSS to the page (call once per run, from app.py)."""
    st.html(CSS)  # a .css path: st.html inlines it as a <style> element
