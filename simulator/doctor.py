"""Scenario self-check: play a scenario with scripted agents and see whether it rewards the right one.

Five agents, all built generically from the scenario's data (nothing tuned to one scenario):

- ``good``: greeting with recorded-line notice, empathy, verification, one authored example
  question per hidden fact, the authored example offers, a closing.
- ``paraphrasing``: the same plan, but every question and offer comes from the per-scenario
  evaluation set (written by other people, never used as trigger examples).
- ``cold``: greets, verifies and asks the questions, no empathy, and offers nothing.
- ``rude``: dismissive lines every turn.
- ``keyword_stuffer``: bare keyword strings ("receipt? tracking? proof?") for every trigger.

The scenario fails the check when the good or paraphrasing agent cannot resolve (or escalate where
escalation is the right end), when the keyword stuffer resolves, or when the rude agent is not
hung up on (or escalated away).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.scenario import Resolution, Scenario
from simulator.engine import CustomerEngine
from simulator.evalsets import CustomerEvalSet
from simulator.multilingual import AGENT_SCRIPTS, agent_script
from simulator.session import Session

_EN = AGENT_SCRIPTS["en"]  # each scenario is played in its own language: agent_script(sc.language)
GREETING, EMPATHY, VERIFY, CLOSING = _EN.greeting, _EN.empathy, _EN.verify, _EN.closing
RUDE = list(_EN.rude)
MAX_TURNS = 24
GOOD_ENDS = ("resolved", "escalated")


@dataclass
class AgentRun:
    agent: str
    end_state: str | None
    revealed: list[str]
    turns: int
    problem: str | None = None


@dataclass
class DoctorReport:
    scenario: str
    runs: list[AgentRun] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        return [f"{r.agent}: {r.problem}" for r in self.runs if r.problem]

    @property
    def ok(self) -> bool:
        return not self.failures


def _offers(sc: Scenario) -> list[Resolution]:
    good = [r for r in sc.resolutions if r.acceptable]
    return sorted(good, key=lambda r: (r.requires_escalation, r.end_state is None))


def _play(session: Session, lines: list[str]) -> None:
    for line in lines:
        if session.ended or len(session.turns) > 2 * MAX_TURNS:
            return
        session.agent(line)


def _planned(session: Session, questions: list[list[str]], offers: list[tuple[Resolution, list[str]]]) -> None:
    sc = session.scenario
    script = agent_script(sc.language)
    opening = [script.greeting, script.empathy]
    if sc.persona.temperament == "abusive":
        opening += [script.warning, script.empathy]
    if sc.identity_required or any(f.verifier for f in sc.account):
        opening.append(script.verify)
    _play(session, opening)
    for options in questions:
        _play(session, options[:1])
    for res, lines in offers:
        if session.ended or session.state.outcome is not None:
            break
        if res.when.requires_verified and not session.verified:
            continue
        for line in lines[:3]:
            if session.ended or session.state.outcome is not None:
                break
            session.agent(line)
    if not session.ended:
        session.agent(script.closing)


def play_agent(sc: Scenario, agent: str, engine: CustomerEngine, *, data: CustomerEvalSet | None, seed: int) -> Session:
    """One scripted agent's whole contact (``data`` is needed only for ``paraphrasing``)."""
    session = Session.start(sc, engine=engine, seed=seed)
    script = agent_script(sc.language)
    facts = sorted(sc.hidden_facts, key=lambda h: not h.required)
    if agent == "good":
        _planned(
            session,
            [h.reveal_when.examples or h.reveal_when.keywords for h in facts],
            [(r, r.when.examples or r.when.keywords) for r in _offers(sc)],
        )
    elif agent == "paraphrasing":
        assert data is not None
        wanted = {r.id for r in sc.resolutions if r.acceptable}
        by_res = {k: v for k, v in data.resolutions.items() if k in wanted or k == "*"}
        _planned(
            session,
            [data.hidden_facts.get(h.id, []) for h in facts],
            [(r, by_res.get(r.id, by_res.get("*", []))) for r in _offers(sc)],
        )
    elif agent == "cold":
        questions = [(h.reveal_when.examples or [script.cold_question])[0] for h in facts]
        _play(session, [script.cold_hello, script.verify, *questions])
        _play(session, list(script.cold) * 4)
    elif agent == "rude":
        _play(session, list(script.rude) * (MAX_TURNS // len(script.rude)))
    elif agent == "keyword_stuffer":
        stuffed = [
            "? ".join(t.keywords) + "?"
            for t in [h.reveal_when for h in facts] + [r.when for r in sc.resolutions if r.acceptable]
            if t.keywords
        ]
        _play(session, [script.verify, *stuffed, *stuffed, script.closing])
    else:
        raise ValueError(f"unknown agent {agent!r}")
    return session


AGENTS = ("good", "paraphrasing", "cold", "rude", "keyword_stuffer")
_CHECKS: dict[str, Callable[[str | None], str | None]] = {
    "good": lambda end: None if end in GOOD_ENDS else f"should resolve, ended {end}",
    "paraphrasing": lambda end: None if end in GOOD_ENDS else f"should resolve, ended {end}",
    "keyword_stuffer": lambda end: f"keyword stuffing reached {end}" if end in GOOD_ENDS else None,
    "rude": lambda end: None if end in ("customer_hung_up", "escalated") else f"rude agent not hung up on ({end})",
    "cold": lambda end: None,
}


def check_scenario(
    sc: Scenario, engine: CustomerEngine, *, data: CustomerEvalSet | None, seed: int = 0
) -> DoctorReport:
    """Play every agent (paraphrasing only with ``data``) and judge the outcomes."""
    report = DoctorReport(sc.id)
    for agent in AGENTS:
        if agent == "paraphrasing" and data is None:
            continue
        session = play_agent(sc, agent, engine, data=data, seed=seed)
        end = session.end_state
        if agent == "keyword_stuffer" and session.state.outcome is not None and end is None:
            end = session.state.outcome
        report.runs.append(
            AgentRun(
                agent=agent,
                end_state=end,
                revealed=list(session.state.revealed),
                turns=sum(1 for t in session.turns if t.speaker == "agent"),
                problem=_CHECKS[agent](end),
            )
        )
    return report
