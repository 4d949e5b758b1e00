"""Customer sentiment with VADER: did the customer's mood get better over the contact?"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

MAX_CHARS = 1000


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def compound(text: str) -> float:
    """VADER compound score in [-1, 1] of a (length-capped) text."""
    return float(_analyzer().polarity_scores(text[:MAX_CHARS])["compound"])


def trajectory(scores: Sequence[float]) -> float | None:
    """Mean of the last third minus mean of the first third; None with fewer than two customer turns."""
    if len(scores) < 2:
        return None
    third = max(1, len(scores) // 3)
    first = sum(scores[:third]) / third
    last = sum(scores[-third:]) / third
    return last - first
