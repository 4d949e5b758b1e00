"""Scenario self-checks for authors: ``csrsim doctor`` and the trigger-overlap warnings of ``csrsim validate``.

The checks themselves live in the simulator (they play real sessions); this is the one door the CLI and the
Author page use, so neither reaches into the simulator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from domain.scenario import Scenario
from simulator.authoring import Confusion, trigger_confusions
from simulator.doctor import DoctorReport, check_scenario
from simulator.evalsets import DEFAULT_DIR, CustomerEvalSet, load_eval_sets
from simulator.scripted import ScriptedEngine

__all__ = ["Confusion", "DoctorReport", "ScenarioCheck", "confusable_triggers", "doctor"]


@dataclass(frozen=True)
class ScenarioCheck:
    """One scenario's doctor report, and whether it had a paraphrase set to play."""

    scenario: Scenario
    report: DoctorReport
    has_eval_set: bool


def doctor(scenarios: Iterable[Scenario], *, eval_dir: Path | None = None, seed: int = 0) -> list[ScenarioCheck]:
    """Play every scenario with the scripted good, paraphrasing, cold, rude and keyword-stuffing agents.

    Raises
    ------
    ValueError
        When a paraphrase set under ``eval_dir`` is malformed (the message names the file).
    """
    sets: dict[str, CustomerEvalSet] = load_eval_sets(eval_dir or DEFAULT_DIR)
    engine = ScriptedEngine()
    return [
        ScenarioCheck(
            scenario=sc,
            report=check_scenario(sc, engine, data=sets.get(sc.id), seed=seed),
            has_eval_set=sc.id in sets,
        )
        for sc in scenarios
    ]


def confusable_triggers(scenario: Scenario) -> list[Confusion]:
    """Triggers whose example phrasings sit closer to another trigger's examples than to their own."""
    return trigger_confusions(scenario)
