"""The optional LLM judge against a local OpenAI-compatible stub server (real HTTP, real client)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from domain.config import Settings
from domain.rubric import Rubric
from scoring import score_transcript
from scoring.judge import LLMJudge
from tests.scoring.llm_stub import StubState, stub_server
from tests.scoring.transcripts import MODEL_CALL, make


@pytest.fixture
def stub() -> Iterator[tuple[str, StubState]]:
    with stub_server() as server:
        yield server


def test_judge_scores_go_beside_builtin_scores(rubric: Rubric, stub: tuple[str, StubState]) -> None:
    url, state = stub
    state.reply = json.dumps(
        {"criteria": {"empathy": {"score": 40, "reasons": ["no apology at turn 2"]}, "closing": {"score": 90}}}
    )
    plain = score_transcript(make(MODEL_CALL), rubric=rubric)
    judged = score_transcript(make(MODEL_CALL), rubric=rubric, judge=LLMJudge(base_url=url, model="stub-model"))
    assert {n: c.score for n, c in judged.criteria.items()} == {n: c.score for n, c in plain.criteria.items()}
    assert judged.overall == plain.overall
    meta = judged.metadata["llm_judge"]
    assert meta["error"] is None and meta["model"] == "stub-model"
    assert meta["scores"] == {"empathy": 40.0, "closing": 90.0}
    assert "LLM judge: no apology at turn 2" in judged.criteria["empathy"].reasons
    request = state.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert "Thank you for calling Acme" in request["body"]["messages"][1]["content"]


@pytest.mark.parametrize("reply", [500, "not json at all", json.dumps(["a list"]), ""])
def test_judge_failures_are_reported_not_raised(rubric: Rubric, stub: tuple[str, StubState], reply: str | int) -> None:
    url, state = stub
    state.reply = reply
    card = score_transcript(make(MODEL_CALL), rubric=rubric, judge=LLMJudge(base_url=url, model="m", timeout=5))
    assert card.overall is not None
    assert card.metadata["llm_judge"]["error"]
    assert not any(r.startswith("LLM judge") for c in card.criteria.values() for r in c.reasons)


def test_unreachable_endpoint_is_reported(rubric: Rubric) -> None:
    judge = LLMJudge(base_url="http://127.0.0.1:9/v1", model="m", timeout=2)
    card = score_transcript(make(MODEL_CALL), rubric=rubric, judge=judge)
    assert card.metadata["llm_judge"]["error"]


def test_judge_is_off_without_an_endpoint() -> None:
    assert LLMJudge.from_settings(Settings(llm_base_url=None)) is None
    judge = LLMJudge.from_settings(Settings(llm_base_url="http://127.0.0.1:1/v1", llm_model="x"))
    assert judge is not None and judge.model == "x"


def test_fenced_json_reply_is_accepted(rubric: Rubric, stub: tuple[str, StubState]) -> None:
    url, state = stub
    state.reply = '```json\n{"criteria": {"opening": {"score": 120, "reasons": "fine"}}}\n```'
    card = score_transcript(make(MODEL_CALL), rubric=rubric, judge=LLMJudge(base_url=url, model="m"))
    assert card.metadata["llm_judge"]["scores"] == {"opening": 100.0}
    assert "LLM judge: fine" in card.criteria["opening"].reasons
