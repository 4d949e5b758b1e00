"""Process-wide resources behind ``st.cache_resource``: the database, the library, models; the workspace.

Cached objects are shared by every user and never mutated: the effective library
is rebuilt (a new object) whenever an author saves, keyed by the save generation.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from domain.config import Settings, get_settings
from domain.loader import Library, load_library
from services.workspace import Workspace, effective_library, library_generation, open_app_database
from storage.db import Database

logger = logging.getLogger(__name__)


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    return open_app_database(url)


def database() -> Database:
    """The app's database, migrated to head on first use (demo accounts if it was never initialised)."""
    return _database(settings().sqlalchemy_url)


@st.cache_resource(show_spinner=False)
def _base_library(scenarios_dir: str) -> Library:
    from pathlib import Path

    return load_library(Path(scenarios_dir))


@st.cache_resource(show_spinner=False, max_entries=8)
def _effective_library(scenarios_dir: str, url: str, generation: int) -> tuple[Library, dict[tuple[str, str], int]]:
    return effective_library(_base_library(scenarios_dir), _database(url))


def workspace() -> Workspace:
    """This rerun's workspace: the cached database and the effective library for the current save generation."""
    s = settings()
    db = database()
    lib, revisions = _effective_library(str(s.scenarios_dir), s.sqlalchemy_url, library_generation(db))
    return Workspace(db=db, library=lib, settings=s, revisions=revisions)


def library() -> Library:
    """The shipped library with the newest valid saved revisions of authored documents on top."""
    return workspace().library


@st.cache_resource(show_spinner=False)
def tts_status() -> Any:
    try:
        import speech

        return speech.tts_status()
    except Exception as exc:  # speech is optional at run time: the app says "text only"
        logger.info("tts unavailable: %s", exc)
        return None


def _load_speech_model() -> None:
    try:
        import speech

        speech.warm_up()  # load the model and the VAD, and run one short transcription with the answer settings
    except Exception as exc:  # no model: voice answers will say why when used
        logger.info("speech model not preloaded: %s", exc)


@st.cache_resource(show_spinner=False)
def warm_speech() -> Any:
    """Warm the speech model once per process in the background (a real short transcription, not only a load:
    the first transcription of a process pays seconds of decoder set-up), so the first voice answer is fast."""
    import threading

    thread = threading.Thread(target=_load_speech_model, name="csr-speech-warmup", daemon=True)
    thread.start()
    return thread
