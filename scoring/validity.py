"""The adversarial validity suite: contacts a QA expert would judge at a glance, with that verdict as data.

``scoring/data/validity/suite.json`` holds each case (a Transcript plus ``expect``: pass, fail or
not_scorable, and why). :func:`run_suite` scores every case with the default rubric and its policy
packs and reports where the scorer disagrees with the expected verdict. CI runs it
(``tests/scoring/test_validity.py``); ``bench/bench_validity.py`` prints it with the empathy baselines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from domain.loader import Library
from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from scoring.engine import score_transcript

SUITE = Path(__file__).parent / "data" / "validity" / "suite.json"
Verdict = Literal["pass", "fail", "not_scorable", "error"]


@dataclass(frozen=True)
class CaseResult:
    id: str
    expect: str
    got: Verdict
    overall: float | None
    detail: str

    @property
    def ok(self) -> bool:
        return self.expect == self.got


def verdict(card: ScoreCard) -> Verdict:
    if card.error is not None:
        return "error"
    if card.not_scorable is not None:
        return "not_scorable"
    return "pass" if card.passed else "fail"


def load_cases(path: Path = SUITE) -> list[dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data["cases"])


def run_suite(library: Library, *, rubric_ref: str = "default", path: Path = SUITE) -> list[CaseResult]:
    rubric = library.rubric(rubric_ref)
    policies = [library.policies[p] for p in rubric.policies]
    out: list[CaseResult] = []
    for case in load_cases(path):
        transcript = Transcript.model_validate(case["transcript"])
        card = score_transcript(transcript, rubric=rubric, policies=policies)
        got = verdict(card)
        if card.not_scorable:
            detail = card.not_scorable
        elif card.error:
            detail = f"{card.error.criterion}: {card.error.message}"
        else:
            scores = ", ".join(
                f"{n} {'n/a' if c.score is None else f'{c.score:.0f}'}" for n, c in card.criteria.items()
            )
            detail = f"auto_fail={card.auto_fail} {scores}"
        out.append(CaseResult(str(case["id"]), str(case["expect"]), got, card.overall, detail))
    return out
