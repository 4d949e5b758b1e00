"""Practice scores resolution from the simulator's goal check (metadata.goal_check), saved and unsaved alike."""

from __future__ import annotations

import pytest

from domain.loader import Library
from domain.transcript import Transcript
from services import practice
from services.goal_check import goal_check, with_goal_check
from services.workspace import Workspace
from simulator import make_engine
from simulator.doctor import play_agent
from storage import ScoreRepo, UserRepo
from tests.simulator.agents import BILLING_GOOD_CALL

GOOD = BILLING_GOOD_CALL
POLITE_NOTHING = [
    "Good morning, thanks for calling, my name is Sam. This call is recorded for quality and training purposes.",
    "I'm so sorry to hear that, I completely understand how frustrating that must be.",
    "I really do understand, and I'm sorry you've had this experience.",
    "Is there anything else I can help you with today? Thank you for calling.",
]


@pytest.mark.parametrize("scenario_id", ["billing-double-charge", "late-fee-supervisor", "order-lost-chat"])
def test_good_agent_meets_the_goal_and_a_cold_one_does_not(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    good = play_agent(scenario, "good", make_engine("scripted"), data=None, seed=3)
    assert good.end_state in ("resolved", "escalated")
    card = practice.score_offline(library, good)
    resolution = card.criteria["resolution"]
    assert resolution.score == 100.0
    assert any("goal check" in r and "met" in r for r in resolution.reasons)

    cold = play_agent(scenario, "cold", make_engine("scripted"), data=None, seed=3)
    cold.end_call()
    card = practice.score_offline(library, cold)
    assert card.criteria["resolution"].score == 10.0
    assert not card.passed


def test_goal_check_reads_acceptable_resolutions_only(library: Library) -> None:
    scenario = library.scenario("billing-double-charge")
    met = goal_check(scenario, {"accepted_resolutions": ["reverse-duplicate"], "end_state": "resolved"})
    assert met["goal_met"] is True and "reverse-duplicate" in met["reason"]
    refused = goal_check(
        scenario, {"accepted_resolutions": [], "rejected_resolutions": ["partial-credit"], "end_state": "agent_ended"}
    )
    assert refused == {
        "goal_met": False,
        "reason": "no acceptable resolution was agreed with the customer; refused: 'partial-credit'; "
        "the agent ended the call",
    }
    # an id the scenario does not know, or an unacceptable one, is not the goal
    assert not goal_check(scenario, {"accepted_resolutions": ["partial-credit", "made-up"]})["goal_met"]
    # a goal check the simulator wrote itself is kept
    own = Transcript.model_validate(
        {"id": "t", "turns": [], "metadata": {"goal_check": {"goal_met": False, "reason": "sim"}}}
    )
    assert with_goal_check(scenario, own).metadata["goal_check"] == {"goal_met": False, "reason": "sim"}


def _trainee(ws: Workspace):  # type: ignore[no-untyped-def]
    user = UserRepo(ws.db).by_username("trainee")
    assert user is not None
    return user


def test_saved_good_practice_scores_resolution_from_the_simulator(ws: Workspace) -> None:
    user = _trainee(ws)
    scenario = ws.library.scenario("billing-double-charge")
    live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=4)
    for line in GOOD:
        practice.say(ws, user, live, line)
    card_id = practice.end_and_score(ws, user, live)
    record = ScoreRepo(ws.db).get(user, card_id)
    assert record.transcript["metadata"]["goal_check"]["goal_met"] is True
    assert record.card["criteria"]["resolution"]["score"] == 100.0
    assert record.passed


@pytest.mark.parametrize("lines", [[], POLITE_NOTHING[:1], POLITE_NOTHING], ids=["silent", "greeting", "polite"])
def test_a_do_nothing_practice_cannot_pass(ws: Workspace, lines: list[str]) -> None:
    user = _trainee(ws)
    scenario = ws.library.scenario("billing-double-charge")
    live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=4)
    for line in lines:
        if not live.session.ended:
            practice.say(ws, user, live, line)
    card_id = practice.end_and_score(ws, user, live)
    record = ScoreRepo(ws.db).get(user, card_id)
    assert not record.passed
    assert record.transcript["metadata"]["goal_check"]["goal_met"] is False
    resolution = (record.card.get("criteria") or {}).get("resolution") or {}
    assert resolution.get("score") in (None, 10.0)  # no agent turns: the card is not scorable at all


@pytest.mark.parametrize("hand_on", ["transfer", "escalate"])
def test_a_hand_on_is_reported_as_itself(library: Library, hand_on: str) -> None:
    """Transfer (another team) and Escalate (a supervisor) end differently and the goal check says which."""
    from simulator import Session

    scenario = library.scenario("billing-double-charge")
    session = Session.start(scenario, engine=make_engine("scripted"), seed=3, agent_opens=True)
    session.agent(GOOD[0])
    getattr(session, hand_on)()
    check = goal_check(scenario, session.transcript().metadata)
    assert check["goal_met"] is False
    team = {"transfer": "transferred to another team", "escalate": "escalated to a supervisor"}[hand_on]
    assert team in check["reason"]
    card = practice.score_offline(library, session)
    assert card.criteria["resolution"].score == 10.0 and not card.passed
