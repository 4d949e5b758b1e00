"""Browser-side parts of the app, built with Streamlit's component API v2 (``st.components.v2``).

Each component is plain HTML/CSS/JS in this folder (no npm build, nothing fetched from a CDN): v2
components mount in the app's own page (a shadow root, not an iframe), so the microphone, cookies
and the page's audio elements are reachable. ``st.components.v1.html`` is deprecated (removal after
2026-06-01) and is used nowhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent


def asset(name: str) -> str:
    """The text of a component file shipped in this package (package data in pyproject.toml)."""
    return (HERE / name).read_text(encoding="utf-8")


@cache
def component(name: str, *, js: str, css: str | None = None, html: str | None = None) -> object:
    """Register the component once per process (re-registering logs a warning) and return its mount function."""
    return st.components.v2.component(
        f"csr_{name}",
        js=asset(js),
        css=asset(css) if css else None,
        html=asset(html) if html else None,
    )
