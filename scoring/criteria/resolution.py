"""Resolution: was the customer's need met? The criterion that ties the score to the outcome.

Practice calls carry the simulator's goal check in the transcript metadata, and that is the
evidence: ``metadata["goal_check"] = {"goal_met": bool, "reason": str}``. Only that key is read:
outcome labels a reviewer attached to a real call (``metadata["outcome"]``) are never used, so an
evaluation set's labels cannot leak into its score.
Real calls are judged from the transcript itself, on signals that generalise beyond a keyword:

- the need the customer stated (their first substantive turn, cited);
- whether the agent committed to an action or gave an answer ("I've reversed the charge",
  "it will arrive on Tuesday"), or refused / deflected;
- the customer's **final reaction** in their last turns: accepted, pushed back, or left
  unresolved — judged by meaning on the shared sentence encoder against authored example
  phrasings (:mod:`scoring.resolution_cues`) plus explicit cue phrases;
- whether the contact was abandoned (metadata ``abandoned``, or the customer had the last word
  with an unanswered complaint).

An unresolved or abandoned contact scores below the default rubric's ``unresolved`` auto-fail,
so it cannot pass however polite the agent was.
"""

from __future__ import annotations

from typing import Any

from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp
from scoring.resolution_cues import Reaction, agent_commitments, final_reaction

BASE = 50.0
COMMITMENT = 25.0  # the agent did or promised something concrete, or answered the question
NO_COMMITMENT_CAP = 45.0  # without any action or answer the contact cannot reach the pass line
REACTION_POINTS = {"accepted": 25.0, "neutral": 0.0, "pushback": -30.0, "unresolved": -45.0}
ABANDONED = 25.0
ABANDONED_CAP = 40.0  # below the default rubric's unresolved auto-fail: an abandoned contact cannot pass


def _simulator_outcome(metadata: dict[str, Any]) -> tuple[bool, str] | None:
    """The simulator's goal check, when the transcript carries it (documented in docs/scoring.md)."""
    raw = metadata.get("goal_check")
    if isinstance(raw, dict) and isinstance(raw.get("goal_met"), bool):
        return bool(raw["goal_met"]), str(raw.get("reason") or "")
    return None


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    out = Outcome(score=None)
    last_agent = contact.agent[-1]
    sim = _simulator_outcome(contact.transcript.metadata)
    if sim is not None:
        met, reason = sim
        out.score = 100.0 if met else 10.0
        out.cite(last_agent, contact.texts[last_agent])
        verdict = "met" if met else "NOT met"
        out.reasons.append(
            f"the simulator's goal check says the customer's need was {verdict}" + (f": {reason}" if reason else "")
        )
        out.metrics = {"source": "simulator", "goal_met": met}
        if not met:
            out.tips.append(
                Tip(45.0, f"Resolve what the customer called about{': ' + reason if reason else ''}.", last_agent)
            )
        return out

    need = contact.customer[0] if contact.customer else None
    if need is not None:
        out.cite(need, contact.texts[need])
        out.reasons.append(f"customer's need (turn {need}): {contact.texts[need][:120]}")
    commitments, refusals = agent_commitments(contact)
    reaction: Reaction = final_reaction(contact)
    abandoned = bool(contact.transcript.metadata.get("abandoned")) or _customer_left_unanswered(contact, reaction)

    value = BASE
    if commitments:
        value += COMMITMENT
        turn, sentence = commitments[-1]
        out.cite(turn, sentence)
        out.reasons.append(f"agent committed to an action or answer at turn {turn}: '{sentence[:100]}'")
    else:
        out.reasons.append("the agent never committed to an action or gave an answer")
    if refusals and not commitments:
        turn, sentence = refusals[0]
        out.cite(turn, sentence)
        out.reasons.append(f"the agent declined or deflected at turn {turn}")
        value -= 15.0
    value += REACTION_POINTS[reaction.label]
    if reaction.turn is not None:
        out.cite(reaction.turn, reaction.sentence)
        out.reasons.append(
            f"customer's final reaction: {reaction.label} (turn {reaction.turn}, similarity {reaction.similarity:.2f})"
        )
    else:
        out.reasons.append("the customer gave no final reaction to judge")
    if abandoned:
        value = min(value - ABANDONED, ABANDONED_CAP)
        out.reasons.append("the contact was abandoned before the need was met")
    if not commitments:
        value = min(value, NO_COMMITMENT_CAP)
    out.score = round(clamp(value), 1)
    if out.score < 50:
        out.tips.append(
            Tip(
                40.0,
                "Resolve the request, or say exactly what you will do and when, and check the customer agrees.",
                last_agent,
            )
        )
    out.metrics = {
        "source": "transcript",
        "need_turn": need,
        "commitments": [t for t, _ in commitments],
        "refusals": [t for t, _ in refusals],
        "final_reaction": reaction.label,
        "reaction_similarity": round(reaction.similarity, 3),
        "abandoned": abandoned,
    }
    return out


def _customer_left_unanswered(contact: Contact, reaction: Reaction) -> bool:
    """The customer had the last word and it was a complaint nobody answered."""
    if not contact.customer:
        return False
    last_customer = contact.customer[-1]
    return last_customer > contact.agent[-1] and reaction.label in {"pushback", "unresolved"}
