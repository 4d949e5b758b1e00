"""The rubric engine: run each criterion the rubric lists, weight the applicable ones, apply auto-fail rules.

Pure and stateless: shared models and compiled rules are cached per process and never mutated, so
one rubric object can score any number of transcripts concurrently. A criterion that fails on odd
input is marked not applicable with the reason, never allowed to sink the whole scorecard.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from domain.policy import Policy
from domain.rubric import CriterionSpec, Rubric
from domain.scenario import Scenario
from domain.scorecard import CriterionResult, Evidence, RubricRef, ScoreCard
from domain.transcript import Transcript
from scoring import coaching
from scoring.context import Contact
from scoring.criteria import SCORERS, Outcome
from scoring.criteria.base import clamp

if TYPE_CHECKING:
    from domain.loader import Library
    from scoring.judge import LLMJudge

logger = logging.getLogger(__name__)

CLARITY_SHARE_OF_EMPATHY = 0.1  # when the rubric has no clarity criterion, clarity feeds empathy


def _run(name: str, contact: Contact) -> Outcome:
    try:
        return SCORERS[name](contact)
    except Exception as exc:
        logger.warning("criterion %s could not be judged: %s", name, exc, exc_info=True)
        return Outcome.not_applicable(f"could not be judged: {type(exc).__name__}: {exc}")


def _result(outcome: Outcome, weight: float) -> CriterionResult:
    if outcome.score is None:
        return CriterionResult(
            score=None,
            weight=weight,
            applicable=False,
            reasons=outcome.reasons or ["not applicable"],
            metrics=outcome.metrics,
        )
    return CriterionResult(
        score=round(clamp(outcome.score), 1),
        weight=weight,
        applicable=True,
        evidence=[Evidence(turn=t, quote=q or "(empty)") for t, q in outcome.evidence],
        reasons=outcome.reasons,
        metrics=outcome.metrics,
    )


def score_transcript(
    transcript: Transcript,
    *,
    rubric: Rubric,
    scenario: Scenario | None = None,
    policies: Sequence[Policy] = (),
    judge: LLMJudge | None = None,
) -> ScoreCard:
    """Score one contact against ``rubric``; ``policies`` are the scenario's packs or the rubric's for real calls."""
    contact = Contact.build(transcript, rubric=rubric, scenario=scenario, policies=policies)
    specs: dict[str, CriterionSpec] = {str(k): v for k, v in rubric.criteria.items()}
    names = list(specs)
    outcomes: dict[str, Outcome] = {name: _run(name, contact) for name in names}
    needs_policy = any(r.policy_severity or r.policy_rule for r in rubric.auto_fail)
    policy_outcome = outcomes.get("policy_compliance")
    if policy_outcome is None and needs_policy:
        policy_outcome = _run("policy_compliance", contact)
    metadata: dict[str, Any] = {}
    if "clarity" not in outcomes and "empathy" in outcomes:
        clarity = _run("clarity", contact)
        emp = outcomes["empathy"]
        if clarity.score is not None and emp.score is not None:
            emp.score = round((1 - CLARITY_SHARE_OF_EMPATHY) * emp.score + CLARITY_SHARE_OF_EMPATHY * clarity.score, 1)
            emp.reasons.append(f"clarity {clarity.score:.0f}/100 counts for {CLARITY_SHARE_OF_EMPATHY:.0%} of empathy")
            emp.metrics["clarity"] = {"score": clarity.score, **clarity.metrics}
            emp.tips.extend(clarity.tips)
    criteria: dict[str, CriterionResult] = {n: _result(outcomes[n], specs[n].weight) for n in names}
    applicable = {n: c for n, c in criteria.items() if c.applicable and c.weight > 0}
    total_weight = sum(c.weight for c in applicable.values())
    overall = (
        round(sum(c.weight * (c.score or 0.0) for c in applicable.values()) / total_weight, 1)
        if total_weight > 0
        else None
    )
    auto_fail = _auto_fail(rubric, criteria, policy_outcome)
    tips = coaching.pick(outcomes, {n: specs[n].weight for n in names}, contact.texts)
    not_judged = [n for n, c in criteria.items() if not c.applicable]
    metadata.update(
        {
            "scenario": scenario.id if scenario is not None else None,
            "policies": [p.id for p in contact.policies],
            "not_judged": not_judged,
            "coaching_evidence": [
                {"criterion": t.criterion, "turn": t.turn, "quote": t.quote, "tip": t.text} for t in tips
            ],
            "turns": len(transcript.turns),
            "agent_turns": len(contact.agent),
            "customer_turns": len(contact.customer),
        }
    )
    if contact.limits:
        metadata["limits"] = list(contact.limits)
    if overall is None:
        metadata["warning"] = "nothing could be judged: " + "; ".join(
            f"{n}: {criteria[n].reasons[0]}" for n in not_judged if criteria[n].reasons
        )
    card = ScoreCard(
        transcript=transcript.id,
        rubric=RubricRef(id=rubric.id, version=rubric.version),
        overall=overall,
        passed=overall is not None and overall >= rubric.pass_mark and not auto_fail,
        auto_fail=auto_fail,
        criteria=criteria,
        coaching=[t.render() for t in tips],
        metadata=metadata,
    )
    if judge is not None:
        _apply_judge(card, judge, transcript, rubric)
    return card


def _auto_fail(rubric: Rubric, criteria: Mapping[str, CriterionResult], policy: Outcome | None) -> list[str]:
    violations: list[dict[str, Any]] = list(policy.metrics.get("violations", [])) if policy is not None else []
    failed: list[str] = []
    for rule in rubric.auto_fail:
        hit = False
        if rule.policy_severity is not None and any(v["severity"] == rule.policy_severity for v in violations):
            hit = True
        if rule.policy_rule is not None and any(v["rule"] == rule.policy_rule for v in violations):
            hit = True
        if rule.criterion is not None and rule.below is not None:
            c = criteria.get(rule.criterion)
            if c is not None and c.applicable and c.score is not None and c.score < rule.below:
                hit = True
        if hit:
            failed.append(rule.id)
    return failed


def _apply_judge(card: ScoreCard, judge: LLMJudge, transcript: Transcript, rubric: Rubric) -> None:
    """The LLM's view goes beside the built-in scores (metadata) and into reasons; it never replaces a score."""
    builtin = {n: c.score for n, c in card.criteria.items()}
    report = judge.assess(transcript, rubric=rubric, builtin=builtin)
    for name, reasons in report.reasons.items():
        if name in card.criteria:
            card.criteria[name].reasons.extend(f"LLM judge: {r}" for r in reasons)
    card.metadata["llm_judge"] = report.as_dict()


def score_with_library(
    transcript: Transcript,
    *,
    library: Library,
    rubric_ref: str | None = None,
    scenario_ref: str | None = None,
    judge: LLMJudge | None = None,
) -> ScoreCard:
    """Resolve rubric (given, else the scenario's, else default), scenario and policy packs, then score."""
    setup = library.scoring_setup(scenario_ref=scenario_ref, rubric_ref=rubric_ref)
    return score_transcript(
        transcript, rubric=setup.rubric, scenario=setup.scenario, policies=setup.policies, judge=judge
    )
