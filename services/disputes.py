"""Disputes per criterion, and the resolved score shown beside the automatic one.

The person scored (a trainee on practice, an agent on a real call) disputes one criterion with a
comment, within a window after scoring; a supervisor accepts, adjusts or rejects it with a comment.
Every step is kept (``storage.qa.DisputeEvent``) and the rubric version the card was scored under is
pinned on the dispute. The automatic scorecard is never changed: ``side_by_side`` computes the
resolved overall the same way the engine computes the automatic one (weighted mean of applicable
criteria), with settled disputes' scores in place of the automatic ones.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from ruamel.yaml import YAML
from sqlalchemy import select

from storage.db import Database
from storage.errors import StorageError
from storage.models import Scorecard, utcnow
from storage.qa import DISPUTE_JUDGES, Dispute, DisputeRecord, DisputeRepo
from storage.scorecards import ScoreRepo
from storage.types import ScoreRecord, UserInfo

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_HOURS = 168
DEFAULT_PASS_MARK = 80.0


def open_dispute(
    db: Database,
    viewer: UserInfo,
    scorecard_id: int,
    *,
    criterion: str,
    comment: str,
    window_hours: int = DEFAULT_WINDOW_HOURS,
    now: datetime | None = None,
) -> int:
    """Dispute one criterion of one's own scorecard; returns the dispute id.

    Raises
    ------
    StorageError
        Not the viewer's scorecard, unknown criterion, no comment, already disputed, or the window has closed.
    """
    now = now or utcnow()
    with db.transaction() as s:
        created = s.scalar(
            select(Scorecard.created_at).where(Scorecard.id == scorecard_id, Scorecard.user_id == viewer.id)
        )
    if created is not None and now - created > timedelta(hours=window_hours):
        raise StorageError(f"the dispute window of {window_hours} h after scoring has closed")
    return DisputeRepo(db).open(viewer, scorecard_id, criterion=criterion, comment=comment, now=now)


def settle(
    db: Database,
    viewer: UserInfo,
    dispute_id: int,
    *,
    action: str,
    comment: str,
    score: float | None = None,
    now: datetime | None = None,
) -> DisputeRecord:
    """Accept (the criterion gets ``score``, default full marks), adjust (to ``score``) or reject a dispute."""
    DisputeRepo(db).resolve(viewer, dispute_id, action=action, comment=comment, score=score, now=now or utcnow())
    return DisputeRepo(db).get(viewer, dispute_id)


def disputes(db: Database, viewer: UserInfo, *, status: str | None = None) -> list[DisputeRecord]:
    """The disputes the viewer may see (their own, or all for a supervisor/admin)."""
    return DisputeRepo(db).list(viewer, status=status)


@dataclass(frozen=True)
class CriterionView:
    criterion: str
    weight: float
    automatic: float | None
    resolved: float | None
    status: str  # "" (never disputed), open, accepted, adjusted, rejected


@dataclass(frozen=True)
class SideBySide:
    """A scorecard's automatic result and the result after settled disputes, never mixed up."""

    scorecard_id: int
    rubric: str
    automatic_overall: float | None
    resolved_overall: float | None
    automatic_passed: bool
    resolved_passed: bool
    criteria: list[CriterionView]

    @property
    def changed(self) -> bool:
        return self.automatic_overall != self.resolved_overall


def _pass_mark(rubric_yaml: str) -> float:
    if not rubric_yaml.strip():
        return DEFAULT_PASS_MARK
    try:
        data = YAML(typ="safe").load(rubric_yaml)
    except Exception:  # a stored rubric that no longer parses must not hide the scorecard
        logger.warning("stored rubric text does not parse; using pass mark %s", DEFAULT_PASS_MARK)
        return DEFAULT_PASS_MARK
    mark = data.get("pass_mark") if isinstance(data, dict) else None
    return float(mark) if isinstance(mark, int | float) else DEFAULT_PASS_MARK


def weighted_overall(scores: dict[str, tuple[float, float | None]]) -> float | None:
    """The engine's overall: weighted mean of applicable criteria (``None`` scores left out, never zero)."""
    used = {n: (w, s) for n, (w, s) in scores.items() if s is not None and w > 0}
    total = sum(w for w, _ in used.values())
    return round(sum(w * s for w, s in used.values()) / total, 1) if total > 0 else None  # type: ignore[operator]


def side_by_side(db: Database, viewer: UserInfo, scorecard_id: int) -> SideBySide:
    """The automatic and resolved scores of a scorecard, for the person scored or a supervisor/admin only."""
    with db.transaction() as s:
        card = s.get(Scorecard, scorecard_id)
        if card is None or (viewer.role not in DISPUTE_JUDGES and card.user_id != viewer.id):
            raise StorageError(f"no scorecard {scorecard_id} visible to {viewer.username}")
        body = json.loads(card.card_json)
        rows = list(s.scalars(select(Dispute).where(Dispute.scorecard_id == scorecard_id).order_by(Dispute.id)))
        auto_overall, auto_passed, rubric_yaml = card.overall, card.passed, card.rubric_yaml
        rubric = f"{card.rubric_id}@{card.rubric_version}"
    latest = {d.criterion: d for d in rows}  # the newest dispute of a criterion decides
    views: list[CriterionView] = []
    resolved_scores: dict[str, tuple[float, float | None]] = {}
    for name, c in (body.get("criteria") or {}).items():
        weight = float(c.get("weight") or 0.0)
        auto = c.get("score") if c.get("applicable", True) else None
        d = latest.get(name)
        resolved = d.resolved_score if d is not None and d.status in ("accepted", "adjusted") else auto
        views.append(CriterionView(name, weight, auto, resolved, d.status if d else ""))
        resolved_scores[name] = (weight, resolved)
    if any(v.resolved != v.automatic for v in views):
        resolved_overall = weighted_overall(resolved_scores)
    else:
        resolved_overall = auto_overall
    resolved_passed = (
        resolved_overall is not None and resolved_overall >= _pass_mark(rubric_yaml) and not body.get("auto_fail")
    )
    return SideBySide(
        scorecard_id=scorecard_id,
        rubric=rubric,
        automatic_overall=auto_overall,
        resolved_overall=resolved_overall,
        automatic_passed=auto_passed,
        resolved_passed=resolved_passed if resolved_overall != auto_overall else auto_passed,
        criteria=views,
    )


def resolved_overalls(db: Database, viewer: UserInfo, scorecard_ids: list[int]) -> dict[int, float | None]:
    """Resolved overall per scorecard that has a settled dispute changing it (for dashboards and the LRS)."""
    with db.transaction() as s:
        ids = set(
            s.scalars(
                select(Dispute.scorecard_id).where(
                    Dispute.scorecard_id.in_(scorecard_ids), Dispute.status.in_(("accepted", "adjusted"))
                )
            )
        )
    out = {}
    for i in sorted(ids):
        view = side_by_side(db, viewer, i)
        if view.changed:
            out[i] = view.resolved_overall
    return out


def own_scorecards(db: Database, user: UserInfo) -> list[ScoreRecord]:
    """The scorecards of the signed-in person (what they may dispute), oldest first."""
    return list(ScoreRepo(db).list(user, user_id=user.id))
