"""Clarity: plain words, short sentences, no internal jargon, no monologues.

textstat keeps a module-level language setting that any caller may change; each scorer uses its
own ``textstatistics`` instance (cached per process, never reconfigured) instead of the global.
ASR text has no punctuation, so sentence length is only judged when the agent's text has sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp

JARGON = re.compile(
    r"\b(?:provision(?:ing|ed)?|backend|back-end|escalation matrix|sla|ticket id|work ?order|dispatch code|"
    r"node|ont|olt|dslam|crm|ivr|tier ?[123] queue|pro-?rat(?:a|ed|ion)|amorti[sz]\w*|remittance|"
    r"chargeback|adjudicat\w*|per the (?:policy|terms)|as per|aforementioned|heretofore|pursuant|"
    r"kindly revert|do the needful|bandwidth allocation|dhcp|dns|latency|packet loss|firmware)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
LONG_TURN_WORDS = 80
HARD_TURN_SYLLABLES = 1.8  # syllables per word in one turn that a listener struggles to follow


@lru_cache(maxsize=1)
def _textstat() -> Any:
    from textstat.textstat import textstatistics

    return textstatistics()


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    ts = _textstat()
    text = contact.agent_text()[:200_000]
    words = ts.lexicon_count(text)
    if words == 0:
        return Outcome.not_applicable("agent turns have no words")
    out = Outcome(score=None)
    syllables_per_word = ts.syllable_count(text) / words
    punctuated = len(_SENTENCE_END.findall(text))
    words_per_sentence = words / punctuated if punctuated >= max(1, len(contact.agent) // 2) else None
    penalty = 0.0
    if syllables_per_word > 1.45:
        penalty += min(25.0, (syllables_per_word - 1.45) * 100)
        out.reasons.append(f"long words: {syllables_per_word:.2f} syllables per word (plain speech is under 1.45)")
    if words_per_sentence is not None and words_per_sentence > 20:
        penalty += min(20.0, (words_per_sentence - 20) * 2)
        out.reasons.append(f"long sentences: {words_per_sentence:.0f} words per sentence on average")
    jargon_turns: list[int] = []
    long_turns: list[int] = []
    hard_turns: list[dict[str, float | int]] = []
    jargon_terms: list[str] = []
    for i in contact.agent:
        t = contact.texts[i]
        n_words = len(t.split())
        if n_words >= 8:
            spw = ts.syllable_count(t) / max(1, ts.lexicon_count(t))
            if spw > HARD_TURN_SYLLABLES:
                hard_turns.append({"turn": i, "syllables_per_word": round(spw, 2)})
        found = JARGON.findall(t)
        if found:
            jargon_turns.append(i)
            jargon_terms.extend(f.lower() for f in found)
            out.cite(i, t)
        if n_words > LONG_TURN_WORDS:
            long_turns.append(i)
    if jargon_terms:
        penalty += min(30.0, 6.0 * len(jargon_terms))
        shown = ", ".join(sorted(set(jargon_terms))[:5])
        out.reasons.append(f"jargon a customer may not know: {shown}")
        out.tips.append(
            Tip(4.0 * len(jargon_terms), f"Say it in plain words instead of '{jargon_terms[0]}'.", jargon_turns[0])
        )
    if long_turns:
        penalty += min(20.0, 5.0 * len(long_turns))
        out.reasons.append(f"{len(long_turns)} agent turn(s) over {LONG_TURN_WORDS} words: break them up and check in")
        for i in long_turns[:2]:
            out.cite(i, contact.texts[i])
    if hard_turns:
        penalty += min(15.0, 5.0 * len(hard_turns))
        worst = max(hard_turns, key=lambda h: h["syllables_per_word"])
        out.reasons.append(f"{len(hard_turns)} agent turn(s) full of long words (worst: turn {worst['turn']})")
        out.cite(int(worst["turn"]), contact.texts[int(worst["turn"])])
    if not out.reasons:
        out.reasons.append("plain words and short sentences")
    if words_per_sentence is None:
        out.reasons.append("sentence length not judged (unpunctuated, speech-recognised text)")
    ease = ts.flesch_reading_ease(text) if words_per_sentence is not None else None
    out.score = round(clamp(100.0 - penalty), 1)
    out.metrics = {
        "syllables_per_word": round(syllables_per_word, 3),
        "words_per_sentence": None if words_per_sentence is None else round(words_per_sentence, 1),
        "flesch_reading_ease": None if ease is None else round(float(ease), 1),
        "jargon": sorted(set(jargon_terms)),
        "long_turns": long_turns,
        "hard_turns": hard_turns[:50],
    }
    return out
