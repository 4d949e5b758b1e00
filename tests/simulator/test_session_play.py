"""Whole calls against every scenario in the library, played by generic scripted trainees."""

from __future__ import annotations

import json

import pytest

from domain.config import PROJECT_ROOT
from domain.loader import Library, load_library
from domain.scenario import Scenario
from simulator.clock import ManualClock
from simulator.scripted import ScriptedEngine
from simulator.session import Session
from simulator.text import display_value, fill
from tests.simulator.agents import GREETING, good_lines, play_good, play_rude

SCENARIO_IDS = sorted(load_library(PROJECT_ROOT / "scenarios").scenarios)


def expected_good_end(sc: Scenario) -> str:
    """Escalated when every acceptable way to finish the contact is an escalation; else resolved."""
    finishing = [r for r in sc.resolutions if r.acceptable and r.end_state is not None]
    if finishing and all(r.end_state == "escalated" or r.requires_escalation for r in finishing):
        return "escalated"
    return "resolved"


def start(sc: Scenario, engine: ScriptedEngine, *, seed: int = 1, clock: ManualClock | None = None) -> Session:
    return Session.start(sc, engine=engine, seed=seed, clock=clock or ManualClock())


def texts(session: Session) -> list[str]:
    return [t.text for t in session.turns]


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_good_agent_gets_the_right_outcome(library: Library, engine: ScriptedEngine, sid: str) -> None:
    sc = library.scenario(sid)
    session = start(sc, engine)
    play_good(session)
    assert session.end_state == expected_good_end(sc), session.log
    required = {h.id for h in sc.hidden_facts if h.required}
    if session.end_state == "resolved":
        assert required <= set(session.state.revealed)
    assert not any("unverified disclosure" in line for line in session.log)
    transcript = session.transcript()
    assert transcript.metadata["end_state"] == session.end_state
    assert transcript.turns[0].speaker == "customer"


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_rude_agent_makes_the_customer_escalate_or_hang_up(library: Library, engine: ScriptedEngine, sid: str) -> None:
    sc = library.scenario(sid)
    session = start(sc, engine)
    replies = play_rude(session, turns=25)
    assert session.end_state in ("customer_hung_up", "escalated", "agent_ended"), session.log
    assert session.end_state != "agent_ended" or sc.flow is not None  # only an authored flow may end it so
    assert not session.state.accepted
    assert max(r.anger for r in replies) >= sc.persona.anger


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_disclosing_before_verification_is_noticed(library: Library, engine: ScriptedEngine, sid: str) -> None:
    sc = library.scenario(sid)
    sensitive = [f for f in sc.account if f.sensitive]
    if not sc.identity_required or not sensitive:
        pytest.skip("no identity requirement or nothing sensitive to disclose")
    session = start(sc, engine)
    unsaid = [f for f in sensitive if f.id not in session.state.mentioned]
    if not unsaid:
        pytest.skip("the customer says every sensitive value in the opening")
    fact = unsaid[0]
    reply = session.agent(f"Okay, I can see your {fact.label.lower()} is {display_value(fact)}.")
    assert any("unverified disclosure" in n for n in reply.notes)
    lines = [fill(line, sc) for line in sc.lines.unverified_disclosure]
    assert any(line in reply.text for line in lines)
    assert reply.anger >= sc.persona.anger or session.state.trust < sc.persona.trust


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_same_seed_same_conversation(library: Library, engine: ScriptedEngine, sid: str) -> None:
    sc = library.scenario(sid)
    a, b = start(sc, engine, seed=42), start(sc, ScriptedEngine(), seed=42)
    play_good(a)
    play_good(b)
    assert texts(a) == texts(b)
    assert a.end_state == b.end_state


def test_different_seeds_differ_somewhere_across_the_library(library: Library, engine: ScriptedEngine) -> None:
    differing = []
    for sid in SCENARIO_IDS:
        sc = library.scenario(sid)
        runs = []
        for seed in (1, 2, 3):
            s = start(sc, engine, seed=seed)
            play_good(s)
            runs.append(texts(s))
        if len({json.dumps(r) for r in runs}) > 1:
            differing.append(sid)
    assert len(differing) >= max(1, len(SCENARIO_IDS) // 2), differing


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_snapshot_restores_mid_call(library: Library, engine: ScriptedEngine, sid: str) -> None:
    sc = library.scenario(sid)
    lines = good_lines(sc)
    whole = start(sc, engine, seed=9)
    for line in lines:
        if not whole.ended:
            whole.agent(line)
    half = len(lines) // 2
    clock = ManualClock()
    first = start(sc, engine, seed=9, clock=clock)
    for line in lines[:half]:
        if not first.ended:
            first.agent(line)
    saved = json.loads(json.dumps(first.to_snapshot()))
    assert len(json.dumps(saved)) < 20_000
    resumed = Session.from_snapshot(sc, saved, engine=ScriptedEngine(), clock=clock)
    assert resumed.to_snapshot() == first.to_snapshot()
    for line in lines[half:]:
        if not resumed.ended:
            resumed.agent(line)
    assert texts(resumed) == texts(whole)
    assert resumed.end_state == whole.end_state
    assert resumed.state == whole.state


def test_greeting_turn_is_recorded_with_acts_and_times(library: Library, engine: ScriptedEngine) -> None:
    sc = library.scenario("billing-double-charge")
    clock = ManualClock(1000.0)
    session = start(sc, engine, clock=clock)
    clock.advance(7.5)
    reply = session.agent(GREETING)
    assert "greeting" in reply.acts
    transcript = session.transcript()
    agent_turn = transcript.turns[1]
    assert agent_turn.speaker == "agent" and agent_turn.end == 7.5
    assert "greeting" in agent_turn.model_extra["acts"]  # type: ignore[index]
    starts = [t.start or 0.0 for t in transcript.turns]
    assert starts == sorted(starts)
    assert session.elapsed >= 7.5
    timed = session.agent("Can I take your account number please?", start=12.0, end=14.5)
    assert timed.verified
    assert session.transcript().turns[3].start == 12.0
