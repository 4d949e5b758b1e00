"""Hand-written contacts where the right judgement is obvious, shared by the scoring tests."""

from __future__ import annotations

import re
from typing import Any

from domain.transcript import Transcript

MODEL_CALL: list[tuple[str, str]] = [
    ("agent", "Thank you for calling Acme, my name is Sam, this call may be recorded. How can I help you today?"),
    ("customer", "Hi. I've been charged twice this month and I'm not happy about it."),
    (
        "agent",
        "I'm so sorry about that, that's really frustrating. "
        "Can I have your account number and postcode to verify your identity?",
    ),
    ("customer", "The account number is ACC-482177, postcode 90210."),
    ("agent", "Thank you. When did you see the charges and how much were they?"),
    ("customer", "I see $59.99 on March 1st and another $59.99 on March 3rd."),
    (
        "agent",
        "You're right, I can see the duplicate $59.99 charge on March 3. "
        "I'll reverse it now; the refund takes 3 to 5 business days.",
    ),
    ("customer", "Okay. Thanks, I appreciate that."),
    (
        "agent",
        "So to confirm, I've reversed the duplicate charge and you'll see the refund within 3 to 5 business days. "
        "Is there anything else I can help with?",
    ),
    ("customer", "No, that's it. Thanks."),
    ("agent", "Thank you for calling, have a great day."),
]

# The same call, but the agent reads the charges out before asking who is calling.
DISCLOSE_FIRST: list[tuple[str, str]] = [
    MODEL_CALL[0],
    MODEL_CALL[1],
    (
        "agent",
        "I'm so sorry about that. I can see your Home Fibre 300 plan was charged $59.99 "
        "on March 1 and again on March 3.",
    ),
    ("customer", "Yes, that's it."),
    ("agent", "Can I have your account number and postcode to verify your identity?"),
    ("customer", "The account number is ACC-482177, postcode 90210."),
    *MODEL_CALL[6:],
]

# The same call with the refund amount and timeframe stated wrongly.
WRONG_REFUND: list[tuple[str, str]] = [
    *MODEL_CALL[:6],
    (
        "agent",
        "You're right, I can see the duplicate charge. I'll refund $49.99 now; it takes 7 to 10 business days.",
    ),
    *MODEL_CALL[7:],
]

RUDE_CALL: list[tuple[str, str]] = [
    ("agent", "Yeah, what do you want?"),
    ("customer", "I've been charged twice and I'm really upset about it."),
    ("agent", "Calm down. That's not my problem, you should have checked your statement."),
    ("customer", "Excuse me? This is your company's mistake."),
    ("agent", "Whatever. I already told you, there's nothing I can do."),
    ("customer", "Unbelievable. I want a manager."),
    ("agent", "Stop wasting my time."),
]


def make(turns: list[tuple[str, str]], *, ident: str = "call", channel: str = "phone", **extra: Any) -> Transcript:
    return Transcript.model_validate(
        {"id": ident, "channel": channel, "turns": [{"speaker": s, "text": t} for s, t in turns], **extra}
    )


def timed(turns: list[tuple[str, str]], *, gaps: dict[int, float] | None = None, ident: str = "timed") -> Transcript:
    """Timestamps at a natural pace (150 words per minute, 0.8 s between turns); ``gaps`` adds silence before a turn."""
    gaps = gaps or {}
    clock = 0.0
    out = []
    for i, (speaker, text) in enumerate(turns):
        clock += gaps.get(i, 0.8 if i else 0.0)
        length = max(0.6, len(text.split()) / 2.5)
        out.append({"speaker": speaker, "text": text, "start": round(clock, 2), "end": round(clock + length, 2)})
        clock += length
    return Transcript.model_validate({"id": ident, "channel": "phone", "turns": out})


_SPOKEN = {
    "$59.99": "fifty nine dollars and ninety nine cents",
    "$49.99": "forty nine dollars ninety nine",
    "3 to 5": "three to five",
    "7 to 10": "seven to ten",
    "March 3rd": "march third",
    "March 1st": "march first",
    "March 3": "march third",
    "March 1": "march first",
}


def asr_style(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same call as speech recognition writes it: numbers in words, lowercase, no punctuation."""
    out = []
    for speaker, text in turns:
        for written, spoken in _SPOKEN.items():
            text = text.replace(written, spoken)
        out.append((speaker, re.sub(r"[^\w\s'-]", "", text.lower())))
    return out
