"""The rubric engine: run each criterion the rubric lists, weight the applicable ones, apply auto-fail rules.

Pure and stateless: shared models and compiled rules are cached per process and never mutated, so
one rubric object can score any number of transcripts concurrently.

Fail closed: a contact that cannot be judged (no agent turns, another language, control tokens,
an implausible duration) gets a *not scorable* card; a criterion that raises marks the card
``error`` with the criterion and message and it cannot pass — a crash in policy compliance must
never remove an auto-fail and raise the score. A PASS also needs the criteria carrying
``rubric.min_judged_weight`` of the weight to have been judged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from domain.policy import Policy
from domain.rubric import CriterionSpec, Rubric
from domain.scenario import Scenario
from domain.scorecard import CriterionError, CriterionResult, Evidence, RubricRef, ScoreCard
from domain.transcript import Channel, Transcript
from scoring import coaching, scorability
from scoring.context import Contact
from scoring.criteria import Outcome
from scoring.criteria.base import clamp
from scoring.registry import language_shortfall, scorer

if TYPE_CHECKING:
    from domain.loader import Library
    from scoring.judge import LLMJudge

logger = logging.getLogger(__name__)


class CriterionFailedError(Exception):
    """A criterion raised; carries which one so the card can say so."""

    def __init__(self, criterion: str, exc: Exception) -> None:
        super().__init__(f"{type(exc).__name__}: {exc}")
        self.criterion = criterion


def _run(name: str, contact: Contact) -> Outcome:
    try:
        return scorer(name)(contact)
    except Exception as exc:
        logger.error("criterion %s raised: %s", name, exc, exc_info=True)
        raise CriterionFailedError(name, exc) from exc


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
    channel: Channel | None = None,
) -> ScoreCard:
    """Score one contact against ``rubric``; ``policies`` are the scenario's packs or the rubric's for real calls.

    Parameters
    ----------
    channel
        Overrides ``transcript.channel`` (phone, chat, email) when the caller knows better than the
        file, e.g. ``--channel chat`` on a batch of chat logs; channel-specific rules follow it.
    """
    if channel is not None and channel != transcript.channel:
        transcript = transcript.model_copy(update={"channel": channel})
    ref = RubricRef(id=rubric.id, version=rubric.version)
    verdict = scorability.check(transcript)
    if not verdict.scorable:
        return _not_scorable(transcript, ref, verdict, scenario)
    contact = Contact.build(transcript, rubric=rubric, scenario=scenario, policies=policies)
    specs: dict[str, CriterionSpec] = {str(k): v for k, v in rubric.criteria.items()}
    names = list(specs)
    try:
        outcomes: dict[str, Outcome] = {name: _run(name, contact) for name in names}
        needs_policy = any(r.policy_severity or r.policy_rule for r in rubric.auto_fail)
        policy_outcome = outcomes.get("policy_compliance")
        if policy_outcome is None and needs_policy:
            policy_outcome = _run("policy_compliance", contact)
        share = rubric.clarity_share_of_empathy
        clarity = _run("clarity", contact) if "clarity" not in outcomes and "empathy" in outcomes and share else None
    except CriterionFailedError as exc:
        return _errored(transcript, ref, exc, specs, scenario)
    metadata: dict[str, Any] = {}
    if clarity is not None:
        emp = outcomes["empathy"]
        if clarity.score is not None and emp.score is not None and "cap" not in emp.metrics:
            emp.score = round((1 - share) * emp.score + share * clarity.score, 1)
            emp.reasons.append(f"clarity {clarity.score:.0f}/100 counts for {share:.0%} of empathy")
            emp.metrics["clarity"] = {"score": clarity.score, **clarity.metrics}
            emp.tips.extend(clarity.tips)
    criteria: dict[str, CriterionResult] = {n: _result(outcomes[n], specs[n].weight) for n in names}
    applicable = {n: c for n, c in criteria.items() if c.applicable and c.weight > 0}
    total_weight = sum(c.weight for c in applicable.values())
    all_weight = sum(c.weight for c in criteria.values()) or 1.0
    judged_share = total_weight / all_weight
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
            "channel": transcript.channel,
            "language": contact.language,  # the criteria that do not support it say so in their reasons
            "judged_weight": round(judged_share, 3),
        }
    )
    if contact.limits:
        metadata["limits"] = list(contact.limits)
    if overall is None:
        metadata["warning"] = "nothing could be judged: " + "; ".join(
            f"{n}: {criteria[n].reasons[0]}" for n in not_judged if criteria[n].reasons
        )
    enough_judged = judged_share + 1e-9 >= rubric.min_judged_weight
    if not enough_judged:
        metadata["not_passed_because"] = (
            f"only {judged_share:.0%} of the weight could be judged (a pass needs {rubric.min_judged_weight:.0%})"
        )
    # Criteria that do not support the contact's language said so; too few left to judge: not scorable overall.
    shortfall = language_shortfall(
        contact.language, {n: c.weight for n, c in criteria.items()}, min_judged_weight=rubric.min_judged_weight
    )
    if shortfall is not None:
        overall = None
    card = ScoreCard(
        transcript=transcript.id,
        rubric=ref,
        not_scorable=shortfall,
        overall=overall,
        passed=overall is not None and overall >= rubric.pass_mark and not auto_fail and enough_judged,
        auto_fail=auto_fail,
        criteria=criteria,
        coaching=[t.render() for t in tips],
        metadata=metadata,
    )
    if judge is not None:
        _apply_judge(card, judge, transcript, rubric)
    return card


def judge_criterion(
    name: str,
    transcript: Transcript,
    *,
    rubric: Rubric,
    scenario: Scenario | None = None,
    policies: Sequence[Policy] = (),
) -> CriterionResult:
    """One criterion on one contact, without the scorability gate or weighting (criterion tests, tools).

    Raises whatever the criterion raises: the caller sees the failure rather than a silent "n/a".
    """
    contact = Contact.build(transcript, rubric=rubric, scenario=scenario, policies=policies)
    spec = rubric.criteria.get(name)  # type: ignore[call-overload]
    return _result(scorer(name)(contact), spec.weight if spec is not None else 0.0)


def _not_scorable(
    transcript: Transcript, ref: RubricRef, verdict: scorability.Scorability, scenario: Scenario | None
) -> ScoreCard:
    return ScoreCard(
        transcript=transcript.id,
        rubric=ref,
        overall=None,
        passed=False,
        criteria={},
        not_scorable=verdict.reason,
        metadata={
            "scenario": scenario.id if scenario is not None else None,
            "channel": transcript.channel,
            "language_detected": verdict.language,
            "turns": len(transcript.turns),
        },
    )


def _errored(
    transcript: Transcript,
    ref: RubricRef,
    exc: CriterionFailedError,
    specs: Mapping[str, CriterionSpec],
    scenario: Scenario | None,
) -> ScoreCard:
    """Fail closed: no overall, not passed, the criterion and message on the card."""
    return ScoreCard(
        transcript=transcript.id,
        rubric=ref,
        overall=None,
        passed=False,
        criteria={},
        error=CriterionError(criterion=exc.criterion, message=str(exc)),
        metadata={"scenario": scenario.id if scenario is not None else None, "criteria": list(specs)},
    )


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
    channel: Channel | None = None,
) -> ScoreCard:
    """Resolve rubric (given, else the scenario's, else default), scenario and policy packs, then score."""
    setup = library.scoring_setup(scenario_ref=scenario_ref, rubric_ref=rubric_ref)
    return score_transcript(
        transcript,
        rubric=setup.rubric,
        scenario=setup.scenario,
        policies=setup.policies,
        judge=judge,
        channel=channel,
    )
