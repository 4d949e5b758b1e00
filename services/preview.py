"""The authoring preview: play a scenario being edited against the scripted customer, in the side panel.

The engine is stateless and shared (one per process); the preview's state is a plain dict the caller keeps
(the app: the user's session_state).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from domain.scenario import Scenario


@lru_cache(maxsize=1)
def _scripted_engine() -> Any:
    from simulator.engine import make_engine

    return make_engine("scripted")


def start(scenario: Scenario, *, seed: int = 7) -> dict[str, Any]:
    """A fresh preview. Who opens follows the scenario as in practice: on an inbound phone call the line is
    open and the caller's opening waits for the author's greeting (``pending``)."""
    step = _scripted_engine().reset(scenario, seed=seed)
    if scenario.agent_opens:
        return {"state": step.state.to_dict(), "lines": [], "ended": step.end_state, "pending": step.text}
    return {"state": step.state.to_dict(), "lines": [("customer", step.text)], "ended": step.end_state}


def reply(scenario: Scenario, preview: dict[str, Any], text: str) -> dict[str, Any]:
    """A new preview dict with the agent's line and the customer's answer appended."""
    from simulator.engine import AgentTurn
    from simulator.state import CustomerState

    if preview.get("pending"):  # the greeting of an agent-opened call: the caller states the problem once
        lines = [*preview["lines"], ("agent", text), ("customer", preview["pending"])]
        return {**preview, "lines": lines, "pending": None}
    state = CustomerState.from_dict(dict(preview["state"]), scenario=scenario)
    history = tuple((s, t) for s, t in preview["lines"])
    step = _scripted_engine().step(scenario, state, AgentTurn(text=text, history=history))
    lines = [*preview["lines"], ("agent", text), ("customer", step.text)]
    notes = [*preview.get("notes", []), *step.notes]
    return {"state": step.state.to_dict(), "lines": lines, "ended": step.end_state, "notes": notes}
