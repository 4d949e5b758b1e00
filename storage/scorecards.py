"""Scorecards and overrides: scored practice calls and real contacts, reviewers' scores kept beside them."""

from __future__ import annotations

import builtins
import json

from sqlalchemy.orm import selectinload

from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from storage.access import REVIEWERS, require_role, visible_scorecards
from storage.db import Database
from storage.errors import StorageError
from storage.models import Override, Scorecard
from storage.types import OverrideRecord, ScoreRecord, UserInfo


def scorecard_row(
    card: ScoreCard,
    transcript: Transcript,
    *,
    user_id: int | None,
    agent_name: str,
    source: str,
    scenario_id: str | None,
    session_id: str | None,
    rubric_yaml: str,
    rubric_revision: int | None,
    created_by_id: int | None,
    content_hash: str | None = None,
) -> Scorecard:
    return Scorecard(
        user_id=user_id,
        agent_name=agent_name,
        source=source,
        transcript_id=card.transcript,
        scenario_id=scenario_id,
        session_id=session_id,
        rubric_id=card.rubric.id,
        rubric_version=card.rubric.version,
        rubric_revision=rubric_revision,
        rubric_yaml=rubric_yaml,
        overall=card.overall,
        passed=card.passed,
        card_json=json.dumps(card.to_json_dict()),
        transcript_json=transcript.model_dump_json(),
        created_by_id=created_by_id,
        content_hash=content_hash,
    )


def _override(row: Override) -> OverrideRecord:
    return OverrideRecord(
        id=row.id,
        scorecard_id=row.scorecard_id,
        criterion=row.criterion,
        score=row.score,
        comment=row.comment,
        by=row.by.username if row.by is not None else "",
        created_at=row.created_at,
    )


class ScoreRepo:
    """Scorecards of practice sessions and of real contacts, with reviewers' overrides beside them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        viewer: UserInfo,
        *,
        card: ScoreCard,
        transcript: Transcript,
        source: str = "upload",
        agent_name: str = "",
        user_id: int | None = None,
        scenario_id: str | None = None,
        rubric_yaml: str = "",
        rubric_revision: int | None = None,
        content_hash: str | None = None,
    ) -> int:
        """Store a scored contact (reviewers only); ``content_hash`` is the SHA-256 of the file it came from."""
        require_role(viewer, *REVIEWERS)
        with self.db.transaction() as s:
            row = scorecard_row(
                card,
                transcript,
                user_id=user_id,
                agent_name=agent_name,
                source=source,
                scenario_id=scenario_id,
                session_id=None,
                rubric_yaml=rubric_yaml,
                rubric_revision=rubric_revision,
                created_by_id=viewer.id,
                content_hash=content_hash,
            )
            s.add(row)
            s.flush()
            return row.id

    def ids_for_content(
        self, viewer: UserInfo, *, content_hash: str, rubric_id: str, rubric_version: int
    ) -> builtins.list[int]:
        """Ids of the stored contacts (visible to the viewer) imported from a file with this content hash and
        scored with this rubric version, in the order they were stored: re-importing the file finds them."""
        with self.db.transaction() as s:
            q = (
                visible_scorecards(viewer)
                .with_only_columns(Scorecard.id)
                .where(
                    Scorecard.content_hash == content_hash,
                    Scorecard.rubric_id == rubric_id,
                    Scorecard.rubric_version == rubric_version,
                )
                .order_by(Scorecard.id)
            )
            return list(s.scalars(q))

    def list(
        self,
        viewer: UserInfo,
        *,
        user_id: int | None = None,
        source: str | None = None,
        limit: int | None = None,
    ) -> list[ScoreRecord]:
        with self.db.transaction() as s:
            q = (
                visible_scorecards(viewer)
                .options(selectinload(Scorecard.overrides))
                .order_by(Scorecard.created_at, Scorecard.id)
            )
            if user_id is not None:
                q = q.where(Scorecard.user_id == user_id)
            if source is not None:
                q = q.where(Scorecard.source == source)
            if limit is not None:
                q = q.limit(limit)
            return [_score(r) for r in s.scalars(q)]

    def get(self, viewer: UserInfo, scorecard_id: int) -> ScoreRecord:
        with self.db.transaction() as s:
            q = (
                visible_scorecards(viewer)
                .options(selectinload(Scorecard.overrides))
                .where(Scorecard.id == scorecard_id)
            )
            row = s.scalar(q)
            if row is None:
                raise StorageError(f"no scorecard {scorecard_id} visible to {viewer.username}")
            return _score(row)

    def add_override(
        self, viewer: UserInfo, scorecard_id: int, *, criterion: str, score: float | None, comment: str
    ) -> int:
        """Store a reviewer's score beside the automatic one; the scorecard itself is never changed."""
        require_role(viewer, *REVIEWERS)
        if not comment.strip():
            raise StorageError("an override needs a comment saying why")
        if score is not None and not 0 <= score <= 100:
            raise StorageError("an override score is between 0 and 100")
        with self.db.transaction() as s:
            card = s.get(Scorecard, scorecard_id)
            if card is None:
                raise StorageError(f"no scorecard {scorecard_id}")
            if criterion not in json.loads(card.card_json).get("criteria", {}):
                raise StorageError(f"criterion {criterion!r} is not on this scorecard")
            row = Override(
                scorecard_id=scorecard_id, criterion=criterion, score=score, comment=comment.strip(), by_id=viewer.id
            )
            s.add(row)
            s.flush()
            return row.id


def _score(row: Scorecard) -> ScoreRecord:
    return ScoreRecord(
        id=row.id,
        user_id=row.user_id,
        agent_name=row.agent_name,
        source=row.source,
        transcript_id=row.transcript_id,
        scenario_id=row.scenario_id,
        session_id=row.session_id,
        rubric_id=row.rubric_id,
        rubric_version=row.rubric_version,
        rubric_revision=row.rubric_revision,
        rubric_yaml=row.rubric_yaml,
        overall=row.overall,
        passed=row.passed,
        card=json.loads(row.card_json),
        transcript=json.loads(row.transcript_json),
        created_at=row.created_at,
        overrides=[_override(o) for o in row.overrides],
    )
