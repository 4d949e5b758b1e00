"""Reporting: a person's progress, the team dashboard's records, stored scorecards and the CSV exports.

Every CSV of scorecards is the flat row of :meth:`domain.scorecard.ScoreCard.to_row` (plus the stored id,
source and reviewer overrides), the same columns ``csrsim score --format csv`` and ``csrsim batch`` write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.scorecard import ScoreCard, rows_as_csv, scorecard_columns
from services.workspace import Workspace
from storage import ScoreRepo, UserRepo
from storage.types import ScoreRecord, UserInfo

STORED_COLUMNS = ("scorecard", "source", "stored_at", "overrides")


def scorecards(ws: Workspace, viewer: UserInfo) -> list[ScoreRecord]:
    """The scorecards the viewer may see, oldest first (a trainee: their own)."""
    return ScoreRepo(ws.db).list(viewer)


def scorecard(ws: Workspace, viewer: UserInfo, scorecard_id: int) -> ScoreRecord:
    return ScoreRepo(ws.db).get(viewer, scorecard_id)


def add_override(
    ws: Workspace, viewer: UserInfo, scorecard_id: int, *, criterion: str, score: float | None, comment: str
) -> int:
    """A reviewer's score beside the automatic one (which is never changed)."""
    return ScoreRepo(ws.db).add_override(viewer, scorecard_id, criterion=criterion, score=score, comment=comment)


def export_user(ws: Workspace, username: str) -> dict[str, Any]:
    """Everything stored about one person (``csrsim export-user``)."""
    return UserRepo(ws.db).export(username)


def delete_user(ws: Workspace, username: str) -> None:
    UserRepo(ws.db).delete(username)


def flat_rows(records: Sequence[ScoreRecord]) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows): each stored scorecard as its flat row, criteria the union over the records in order."""
    cards = [ScoreCard.model_validate(r.card) for r in records]
    criteria: list[str] = []
    for card in cards:
        criteria.extend(n for n in card.criteria if n not in criteria)
    rows = []
    for record, card in zip(records, cards, strict=True):
        row = card.to_row(criteria=criteria)
        if not row.get("agent"):
            row["agent"] = record.agent_name or None
        row.update(
            scorecard=record.id,
            source=record.source,
            stored_at=record.created_at.isoformat(timespec="seconds"),
            overrides=len(record.overrides),
        )
        rows.append(row)
    return [*STORED_COLUMNS, *scorecard_columns(criteria)], rows


def scorecards_csv(records: Sequence[ScoreRecord]) -> str:
    """Stored scorecards as CSV in the one flat scorecard row."""
    columns, rows = flat_rows(records)
    return rows_as_csv(rows, columns=columns)


def teams_by_user(ws: Workspace) -> dict[int, str | None]:
    """User id -> team, for the team dashboard's team filter."""
    return {u.id: u.team for u in UserRepo(ws.db).list()}


def teams(ws: Workspace) -> list[str]:
    return UserRepo(ws.db).teams()
