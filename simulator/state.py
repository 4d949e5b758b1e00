"""The explicit state of one simulated customer: everything a snapshot needs, nothing more.

Kept as a plain dataclass of JSON types so ``Session.to_snapshot`` stays small and a
restored session continues exactly where it stopped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal, get_args

from domain.scenario import EndState, Scenario

UpsellStatus = Literal["none", "pitched_early", "asked_terms", "accepted", "declined"]
_UPSELL = ("none", "pitched_early", "asked_terms", "accepted", "declined")
_END: tuple[str, ...] = get_args(EndState)


@dataclass
class CustomerState:
    seed: int
    turn: int = 0
    anger: float = 0.3
    trust: float = 0.5
    patience: float = 6.0
    temper: float = 1.0
    """How fast anger moves for this customer (drawn per seed from the persona's ``temper`` range)."""
    heard_lines: list[str] = field(default_factory=list)
    """Normalised recent agent turns, to notice a line said again."""
    verified: bool = False
    verified_facts: list[str] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    node: str | None = None
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    upsell: UpsellStatus = "none"
    terms_said: list[str] = field(default_factory=list)
    asked_supervisor: bool = False
    noticed_disclosure: bool = False
    refused_verification: int = 0
    on_hold: bool = False
    empathy_count: int = 0
    unhelpful_streak: int = 0
    last_lines: dict[str, int] = field(default_factory=dict)
    outcome: EndState | None = None
    """Set when the issue is settled but the customer stays on the line for the agent's closing."""
    wrap_turns: int = 0
    ended: EndState | None = None

    @classmethod
    def initial(cls, scenario: Scenario, *, seed: int) -> CustomerState:
        import random

        p = scenario.persona
        node = scenario.flow.start if scenario.flow is not None else None
        rng = random.Random(f"persona:{seed}")
        # Seeds vary behaviour, not only wording: each ranged trait is drawn deterministically per seed.
        patience = float(rng.randint(*p.patience_range)) if p.patience_range else float(p.patience)
        anger = round(rng.uniform(*p.anger_range), 3) if p.anger_range else p.anger
        temper = round(rng.uniform(*p.temper), 3) if p.temper else 1.0
        return cls(seed=seed, anger=anger, trust=p.trust, patience=patience, temper=temper, node=node)

    def copy(self) -> CustomerState:
        return replace(
            self,
            verified_facts=list(self.verified_facts),
            revealed=list(self.revealed),
            mentioned=list(self.mentioned),
            accepted=list(self.accepted),
            rejected=list(self.rejected),
            terms_said=list(self.terms_said),
            heard_lines=list(self.heard_lines),
            last_lines=dict(self.last_lines),
        )

    @property
    def mood(self) -> str:
        if self.anger < 0.25:
            return "calm"
        if self.anger < 0.5:
            return "annoyed"
        if self.anger < 0.75:
            return "angry"
        return "furious"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, scenario: Scenario) -> CustomerState:
        """Rebuild and check a state from a snapshot; raises ValueError when it cannot belong to ``scenario``."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown state keys: {sorted(unknown)}")
        if "seed" not in data:
            raise ValueError("state has no seed")
        state = cls(**data)
        hidden = {h.id for h in scenario.hidden_facts}
        if not set(state.revealed) <= hidden:
            raise ValueError(f"state reveals facts this scenario does not have: {sorted(set(state.revealed) - hidden)}")
        if scenario.flow is not None and state.node not in {n.id for n in scenario.flow.nodes}:
            raise ValueError(f"state is in flow node {state.node!r}, which the scenario does not have")
        if state.upsell not in _UPSELL or any(e is not None and e not in _END for e in (state.ended, state.outcome)):
            raise ValueError("state has an invalid upsell status or end state")
        if not (0.0 <= state.anger <= 1.0 and 0.0 <= state.trust <= 1.0):
            raise ValueError("state anger/trust out of range")
        return state
