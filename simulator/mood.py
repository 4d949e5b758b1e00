"""The scripted customer's mood rules: every number that moves anger, trust and patience, in one place.

Kept as one frozen, documented dataclass (the way faster-whisper keeps ``TranscriptionOptions``)
so a trainer or a test can read the whole temperament model at a glance and a variant can be
made with ``dataclasses.replace(MOOD, ...)``. Anger and trust live in 0..1; patience counts
roughly "unhelpful agent turns tolerated". ``temper`` (drawn per session from the persona's
range) scales every anger change, so two seeds of the same persona can boil at different speeds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MoodRules:
    # -- rudeness and conduct
    rude_anger: float = 0.2
    """Anger added when the agent is rude or dismissive ..."""
    rude_anger_when_angry: float = 0.3
    """... or this much when the customer is already at ``angry_level`` or above."""
    angry_level: float = 0.6
    rude_trust: float = 0.1
    rude_patience: float = 1.5
    sarcasm_anger: float = 0.15
    """A sarcastic or blaming "apology" is worse than none."""
    sarcasm_trust: float = 0.1
    warning_anger: float = 0.1
    """A warning about abuse calms an abusive customer by this much and angers anyone else by it."""
    # -- empathy
    empathy_anger: float = 0.18
    """First sincere acknowledgement lowers anger this much; the n-th by ``empathy_anger / (1 + decay*(n-1))``."""
    empathy_decay: float = 0.5
    empathy_trust: float = 0.05
    empathy_progress_limit: int = 3
    """Beyond this many acknowledgements empathy alone no longer counts as progress."""
    # -- disclosure before verification
    disclosure_trust: float = 0.2
    disclosure_anger: float = 0.1
    # -- progress
    reveal_anger: float = 0.03
    accept_anger: float = 0.2
    accept_trust: float = 0.1
    answer_trust: float = 0.02
    """A question answered from the customer's own facts (being asked, not talked at) builds trust."""
    # -- offers
    bad_resolution_anger: float = 0.12
    bad_resolution_patience: float = 1.0
    offer_refused_anger: float = 0.08
    offer_refused_patience: float = 0.5
    offer_refused_trust: float = 0.05
    promise_trust: float = 0.05
    """An off-policy promise costs trust (it sounds like a script), it never calms."""
    upsell_early_anger: float = 0.15
    upsell_accept_anger: float = 0.05
    early_close_anger: float = 0.1
    early_close_patience: float = 1.0
    # -- not being helped
    empty_patience: float = 0.5
    not_understood_patience: float = 0.5
    ignored_patience: float = 0.5
    """Patience lost on an unhelpful but substantive turn ..."""
    ignored_patience_chatter: float = 1.0
    """... and on an unhelpful turn that was only chatter."""
    ignored_anger_step: float = 0.02
    """Anger added per consecutive unhelpful turn (times the streak)."""
    repeat_patience: float = 0.5
    # -- limits
    supervisor_anger: float = 0.9
    """At this anger the customer asks for a supervisor once."""
    supervisor_patience_bonus: float = 2.0
    supervisor_anger_cap: float = 0.95
    refuse_verification_anger: float = 0.8
    refuse_verification_trust: float = 0.2
    max_refusals: int = 2
    wrap_turns: int = 3
    """Turns the settled customer waits for a closing before saying goodbye themselves."""


MOOD = MoodRules()
"""The rules every scripted customer uses unless an engine is given others."""


def clamp(x: float) -> float:
    return min(1.0, max(0.0, x))
