"""The adversarial validity suite (scoring/data/validity/suite.json) comes out as a QA expert would say."""

from __future__ import annotations

import pytest

from domain.loader import Library
from scoring.validity import load_cases, run_suite


def test_suite_covers_every_gaming_probe_of_issue_14() -> None:
    ids = {str(c["id"]) for c in load_cases()}
    for probe in (
        "do-nothing",
        "polite-no-help",
        "keyword-stuffing-refusal",
        "insult-then-question",
        "sarcasm",
        "blame-after-apology",
        "wrong-refund-amount",
        "out-of-authority-promise",
        "dead-air",
        "no-agent-turns",
        "spanish",
        "textbook-phone-please",
    ):
        assert probe in ids
    expects = {str(c["expect"]) for c in load_cases()}
    assert expects == {"pass", "fail", "not_scorable"}


@pytest.fixture(scope="module")
def results(library: Library) -> dict[str, tuple[str, str, str]]:
    return {r.id: (r.expect, r.got, r.detail) for r in run_suite(library)}


@pytest.mark.parametrize("case_id", [str(c["id"]) for c in load_cases()])
def test_every_case_gets_the_expected_verdict(results: dict[str, tuple[str, str, str]], case_id: str) -> None:
    expect, got, detail = results[case_id]
    assert got == expect, f"{case_id}: expected {expect}, got {got} ({detail})"
