"""Process-wide resources behind ``st.cache_resource``: the database, the library, the rubric, models.

Cached objects are shared by every user and never mutated: the effective library
is rebuilt (a new object) whenever an author saves, keyed by the save generation.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from domain.config import Settings, get_settings
from domain.loader import Document, Library, cross_check, load_library, parse_document
from storage import AuthoredRepo, Database
from storage.seed import init_database

logger = logging.getLogger(__name__)


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    from storage.db import make_engine
    from storage.migrate import current_revision

    probe = make_engine(url)
    fresh = current_revision(probe) is None
    probe.dispose()
    # A database nobody initialised gets what `csrsim init` would create; one made with --no-demo stays empty.
    db, _ = init_database(url, demo_accounts=fresh)
    return db


def database() -> Database:
    """The app's database, migrated to head on first use (demo accounts if it has no users at all)."""
    return _database(settings().sqlalchemy_url)


@st.cache_resource(show_spinner=False)
def _base_library(scenarios_dir: str) -> Library:
    from pathlib import Path

    return load_library(Path(scenarios_dir))


@st.cache_resource(show_spinner=False, max_entries=8)
def _effective_library(scenarios_dir: str, url: str, generation: int) -> tuple[Library, dict[tuple[str, str], int]]:
    base = _base_library(scenarios_dir)
    library = Library(
        scenarios=dict(base.scenarios),
        policies=dict(base.policies),
        rubrics=dict(base.rubrics),
        sources=dict(base.sources),
    )
    revisions: dict[tuple[str, str], int] = {}
    for saved in AuthoredRepo(_database(url)).latest_all():
        doc = parse_document(saved.yaml_text, source=f"{saved.kind}:{saved.doc_id}@r{saved.revision}")
        if doc.model is None or cross_check([doc], library):
            logger.warning("saved %s %s r%d no longer validates; skipped", saved.kind, saved.doc_id, saved.revision)
            continue
        library.add(doc)
        revisions[(saved.kind, saved.doc_id)] = saved.revision
    return library, revisions


def library() -> Library:
    """The shipped library with the newest valid saved revisions of authored documents on top."""
    s = settings()
    lib, _ = _effective_library(str(s.scenarios_dir), s.sqlalchemy_url, AuthoredRepo(database()).generation())
    return lib


def saved_revision(kind: str, doc_id: str) -> int | None:
    """The DB revision the effective library uses for a document (None: the shipped file)."""
    s = settings()
    _, revisions = _effective_library(str(s.scenarios_dir), s.sqlalchemy_url, AuthoredRepo(database()).generation())
    return revisions.get((kind, doc_id))


def document_yaml(kind: str, doc_id: str) -> str:
    """The YAML text behind a document in the effective library (saved revision or shipped file)."""
    revisions = AuthoredRepo(database()).history(kind=kind, doc_id=doc_id)
    if revisions and saved_revision(kind, doc_id) is not None:
        return revisions[0].yaml_text
    source = library().sources.get((kind, doc_id))
    if source:
        from pathlib import Path

        path = Path(source)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_file():
            return path.read_text(encoding="utf-8")
        alt = (
            settings().scenarios_dir
            / {"scenario": "scenarios", "policy": "policies", "rubric": "rubrics"}[kind]
            / f"{doc_id}.yaml"
        )
        if alt.is_file():
            return alt.read_text(encoding="utf-8")
    return ""


def validate_yaml(text: str, *, source: str = "editor.yaml") -> tuple[Document, list[str]]:
    """Parse and cross-check authored YAML against the effective library: ``file:line: message`` lines."""
    doc = parse_document(text, source=source)
    problems = cross_check([doc], library())
    return doc, [str(p) for p in sorted(set(problems), key=lambda p: (p.line or 0, p.message))]


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

        _ = speech.Transcriber().model
    except Exception as exc:  # no model: voice answers will say why when used
        logger.info("speech model not preloaded: %s", exc)


@st.cache_resource(show_spinner=False)
def warm_speech() -> Any:
    """Load the speech model once per process in the background, so the first voice answer is fast."""
    import threading

    thread = threading.Thread(target=_load_speech_model, name="csr-speech-warmup", daemon=True)
    thread.start()
    return thread
