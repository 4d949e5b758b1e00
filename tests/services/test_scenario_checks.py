"""``csrsim doctor`` over the whole library, in CI: every scenario rewards the right agents.

The good and paraphrasing agents must resolve, the keyword-stuffer must not, the rude agent is hung up on. The
paraphrases come from ``evaluation/customer/``, written apart from the scenarios' trigger examples.
"""

from __future__ import annotations

import pytest

from domain.loader import Library
from services.scenario_checks import doctor
from tests.conftest import SCENARIOS_DIR


@pytest.fixture(scope="module")
def checks(library: Library) -> dict[str, list[str]]:
    found = doctor(sorted(library.scenarios.values(), key=lambda s: s.id))
    return {c.scenario.id: [f"{r.agent}: {r.problem}" for r in c.report.runs if r.problem] for c in found}


def test_every_scenario_has_a_paraphrase_set(library: Library) -> None:
    sets = {p.stem for p in (SCENARIOS_DIR.parent / "evaluation" / "customer").glob("*.yaml")}
    assert set(library.scenarios) <= sets


@pytest.mark.parametrize("scenario_id", sorted(p.stem for p in (SCENARIOS_DIR / "scenarios").glob("*.yaml")))
def test_doctor_passes(checks: dict[str, list[str]], scenario_id: str) -> None:
    assert checks[scenario_id] == []
