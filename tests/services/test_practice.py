"""Practice as a service, on a real database: the same calls the app page and ``csrsim play`` make."""

from __future__ import annotations

import pytest

from services import StaleSessionError, practice
from services.workspace import Workspace
from storage import AssignmentRepo, PracticeRepo, ScoreRepo, UserRepo


def trainee(ws: Workspace):  # type: ignore[no-untyped-def]
    user = UserRepo(ws.db).by_username("trainee")
    assert user is not None
    return user


def test_a_call_is_saved_every_turn_scored_at_the_end_and_a_failed_call_keeps_the_assignment(ws: Workspace) -> None:
    user = trainee(ws)
    trainer = UserRepo(ws.db).by_username("trainer")
    assert trainer is not None
    AssignmentRepo(ws.db).assign(trainer, trainee_id=user.id, scenario_id="billing-double-charge")
    scenario = ws.library.scenario("billing-double-charge")
    live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=3)
    practice.say(ws, user, live, "Thanks for calling, this call is recorded. How can I help?")
    practice.control(ws, user, live, "hold")
    practice.control(ws, user, live, "resume")
    assert PracticeRepo(ws.db).get(user, live.record_id).version == live.version == 4
    card_id = practice.end_and_score(ws, user, live)
    record = ScoreRepo(ws.db).get(user, card_id)
    assert record.source == "practice" and record.scenario_id == "billing-double-charge"
    assert record.rubric_yaml.strip()  # the exact rubric text it was scored with
    assert not record.passed  # a greeting and a hold do not resolve anything
    assert [a.scenario_id for a in practice.open_assignments(ws, user)] == ["billing-double-charge"]
    with pytest.raises(ValueError, match="unknown call control"):
        practice.control(ws, user, live, "explode")


def test_a_stale_tab_changes_nothing(ws: Workspace) -> None:
    user = trainee(ws)
    scenario = ws.library.scenario("billing-double-charge")
    tab_a = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=3)
    tab_b = practice.resume(ws, user, tab_a.record_id, engine_for=practice.customer_engine)
    practice.say(ws, user, tab_b, "Hello, how can I help?")
    turns_before = len(tab_a.session.turns)
    with pytest.raises(StaleSessionError):
        practice.say(ws, user, tab_a, "Hi there")
    assert len(tab_a.session.turns) == turns_before  # the live session was not replaced
    resumed = practice.resume(ws, user, tab_a.record_id, engine_for=practice.customer_engine)
    assert [t.text for t in resumed.session.turns] == [t.text for t in tab_b.session.turns]


def test_an_unsaved_terminal_call_is_scored_like_a_saved_one(ws: Workspace) -> None:
    scenario = ws.library.scenario("billing-double-charge")
    session = practice.offline_session(scenario, customer="scripted", seed=3)
    session.agent("Thanks for calling, this call is recorded. How can I help?")
    session.end_call()
    card = practice.score_offline(ws.library, session)
    assert card.rubric.id == ws.library.rubric(scenario.rubric).id and card.metadata.get("scenario") == scenario.id


@pytest.mark.parametrize(
    ("scenario_id", "agent_first"),
    [
        ("billing-double-charge", True),  # inbound phone: the agent answers
        ("slow-wifi-chat", False),  # a chat opens with the customer's message
        ("unrecognised-charge-email", False),
        ("outbound-credit-followup", False),  # outbound: the customer picks up
    ],
)
def test_an_unsaved_call_opens_like_the_app(ws: Workspace, scenario_id: str, agent_first: bool) -> None:
    """``csrsim play`` (offline) and the app (saved) agree on who speaks first."""
    user = trainee(ws)
    scenario = ws.library.scenario(scenario_id)
    offline = practice.offline_session(scenario, customer="scripted", seed=3)
    saved = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=3).session
    assert [t.speaker for t in offline.turns] == [t.speaker for t in saved.turns]
    assert (offline.pending_opening is not None) is agent_first
    assert (offline.opening == "") is agent_first
    if agent_first:
        reply = offline.agent("Thanks for calling, this call is recorded. How can I help?")
        assert reply.text == saved.pending_opening  # the caller states the problem once, after the greeting


def test_only_a_passed_call_completes_the_assignment(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from services import practice as service

    user = trainee(ws)
    trainer = UserRepo(ws.db).by_username("trainer")
    assert trainer is not None
    AssignmentRepo(ws.db).assign(trainer, trainee_id=user.id, scenario_id="billing-double-charge")
    scenario = ws.library.scenario("billing-double-charge")
    real = service.score_contact

    def passed(transcript, *, setup):  # type: ignore[no-untyped-def]
        card = real(transcript, setup=setup)
        return card.model_copy(update={"passed": True, "auto_fail": [], "not_scorable": None, "error": None})

    monkeypatch.setattr(service, "score_contact", passed)
    live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=3)
    practice.say(ws, user, live, "Thanks for calling, this call is recorded. How can I help?")
    practice.end_and_score(ws, user, live)
    assert practice.open_assignments(ws, user) == []
