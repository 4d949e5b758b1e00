"""Rubric versions are what scorecards point at, so changed rubric text must carry a higher ``version:``."""

from __future__ import annotations

from domain.loader import Document, parse_document
from domain.rubric import Rubric
from ui.resources import document_yaml, library


def rubric_version_problem(doc: Document, text: str) -> str | None:
    """Why this rubric text may not be saved as it is, or None.

    A scorecard stores ``{"id", "version"}`` of its rubric; two different rubrics under one
    version would make old scorecards ambiguous, so an edit must raise the version.
    """
    if not isinstance(doc.model, Rubric):
        return None
    rubric = doc.model
    known = rubric.id in library().rubrics
    current_text = document_yaml("rubric", rubric.id) if known else ""
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
