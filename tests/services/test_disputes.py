"""A dispute's whole life on a real database: who may open, see and settle it, every step kept, scores side by side."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from services import disputes
from storage import Database, StorageError, UserInfo
from storage.models import utcnow


def test_lifecycle_with_access_control(db: Database, users: dict[str, UserInfo], practise: Callable[..., int]) -> None:
    me, other, sup = users["trainee"], users["trainee2"], users["supervisor"]
    card = practise(me, "billing-double-charge", seed=1, overall=70, scores={"empathy": 40.0, "accuracy": 100.0})
    with pytest.raises(StorageError, match="of yours"):
        disputes.open_dispute(db, other, card, criterion="empathy", comment="not mine")
    with pytest.raises(StorageError, match="comment"):
        disputes.open_dispute(db, me, card, criterion="empathy", comment="  ")
    with pytest.raises(StorageError, match="not on this scorecard"):
        disputes.open_dispute(db, me, card, criterion="closing", comment="x")
    did = disputes.open_dispute(db, me, card, criterion="empathy", comment="I apologised twice, turn 3")
    with pytest.raises(StorageError, match="already disputed"):
        disputes.open_dispute(db, me, card, criterion="empathy", comment="again")

    assert [d.id for d in disputes.disputes(db, me)] == [did]
    assert disputes.disputes(db, other) == []  # another trainee never sees it
    assert [d.id for d in disputes.disputes(db, sup, status="open")] == [did]
    assert disputes.disputes(db, users["trainer"]) == []  # trainers are not judges of disputes
    with pytest.raises(StorageError, match="visible"):
        disputes.side_by_side(db, other, card)

    with pytest.raises(StorageError, match="may not settle"):
        disputes.settle(db, me, did, action="accepted", comment="self-service")
    with pytest.raises(StorageError, match="between 0 and 100"):
        disputes.settle(db, sup, did, action="adjusted", comment="partly right", score=None)
    record = disputes.settle(db, sup, did, action="adjusted", comment="one apology counts", score=70)
    assert record.status == "adjusted" and record.rubric_id == "default" and record.rubric_version == 1
    assert [(s.action, s.by) for s in record.steps] == [("opened", "trainee"), ("adjusted", "supervisor")]
    assert record.steps[1].comment == "one apology counts" and record.steps[1].score == 70
    with pytest.raises(StorageError, match="already adjusted"):
        disputes.settle(db, sup, did, action="rejected", comment="changed my mind")

    view = disputes.side_by_side(db, me, card)
    assert view.automatic_overall == 70 and view.resolved_overall == 85.0
    assert not view.automatic_passed and view.resolved_passed
    assert {c.criterion: (c.automatic, c.resolved, c.status) for c in view.criteria}["empathy"] == (
        40.0,
        70,
        "adjusted",
    )
    assert disputes.resolved_overalls(db, sup, [card]) == {card: 85.0}


@pytest.mark.parametrize(
    ("action", "score", "resolved"), [("rejected", None, 40.0), ("accepted", None, 100.0), ("accepted", 90, 90)]
)
def test_settle_actions(
    db: Database,
    users: dict[str, UserInfo],
    practise: Callable[..., int],
    action: str,
    score: float | None,
    resolved: float,
) -> None:
    card = practise(
        users["trainee"], "billing-double-charge", seed=1, overall=70, scores={"empathy": 40.0, "accuracy": 100.0}
    )
    did = disputes.open_dispute(db, users["trainee"], card, criterion="empathy", comment="why")
    assert (
        disputes.settle(db, users["supervisor"], did, action=action, comment="ok", score=score).resolved_score
        == resolved
    )


def test_window_and_real_call_agents(db: Database, users: dict[str, UserInfo], real_call: Callable[..., int]) -> None:
    card = real_call(users["trainee2"], scores={"empathy": 20.0, "accuracy": 90.0})
    with pytest.raises(StorageError, match="window"):
        disputes.open_dispute(
            db, users["trainee2"], card, criterion="empathy", comment="late", now=utcnow() + timedelta(hours=200)
        )
    did = disputes.open_dispute(db, users["trainee2"], card, criterion="empathy", comment="agent disputes a real call")
    assert disputes.disputes(db, users["admin"])[0].id == did
