"""From a real call to a drill: a failed criterion becomes the practice scenario closest to the call.

The scenarios that train the failed skill (``Scenario.skills``) are ranked by how close their situation
(title, description, the trainee's brief, the customer's goal) is to what the customer said on the call,
using the shared sentence encoder, so a double charge on the floor becomes a double-charge drill rather
than any empathy scenario. The call's evidence for that criterion (quotes, reasons) rides along. The drill
is an ordinary assignment as well (it shows on the Practice page) and closes when the trainee passes the
scenario after it was assigned, or certifies on it (pass^k) when asked.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import select, update

from domain.loader import Library
from domain.scenario import Scenario
from language.encoder import get_encoder
from services import certification
from storage.db import Database
from storage.errors import StorageError
from storage.models import Assignment, Scorecard, User, utcnow
from storage.qa import Drill
from storage.repositories import STAFF, AssignmentRepo, require_role
from storage.types import UserInfo

logger = logging.getLogger(__name__)

DEFAULT_FAIL_BELOW = 60.0


@dataclass(frozen=True)
class Match:
    scenario_id: str
    similarity: float
    trains_skill: bool


@dataclass(frozen=True)
class DrillView:
    id: int
    trainee: str
    scenario_id: str
    criterion: str
    scorecard_id: int
    evidence: list[dict[str, object]]
    similarity: float | None
    close_on: str
    closed: bool
    created_at: datetime
    closed_at: datetime | None
    rule: str | None


def scenario_text(scenario: Scenario) -> str:
    """What a scenario is about, in words comparable to a call."""
    parts = [scenario.title, scenario.description, scenario.brief.reason, scenario.brief.notes, scenario.goal]
    return " ".join(p.strip() for p in parts if p and p.strip())


def call_text(transcript: dict[str, Any]) -> str:
    """The customer's side of the call: their situation, not how the agent handled it."""
    turns = [t for t in transcript.get("turns") or [] if isinstance(t, dict)]
    said = [str(t.get("text", "")) for t in turns if t.get("speaker") == "customer"]
    return " ".join(said) or " ".join(str(t.get("text", "")) for t in turns)


def rank_scenarios(library: Library, text: str, *, criterion: str, top: int = 3) -> list[Match]:
    """Scenarios that train ``criterion``, closest situation first (all scenarios when none lists the skill)."""
    pool = [s for s in library.scenarios.values() if criterion in s.skills] or list(library.scenarios.values())
    if not pool:
        return []
    encoder = get_encoder()
    vectors = encoder.encode([text or criterion, *[scenario_text(s) for s in pool]])
    sims = vectors[1:] @ vectors[0]
    order = np.argsort(-sims, kind="stable")[:top]
    return [Match(pool[i].id, round(float(sims[i]), 4), criterion in pool[i].skills) for i in order]


def _evidence(card: dict[str, Any], criterion: str) -> list[dict[str, object]]:
    result = (card.get("criteria") or {}).get(criterion) or {}
    quotes = [{"turn": e.get("turn"), "quote": e.get("quote")} for e in result.get("evidence", [])]
    reasons = [{"reason": r} for r in result.get("reasons", [])]
    return [{"score": result.get("score")}, *quotes, *reasons]


def assign_drill(
    db: Database,
    library: Library,
    viewer: UserInfo,
    scorecard_id: int,
    *,
    criterion: str,
    scenario_id: str | None = None,
    close_on: str = "pass",
    k: int = 3,
    rule: str | None = None,
) -> int:
    """Assign the person scored on ``scorecard_id`` a drill for ``criterion``; returns the drill id.

    Without ``scenario_id`` the closest scenario that trains the skill is chosen.
    """
    require_role(viewer, *STAFF)
    if close_on not in ("pass", "certify"):
        raise StorageError("a drill closes on 'pass' or 'certify'")
    with db.transaction() as s:
        card = s.get(Scorecard, scorecard_id)
        if card is None:
            raise StorageError(f"no scorecard {scorecard_id}")
        if card.user_id is None:
            raise StorageError(f"scorecard {scorecard_id} is not linked to a user, so nobody can be assigned a drill")
        body = json.loads(card.card_json)
        transcript = json.loads(card.transcript_json)
        trainee_id = card.user_id
    if criterion not in (body.get("criteria") or {}):
        raise StorageError(f"criterion {criterion!r} is not on this scorecard")
    similarity: float | None = None
    if scenario_id is None:
        matches = rank_scenarios(library, call_text(transcript), criterion=criterion, top=1)
        if not matches:
            raise StorageError("the library has no scenario to drill with")
        scenario_id, similarity = matches[0].scenario_id, matches[0].similarity
    elif scenario_id not in library.scenarios:
        raise StorageError(f"no scenario {scenario_id!r} in the library")
    assignment_id = AssignmentRepo(db).assign(viewer, trainee_id=trainee_id, scenario_id=scenario_id)
    plan_id = None
    if close_on == "certify":
        plan_id = certification.create_plan(db, viewer, trainee_id=trainee_id, scenario_ids=[scenario_id], k=k)
    with db.transaction() as s:
        row = Drill(
            trainee_id=trainee_id,
            scenario_id=scenario_id,
            scorecard_id=scorecard_id,
            criterion=criterion,
            evidence_json=json.dumps(_evidence(body, criterion)),
            similarity=similarity,
            close_on=close_on,
            plan_id=plan_id,
            assignment_id=assignment_id,
            assigned_by_id=viewer.id,
            rule=rule,
        )
        s.add(row)
        s.flush()
        return row.id


def apply_rule(
    db: Database,
    library: Library,
    viewer: UserInfo,
    *,
    below: float = DEFAULT_FAIL_BELOW,
    criteria: list[str] | None = None,
    close_on: str = "pass",
) -> list[int]:
    """The rule "a real contact scoring under ``below`` on a criterion gets a drill", over stored contacts.

    Each (scorecard, criterion) is drilled once, however often the rule runs.
    """
    require_role(viewer, *STAFF)
    rule = f"criterion score < {below:g}"
    with db.transaction() as s:
        done = {(a, b) for a, b in s.execute(select(Drill.scorecard_id, Drill.criterion))}
        cards = [
            (c.id, json.loads(c.card_json))
            for c in s.scalars(
                select(Scorecard)
                .join(User, User.id == Scorecard.user_id)
                .where(Scorecard.source != "practice", User.role == "trainee", User.active.is_(True))
                .order_by(Scorecard.id)
            )
        ]
    made = []
    for card_id, body in cards:
        for name, result in (body.get("criteria") or {}).items():
            if criteria and name not in criteria:
                continue
            score = result.get("score")
            if score is None or score >= below or (card_id, name) in done:
                continue
            made.append(assign_drill(db, library, viewer, card_id, criterion=name, close_on=close_on, rule=rule))
    return made


def close_finished(db: Database, *, trainee_id: int | None = None, now: datetime | None = None) -> list[int]:
    """Close the open drills whose trainee has since passed (or certified on) the scenario; returns their ids."""
    now = now or utcnow()
    with db.transaction() as s:
        q = select(Drill).where(Drill.closed.is_(False))
        if trainee_id is not None:
            q = q.where(Drill.trainee_id == trainee_id)
        open_drills = list(s.scalars(q))
    closed = []
    for drill in open_drills:
        by: int | None = None
        if drill.close_on == "certify" and drill.plan_id is not None:
            status = certification.evaluate(db, drill.plan_id, now=now)
            if status.certificate_id is not None:  # closed by the pass that completed the run
                by = next((a.scorecard_id for a in status.attempts if a.at == status.issued_at), None)
        else:
            with db.transaction() as s:
                by = s.scalar(
                    select(Scorecard.id)
                    .where(
                        Scorecard.user_id == drill.trainee_id,
                        Scorecard.source == "practice",
                        Scorecard.scenario_id == drill.scenario_id,
                        Scorecard.passed.is_(True),
                        Scorecard.created_at >= drill.created_at,
                    )
                    .order_by(Scorecard.id)
                    .limit(1)
                )
        if by is None:
            continue
        with db.transaction() as s:
            row = s.get(Drill, drill.id)
            if row is None or row.closed:
                continue
            row.closed, row.closed_at, row.closed_by_scorecard_id = True, now, by
            if row.assignment_id is not None:
                s.execute(update(Assignment).where(Assignment.id == row.assignment_id).values(done=True))
        closed.append(drill.id)
    return closed


def drills_for(db: Database, viewer: UserInfo, *, open_only: bool = False) -> list[DrillView]:
    """Drills the viewer may see (a trainee: their own), after closing the ones that are done."""
    close_finished(db, trainee_id=viewer.id if viewer.is_trainee else None)
    with db.transaction() as s:
        q = select(Drill, User.username).join(User, User.id == Drill.trainee_id).order_by(Drill.id)
        if viewer.is_trainee:
            q = q.where(Drill.trainee_id == viewer.id)
        if open_only:
            q = q.where(Drill.closed.is_(False))
        return [
            DrillView(
                id=d.id,
                trainee=name,
                scenario_id=d.scenario_id,
                criterion=d.criterion,
                scorecard_id=d.scorecard_id,
                evidence=json.loads(d.evidence_json),
                similarity=d.similarity,
                close_on=d.close_on,
                closed=d.closed,
                created_at=d.created_at,
                closed_at=d.closed_at,
                rule=d.rule,
            )
            for d, name in s.execute(q)
        ]
