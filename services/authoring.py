"""Authoring: validate YAML against the effective library, save a new revision, assign scenarios."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.loader import Document, cross_check, parse_document
from domain.rubric import Rubric
from services.workspace import Workspace
from storage import AssignmentRepo, AuthoredRepo, ScoreRepo, UserRepo
from storage.types import AssignmentRecord, AuthoredDoc, UserInfo


def validate(ws: Workspace, text: str, *, source: str = "editor.yaml") -> tuple[Document, list[str]]:
    """Parse and cross-check authored YAML against the effective library: ``file:line: message`` lines."""
    doc = parse_document(text, source=source)
    problems = cross_check([doc], ws.library)
    return doc, [str(p) for p in sorted(set(problems), key=lambda p: (p.line or 0, p.message))]


_LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class LocatedProblem:
    """One problem with the line it is on and that line's text, so nobody counts to line 32."""

    line: int | None
    message: str
    source_line: str


def locate(problems: Sequence[str], text: str) -> list[LocatedProblem]:
    """Split ``file:line: message`` problems and quote the line of ``text`` each points at."""
    lines = text.splitlines()
    out: list[LocatedProblem] = []
    for problem in problems:
        m = _LOCATED.match(problem)
        if m is None:
            out.append(LocatedProblem(line=None, message=problem, source_line=""))
            continue
        number = int(m.group("line"))
        quoted = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        out.append(LocatedProblem(line=number, message=m.group("message"), source_line=quoted))
    return out


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
    ws: Workspace,
    viewer: UserInfo,
    *,
    scenario_id: str,
    trainee_id: int | None = None,
    team: str | None = None,
    due_date: date | None = None,
) -> int:
    """Assign a scenario to one trainee (returns 1) or to every trainee of a team (returns how many were new)."""
    repo = AssignmentRepo(ws.db)
    if team is not None:
        return repo.assign_team(viewer, team=team, scenario_id=scenario_id, due_date=due_date)
    if trainee_id is None:
        raise ValueError("assign to a trainee or a team")
    repo.assign(viewer, trainee_id=trainee_id, scenario_id=scenario_id, due_date=due_date)
    return 1


def unassign(ws: Workspace, viewer: UserInfo, *, assignment_id: int) -> None:
    """Withdraw an open assignment (staff only, enforced in storage)."""
    AssignmentRepo(ws.db).unassign(viewer, assignment_id=assignment_id)


def default_scenario(ws: Workspace, viewer: UserInfo, *, trainee_ids: Sequence[int]) -> str | None:
    """The easiest scenario not yet passed by all of ``trainee_ids``: a sensible first thing to assign.

    Ordered by difficulty then id, so a new hire is not handed the difficulty-5 abusive caller by default;
    when everything has been passed, the easiest scenario.
    """
    ordered = sorted(ws.library.scenarios, key=lambda s: (ws.library.scenarios[s].difficulty, s))
    if not ordered:
        return None
    repo = ScoreRepo(ws.db)
    passed_by: list[set[str]] = [
        {r.scenario_id for r in repo.list(viewer, user_id=tid) if r.passed and r.scenario_id} for tid in trainee_ids
    ]
    passed_by_all = set.intersection(*passed_by) if passed_by else set()
    return next((s for s in ordered if s not in passed_by_all), ordered[0])


def open_assignments(ws: Workspace, viewer: UserInfo) -> list[AssignmentRecord]:
    return AssignmentRepo(ws.db).list(viewer, open_only=True)
