"""Rescore stored practice sessions and contacts with another rubric version, keeping both side by side.

The stored scorecard (with the rubric text it was scored with) is never changed; each rescoring is a
``qa_score_history`` row per (scorecard, rubric id, version). The report says how each criterion and each
person moved, and whose verdict flipped, so a trainer sees what a rubric change does before relying on it.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from domain.loader import Library, parse_document
from domain.rubric import Rubric
from domain.transcript import Transcript
from scoring.engine import score_transcript
from storage.db import Database
from storage.errors import StorageError
from storage.models import AuthoredDocument, Scorecard
from storage.qa import ScoreHistory

logger = logging.getLogger(__name__)


class RubricRefError(ValueError):
    """``ID@VERSION`` that names no rubric the library or the authored history has."""


def resolve_rubric(library: Library, db: Database, ref: str) -> Rubric:
    """``ID@VERSION`` from the library or any saved revision, ``ID`` (the library's), or a YAML path."""
    if "@" not in ref:
        try:
            return library.rubric(ref)
        except Exception as exc:
            raise RubricRefError(f"no rubric {ref!r}: {exc}") from exc
    rid, _, raw = ref.rpartition("@")
    try:
        version = int(raw)
    except ValueError as exc:
        raise RubricRefError(f"{ref!r}: the version after @ must be a number") from exc
    known = library.rubrics.get(rid)
    if known is not None and known.version == version:
        return known
    with db.transaction() as s:
        texts = list(
            s.scalars(
                select(AuthoredDocument.yaml_text)
                .where(AuthoredDocument.kind == "rubric", AuthoredDocument.doc_id == rid)
                .order_by(AuthoredDocument.revision.desc())
            )
        )
    for text in texts:
        doc = parse_document(text, source=f"{rid} (saved)")
        if isinstance(doc.model, Rubric) and doc.model.version == version:
            return doc.model
    path = Path(rid)
    if path.is_file():
        model = library.rubric(str(path))
        if model.version == version:
            return model
    versions = sorted({v for v in [known.version if known else None] if v is not None})
    raise RubricRefError(
        f"no rubric {rid!r} at version {version} (library has {versions or 'none'}; saved revisions checked)"
    )


@dataclass
class Shift:
    n: int = 0
    before: float = 0.0
    after: float = 0.0

    def add(self, before: float, after: float) -> None:
        self.n += 1
        self.before += before
        self.after += after

    def row(self) -> dict[str, Any]:
        if not self.n:
            return {"n": 0, "before": None, "after": None, "shift": None}
        b, a = self.before / self.n, self.after / self.n
        return {"n": self.n, "before": round(b, 1), "after": round(a, 1), "shift": round(a - b, 1)}


@dataclass
class RescoreReport:
    rubric: str
    rescored: int = 0
    skipped: list[str] = field(default_factory=list)
    criteria: dict[str, Shift] = field(default_factory=lambda: defaultdict(Shift))
    people: dict[str, Shift] = field(default_factory=lambda: defaultdict(Shift))
    flips: dict[str, list[int]] = field(default_factory=lambda: {"pass->fail": [], "fail->pass": []})

    def criterion_rows(self) -> list[dict[str, Any]]:
        return [{"criterion": k, **v.row()} for k, v in sorted(self.criteria.items())]

    def person_rows(self) -> list[dict[str, Any]]:
        return [{"person": k, **v.row()} for k, v in sorted(self.people.items())]


def rescore(
    db: Database,
    library: Library,
    rubric: Rubric,
    *,
    source: str | None = None,
    scorecard_ids: list[int] | None = None,
) -> RescoreReport:
    """Score every stored contact (or the ones given) with ``rubric`` and store the result beside the original."""
    report = RescoreReport(rubric=f"{rubric.id}@{rubric.version}")
    with db.transaction() as s:
        q = select(Scorecard).order_by(Scorecard.id)
        if source is not None:
            q = q.where(Scorecard.source == source)
        if scorecard_ids is not None:
            q = q.where(Scorecard.id.in_(scorecard_ids))
        cards = [
            (
                c.id,
                c.agent_name or f"user {c.user_id}",
                c.scenario_id,
                c.overall,
                c.passed,
                c.card_json,
                c.transcript_json,
            )
            for c in s.scalars(q)
        ]
    for card_id, person, scenario_id, overall, passed, card_json, transcript_json in cards:
        try:
            transcript = Transcript.model_validate_json(transcript_json)
        except ValueError as exc:
            report.skipped.append(f"scorecard {card_id}: stored transcript unreadable ({exc.__class__.__name__})")
            continue
        scenario = library.scenarios.get(scenario_id) if scenario_id else None
        policies = (
            library.policies_for(scenario)
            if scenario is not None
            else [library.policies[p] for p in rubric.policies if p in library.policies]
        )
        new = score_transcript(transcript, rubric=rubric, scenario=scenario, policies=policies)
        with db.transaction() as s:
            row = s.scalar(
                select(ScoreHistory).where(
                    ScoreHistory.scorecard_id == card_id,
                    ScoreHistory.rubric_id == rubric.id,
                    ScoreHistory.rubric_version == rubric.version,
                )
            )
            if row is None:
                row = ScoreHistory(scorecard_id=card_id, rubric_id=rubric.id, rubric_version=rubric.version)
                s.add(row)
            row.overall, row.passed, row.card_json = new.overall, new.passed, json.dumps(new.to_json_dict())
        report.rescored += 1
        old_criteria = json.loads(card_json).get("criteria") or {}
        for name, result in new.criteria.items():
            before = (old_criteria.get(name) or {}).get("score")
            if before is not None and result.score is not None:
                report.criteria[name].add(float(before), float(result.score))
        if overall is not None and new.overall is not None:
            report.people[person].add(float(overall), float(new.overall))
        if passed and not new.passed:
            report.flips["pass->fail"].append(card_id)
        elif new.passed and not passed:
            report.flips["fail->pass"].append(card_id)
    return report


def versions(db: Database, scorecard_id: int) -> list[dict[str, Any]]:
    """Every version a contact was scored with: the original first, then each rescoring."""
    with db.transaction() as s:
        card = s.get(Scorecard, scorecard_id)
        if card is None:
            raise StorageError(f"no scorecard {scorecard_id}")
        out = [
            {
                "rubric": f"{card.rubric_id}@{card.rubric_version}",
                "overall": card.overall,
                "passed": card.passed,
                "original": True,
            }
        ]
        for row in s.scalars(
            select(ScoreHistory).where(ScoreHistory.scorecard_id == scorecard_id).order_by(ScoreHistory.id)
        ):
            out.append(
                {
                    "rubric": f"{row.rubric_id}@{row.rubric_version}",
                    "overall": row.overall,
                    "passed": row.passed,
                    "original": False,
                }
            )
        return out
