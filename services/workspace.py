"""What every service call works in: the database, the effective library and the settings, passed explicitly.

The app builds one per rerun from its cached resources (``ui.resources.workspace()``); the CLI builds one with
:func:`open_workspace`. Services never cache or mutate the library: an author's save makes a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from domain.config import Settings, get_settings
from domain.loader import Library, cross_check, load_library, parse_document
from storage import AuthoredRepo, Database

logger = logging.getLogger(__name__)

_FOLDERS = {"scenario": "scenarios", "policy": "policies", "rubric": "rubrics"}


@dataclass(frozen=True)
class Workspace:
    """The database, the effective library (shipped files + newest valid saved revisions) and the settings.

    ``revisions`` maps (kind, id) to the saved revision the library uses; absent means the shipped file.
    """

    db: Database
    library: Library
    settings: Settings
    revisions: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def saved_revision(self, kind: str, doc_id: str) -> int | None:
        return self.revisions.get((kind, doc_id))

    def document_yaml(self, kind: str, doc_id: str) -> str:
        """The YAML text behind a document in the effective library (saved revision or shipped file)."""
        if self.saved_revision(kind, doc_id) is not None:
            history = AuthoredRepo(self.db).history(kind=kind, doc_id=doc_id)
            if history:
                return history[0].yaml_text
        source = self.library.sources.get((kind, doc_id))
        if not source:
            return ""
        path = Path(source)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_file():
            return path.read_text(encoding="utf-8")
        alt = self.settings.scenarios_dir / _FOLDERS[kind] / f"{doc_id}.yaml"
        return alt.read_text(encoding="utf-8") if alt.is_file() else ""

    def rubric_snapshot(self, rubric_id: str) -> tuple[str, int | None]:
        """(YAML text, saved revision) of a rubric: stored beside each scorecard so later edits rewrite nothing."""
        return self.document_yaml("rubric", rubric_id), self.saved_revision("rubric", rubric_id)


def effective_library(base: Library, db: Database) -> tuple[Library, dict[tuple[str, str], int]]:
    """A new library: ``base`` with the newest saved revision of each authored document that still validates."""
    library = Library(
        scenarios=dict(base.scenarios),
        policies=dict(base.policies),
        rubrics=dict(base.rubrics),
        sources=dict(base.sources),
    )
    revisions: dict[tuple[str, str], int] = {}
    for saved in AuthoredRepo(db).latest_all():
        doc = parse_document(saved.yaml_text, source=f"{saved.kind}:{saved.doc_id}@r{saved.revision}")
        if doc.model is None or cross_check([doc], library):
            logger.warning("saved %s %s r%d no longer validates; skipped", saved.kind, saved.doc_id, saved.revision)
            continue
        library.add(doc)
        revisions[(saved.kind, saved.doc_id)] = saved.revision
    return library, revisions


def library_generation(db: Database) -> int:
    """Changes whenever an author saves: the cache key of the effective library."""
    return AuthoredRepo(db).generation()


def open_app_database(url: str) -> Database:
    """The app's database, migrated to head; a database nobody initialised gets the demo accounts, as with
    ``csrsim init`` (one made with ``--no-demo`` stays without them)."""
    from storage.db import make_engine
    from storage.migrate import current_revision
    from storage.seed import init_database

    probe = make_engine(url)
    fresh = current_revision(probe) is None
    probe.dispose()
    db, _ = init_database(url, demo_accounts=fresh)
    return db


def open_workspace(*, settings: Settings | None = None, db: Database | None = None) -> Workspace:
    """A workspace for the command line: the shipped library with saved revisions on top (no caching)."""
    from storage import open_database

    settings = settings or get_settings()
    db = db or open_database(settings.sqlalchemy_url)
    library, revisions = effective_library(load_library(settings.scenarios_dir), db)
    return Workspace(db=db, library=library, settings=settings, revisions=revisions)
