"""Moved to :mod:`language.act_cues` (shared with the scorer); kept so old imports keep working."""

from __future__ import annotations

from language.act_cues import ORDER, PATTERNS, SPOKEN_QUESTION_START, STRONG, cue_hits, strong_hits

__all__ = ["ORDER", "PATTERNS", "SPOKEN_QUESTION_START", "STRONG", "cue_hits", "strong_hits"]
