"""Domain types shared by every other package: the product's vocabulary.

Nothing here imports any other package of ours; everything else may import this.
"""

from __future__ import annotations

from domain.acts import Act
from domain.policy import Policy, PolicyRule
from domain.rubric import AutoFailRule, CriterionSpec, Rubric
from domain.scenario import (
    Branch,
    CustomerLines,
    Fact,
    HiddenFact,
    KnownFact,
    Node,
    Persona,
    Resolution,
    Scenario,
    Trigger,
    Upsell,
)
from domain.scorecard import CriterionResult, Evidence, RubricRef, ScoreCard
from domain.transcript import Speaker, Transcript, Turn, Word

__all__ = [
    "Act",
    "AutoFailRule",
    "Branch",
    "CriterionResult",
    "CriterionSpec",
    "CustomerLines",
    "Evidence",
    "Fact",
    "HiddenFact",
    "KnownFact",
    "Node",
    "Persona",
    "Policy",
    "PolicyRule",
    "Resolution",
    "Rubric",
    "RubricRef",
    "Scenario",
    "ScoreCard",
    "Speaker",
    "Transcript",
    "Trigger",
    "Turn",
    "Upsell",
    "Word",
]
