"""The Transcript interchange format (DESIGN.md): importers produce it, scoring reads it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from domain.base import LenientModel

Speaker = Literal["agent", "customer", "system"]
Channel = Literal["phone", "chat", "email"]


class Word(LenientModel):
    """One recognised word with its timing, as speech recognition gives it."""

    word: str
    start: float = Field(ge=0)
    end: float = Field(ge=0)
    probability: float | None = None


class Turn(LenientModel):
    """One speaker's contiguous contribution. Times are seconds from the start of the contact."""

    speaker: Speaker
    text: str
    start: float | None = Field(default=None, ge=0)
    end: float | None = Field(default=None, ge=0)
    words: list[Word] | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Turn:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"turn ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


class Transcript(LenientModel):
    """A whole contact. Unknown top-level keys are moved into ``metadata`` rather than rejected."""

    id: str = Field(min_length=1)
    channel: Channel = "phone"
    language: str = "en"
    turns: list[Turn] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_extra_as_metadata(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        known = set(cls.model_fields)
        extra = {k: v for k, v in data.items() if k not in known}
        if not extra:
            return data
        kept = {k: v for k, v in data.items() if k in known}
        metadata = dict(kept.get("metadata") or {})
        metadata.update(extra)
        kept["metadata"] = metadata
        return kept

    @property
    def agent_turns(self) -> list[tuple[int, Turn]]:
        """Agent turns with their index in ``turns`` (evidence cites that index)."""
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == "agent"]

    @property
    def customer_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == "customer"]

    @property
    def timed(self) -> bool:
        """True when every turn has start and end times (audio or timed chat logs)."""
        return bool(self.turns) and all(t.timed for t in self.turns)

    @property
    def duration(self) -> float | None:
        ends = [t.end for t in self.turns if t.end is not None]
        starts = [t.start for t in self.turns if t.start is not None]
        if not ends or not starts:
            return None
        return max(ends) - min(starts)

    def word_count(self, speaker: Speaker | None = None) -> int:
        return sum(len(t.text.split()) for t in self.turns if speaker is None or t.speaker == speaker)
