"""Customer distress words: what a reviewer would point at when VADER reads an upset line as neutral.

The agent-side empathy cues (apology, acknowledgement, blame, sarcasm...) live in the one shared
judgement, ``language/empathy.py``; only the customer-side word list is the scorer's own.
"""

from __future__ import annotations

import re


def _rx(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


_CUSTOMER_DISTRESS = _rx(
    r"(?:frustrat|annoy|angry|furious|upset|ridiculous|unacceptable|disgust|sick of|fed up|worried|scared|stress|"
    r"unbelievable|terrible|awful|horrible|useless|joke|not happy|third time|again|still|never|passed away|died|"
    r"hospital|lost|stolen|fraud|panic)\w*",
)


def customer_distress(text: str) -> str | None:
    """A word that shows the customer is upset, even when VADER reads the sentence as neutral."""
    m = _CUSTOMER_DISTRESS.search(text)
    return m.group(0) if m else None
