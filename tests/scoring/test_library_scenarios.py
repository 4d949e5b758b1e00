"""Every scenario in the shipped library can be scored: its facts, policies and channel never break a criterion."""

from __future__ import annotations

import pytest

from domain.config import PROJECT_ROOT
from domain.loader import Library, load_library
from scoring import score_with_library
from tests.scoring.transcripts import DISCLOSE_FIRST, MODEL_CALL, RUDE_CALL, make

SCENARIO_IDS = sorted(load_library(PROJECT_ROOT / "scenarios").scenarios)


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
@pytest.mark.parametrize("turns", [MODEL_CALL, DISCLOSE_FIRST, RUDE_CALL], ids=["model", "disclose", "rude"])
def test_scenario_scores_without_errors(library: Library, scenario_id: str, turns: list[tuple[str, str]]) -> None:
    scenario = library.scenario(scenario_id)
    card = score_with_library(make(turns, channel=scenario.channel), library=library, scenario_ref=scenario_id)
    reasons = [r for c in card.criteria.values() for r in c.reasons]
    assert not any("could not be judged" in r for r in reasons), reasons
    assert card.metadata["policies"] == [p for p in scenario.policies if p in library.policies]
