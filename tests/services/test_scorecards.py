"""The trainee's headline (overrides and disputes applied, fail-closed) and the one thing to do next time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.loader import Library
from services.scorecards import headline, next_time
from storage.types import OverrideRecord


def card(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "overall": 62.0,
        "passed": False,
        "auto_fail": [],
        "criteria": {
            "empathy": {"score": 40.0, "weight": 0.5, "applicable": True, "reasons": ["cold at turn 1"]},
            "resolution": {"score": 84.0, "weight": 0.5, "applicable": True, "reasons": ["resolved"]},
            "accuracy": {"score": None, "weight": 0.2, "applicable": False, "reasons": ["nothing to check"]},
        },
    }
    return {**base, **extra}


def override(criterion: str, score: float | None) -> OverrideRecord:
    return OverrideRecord(1, 1, criterion, score, "c", "supervisor", datetime.now(UTC))


def test_no_change_keeps_the_automatic_score() -> None:
    h = headline(card())
    assert (h.overall, h.passed, h.changed_by) == (62.0, False, ())


def test_an_override_changes_the_headline_and_the_automatic_stays_beside_it() -> None:
    h = headline(card(), overrides=[override("empathy", 90.0)], pass_mark=70)
    assert h.overall == 87.0 and h.passed and h.changed_by == ("override",)
    assert (h.automatic_overall, h.automatic_passed) == (62.0, False)


def test_newest_override_wins_and_dispute_applies_first() -> None:
    h = headline(card(), overrides=[override("empathy", 90.0), override("empathy", 50.0)], disputed={"resolution": 100})
    assert h.overall == 75.0 and set(h.changed_by) == {"override", "dispute"}


@pytest.mark.parametrize(
    "extra",
    [
        {"not_scorable": "no agent turns"},
        {"error": {"criterion": "empathy", "message": "boom"}},
        {"auto_fail": ["unresolved"]},
    ],
)
def test_cards_that_could_not_be_judged_never_pass_whatever_the_overrides(extra: dict[str, Any]) -> None:
    h = headline(card(**extra), overrides=[override("empathy", 100.0), override("resolution", 100.0)], pass_mark=70)
    assert h.overall == 100.0 and not h.passed


def test_next_time_is_the_auto_fail_criterion_with_a_model_answer_from_the_scenario(library: Library) -> None:
    sc = library.scenarios["billing-double-charge"]
    tip = next_time(card(auto_fail=["unresolved"]), sc)
    assert tip is not None and tip.criterion == "resolution"
    good = next(r for r in sc.resolutions if r.acceptable)
    assert tip.model_answer is not None and good.description in tip.model_answer


def test_next_time_is_the_biggest_weighted_loss_otherwise(library: Library) -> None:
    sc = library.scenarios["billing-double-charge"]
    tip = next_time(card(), sc)
    assert tip is not None and tip.criterion == "empathy" and tip.why == "cold at turn 1"
    assert tip.model_answer and "sorry" in tip.model_answer.lower()
    perfect = card(criteria={"empathy": {"score": 100.0, "weight": 1.0, "applicable": True}})
    assert next_time(perfect, sc) is None
