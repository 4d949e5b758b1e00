"""Authoring: validate YAML against the effective library, save a new revision, assign scenarios."""

from __future__ import annotations

from domain.loader import Document, cross_check, parse_document
from domain.rubric import Rubric
from services.workspace import Workspace
from storage import AssignmentRepo, AuthoredRepo, UserRepo
from storage.types import AssignmentRecord, AuthoredDoc, UserInfo


def validate(ws: Workspace, text: str, *, source: str = "editor.yaml") -> tuple[Document, list[str]]:
    """Parse and cross-check authored YAML against the effective library: ``file:line: message`` lines."""
    doc = parse_document(text, source=source)
    problems = cross_check([doc], ws.library)
    return doc, [str(p) for p in sorted(set(problems), key=lambda p: (p.line or 0, p.message))]


def rubric_version_problem(ws: Workspace, doc: Document, text: str) -> str | None:
    """Why this rubric text may not be saved as it is, or None.

    A scorecard stores ``{"id", "version"}`` of its rubric; two different rubrics under one
    version would make old scorecards ambiguous, so an edit must raise the version.
    """
    if not isinstance(doc.model, Rubric):
        return None
    rubric = doc.model
    current_text = ws.document_yaml("rubric", rubric.id) if rubric.id in ws.library.rubrics else ""
    if not current_text or current_text.strip() == text.strip():
        return None
    current = parse_document(current_text, source="current.yaml").model
    current_version = current.version if isinstance(current, Rubric) else 0
    if rubric.version <= current_version:
        return (
            f"Rubric `{rubric.id}` is at version {current_version} and scorecards point at that version: "
            f"set `version: {current_version + 1}` to save your changes as a new version."
        )
    return None


def save_revision(ws: Workspace, viewer: UserInfo, *, kind: str, doc_id: str, yaml_text: str) -> AuthoredDoc:
    """Store a new revision (authors only); the effective library picks it up on the next workspace."""
    return AuthoredRepo(ws.db).save(viewer, kind=kind, doc_id=doc_id, yaml_text=yaml_text)


def history(ws: Workspace, *, kind: str, doc_id: str) -> list[AuthoredDoc]:
    return AuthoredRepo(ws.db).history(kind=kind, doc_id=doc_id)


def trainees(ws: Workspace) -> list[UserInfo]:
    return UserRepo(ws.db).list(role="trainee")


def teams(ws: Workspace) -> list[str]:
    return UserRepo(ws.db).teams()


def assign(
    ws: Workspace, viewer: UserInfo, *, scenario_id: str, trainee_id: int | None = None, team: str | None = None
) -> int:
    """Assign a scenario to one trainee (returns 1) or to every trainee of a team (returns how many were new)."""
    repo = AssignmentRepo(ws.db)
    if team is not None:
        return repo.assign_team(viewer, team=team, scenario_id=scenario_id)
    if trainee_id is None:
        raise ValueError("assign to a trainee or a team")
    repo.assign(viewer, trainee_id=trainee_id, scenario_id=scenario_id)
    return 1


def open_assignments(ws: Workspace, viewer: UserInfo) -> list[AssignmentRecord]:
    return AssignmentRepo(ws.db).list(viewer, open_only=True)
