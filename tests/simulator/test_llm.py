"""The LLM customer against a real local OpenAI-compatible HTTP stub (no mocks of the client)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.config import Settings
from domain.loader import Library
from domain.scenario import Scenario
from simulator.clock import ManualClock
from simulator.engine import make_engine
from simulator.llm import LLMEngine, LLMRejected, check_reply
from simulator.scripted import ScriptedEngine
from simulator.session import Session
from tests.simulator.llm_stub import LLMStub

VERIFY = "Could you confirm your account number and postcode please?"
ASK = "Which date do you see the charges on your statement?"


@pytest.fixture
def stub() -> Iterator[LLMStub]:
    with LLMStub() as server:
        yield server


def llm_settings(stub: LLMStub, *, timeout: float = 5.0) -> Settings:
    return Settings(llm_base_url=stub.base_url, llm_model="stub-model", llm_timeout_seconds=timeout)


@pytest.fixture
def billing(library: Library) -> Scenario:
    return library.scenario("billing-double-charge")


def play(sc: Scenario, engine: object, lines: list[str]) -> Session:
    session = Session.start(sc, engine=engine, seed=5, clock=ManualClock())  # type: ignore[arg-type]
    for line in lines:
        if not session.ended:
            session.agent(line)
    return session


def test_good_json_words_the_reply_and_the_state_machine_still_decides(billing: Scenario, stub: LLMStub) -> None:
    engine = make_engine("llm", settings=llm_settings(stub))
    session = play(billing, engine, [VERIFY, ASK])
    scripted = play(billing, ScriptedEngine(), [VERIFY, ASK])
    assert session.state == scripted.state
    customer = [t.text for t in session.turns if t.speaker == "customer"]
    assert customer[1].startswith("Well... ")
    assert any("llm: reply worded" in line for line in session.log)
    request = stub.requests[-1]
    assert request["model"] == "stub-model"
    prompt = "\n".join(m["content"] for m in request["messages"])
    assert billing.persona.name in prompt and "SCRIPTED LINE:" in prompt and ASK in prompt


def test_invalid_json_falls_back_to_the_scripted_line(billing: Scenario, stub: LLMStub) -> None:
    stub.mode = "invalid"
    session = play(billing, LLMEngine(settings=llm_settings(stub)), [VERIFY])
    scripted = play(billing, ScriptedEngine(), [VERIFY])
    assert [t.text for t in session.turns] == [t.text for t in scripted.turns]
    assert any("llm fallback: invalid output" in line for line in session.log)


def test_a_leaked_hidden_fact_is_rejected(billing: Scenario, stub: LLMStub) -> None:
    stub.mode = "leak"
    stub.leak_text = billing.hidden_facts[1].replies[0]  # 'called_before', not asked about yet
    session = play(billing, LLMEngine(settings=llm_settings(stub)), [VERIFY])
    scripted = play(billing, ScriptedEngine(), [VERIFY])
    assert session.turns[-1].text == scripted.turns[-1].text
    assert any("llm fallback" in line for line in session.log)


def test_invented_account_numbers_are_rejected(billing: Scenario, stub: LLMStub) -> None:
    stub.mode = "leak"
    stub.leak_text = "my other account is 99-1234."
    session = play(billing, LLMEngine(settings=llm_settings(stub)), ["I'm so sorry about that."])
    assert "99-1234" not in session.turns[-1].text
    assert any("number not in the conversation" in line for line in session.log)


def test_slow_server_times_out_and_falls_back(billing: Scenario, stub: LLMStub) -> None:
    stub.mode = "slow"
    stub.delay = 3.0
    session = play(billing, LLMEngine(settings=llm_settings(stub, timeout=0.5)), [VERIFY])
    scripted = play(billing, ScriptedEngine(), [VERIFY])
    assert session.turns[-1].text == scripted.turns[-1].text
    assert any("llm fallback: timeout" in line for line in session.log)


def test_unreachable_server_falls_back_then_pauses(billing: Scenario) -> None:
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_timeout_seconds=1.0)
    session = play(billing, LLMEngine(settings=settings), [VERIFY, ASK, "I'm so sorry about that."])
    assert session.state.verified
    fallbacks = [line for line in session.log if "llm fallback" in line]
    assert len(fallbacks) == 3
    assert "network error" in fallbacks[0] and "paused" in fallbacks[2]


def test_llm_engine_needs_a_base_url() -> None:
    with pytest.raises(ValueError, match="CSR_LLM_BASE_URL"):
        make_engine("llm", settings=Settings(llm_base_url=None))
    with pytest.raises(ValueError):
        make_engine("other", settings=Settings())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reply", "ok"),
    [
        ("Fine, go on.", True),
        ("It's ACC-482177, you have it.", True),  # said in the allowed text below
        ("Postcode 90210.", False),  # a number nobody has said
        ("I called last week and someone said it would be sorted.", False),  # unrevealed hidden fact
    ],
)
def test_check_reply(billing: Scenario, reply: str, ok: bool) -> None:
    engine = ScriptedEngine()
    state = engine.reset(billing, seed=1).state
    allowed = "The account number is ACC-482177."
    if ok:
        check_reply(reply, scenario=billing, state=state, allowed_text=allowed)
    else:
        with pytest.raises(LLMRejected):
            check_reply(reply, scenario=billing, state=state, allowed_text=allowed)
