"""Issue 13/12: the LLM prompt holds no secrets, replies are checked by meaning, the engine is safe across threads."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

from domain.config import Settings
from domain.loader import Library
from domain.scenario import Scenario
from simulator.clock import ManualClock
from simulator.engine import AgentTurn
from simulator.llm import CircuitBreaker, LLMEngine, LLMRejected, build_messages, check_meaning
from simulator.scripted import ScriptedEngine
from simulator.session import Session
from tests.simulator.llm_stub import LLMStub

VERIFY = "Could you confirm your account number and postcode please?"


@pytest.fixture
def stub() -> Iterator[LLMStub]:
    with LLMStub() as server:
        yield server


@pytest.fixture
def billing(library: Library) -> Scenario:
    return library.scenario("billing-double-charge")


def _engine(stub: LLMStub) -> LLMEngine:
    return LLMEngine(settings=Settings(llm_base_url=stub.base_url, llm_model="stub-model", llm_timeout_seconds=5))


def test_prompt_never_carries_unrevealed_hidden_facts(billing: Scenario, stub: LLMStub) -> None:
    session = Session.start(billing, engine=_engine(stub), seed=1, clock=ManualClock())
    session.agent(VERIFY)
    prompt = "\n".join(m["content"] for m in stub.requests[-1]["messages"])
    for hidden in billing.hidden_facts:
        assert hidden.description not in prompt
        assert not any(reply in prompt for reply in hidden.replies)
    state = session.state
    state.revealed = ["second_charge"]
    messages = build_messages(billing, state=state, turn=AgentTurn(text="ok"), scripted_line="Okay.", intent="neutral")
    text = "\n".join(m["content"] for m in messages)
    assert billing.hidden_facts[0].description in text  # revealed facts may be repeated
    assert billing.hidden_facts[1].description not in text


@pytest.mark.parametrize(
    ("leak", "why"),
    [
        ("They billed me a second time a couple of days later, same card.", "leaks unrevealed hidden fact"),
        ("As an AI language model, I cannot have a bank account.", "breaks character"),
    ],
)
def test_paraphrased_leaks_and_persona_breaks_fall_back(billing: Scenario, leak: str, why: str) -> None:
    with LLMStub(mode="json") as stub:
        stub.content = json.dumps({"reply": f"Okay. {leak}"})
        session = Session.start(billing, engine=_engine(stub), seed=1, clock=ManualClock())
        reply = session.agent(VERIFY)
        scripted = Session.start(billing, engine=ScriptedEngine(), seed=1, clock=ManualClock()).agent(VERIFY)
    assert reply.text == scripted.text
    assert any(why in line for line in session.log), session.log


def test_reply_that_contradicts_the_decided_move_is_rejected(billing: Scenario) -> None:
    state = ScriptedEngine().reset(billing, seed=0).state
    state.revealed = [h.id for h in billing.hidden_facts]
    with pytest.raises(LLMRejected, match="drifts"):
        check_meaning(
            "Lovely weather for a picnic in the park today.",
            scenario=billing,
            state=state,
            scripted_line="No. I want the duplicate charge back, that's all.",
        )
    check_meaning(
        "No, I just want that duplicate charge refunded.",
        scenario=billing,
        state=state,
        scripted_line="No. I want the duplicate charge back, that's all.",
    )


def test_circuit_breaker_is_consistent_under_threads() -> None:
    breaker = CircuitBreaker(failures_before_pause=10_000, pause_seconds=60)
    barrier = threading.Barrier(8)

    def hammer() -> None:
        barrier.wait()
        for _ in range(500):
            breaker.failed()

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert breaker.failures == 4000  # no lost updates
    assert not breaker.paused()
    breaker.failed()
    breaker.succeeded()
    assert breaker.failures == 0


def test_one_engine_serves_concurrent_sessions_like_separate_ones(billing: Scenario, stub: LLMStub) -> None:
    engine = _engine(stub)
    lines = [VERIFY, "When was the second charge taken?", "I'm reversing the duplicate $59.99 charge now."]
    results: dict[int, list[str]] = {}

    def run(seed: int) -> None:
        session = Session.start(billing, engine=engine, seed=seed, clock=ManualClock())
        for line in lines:
            session.agent(line)
        results[seed] = [t.text for t in session.turns]

    threads = [threading.Thread(target=run, args=(seed,)) for seed in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seed in range(6):
        alone = Session.start(billing, engine=_engine(stub), seed=seed, clock=ManualClock())
        for line in lines:
            alone.agent(line)
        assert results[seed] == [t.text for t in alone.turns]
