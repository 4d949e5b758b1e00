"""pass^k certification on a real SQLite database: seeds must differ, a fail resets, limits and expiry hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from services import certification as cert
from storage import Database, StorageError, UserInfo
from storage.models import utcnow


def test_three_passes_with_different_seeds_certify(
    db: Database, users: dict[str, UserInfo], practise: Callable[..., int]
) -> None:
    t = users["trainee"]
    plan = cert.create_plan(
        db, users["trainer"], trainee_id=t.id, scenario_ids=["billing-double-charge"], k=3, pass_mark=80
    )
    practise(t, "billing-double-charge", seed=1, overall=90)
    practise(t, "billing-double-charge", seed=1, overall=95)  # same seed: not a new pass
    practise(t, "billing-double-charge", seed=2, overall=85)
    status = cert.evaluate(db, plan)
    assert status.state == "in progress" and len(status.streak) == 2 and len(status.attempts) == 3
    practise(t, "billing-double-charge", seed=3, overall=81)
    status = cert.evaluate(db, plan)
    assert status.state == "certified"
    assert status.expires_at is not None and status.issued_at is not None
    assert status.expires_at - status.issued_at == timedelta(days=365)
    assert cert.evaluate(db, plan).certificate_id == status.certificate_id  # issued once


def test_a_fail_resets_the_run_and_pass_mark_is_the_plans(
    db: Database, users: dict[str, UserInfo], practise: Callable[..., int]
) -> None:
    t = users["trainee"]
    plan = cert.create_plan(
        db, users["trainer"], trainee_id=t.id, scenario_ids=["billing-double-charge"], k=2, pass_mark=90
    )
    practise(t, "billing-double-charge", seed=1, overall=95)
    practise(t, "billing-double-charge", seed=2, overall=85)  # passes the rubric, not this plan's 90
    practise(t, "billing-double-charge", seed=3, overall=92)
    status = cert.evaluate(db, plan)
    assert status.state == "in progress" and [a.seed for a in status.streak] == [3]
    practise(t, "billing-double-charge", seed=1, overall=99)
    assert cert.evaluate(db, plan).state == "certified"


def test_auto_fail_is_never_a_pass(db: Database, users: dict[str, UserInfo], practise: Callable[..., int]) -> None:
    t = users["trainee"]
    plan = cert.create_plan(
        db, users["trainer"], trainee_id=t.id, scenario_ids=["billing-double-charge"], k=1, pass_mark=50
    )
    practise(t, "billing-double-charge", seed=1, overall=95, passed=False)
    assert cert.evaluate(db, plan).state == "in progress"


def test_attempt_limit(db: Database, users: dict[str, UserInfo], practise: Callable[..., int]) -> None:
    t = users["trainee"]
    plan = cert.create_plan(
        db, users["trainer"], trainee_id=t.id, scenario_ids=["billing-double-charge"], k=2, max_attempts=3
    )
    for seed, score in [(1, 90), (2, 40), (3, 90)]:
        practise(t, "billing-double-charge", seed=seed, overall=score)
    status = cert.evaluate(db, plan)
    assert status.state == "out of attempts" and status.attempts_left == 0
    practise(t, "billing-double-charge", seed=4, overall=90)  # a 4th pass after the limit does not count
    assert cert.evaluate(db, plan).state == "out of attempts"


def test_a_set_needs_every_scenario_and_certificates_expire(
    db: Database, users: dict[str, UserInfo], practise: Callable[..., int]
) -> None:
    t = users["trainee"]
    plan = cert.create_plan(
        db,
        users["trainer"],
        trainee_id=t.id,
        scenario_ids=["billing-double-charge", "order-lost-chat"],
        k=2,
        valid_days=30,
    )
    practise(t, "billing-double-charge", seed=1, overall=90)
    practise(t, "billing-double-charge", seed=2, overall=90)
    status = cert.evaluate(db, plan)
    assert status.state == "in progress" and status.missing == ["order-lost-chat"]
    practise(t, "order-lost-chat", seed=1, overall=90)
    assert cert.evaluate(db, plan).state == "certified"
    later = cert.evaluate(db, plan, now=utcnow() + timedelta(days=31))
    assert later.state == "expired"


def test_access_and_validation(db: Database, users: dict[str, UserInfo], practise: Callable[..., int]) -> None:
    with pytest.raises(StorageError, match="may not"):
        cert.create_plan(db, users["trainee"], trainee_id=users["trainee"].id, scenario_ids=["x"])
    with pytest.raises(StorageError, match="never reach"):
        cert.create_plan(db, users["trainer"], trainee_id=users["trainee"].id, scenario_ids=["x"], k=3, max_attempts=2)
    cert.create_plan(db, users["trainer"], trainee_id=users["trainee"].id, scenario_ids=["x"])
    cert.create_plan(db, users["trainer"], trainee_id=users["trainee2"].id, scenario_ids=["x"])
    assert [p.trainee for p in cert.plans_for(db, users["trainee"], trainee_id=users["trainee2"].id)] == ["trainee"]
    assert len(cert.plans_for(db, users["supervisor"])) == 2
    rows = cert.status_rows(cert.plans_for(db, users["supervisor"]))
    assert rows[0]["passes in a row"] == "0/3"
