"""Dialogue acts of the agent (trainee) that the simulator reacts to and scenarios branch on."""

from __future__ import annotations

from enum import StrEnum


class Act(StrEnum):
    """What an agent utterance does in the conversation.

    One utterance may carry several acts ("I'm sorry — can I have your account
    number?" is empathy + identity_check); classifiers return a set.
    """

    GREETING = "greeting"
    IDENTITY_CHECK = "identity_check"
    EMPATHY = "empathy"
    QUESTION = "question"
    EXPLANATION = "explanation"
    OFFER = "offer"
    UPSELL_PITCH = "upsell_pitch"
    DISCLOSURE = "disclosure"
    ESCALATION = "escalation"
    HOLD = "hold"
    CLOSING = "closing"
    RUDE = "rude"
    OFF_POLICY_PROMISE = "off_policy_promise"
    WARNING = "warning"
    OTHER = "other"
