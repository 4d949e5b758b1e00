"""How the customer hears an apology or acknowledgement: sincere, sarcastic, blaming, or none.

One function, :func:`judge_empathy`, so the lead can later point it at the scorer's shared
``language.empathy`` judgement without touching the engine. Until then this is a small local
judgement: an empathy cue followed or preceded by sarcasm markers ("SO sorry", "oh I'm sorry
you can't read"), blame after an apology ("sorry, but you should have"), or an insult.
"""

from __future__ import annotations

import re
from typing import Literal

EmpathyKind = Literal["sincere", "sarcastic", "blaming", "none"]

_CUE = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|i (?:completely |totally |really )?understand|that must be|i can imagine|"
    r"frustrating|i hear you)\b",
    re.I,
)
_SARCASM = re.compile(
    r"(?:\boh,? (?:i'?m|i am|well|sorry)|\b(?:SO|SOOO+|REALLY|TERRIBLY) sorry\b|sorry (?:that )?you can'?t|"
    r"sorry you (?:feel|think|don'?t|didn'?t|are unable)|poor you|boo ?hoo|cry me|my heart bleeds|"
    r"sorry (?:if|that) you (?:feel|were offended)|\bwow\b|\bobviously\b|clearly you)",
)
_BLAME = re.compile(
    r"\b(?:your (?:own )?fault|you should have|you shouldn'?t have|if you had|you didn'?t (?:read|check|pay)|"
    r"can'?t read|not my (?:problem|fault)|you need to (?:learn|read)|that'?s on you)\b",
    re.I,
)
_INSULT = re.compile(r"\b(?:stupid|idiot|dumb|moron|ridiculous|pathetic|clueless)\b", re.I)


def judge_empathy(text: str) -> EmpathyKind:
    """The customer's reading of the turn's empathy (case matters: shouted "SO sorry" is sarcasm)."""
    head = text[:1000]
    if not _CUE.search(head):
        return "none"
    if _SARCASM.search(head) or re.search(r"(?i)\boh,? (?:i'?m|i am) (?:so |very )?sorry", head):
        return "sarcastic"
    if _BLAME.search(head) or _INSULT.search(head):
        return "blaming"
    return "sincere"
