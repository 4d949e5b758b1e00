"""The simulated customer: engines (scripted, LLM) behind one small interface, and the Session.

Import what you need from here; heavy libraries (scikit-learn, openai) load on first use.
"""

from __future__ import annotations

from simulator.clock import Clock, ManualClock, SystemClock
from simulator.engine import AgentTurn, CustomerEngine, Step, make_engine
from simulator.session import Reply, Session, SessionEndedError
from simulator.state import CustomerState

__all__ = [
    "AgentTurn",
    "Clock",
    "CustomerEngine",
    "CustomerState",
    "ManualClock",
    "Reply",
    "Session",
    "SessionEndedError",
    "Step",
    "SystemClock",
    "make_engine",
]
