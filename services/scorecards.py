"""The scorecard as a trainee reads it: the resolved score (disputes and overrides applied) beside the
automatic one, and the one thing to do differently next time with a model answer from the scenario.

No Streamlit here: ``ui.widgets.scorecard_view`` lays this out; the numbers come from the stored card.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.scenario import Scenario
from services.disputes import _pass_mark, side_by_side, weighted_overall
from services.workspace import Workspace
from storage import StorageError
from storage.types import OverrideRecord, ScoreRecord, UserInfo

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Headline:
    """The score that counts (after reviewer overrides and settled disputes) and the automatic one."""

    automatic_overall: float | None
    automatic_passed: bool
    overall: float | None
    passed: bool
    changed_by: tuple[str, ...] = ()
    """What changed the automatic score: ``override`` and/or ``dispute``; empty when it stands."""


def _scores(card: dict[str, Any]) -> dict[str, tuple[float, float | None]]:
    return {
        name: (float(c.get("weight") or 0.0), c.get("score") if c.get("applicable", True) else None)
        for name, c in (card.get("criteria") or {}).items()
    }


def headline(
    card: dict[str, Any],
    *,
    overrides: Sequence[OverrideRecord] = (),
    disputed: dict[str, float | None] | None = None,
    pass_mark: float = 70.0,
) -> Headline:
    """Apply settled disputes, then the newest override per criterion; a card that could not be scored
    (not scorable, a scoring error) or has an auto-fail never passes, whatever the overrides say."""
    auto_overall, auto_passed = card.get("overall"), bool(card.get("passed"))
    scores = _scores(card)
    changed: list[str] = []
    for name, value in (disputed or {}).items():
        if name in scores and value != scores[name][1]:
            scores[name] = (scores[name][0], value)
            changed.append("dispute")
    for o in overrides:  # oldest first: the newest wins
        if o.criterion in scores:
            scores[o.criterion] = (scores[o.criterion][0], o.score)
            changed.append("override")
    if not changed:
        return Headline(auto_overall, auto_passed, auto_overall, auto_passed)
    overall = weighted_overall(scores)
    blocked = bool(card.get("auto_fail") or card.get("not_scorable") or card.get("error"))
    passed = overall is not None and overall >= pass_mark and not blocked
    return Headline(auto_overall, auto_passed, overall, passed, tuple(dict.fromkeys(changed)))


def record_headline(ws: Workspace, viewer: UserInfo, record: ScoreRecord) -> Headline:
    """:func:`headline` of a stored scorecard with its disputes (when the viewer may see them) and overrides."""
    disputed: dict[str, float | None] = {}
    try:
        view = side_by_side(ws.db, viewer, record.id)
        disputed = {c.criterion: c.resolved for c in view.criteria if c.status in ("accepted", "adjusted")}
    except StorageError:
        pass  # the viewer may not see disputes of this card: overrides alone
    return headline(
        record.card, overrides=record.overrides, disputed=disputed, pass_mark=_pass_mark(record.rubric_yaml or "")
    )


@dataclass(frozen=True)
class NextTime:
    """The one thing to do differently: which criterion, why, and a model answer taken from the scenario."""

    criterion: str
    why: str
    model_answer: str | None


AUTO_FAIL_CRITERION = {"unresolved": "resolution", "critical-policy": "policy_compliance", "abusive-agent": "empathy"}


def _model_answer(criterion: str, scenario: Scenario | None) -> str | None:
    if scenario is None:
        return None
    good = [r for r in scenario.resolutions if r.acceptable]
    if criterion in ("resolution", "accuracy") and good:
        res = good[0]
        example = res.when.examples[0] if res.when.examples else None
        return f"{example} ({res.description})" if example else res.description
    if criterion == "policy_compliance":
        asks = [f.label for f in scenario.account if f.verifier]
        if asks:
            return "Before I look at the account, can I confirm your " + " and ".join(asks) + "?"
    if criterion == "empathy":
        reason = scenario.brief.reason.rstrip(".").lower()
        return f"I'm sorry about this ({reason}); I can see why it's frustrating, let's sort it out."
    if criterion == "closing" and good:
        return f"To summarise: {good[0].description.rstrip('.')}. Is there anything else I can help with?"
    if criterion == "opening":
        return "Thank you for calling, my name is …, this call is recorded for quality. How can I help?"
    if criterion == "discovery" and scenario.hidden_facts and scenario.hidden_facts[0].reveal_when.examples:
        return scenario.hidden_facts[0].reveal_when.examples[0]
    return None


def next_time(card: dict[str, Any], scenario: Scenario | None) -> NextTime | None:
    """The criterion that cost the most (an auto-fail's criterion first), with its first reason."""
    criteria = card.get("criteria") or {}
    failed = [AUTO_FAIL_CRITERION.get(str(rule), "") for rule in card.get("auto_fail") or []]
    name = next((n for n in failed if n in criteria), "")
    if not name:
        lost = {
            n: float(c.get("weight") or 0) * (100 - float(c["score"]))
            for n, c in criteria.items()
            if c.get("applicable", True) and c.get("score") is not None
        }
        if not lost or max(lost.values()) <= 0:
            return None
        name = max(lost, key=lambda n: lost[n])
    reasons = [str(r) for r in criteria[name].get("reasons") or []]
    return NextTime(name, reasons[0] if reasons else "", _model_answer(name, scenario))
