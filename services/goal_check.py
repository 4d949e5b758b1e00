"""The simulator's goal check for a practice call, in the shape the resolution criterion reads.

The scripted (and LLM) customer accepts an offer only when it meets the scenario's typed terms (right amount,
right item, in time, within the agent's authority), and records it in its state; the transcript carries that
state (``accepted_resolutions``, ``rejected_resolutions``, ``end_state``). The customer's need was met when
one of the scenario's *acceptable* resolutions was accepted; anything else (hung up on, timed out, escalated
without the escalation this customer needed, transferred to a team the problem does not belong to, ended by the
agent before an offer was accepted) was not.
``scoring.criteria.resolution`` then scores 100 or 10 from it (docs/scoring.md, ``metadata.goal_check``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.scenario import Scenario
from domain.transcript import Transcript

_ENDINGS = {
    "customer_hung_up": "the customer hung up",
    "timed_out": "the call ran out of time",
    "agent_ended": "the agent ended the call",
    "escalated": "the contact was escalated to a supervisor",
    "transferred": "the contact was transferred to another team",
    "resolved": "the call ended resolved",
}


def goal_check(scenario: Scenario, metadata: Mapping[str, Any]) -> dict[str, Any]:
    """``{"goal_met": bool, "reason": str}`` from the simulator's end state of one practice call."""
    accepted = [str(x) for x in metadata.get("accepted_resolutions") or []]
    rejected = [str(x) for x in metadata.get("rejected_resolutions") or []]
    end_state = metadata.get("end_state")
    by_id = {r.id: r for r in scenario.resolutions}
    met = [by_id[r] for r in accepted if r in by_id and by_id[r].acceptable]
    if met:
        res = met[-1]
        reason = f"the customer accepted '{res.id}' ({res.description.strip().rstrip('.')})"
        if end_state in ("customer_hung_up", "timed_out"):
            reason += f"; afterwards {_ENDINGS[str(end_state)]}"
        return {"goal_met": True, "reason": reason, "resolution": res.id}
    parts = ["no acceptable resolution was agreed with the customer"]
    if rejected:
        parts.append("refused: " + ", ".join(f"'{r}'" for r in dict.fromkeys(rejected)))
    if end_state:
        parts.append(_ENDINGS.get(str(end_state), f"ended as {end_state}"))
    else:
        parts.append("the call had not ended")
    return {"goal_met": False, "reason": "; ".join(parts)}


def with_goal_check(scenario: Scenario, transcript: Transcript) -> Transcript:
    """The transcript with ``metadata["goal_check"]`` set (a check the simulator wrote itself is kept)."""
    metadata = dict(transcript.metadata)
    existing = metadata.get("goal_check")
    if not (isinstance(existing, dict) and isinstance(existing.get("goal_met"), bool)):
        metadata["goal_check"] = goal_check(scenario, metadata)
    return transcript.model_copy(update={"metadata": metadata})
