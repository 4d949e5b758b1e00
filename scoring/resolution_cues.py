"""Signals of resolution: what the agent committed to, and how the customer reacted at the end.

Two kinds of evidence, both transparent:

- cue phrases (regexes below) for explicit commitments, refusals and final reactions;
- meaning, on the shared sentence encoder: each sentence of the customer's last turns is compared
  with authored example phrasings of *accepted*, *pushback* and *unresolved* (written for this
  project, CC0), so "right, that's me sorted" counts as accepted without being listed.

Only the customer's last two turns go through the encoder (a handful of sentences), which keeps
a 1,000-word call inside the scoring budget. Sentence splitting is private to this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from scoring.context import Contact

ReactionLabel = Literal["accepted", "neutral", "pushback", "unresolved"]

_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")
SIMILARITY_FLOOR = 0.55  # below this a sentence is like none of the examples: neutral
MARGIN = 0.03  # the best class must beat the runner-up by this much
MAX_REACTION_SENTENCES = 4  # the encoder costs ~4 ms a sentence; the last few carry the reaction

_VERBS_DONE = (
    r"processed|issued|reversed|refunded|sent|cancel+ed|updated|changed|booked|scheduled|arranged|credited|"
    r"applied|added|removed|reset|fixed|resolved|escalated|raised|submitted|placed|ordered|upgraded|downgraded|"
    r"waived|rebooked|extended|opened|logged|unlocked|reactivated|activated|corrected|adjusted|set up|put through|"
    r"sorted|refunded|replaced|dispatched|shipped|approved|removed|moved|transferred|reinstated|restored|paused"
)
_VERBS_WILL = (
    r"process|issue|reverse|refund|send|cancel|update|change|book|schedule|arrange|credit|apply|add|remove|reset|"
    r"fix|escalate|raise|submit|place|order|upgrade|downgrade|waive|rebook|extend|open|log|unlock|reactivate|"
    r"activate|correct|adjust|set up|put through|sort|transfer you|connect you|call you back|email you|ship|"
    r"replace|dispatch|approve|reinstate|restore|pause|get (?:that|this|it|a \w+) (?:sent|sorted|fixed|booked)"
)
_NOT_ACTIONS = r"(?!(?:checked|looked|noticed|tried|seen|heard|asked|explained|told|mentioned|been)\b)"
COMMITMENT = re.compile(
    rf"\b(?:(?:i'?ve|i have|we'?ve|we have|it'?s|it has|that'?s|that has|this has|your \w+ (?:has|have)) "
    rf"(?:just |now |already |also )?(?:been )?(?:{_VERBS_DONE})|"
    rf"(?:i'?ve|i have|we'?ve|we have) (?:(?:just|now|already|also|gone ahead and|went ahead and) )*{_NOT_ACTIONS}"
    r"\w+(?:ed|en|t)\b|"
    r"(?:i|we) (?:just |also )?(?:went ahead and|have gone ahead and) \w+|"
    r"(?:has|have) (?:now |just )?been (?:\w+ed|sent|put through|set up|taken off|written off|done)|"
    r"you(?:'re| are) all set|(?:all|that'?s|it'?s) (?:done|sorted)|on (?:its|the|their) way|"
    r"(?:i'?ll|i will|we'?ll|we will|i'?m going to|i am going to|i can|we can) (?:now |also |go ahead and )?"
    rf"(?:{_VERBS_WILL})\b|"
    r"(?:it|your \w+|the \w+|that|they|this) (?:will|should|'ll) (?:arrive|be delivered|be there|ship|show|appear|"
    r"be processed|be back|reach|be refunded|be credited|be fixed|be working|be active|go through)|"
    r"you(?:'ll| will) (?:receive|see|get|have)|you (?:can|could) (?:now |also )?\w+|"
    r"(?:the reason|this is because|that'?s because|it'?s because)|"
    r"(?:refund|replacement|credit|technician|engineer|voucher|confirmation) (?:is|has been|will be|was))",
    re.IGNORECASE,
)
REFUSAL = re.compile(
    r"\b(?:(?:i'?m afraid|unfortunately|sorry)\b[^.?!]{0,60}\b(?:can'?t|cannot|unable|not able|won'?t be able|no way)|"
    r"(?:there'?s|there is) nothing (?:more )?(?:i|we) can do|(?:can'?t|cannot|unable to|not able to) "
    r"(?:help|do anything|offer|refund|process|change|cancel)|not (?:something|anything) (?:i|we) can|"
    r"you(?:'ll| will) have to (?:contact|call|go|speak)|not (?:our|my) (?:problem|department|responsibility)|"
    r"nothing (?:i|we) can do)",
    re.IGNORECASE,
)
_UNRESOLVED = re.compile(
    r"\b(?:still (?:not|haven'?t|hasn'?t|doesn'?t|isn'?t|don'?t|no)|so you can'?t|you(?:'re| are) not (?:helping|"
    r"going to help|listening)|(?:waste|wasted|wasting) (?:of )?(?:my )?time|useless|(?:go|take my business) "
    r"elsewhere|cancel (?:my|the) (?:account|subscription|contract|membership)|not (?:been )?resolved|"
    r"(?:didn'?t|hasn'?t|haven'?t|did not|has not|have not) (?:help|helped|solve|solved|fix|fixed|resolve|resolved)|"
    r"forget it|never ?mind|unacceptable|thanks for nothing|no help at all|not helpful|i give up|"
    r"i want (?:a|to speak to a|your) (?:manager|supervisor)|file a complaint|make a complaint|"
    r"(?:report|reporting) (?:you|this)|chargeback|dispute (?:it|the charge) with my bank)\b",
    re.IGNORECASE,
)
_PUSHBACK = re.compile(
    r"\b(?:that'?s not (?:right|what i|good enough|acceptable|fair|correct)|but i (?:was|already|asked|need|want|"
    r"paid|did)|(?:no|nope),? (?:that|it)(?:'?s| is) (?:wrong|not)|i (?:don'?t|do not) (?:accept|agree|think so|"
    r"want that)|that doesn'?t (?:help|work|make sense|solve)|are you serious|you'?re kidding|seriously\?|"
    r"why (?:can'?t|won'?t|didn'?t) you|that'?s not what i asked)\b",
    re.IGNORECASE,
)
_ACCEPTED = re.compile(
    r"\b(?:thank(?:s| you)(?! for nothing)|perfect|great(?!, just great)|brilliant|that(?:'?s| is| works)"
    r"(?: great| perfect| fine| good| brilliant| helpful| wonderful| all)|sounds (?:good|great|fine)|appreciate|"
    r"awesome|excellent|lovely|cheers|sorted|that helps|helpful|much better|you'?ve been (?:great|helpful|"
    r"a star)|problem solved|all good|works now|that did it|it'?s working)\b",
    re.IGNORECASE,
)

# Authored example phrasings (CC0, written for CSR Coach): the encoder generalises from these.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "accepted": (
        "Thank you so much, that's sorted then.",
        "Perfect, that's exactly what I needed.",
        "Great, I really appreciate your help.",
        "Okay, that works for me.",
        "Brilliant, thanks for fixing that.",
        "Lovely, that's me sorted, cheers.",
        "That's fine, I'll keep an eye out for the email.",
        "No that's everything, thanks for your help.",
        "Awesome, it's working now.",
        "You've been really helpful today.",
    ),
    "pushback": (
        "That's not what I asked for.",
        "But I already paid for this.",
        "No, that amount is wrong.",
        "That doesn't really solve my problem.",
        "Why can't you just refund it?",
        "I don't think that's fair at all.",
        "Are you serious? That's not good enough.",
        "I was told something completely different last time.",
    ),
    "unresolved": (
        "So you can't actually do anything for me.",
        "This is a complete waste of my time.",
        "I'm going to cancel my account then.",
        "Forget it, I'll take my business elsewhere.",
        "My problem still isn't fixed.",
        "You haven't helped me at all.",
        "I'll just have to dispute it with my bank.",
        "Fine, whatever, I give up.",
        "I want to make a formal complaint.",
        "Nobody ever solves anything here.",
    ),
}


@dataclass(frozen=True)
class Reaction:
    label: ReactionLabel
    turn: int | None = None
    sentence: str = ""
    similarity: float = 0.0


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def agent_commitments(contact: Contact) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(turn, sentence) of every agent commitment/answer and every refusal, in order."""
    commits: list[tuple[int, str]] = []
    refusals: list[tuple[int, str]] = []
    for i in contact.agent:
        for s in sentences(contact.texts[i]):
            if REFUSAL.search(s):
                refusals.append((i, s))
            elif COMMITMENT.search(s) and not s.rstrip().endswith("?"):
                commits.append((i, s))
    return commits, refusals


@lru_cache(maxsize=1)
def _example_vectors() -> tuple[tuple[str, ...], np.ndarray]:
    from language.encoder import get_encoder

    labels: list[str] = []
    texts: list[str] = []
    for label, phrasings in EXAMPLES.items():
        labels.extend([label] * len(phrasings))
        texts.extend(phrasings)
    vectors = get_encoder().encode(texts)
    vectors.setflags(write=False)
    return tuple(labels), vectors


def _by_meaning(items: list[tuple[int, str]]) -> list[tuple[ReactionLabel, float]]:
    if not items:
        return []
    from language.encoder import get_encoder

    labels, examples = _example_vectors()
    sims = get_encoder().encode([s for _, s in items]) @ examples.T
    out: list[tuple[ReactionLabel, float]] = []
    for row in sims:
        best: dict[str, float] = {}
        for label, sim in zip(labels, row, strict=True):
            best[label] = max(best.get(label, -1.0), float(sim))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        top, top_sim = ranked[0]
        if top_sim >= SIMILARITY_FLOOR and top_sim - ranked[1][1] >= MARGIN:
            out.append((top, top_sim))  # type: ignore[arg-type]
        else:
            out.append(("neutral", top_sim))
    return out


def _by_cue(sentence: str) -> ReactionLabel | None:
    if _UNRESOLVED.search(sentence):
        return "unresolved"
    if _PUSHBACK.search(sentence):
        return "pushback"
    if _ACCEPTED.search(sentence):
        return "accepted"
    return None


def final_reaction(contact: Contact, *, last_turns: int = 2) -> Reaction:
    """The customer's reaction in their last turns; the latest non-neutral sentence decides."""
    turns = list(contact.customer)[-last_turns:]
    items = [(i, s) for i in turns for s in sentences(contact.texts[i])][-MAX_REACTION_SENTENCES:]
    if not items:
        return Reaction("neutral")
    meaning = _by_meaning(items)
    for (turn, sentence), (label, sim) in zip(reversed(items), reversed(meaning), strict=True):
        cue = _by_cue(sentence)
        decided: ReactionLabel = cue if cue is not None else label
        if decided != "neutral":
            return Reaction(decided, turn, sentence, sim)
    turn, sentence = items[-1]
    return Reaction("neutral", turn, sentence, meaning[-1][1])
