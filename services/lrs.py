"""Results to a learning record store: xAPI 1.0.3 statements in a cmi5-compatible shape, queued, then pushed.

Statements are built from what is stored (practice scorecards, certificates, settled disputes) and queued
in the database under a stable id (uuid5 of what the statement is about), so building twice queues once
and a retried push can never duplicate a statement at the LRS: each is sent with
``PUT /statements?statementId=ID``, which the LRS treats as idempotent. When the LRS is down the
statements stay queued and ``push`` says how many are waiting. Retries are tenacity's, with backoff.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import func, select
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from services.disputes import resolved_overalls
from storage.db import Database
from storage.models import PracticeSession, Scorecard, User, utcnow
from storage.qa import Certificate, CertificationPlan, Dispute, LrsStatement
from storage.types import UserInfo

logger = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CMI5_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"


# Who ``collect`` reads as: it queues everyone's results, as an administrator would see them.
_SYSTEM = UserInfo(id=0, username="lrs-export", display_name="LRS export", role="admin")


class LrsSettings(BaseSettings):
    """Where the LRS is: ``CSR_LRS_URL`` (the xAPI endpoint, e.g. ``http://lrs/xAPI``), user and password."""

    model_config = SettingsConfigDict(env_prefix="CSR_LRS_", extra="ignore")

    url: str | None = None
    username: str = ""
    password: SecretStr = SecretStr("")
    homepage: str = "https://csr-coach.local"
    timeout_seconds: float = 10.0
    attempts: int = 4
    backoff_seconds: float = 0.5


def _iri(settings: LrsSettings, *parts: object) -> str:
    return "/".join([settings.homepage.rstrip("/"), "xapi", *(str(p) for p in parts)])


def statement_id(settings: LrsSettings, *parts: object) -> str:
    """A uuid5 of what the statement is about: the same fact always gets the same id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, _iri(settings, "statements", *parts)))


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration as xAPI wants it, e.g. ``PT92.5S``."""
    seconds = max(0.0, float(seconds))
    text = f"{seconds:.2f}".rstrip("0").rstrip(".")
    return f"PT{text}S"


def _timestamp(at: datetime) -> str:
    return at.replace(microsecond=(at.microsecond // 1000) * 1000).isoformat() + "Z"


def _actor(settings: LrsSettings, user: User | None, fallback: str) -> dict[str, Any]:
    name = user.username if user else fallback or "unknown"
    return {
        "objectType": "Agent",
        "name": (user.display_name if user else "") or name,
        "account": {"homePage": settings.homepage, "name": name},
    }


def _duration(card: Scorecard, session: PracticeSession | None) -> float:
    turns = json.loads(card.transcript_json).get("turns", [])
    ends = [t["end"] for t in turns if t.get("end") is not None]
    starts = [t["start"] for t in turns if t.get("start") is not None]
    if ends and starts:
        return float(max(ends) - min(starts))
    if session is not None and session.ended_at is not None:
        return (session.ended_at - session.started_at).total_seconds()
    return 0.0


def _criteria(card_json: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {"score": c.get("score"), "applicable": c.get("applicable", True), "weight": c.get("weight")}
        for name, c in (card_json.get("criteria") or {}).items()
    }


def _score(overall: float) -> dict[str, float]:
    return {"scaled": round(overall / 100.0, 4), "raw": round(overall, 2), "min": 0, "max": 100}


def _object(settings: LrsSettings, card: Scorecard) -> dict[str, Any]:
    if card.scenario_id:
        return {
            "objectType": "Activity",
            "id": _iri(settings, "activities", "scenario", card.scenario_id),
            "definition": {"name": {"en-US": card.scenario_id}, "type": SIMULATION},
        }
    return {
        "objectType": "Activity",
        "id": _iri(settings, "activities", "contact", card.id),
        "definition": {"name": {"en-US": card.transcript_id}, "type": ASSESSMENT},
    }


def _statement(
    settings: LrsSettings,
    *,
    sid: str,
    verb: str,
    actor: dict[str, Any],
    obj: dict[str, Any],
    result: dict[str, Any],
    registration: str,
    session: str,
    at: datetime,
) -> dict[str, Any]:
    return {
        "id": sid,
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "result": result,
        "context": {
            "registration": registration,
            "contextActivities": {"category": [{"id": CMI5_CATEGORY}]},
            "extensions": {CMI5_SESSION: session},
        },
        "timestamp": _timestamp(at),
    }


def scorecard_statements(
    settings: LrsSettings,
    card: Scorecard,
    *,
    user: User | None,
    session: PracticeSession | None,
    adjusted: float | None,
) -> list[dict[str, Any]]:
    """``completed`` plus ``passed``/``failed`` for one scored practice (the verdict only when it is scorable)."""
    body = json.loads(card.card_json)
    key = card.session_id or f"scorecard-{card.id}"
    registration = str(uuid.uuid5(uuid.NAMESPACE_URL, _iri(settings, "registrations", key)))
    ext: dict[str, Any] = {
        _iri(settings, "extensions", "criteria"): _criteria(body),
        _iri(settings, "extensions", "rubric"): f"{card.rubric_id}@{card.rubric_version}",
    }
    if adjusted is not None:
        ext[_iri(settings, "extensions", "human-adjusted-score")] = adjusted
    duration = iso_duration(_duration(card, session))
    common: dict[str, Any] = {
        "actor": _actor(settings, user, card.agent_name),
        "obj": _object(settings, card),
        "registration": registration,
        "session": key,
        "at": card.created_at,
    }
    out = [
        _statement(
            settings,
            sid=statement_id(settings, "scorecard", card.id, "completed"),
            verb="completed",
            result={"completion": True, "duration": duration, "extensions": ext},
            **common,
        )
    ]
    if card.overall is not None:
        verb = "passed" if card.passed else "failed"
        out.append(
            _statement(
                settings,
                sid=statement_id(settings, "scorecard", card.id, "verdict"),
                verb=verb,
                result={
                    "score": _score(card.overall),
                    "success": bool(card.passed),
                    "completion": True,
                    "duration": duration,
                    "extensions": ext,
                },
                **common,
            )
        )
    return out


def dispute_statement(settings: LrsSettings, card: Scorecard, dispute: Dispute, *, user: User | None) -> dict[str, Any]:
    """A settled dispute: the scorecard's verdict again, with the human-adjusted score of the criterion beside it."""
    body = json.loads(card.card_json)
    key = card.session_id or f"scorecard-{card.id}"
    ext = {
        _iri(settings, "extensions", "criteria"): _criteria(body),
        _iri(settings, "extensions", "rubric"): f"{dispute.rubric_id}@{dispute.rubric_version}",
        _iri(settings, "extensions", "human-adjusted-score"): {
            "criterion": dispute.criterion,
            "automatic": dispute.auto_score,
            "resolved": dispute.resolved_score,
            "decision": dispute.status,
        },
    }
    result: dict[str, Any] = {"success": bool(card.passed), "completion": True, "extensions": ext}
    if card.overall is not None:
        result["score"] = _score(card.overall)
    return _statement(
        settings,
        sid=statement_id(settings, "dispute", dispute.id),
        verb="passed" if card.passed else "failed",
        actor=_actor(settings, user, card.agent_name),
        obj=_object(settings, card),
        result=result,
        registration=str(uuid.uuid5(uuid.NAMESPACE_URL, _iri(settings, "registrations", key))),
        session=key,
        at=dispute.resolved_at or dispute.created_at,
    )


def certificate_statement(
    settings: LrsSettings, cert: Certificate, plan: CertificationPlan, *, user: User | None
) -> dict[str, Any]:
    scenarios = json.loads(plan.scenario_ids_json)
    key = f"certification-{plan.id}"
    return _statement(
        settings,
        sid=statement_id(settings, "certificate", cert.id),
        verb="passed",
        actor=_actor(settings, user, ""),
        obj={
            "objectType": "Activity",
            "id": _iri(settings, "activities", "certification", "+".join(scenarios)),
            "definition": {"name": {"en-US": "Certification: " + ", ".join(scenarios)}, "type": ASSESSMENT},
        },
        result={
            "success": True,
            "completion": True,
            "extensions": {
                _iri(settings, "extensions", "pass-k"): {"k": plan.k, "pass_mark": plan.pass_mark},
                _iri(settings, "extensions", "expires"): _timestamp(cert.expires_at),
                _iri(settings, "extensions", "scorecards"): json.loads(cert.scorecard_ids_json),
            },
        },
        registration=str(uuid.uuid5(uuid.NAMESPACE_URL, _iri(settings, "registrations", key))),
        session=key,
        at=cert.issued_at,
    )


def enqueue(db: Database, statements: list[tuple[str, dict[str, Any]]]) -> int:
    """Queue ``(kind, statement)`` pairs not queued before; returns how many were new."""
    new = 0
    with db.transaction() as s:
        known = set(s.scalars(select(LrsStatement.id).where(LrsStatement.id.in_([st["id"] for _, st in statements]))))
        for kind, st in statements:
            if st["id"] in known:
                continue
            known.add(st["id"])
            s.add(LrsStatement(id=st["id"], kind=kind, statement_json=json.dumps(st, sort_keys=True)))
            new += 1
    return new


def collect(db: Database, settings: LrsSettings | None = None) -> int:
    """Queue statements for every scored practice, certificate and settled dispute not queued yet."""
    settings = settings or LrsSettings()
    found: list[tuple[str, dict[str, Any]]] = []
    with db.transaction() as s:
        users = {u.id: u for u in s.scalars(select(User))}
        practice = list(s.scalars(select(Scorecard).where(Scorecard.source == "practice").order_by(Scorecard.id)))
        adjusted = resolved_overalls(db, _SYSTEM, [c.id for c in practice])
        settled = list(s.scalars(select(Dispute).where(Dispute.status != "open").order_by(Dispute.id)))
        for d in settled:
            card = s.get(Scorecard, d.scorecard_id)
            if card is None:
                continue
            found.append(("dispute", dispute_statement(settings, card, d, user=users.get(card.user_id or -1))))
        for card in practice:
            session = s.get(PracticeSession, card.session_id) if card.session_id else None
            for st in scorecard_statements(
                settings, card, user=users.get(card.user_id or -1), session=session, adjusted=adjusted.get(card.id)
            ):
                found.append(("practice", st))
        for cert in s.scalars(select(Certificate).order_by(Certificate.id)):
            plan = s.get(CertificationPlan, cert.plan_id)
            if plan is not None:
                found.append(
                    ("certificate", certificate_statement(settings, cert, plan, user=users.get(cert.trainee_id)))
                )
    return enqueue(db, found) if found else 0


def queue_practice(db: Database, scorecard_id: int, settings: LrsSettings | None = None) -> int:
    """Queue the statements of one scored practice and of the trainee's certificates, right after it is stored.

    The same statements (same ids) ``collect`` would build later, so a later ``collect`` queues nothing twice.
    Returns how many were new.
    """
    settings = settings or LrsSettings()
    found: list[tuple[str, dict[str, Any]]] = []
    with db.transaction() as s:
        card = s.get(Scorecard, scorecard_id)
        if card is None or card.source != "practice":
            return 0
        user = s.get(User, card.user_id) if card.user_id is not None else None
        session = s.get(PracticeSession, card.session_id) if card.session_id else None
        found.extend(
            ("practice", st) for st in scorecard_statements(settings, card, user=user, session=session, adjusted=None)
        )
        if card.user_id is not None:
            mine = select(Certificate).where(Certificate.trainee_id == card.user_id)
            for cert in s.scalars(mine.order_by(Certificate.id)):
                plan = s.get(CertificationPlan, cert.plan_id)
                if plan is not None:
                    found.append(("certificate", certificate_statement(settings, cert, plan, user=user)))
    return enqueue(db, found) if found else 0


@dataclass
class PushReport:
    sent: int = 0
    queued: int = 0
    error: str | None = None
    by_kind: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.by_kind.items()))
        text = f"sent {self.sent}; {self.queued} queued" + (f" ({kinds})" if kinds else "")
        return text + (f"; LRS unreachable: {self.error}" if self.error else "")


class RetryableLrsError(RuntimeError):
    """The LRS answered 5xx/429 or could not be reached: worth another try."""


class LrsRejected(RuntimeError):
    """The LRS refused a statement (4xx other than 409): retrying would not help."""


def _put(client: httpx.Client, settings: LrsSettings, row: LrsStatement) -> None:
    try:
        response = client.put("statements", params={"statementId": row.id}, content=row.statement_json.encode("utf-8"))
    except httpx.TransportError as exc:
        raise RetryableLrsError(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code in (200, 204, 409):  # 409: the LRS already holds this id, i.e. an earlier try landed
        return
    if response.status_code >= 500 or response.status_code == 429:
        raise RetryableLrsError(f"HTTP {response.status_code}")
    raise LrsRejected(f"HTTP {response.status_code}: {response.text[:300]}")


def push(
    db: Database,
    settings: LrsSettings | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    limit: int | None = None,
) -> PushReport:
    """Send queued statements in order; stops at the first one the LRS cannot take and leaves the rest queued."""
    settings = settings or LrsSettings()
    report = PushReport()
    if not settings.url:
        report.error = "CSR_LRS_URL is not set"
    with db.transaction() as s:
        q = select(LrsStatement).where(LrsStatement.sent.is_(False)).order_by(LrsStatement.created_at, LrsStatement.id)
        pending = list(s.scalars(q.limit(limit) if limit else q))
    if report.error is None and pending:
        auth = httpx.BasicAuth(settings.username, settings.password.get_secret_value()) if settings.username else None
        with httpx.Client(
            base_url=settings.url.rstrip("/") + "/",  # type: ignore[union-attr]
            auth=auth,
            headers={"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"},
            timeout=settings.timeout_seconds,
            transport=transport,
        ) as client:
            for row in pending:
                try:
                    for attempt in Retrying(
                        stop=stop_after_attempt(settings.attempts),
                        wait=wait_exponential(multiplier=settings.backoff_seconds, max=30),
                        retry=retry_if_exception_type(RetryableLrsError),
                        reraise=True,
                    ):
                        with attempt:
                            _put(client, settings, row)
                except (RetryableLrsError, LrsRejected) as exc:
                    _mark(db, row.id, error=str(exc))
                    report.error = f"statement {row.id}: {exc}"
                    logger.warning("LRS push stopped: %s", report.error)
                    break
                _mark(db, row.id, error=None)
                report.sent += 1
    with db.transaction() as s:
        report.queued = int(s.scalar(select(func.count()).where(LrsStatement.sent.is_(False))) or 0)
        for kind, n in s.execute(
            select(LrsStatement.kind, func.count()).where(LrsStatement.sent.is_(False)).group_by(LrsStatement.kind)
        ):
            report.by_kind[kind] = int(n)
    return report


def _mark(db: Database, sid: str, *, error: str | None) -> None:
    with db.transaction() as s:
        row = s.get(LrsStatement, sid)
        if row is None:
            return
        row.attempts += 1
        row.last_error = error
        if error is None:
            row.sent = True
            row.sent_at = utcnow()


def queue_status(db: Database) -> dict[str, int]:
    """How many statements are sent and queued, for the CLI and the app."""
    with db.transaction() as s:
        rows = s.execute(select(LrsStatement.sent, func.count()).group_by(LrsStatement.sent)).all()
    counts = {"sent": 0, "queued": 0}
    for sent, n in rows:
        counts["sent" if sent else "queued"] += int(n)
    return counts


def push_now(db: Database, settings: LrsSettings | None = None) -> str:
    """Queue what is new and send what is queued; the one line the app shows (never raises for an outage)."""
    settings = settings or LrsSettings()
    new = collect(db, settings)
    return f"queued {new} new statement(s); " + push(db, settings).summary()
