"""Certification by pass^k: a trainee is certified on a scenario (or a set) after ``k`` passes in a row,
each with a different customer seed, so a single lucky run never certifies anybody.

Attempts are the trainee's scored practice sessions on the plan's scenarios since the plan was made;
they are counted from the scorecards themselves (no counter that could drift). A pass needs the
scorecard's own verdict (no auto-fail) and ``overall >= pass_mark`` of the plan. A pass whose
(scenario, seed) already counts in the current run does not extend it; any fail resets it. For a set,
every scenario of the set must be among the run's passes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from storage.db import Database
from storage.errors import StorageError
from storage.models import PracticeSession, Scorecard, User, utcnow
from storage.qa import Certificate, CertificationPlan
from storage.types import UserInfo

logger = logging.getLogger(__name__)

PLANNERS = ("trainer", "supervisor", "admin")


@dataclass(frozen=True)
class Attempt:
    scorecard_id: int
    scenario_id: str
    seed: int | None
    overall: float | None
    passed: bool
    at: datetime


@dataclass(frozen=True)
class PlanStatus:
    """Where a trainee stands on one plan: what the Progress page and the team dashboard show."""

    plan_id: int
    trainee: str
    scenario_ids: list[str]
    k: int
    pass_mark: float
    attempts: list[Attempt]
    streak: list[Attempt]
    max_attempts: int | None
    certificate_id: int | None = None
    issued_at: datetime | None = None
    expires_at: datetime | None = None
    state: str = "in progress"  # in progress | certified | expired | out of attempts
    missing: list[str] = field(default_factory=list)

    @property
    def attempts_left(self) -> int | None:
        return None if self.max_attempts is None else max(0, self.max_attempts - len(self.attempts))


def create_plan(
    db: Database,
    viewer: UserInfo,
    *,
    trainee_id: int,
    scenario_ids: list[str],
    k: int = 3,
    pass_mark: float = 80.0,
    max_attempts: int | None = None,
    valid_days: int = 365,
    now: datetime | None = None,
) -> int:
    """Ask a trainee to certify on ``scenario_ids``; returns the plan id.

    Raises
    ------
    StorageError
        When the viewer may not plan, the trainee is unknown, or the numbers make no sense.
    """
    if viewer.role not in PLANNERS:
        raise StorageError(f"a {viewer.role} may not set certifications")
    if not scenario_ids:
        raise StorageError("a certification needs at least one scenario")
    if k < 1 or not 0 <= pass_mark <= 100 or valid_days < 1:
        raise StorageError("k >= 1, 0 <= pass mark <= 100 and validity >= 1 day")
    if max_attempts is not None and max_attempts < k:
        raise StorageError(f"an attempt limit of {max_attempts} can never reach {k} passes in a row")
    with db.transaction() as s:
        trainee = s.get(User, trainee_id)
        if trainee is None or trainee.role != "trainee":
            raise StorageError("certifications are set for trainees")
        row = CertificationPlan(
            trainee_id=trainee_id,
            scenario_ids_json=json.dumps(sorted(set(scenario_ids))),
            k=k,
            pass_mark=pass_mark,
            max_attempts=max_attempts,
            valid_days=valid_days,
            assigned_by_id=viewer.id,
            created_at=now or utcnow(),
        )
        s.add(row)
        s.flush()
        return row.id


def _attempts(s: object, plan: CertificationPlan, scenario_ids: list[str]) -> list[Attempt]:
    rows = s.execute(  # type: ignore[attr-defined]
        select(Scorecard, PracticeSession.snapshot_json)
        .join(PracticeSession, PracticeSession.id == Scorecard.session_id)
        .where(
            Scorecard.user_id == plan.trainee_id,
            Scorecard.source == "practice",
            Scorecard.scenario_id.in_(scenario_ids),
            Scorecard.created_at >= plan.created_at,
        )
        .order_by(Scorecard.created_at, Scorecard.id)
    )
    out = []
    for card, snapshot in rows:
        seed = (json.loads(snapshot or "{}").get("session") or {}).get("seed")
        passed = bool(card.passed) and card.overall is not None and card.overall >= plan.pass_mark
        out.append(
            Attempt(
                scorecard_id=card.id,
                scenario_id=card.scenario_id or "",
                seed=None if seed is None else int(seed),
                overall=card.overall,
                passed=passed,
                at=card.created_at,
            )
        )
    return out


def current_streak(attempts: list[Attempt]) -> list[Attempt]:
    """The run of passes at the end of ``attempts`` with distinct (scenario, seed); a fail empties it."""
    run: list[Attempt] = []
    for attempt in attempts:
        if not attempt.passed:
            run = []
        elif attempt.seed is not None and all(
            (a.scenario_id, a.seed) != (attempt.scenario_id, attempt.seed) for a in run
        ):
            run.append(attempt)
    return run


def certified_run(attempts: list[Attempt], *, k: int, scenario_ids: list[str]) -> list[Attempt] | None:
    """The first moment the run qualifies: k distinct-seed passes in a row covering every scenario of the set."""
    run: list[Attempt] = []
    for attempt in attempts:
        if not attempt.passed:
            run = []
            continue
        if attempt.seed is None or any((a.scenario_id, a.seed) == (attempt.scenario_id, attempt.seed) for a in run):
            continue
        run.append(attempt)
        if len(run) >= k and set(scenario_ids) <= {a.scenario_id for a in run}:
            return run
    return None


def evaluate(db: Database, plan_id: int, *, now: datetime | None = None) -> PlanStatus:
    """The plan's state, issuing the certificate the first time the run qualifies (within the attempt limit)."""
    now = now or utcnow()
    with db.transaction() as s:
        plan = s.get(CertificationPlan, plan_id)
        if plan is None:
            raise StorageError(f"no certification plan {plan_id}")
        trainee = s.get(User, plan.trainee_id)
        scenario_ids = list(json.loads(plan.scenario_ids_json))
        attempts = _attempts(s, plan, scenario_ids)
        counted = attempts if plan.max_attempts is None else attempts[: plan.max_attempts]
        cert = s.scalar(select(Certificate).where(Certificate.plan_id == plan.id).order_by(Certificate.id.desc()))
        if cert is None:
            run = certified_run(counted, k=plan.k, scenario_ids=scenario_ids)
            if run is not None:
                cert = Certificate(
                    plan_id=plan.id,
                    trainee_id=plan.trainee_id,
                    scorecard_ids_json=json.dumps([a.scorecard_id for a in run]),
                    issued_at=run[-1].at,
                    expires_at=run[-1].at + timedelta(days=plan.valid_days),
                )
                s.add(cert)
                s.flush()
                logger.info("certificate %s issued to user %s for plan %s", cert.id, plan.trainee_id, plan.id)
        streak = current_streak(counted)
        if cert is not None:
            state = "expired" if cert.expires_at <= now else "certified"
        elif plan.max_attempts is not None and len(attempts) >= plan.max_attempts:
            state = "out of attempts"
        else:
            state = "in progress"
        return PlanStatus(
            plan_id=plan.id,
            trainee=trainee.username if trainee else "",
            scenario_ids=scenario_ids,
            k=plan.k,
            pass_mark=plan.pass_mark,
            attempts=attempts,
            streak=streak,
            max_attempts=plan.max_attempts,
            certificate_id=cert.id if cert else None,
            issued_at=cert.issued_at if cert else None,
            expires_at=cert.expires_at if cert else None,
            state=state,
            missing=sorted(set(scenario_ids) - {a.scenario_id for a in streak}),
        )


def plans_for(
    db: Database, viewer: UserInfo, *, trainee_id: int | None = None, now: datetime | None = None
) -> list[PlanStatus]:
    """Every plan the viewer may see, evaluated: a trainee sees their own, staff see everyone's (or one trainee's)."""
    if viewer.is_trainee:
        trainee_id = viewer.id
    with db.transaction() as s:
        q = select(CertificationPlan.id).order_by(CertificationPlan.id)
        if trainee_id is not None:
            q = q.where(CertificationPlan.trainee_id == trainee_id)
        ids = list(s.scalars(q))
    return [evaluate(db, i, now=now) for i in ids]


def status_rows(statuses: list[PlanStatus]) -> list[dict[str, object]]:
    """Table rows for the Progress page and the team dashboard."""
    return [
        {
            "trainee": p.trainee,
            "scenarios": ", ".join(p.scenario_ids),
            "state": p.state,
            "passes in a row": f"{len(p.streak)}/{p.k}",
            "pass mark": p.pass_mark,
            "attempts": len(p.attempts) if p.max_attempts is None else f"{len(p.attempts)}/{p.max_attempts}",
            "expires": p.expires_at.date().isoformat() if p.expires_at else "",
        }
        for p in statuses
    ]
