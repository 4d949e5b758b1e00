"""Transparent empathy and blame cues: what a reviewer would point at, next to the learned model.

Each cue family is one precompiled case-insensitive regex, so scoring a turn is a handful of
``search`` calls. Phrases cover written, chat and spoken (ASR, no apostrophes) forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _rx(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


APOLOGY = _rx(
    r"(?:i'?m|i am|we'?re|we are|im) (?:so |really |very |truly |terribly |deeply )?sorry",
    r"(?:my|our|please accept (?:my|our)) (?:sincere |sincerest )?apolog(?:y|ies)",
    r"i (?:do |sincerely |really )?apologi[sz]e",
    r"we apologi[sz]e",
    r"so sorry",
    r"sorry (?:about|for|to hear|that)",
)
ACKNOWLEDGE = _rx(
    r"i (?:completely |totally |really |fully |can )?"
    r"(?:understand|hear you|get it|get that|see why|appreciate)",
    r"(?:that|this|it) (?:must|would|sounds?|is|'s) (?:be |have been |feel )?"
    r"(?:so |really |very |incredibly |such a |a )?"
    r"(?:frustrating|annoying|stressful|upsetting|worrying|scary|difficult|hard|awful|disappointing|inconvenient|"
    r"a pain|"
    r"a hassle|rough|confusing|a shock|the worst)",
    r"i can (?:only )?imagine",
    r"(?:makes|make) (?:total |complete |perfect )?sense",
    r"you(?:'re| are) (?:absolutely |completely |totally )?right",
    r"(?:completely|totally|perfectly) (?:fair|understandable|reasonable)",
    r"(?:i'?d|i would) (?:feel|be) (?:the same|frustrated|upset|annoyed) too",
    r"i can (?:hear|tell|see) (?:how|that|you)",
    r"(?:understandably|of course you(?:'re| are))",
)
REASSURANCE = _rx(
    r"(?:don'?t|do not|dont) worry",
    r"(?:we'?ll|we will|i'?ll|i will) "
    r"(?:get (?:this|it|that|you) (?:sorted|fixed|resolved|back)|sort (?:this|it|that) out|"
    r"figure (?:this|it) out|make (?:this|it) right|put (?:this|it) right|take care of (?:it|this|that|you))",
    r"you(?:'re| are) in (?:the right place|good hands)",
    r"together",
    r"not going anywhere",
    r"(?:no|not a) (?:rush|problem at all|worries)",
    r"happy to help",
)
OWNERSHIP = _rx(
    r"(?:that'?s|that is|it'?s|it is|this is) (?:on us|our (?:fault|mistake|error))",
    r"(?:we|i) (?:made|messed up|got (?:it|that) wrong|should have)",
    r"let me (?:fix|sort|take care of|get|make|look into|check|see what i can do)",
    r"i'?(?:ll| will) (?:personally|make sure|own|follow up|take care|sort|fix|get (?:that|this|it))",
    r"i'?m (?:going to|gonna) (?:fix|sort|make sure|take care|get)",
)
POLITENESS = _rx(
    r"please",
    r"thank(?:s| you)",
    r"(?:i )?appreciate",
    r"(?:you'?re|you are) welcome",
    r"my pleasure",
    r"of course",
    r"certainly",
    r"absolutely",
)
BLAME = _rx(
    r"(?:that'?s|that is|it'?s|it is) (?:not my|your own|your) (?:problem|fault|responsibility|issue)",
    r"you should(?:'?ve| have)",
    r"calm down",
    r"nothing (?:i|we) can do",
    r"not my (?:problem|department|job|issue)",
    r"(?:your|ur) fault",
    r"you(?:'re| are) (?:wrong|overreacting|not listening|not making sense|not special)",
    r"(?:are you|you'?re not) (?:even )?listening",
    r"i (?:already|just) told you",
    r"(?:stop|quit) (?:yelling|shouting|interrupting|wasting|talking|crying|spamming)",
    r"(?:don'?t|do not) take that tone",
    r"(?:i )?(?:don'?t|do not) (?:care|have time)",
    r"take it or leave it",
    r"whatever(?=\s*[.!,?]|\s*$|\s+do you|\s+then)",
    r"obviously",
    r"(?:tough|hard) luck",
    r"it is what it is",
    r"policy is (?:the )?policy",
    r"(?:what|why) do you (?:want|expect) me to do",
    r"(?:stupid|dumb|ridiculous) (?:question|request)",
    r"you people",
    r"see if i care",
    r"a you problem",
    r"(?:figure|work) (?:it|that) out yourself",
    r"(?:must|should) have (?:deleted|entered|done) it yourself",
)
_CUSTOMER_DISTRESS = _rx(
    r"(?:frustrat|annoy|angry|furious|upset|ridiculous|unacceptable|disgust|sick of|fed up|worried|scared|stress|"
    r"unbelievable|terrible|awful|horrible|useless|joke|not happy|third time|again|still|never|passed away|died|"
    r"hospital|lost|stolen|fraud|panic)\w*",
)


@dataclass(frozen=True)
class Cues:
    apology: str | None
    acknowledge: str | None
    reassurance: str | None
    ownership: str | None
    politeness: str | None
    blame: str | None

    @property
    def warm(self) -> list[str]:
        return [q for q in (self.apology, self.acknowledge, self.reassurance, self.ownership) if q]


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


def cues(text: str) -> Cues:
    return Cues(
        _first(APOLOGY, text),
        _first(ACKNOWLEDGE, text),
        _first(REASSURANCE, text),
        _first(OWNERSHIP, text),
        _first(POLITENESS, text),
        _first(BLAME, text),
    )


def customer_distress(text: str) -> str | None:
    """A word that shows the customer is upset, even when VADER reads the sentence as neutral."""
    return _first(_CUSTOMER_DISTRESS, text)


def lexicon_vector(text: str) -> list[float]:
    """Cue counts as model features: the learned model sees the same evidence a reviewer would."""
    return [
        float(len(APOLOGY.findall(text))),
        float(len(ACKNOWLEDGE.findall(text))),
        float(len(REASSURANCE.findall(text))),
        float(len(OWNERSHIP.findall(text))),
        float(len(POLITENESS.findall(text))),
        float(len(BLAME.findall(text))),
    ]
