"""Judging ``domain.scenario.Trigger`` on one heard agent turn, split into its two halves.

``said`` is what the agent's words match (acts AND keywords); ``ready`` is whether the
conversation has reached the point the trigger demands (verified, facts revealed, calm
enough). The engine answers "not yet" differently from "not that".
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.acts import Act
from domain.scenario import Trigger
from simulator.state import CustomerState
from simulator.text import contains_keyword


@dataclass(frozen=True)
class Heard:
    """An agent turn as the customer understood it."""

    raw: str
    norm: str
    acts: frozenset[Act]
    english: bool = True


def said(trigger: Trigger, heard: Heard) -> bool:
    acts_ok = not trigger.acts or any(a in heard.acts for a in trigger.acts)
    keywords_ok = not trigger.keywords or any(contains_keyword(heard.norm, k) for k in trigger.keywords)
    return acts_ok and keywords_ok


def missing_for(trigger: Trigger, state: CustomerState) -> list[str]:
    """What the conversation still lacks for this trigger; empty when ready."""
    missing = []
    if trigger.requires_verified and not state.verified:
        missing.append("identity not verified")
    missing.extend(f"hidden fact '{f}' not revealed" for f in trigger.requires_facts if f not in state.revealed)
    if trigger.max_anger is not None and state.anger > trigger.max_anger + 1e-9:
        missing.append(f"customer still too angry ({state.anger:.2f} > {trigger.max_anger:.2f})")
    return missing


def fires(trigger: Trigger, heard: Heard, state: CustomerState) -> bool:
    return said(trigger, heard) and not missing_for(trigger, state)
