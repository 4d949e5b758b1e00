"""Measuring the customer on a per-scenario evaluation set: reveals, off-topic leaks, offers.

Each line is judged on its own from a prepared state (identity verified, the trigger's
prerequisites met), so one miss does not hide the next line's result. Used by
``bench/report_customer.py`` and ``csrsim doctor``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.scenario import Scenario
from simulator.engine import AgentTurn, CustomerEngine
from simulator.evalsets import CustomerEvalSet
from simulator.state import CustomerState


@dataclass
class Tally:
    """Hits out of tried lines, with the misses kept for the report."""

    hits: int = 0
    tried: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, hit: bool, line: str) -> None:
        self.tried += 1
        self.hits += int(hit)
        if not hit:
            self.misses.append(line)

    @property
    def rate(self) -> float:
        return self.hits / self.tried if self.tried else float("nan")

    def __iadd__(self, other: Tally) -> Tally:
        self.hits += other.hits
        self.tried += other.tried
        self.misses.extend(other.misses)
        return self


@dataclass
class Measurement:
    scenario: str
    reveals: Tally = field(default_factory=Tally)
    """Right questions that revealed their fact (higher is better)."""
    off_topic: Tally = field(default_factory=Tally)
    """Off-topic questions that revealed a fact (lower is better; ``misses`` are the clean ones)."""
    resolutions: Tally = field(default_factory=Tally)
    """Natural resolutions accepted."""
    bad_offers: Tally = field(default_factory=Tally)
    """Goal-violating offers accepted (lower is better)."""


def _prepared(
    sc: Scenario,
    engine: CustomerEngine,
    *,
    seed: int,
    revealed: list[str],
    calm: bool,
    max_anger: float | None = None,
) -> CustomerState:
    st = engine.reset(sc, seed=seed).state
    st.verified = True
    st.verified_facts = [f.id for f in sc.account if f.verifier]
    st.revealed = list(revealed)
    st.turn = 3
    if calm:
        st.anger = min(st.anger, 0.2)  # the resolution set measures hearing, not mood gates
    if max_anger is not None:
        st.anger = min(st.anger, max_anger)  # a fact that needs a calmer customer: the prerequisite is met
    return st


def _accepted(sc: Scenario, engine: CustomerEngine, st: CustomerState, line: str) -> bool:
    step = engine.step(sc, st, AgentTurn(text=line))
    good = {r.id for r in sc.resolutions if r.acceptable}
    return bool(good & set(step.state.accepted)) or step.state.outcome == "resolved"


def measure(sc: Scenario, data: CustomerEvalSet, engine: CustomerEngine, *, seed: int = 0) -> Measurement:
    """Judge every line of ``data`` against ``sc`` with ``engine``."""
    m = Measurement(sc.id)
    facts = {h.id: h for h in sc.hidden_facts}
    for fact_id, questions in data.hidden_facts.items():
        fact = facts.get(fact_id)
        if fact is None:
            continue
        for q in questions:
            trig = fact.reveal_when
            st = _prepared(
                sc, engine, seed=seed, revealed=list(trig.requires_facts), calm=False, max_anger=trig.max_anger
            )
            step = engine.step(sc, st, AgentTurn(text=q))
            m.reveals.add(fact_id in step.revealed, q)
    for q in data.off_topic:
        st = _prepared(sc, engine, seed=seed, revealed=[], calm=False)
        step = engine.step(sc, st, AgentTurn(text=q))
        m.off_topic.add(bool(step.revealed), q)
    every_fact = list(facts)
    for _res_id, lines in data.resolutions.items():
        for line in lines:
            st = _prepared(sc, engine, seed=seed, revealed=every_fact, calm=True)
            m.resolutions.add(_accepted(sc, engine, st, line), line)
    for line in data.bad_offers:
        st = _prepared(sc, engine, seed=seed, revealed=every_fact, calm=True)
        m.bad_offers.add(_accepted(sc, engine, st, line), line)
    return m
