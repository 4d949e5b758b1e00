"""The customer engine interface: a strategy as small as tau-bench's simulated user.

An engine is stateless: ``reset`` makes the starting state and opening line, ``step``
takes the state and one agent turn and returns the next state with the customer's
answer. The ``Session`` owns the state, the clock and the transcript, so engines are
interchangeable (scripted, LLM) and a session can be snapshotted between any two turns.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from domain.acts import Act
from domain.scenario import EndState, Scenario
from simulator.state import CustomerState

if TYPE_CHECKING:
    from domain.config import Settings

Action = Literal["hold", "resume", "transfer", "end"]
EngineKind = Literal["scripted", "llm"]


@dataclass(frozen=True)
class AgentTurn:
    """What the trainee did: said ``text``, or took a call-control ``action`` (hold, transfer, ...)."""

    text: str = ""
    action: Action | None = None
    history: tuple[tuple[str, str], ...] = ()
    """Earlier (speaker, text) pairs, for engines that word replies in context (the LLM)."""


@dataclass
class Step:
    """One customer answer and the state after it."""

    state: CustomerState
    text: str
    end_state: EndState | None = None
    acts: list[Act] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    intent: str = "neutral"
    """Which authored situation the reply comes from (verification, reveal, accept, angrier, ...)."""


class CustomerEngine(ABC):
    kind: str = "abstract"

    @abstractmethod
    def reset(self, scenario: Scenario, *, seed: int) -> Step:
        """The starting state and the customer's opening line."""

    @abstractmethod
    def step(self, scenario: Scenario, state: CustomerState, turn: AgentTurn) -> Step:
        """The customer's answer to one agent turn. Must not mutate ``state``."""


def make_engine(kind: EngineKind = "scripted", *, settings: Settings | None = None) -> CustomerEngine:
    """The engine for ``kind``; ``llm`` needs ``settings.llm_base_url`` (OpenAI, Ollama, vLLM)."""
    from simulator.scripted import ScriptedEngine

    if kind == "scripted":
        return ScriptedEngine()
    if kind == "llm":
        from domain.config import get_settings
        from simulator.llm import LLMEngine

        settings = settings or get_settings()
        if not settings.llm_enabled:
            raise ValueError("the LLM customer needs CSR_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        return LLMEngine(settings=settings)
    raise ValueError(f"unknown customer engine {kind!r}; expected 'scripted' or 'llm'")
