"""Transfer and Escalate on the page: each ends the contact its own way, says so, and is scored as such."""

from __future__ import annotations

import pytest

from storage import Database, ScoreRepo, UserRepo
from tests.app_pages.conftest import click, texts
from tests.app_pages.test_practice import GOOD_CALL, say, start_call


@pytest.mark.parametrize(
    ("control", "record", "shown", "end_state"),
    [
        ("transfer", "[transfer]", "Transferred to another team", "transferred"),
        ("escalate", "[escalate]", "Escalated to a supervisor", "escalated"),
    ],
)
def test_each_hand_on_ends_its_own_way(  # type: ignore[no-untyped-def]
    app_as, db: Database, control: str, record: str, shown: str, end_state: str
) -> None:
    at = app_as("trainee")
    start_call(at)
    say(at, GOOD_CALL[0])
    at.button(key=f"ctl_{control}").click().run()
    assert not at.exception, at.exception
    session = at.session_state["practice_live"].session
    assert [t.text for t in session.turns if t.speaker == "system"] == [record]
    assert session.end_state == end_state
    page = texts(at)
    assert shown in page and f"The call has ended ({end_state})" in page
    click(at, "End call and score")
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    (card,) = ScoreRepo(db).list(trainee)
    assert card.transcript["metadata"]["end_state"] == end_state
    assert not card.passed  # handed on with the problem unsolved: the goal was not met
