"""Scoring: the rubric engine that turns a Transcript into a ScoreCard, for practice and real calls alike.

``score_transcript`` is pure and stateless; the learned empathy model and compiled policy rules are
built on first use and cached per process. Heavy libraries load lazily, so importing this package
is cheap.
"""

from __future__ import annotations

from scoring.engine import score_transcript, score_with_library

__all__ = ["score_transcript", "score_with_library"]
