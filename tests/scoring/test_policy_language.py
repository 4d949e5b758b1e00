"""The policy language holds a real written policy: the Skyway pack and its example chats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from domain.loader import Library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.transcript import Transcript
from scoring.engine import judge_criterion

EXAMPLES = json.loads(
    (Path(__file__).resolve().parents[2] / "scoring" / "data" / "policy_examples" / "skyway.json").read_text("utf-8")
)


@pytest.mark.parametrize("example", EXAMPLES["examples"], ids=lambda e: e["id"])
def test_skyway_examples(library: Library, rubric: Rubric, example: dict[str, object]) -> None:
    policy = library.policies[EXAMPLES["policy"]]
    t = Transcript.model_validate(example["transcript"])
    result = judge_criterion("policy_compliance", t, rubric=rubric, policies=[policy])
    violated = sorted({v["rule"] for v in result.metrics.get("violations", [])})
    assert violated == example["expect_violations"], result.reasons
    not_evaluated = " ".join(result.metrics.get("rules_not_evaluated", []))
    for rule in example["expect_not_evaluated"]:  # type: ignore[attr-defined]
        assert rule in not_evaluated
        assert rule not in result.metrics.get("rules_checked", [])


@pytest.mark.parametrize(
    "rule",
    [
        {"kind": "ordered_steps", "steps": [{"name": "only", "phrases": ["x"]}]},
        {"kind": "not_unless_asked", "phrases": ["voucher"]},
        {"kind": "transfer_iff", "phrases": ["transfer"]},
        {"kind": "forbidden_phrase", "phrases": ["x"], "when": [{"fact": "tier"}]},
    ],
)
def test_incomplete_rules_are_load_errors(rule: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate(
            {"version": 1, "id": "p", "title": "t", "rules": [{"id": "r", "description": "d", **rule}]}
        )
