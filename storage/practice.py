"""Practice sessions: saved after every turn with an optimistic version check, scored in one transaction."""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, selectinload

from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from storage.access import readable_session
from storage.db import Database
from storage.errors import StaleSessionError, StorageError
from storage.models import PracticeSession, Scorecard, SessionTurn, utcnow
from storage.scorecards import scorecard_row
from storage.types import PracticeRecord, UserInfo


def _practice(
    row: PracticeSession, turns: Sequence[SessionTurn] = (), scorecard_id: int | None = None
) -> PracticeRecord:
    return PracticeRecord(
        id=row.id,
        user_id=row.user_id,
        scenario_id=row.scenario_id,
        status=row.status,
        version=row.version,
        snapshot=json.loads(row.snapshot_json or "{}"),
        started_at=row.started_at,
        updated_at=row.updated_at,
        scorecard_id=scorecard_id,
        turns=[turn_dict(t) for t in turns],
    )


def turn_dict(t: SessionTurn) -> dict[str, Any]:
    return {
        "index": t.turn_index,
        "speaker": t.speaker,
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "audio_path": t.audio_path,
    }


class PracticeRepo:
    """Practice sessions, saved after every turn with an optimistic version check."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def start(
        self,
        viewer: UserInfo,
        *,
        scenario_id: str,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]] = (),
        session_id: str | None = None,
    ) -> PracticeRecord:
        with self.db.transaction() as s:
            row = PracticeSession(
                id=session_id or uuid.uuid4().hex,
                user_id=viewer.id,
                scenario_id=scenario_id,
                status="active",
                version=1,
                snapshot_json=json.dumps(snapshot),
            )
            s.add(row)
            s.flush()
            self._append_turns(s, row.id, turns)
            return _practice(row)

    @staticmethod
    def _owned(viewer: UserInfo, session_id: str) -> Select[PracticeSession]:
        return readable_session(viewer, session_id)

    def get(self, viewer: UserInfo, session_id: str) -> PracticeRecord:
        with self.db.transaction() as s:
            row = s.scalar(self._owned(viewer, session_id).options(selectinload(PracticeSession.turns)))
            if row is None:
                raise StorageError(f"no practice session {session_id!r} for {viewer.username}")
            card_id = s.scalar(select(Scorecard.id).where(Scorecard.session_id == row.id))
            return _practice(row, row.turns, card_id)

    def list(self, viewer: UserInfo, *, status: str | None = None) -> list[PracticeRecord]:
        """The viewer's own sessions, newest first."""
        with self.db.transaction() as s:
            q = (
                select(PracticeSession)
                .where(PracticeSession.user_id == viewer.id)
                .order_by(PracticeSession.updated_at.desc())
            )
            if status is not None:
                q = q.where(PracticeSession.status == status)
            return [_practice(r) for r in s.scalars(q)]

    def unfinished(self, viewer: UserInfo) -> builtins.list[PracticeRecord]:
        return self.list(viewer, status="active")

    def _bump(self, s: Session, viewer: UserInfo, session_id: str, expected_version: int, **values: Any) -> int:
        result: Any = s.execute(
            update(PracticeSession)
            .where(
                PracticeSession.id == session_id,
                PracticeSession.user_id == viewer.id,
                PracticeSession.version == expected_version,
                PracticeSession.status == "active",
            )
            .values(version=PracticeSession.version + 1, updated_at=utcnow(), **values)
        )
        if result.rowcount != 1:
            actual = s.scalar(
                select(PracticeSession.version).where(
                    PracticeSession.id == session_id, PracticeSession.user_id == viewer.id
                )
            )
            if actual is None:
                raise StorageError(f"no practice session {session_id!r} for {viewer.username}")
            raise StaleSessionError(session_id, expected_version, actual)
        return expected_version + 1

    @staticmethod
    def _append_turns(s: Session, session_id: str, turns: Sequence[dict[str, Any]]) -> None:
        """Add new turns; a stored turn whose text changed is rewritten. The caller redacts the whole call each
        save, so the first half of a card number read over two turns is replaced once the second half shows
        it was one (the earlier row held only digits that did not yet look like a card)."""
        known = {t.turn_index: t for t in s.scalars(select(SessionTurn).where(SessionTurn.session_id == session_id))}
        for index, turn in enumerate(turns):
            if index in known:
                text = str(turn.get("text", ""))
                if known[index].text != text:
                    known[index].text = text
                continue
            s.add(
                SessionTurn(
                    session_id=session_id,
                    turn_index=index,
                    speaker=str(turn.get("speaker", "agent")),
                    text=str(turn.get("text", "")),
                    start=turn.get("start"),
                    end=turn.get("end"),
                    audio_path=turn.get("audio_path"),
                )
            )

    def save_turns(
        self,
        viewer: UserInfo,
        session_id: str,
        *,
        expected_version: int,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]],
    ) -> int:
        """Store the snapshot and any new turns; returns the new version or raises StaleSessionError."""
        with self.db.transaction() as s:
            version = self._bump(s, viewer, session_id, expected_version, snapshot_json=json.dumps(snapshot))
            self._append_turns(s, session_id, turns)
            return version

    def finish(
        self,
        viewer: UserInfo,
        session_id: str,
        *,
        expected_version: int,
        snapshot: dict[str, Any],
        turns: Sequence[dict[str, Any]],
        card: ScoreCard,
        transcript: Transcript,
        rubric_yaml: str,
        rubric_revision: int | None = None,
    ) -> int:
        """End the session and store its scorecard in one transaction; returns the scorecard id."""
        with self.db.transaction() as s:
            self._bump(
                s,
                viewer,
                session_id,
                expected_version,
                snapshot_json=json.dumps(snapshot),
                status="scored",
                ended_at=utcnow(),
            )
            self._append_turns(s, session_id, turns)
            scenario_id = s.scalar(select(PracticeSession.scenario_id).where(PracticeSession.id == session_id))
            row = scorecard_row(
                card,
                transcript,
                user_id=viewer.id,
                agent_name=viewer.username,
                source="practice",
                scenario_id=scenario_id,
                session_id=session_id,
                rubric_yaml=rubric_yaml,
                rubric_revision=rubric_revision,
                created_by_id=viewer.id,
            )
            s.add(row)
            s.flush()
            return row.id

    def abandon(self, viewer: UserInfo, session_id: str, *, expected_version: int) -> None:
        with self.db.transaction() as s:
            self._bump(s, viewer, session_id, expected_version, status="abandoned", ended_at=utcnow())
