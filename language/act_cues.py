"""Hand-written cue phrases for each dialogue act: transparent features for ``language.acts``.

Each pattern is something a QA reviewer would point at ("she said *sorry*"). They
feed the model as binary features (so it learns how much to trust them) and a few
unambiguous ones (STRONG) also decide on their own, so a phrasing the corpus never
saw still counts when it carries an unmistakable cue.
"""

from __future__ import annotations

import re

from domain.acts import Act

_LEAD_IN = r"(?:(?:um+|uh+|er+|erm|so|and|okay|ok|right|well|oh|alright|sorry)[,.]?\s+)*"
SPOKEN_QUESTION_START = (
    r"^" + _LEAD_IN + r"(?:what|when|where|which|who|why|how|do you|did you|have you|has (?:it|anyone|the)|"
    r"are you|were you|is it|is there|was it|was there|could you (?:tell|let)|can you (?:tell|let)|"
    r"would you mind telling|may i ask|mind if i ask)\b"
)
"""A question as speech recognition writes it: no question mark, often after "um", "so" or "and"."""

_P = {
    Act.GREETING: (
        r"^(?:hi|hiya|hello|hey|good (?:morning|afternoon|evening)|morning|thank(?:s|"
        r" you) for (?:calling|contacting|reaching|getting in touch)|welcome to)\b|"
        r"\bmy name is\b|\byou'?re (?:through|speaking) to\b|\bthis is \w+ (?:from|at|"
        r"speaking)\b"
    ),
    Act.IDENTITY_CHECK: (
        r"\b(?:account (?:number|no)|post ?code|zip(?: code)?|date of birth|d\.?o\.?b|"
        r"security (?:question|check|details)|verify|verification|verif(?:y|ied) your|"
        r"confirm (?:your|the) (?:name|full name|address|identity|details|phone|mobile|number|"
        r"email|account)|last (?:four|4) (?:digits)?|\bpin\b|passcode|first line of (?:your|"
        r"the) address|who i'?m speaking (?:to|with)|mother'?s maiden)"
    ),
    Act.EMPATHY: (
        r"\b(?:sorry|apologi[sz]e|apologies|i (?:completely |totally |really |"
        r"fully )?understand|that must (?:be|have)|i can (?:hear|imagine|see (?:why|how))|"
        r"(?:that'?s|how) frustrating|must be frustrating|understandabl[ey]|you'?re right to|"
        r"i'?d be (?:upset|annoyed|frustrated) too|not (?:good|acceptable|on)|i hear you|"
        r"that'?s not okay|i appreciate your patience)"
    ),
    Act.QUESTION: (
        r"\?\s*$|" + SPOKEN_QUESTION_START + r"|\b(?:tell me (?:more )?about|walk me through|i was wondering)\b"
    ),
    Act.EXPLANATION: (
        r"\b(?:because|that'?s why|the reason|due to|what happened (?:is|was)|it looks like|"
        r"looks like|which means|let me explain|the way it works|is because|this happens when|"
        r"that (?:charge|fee|amount) (?:is|was)|basically|in general|generally|typically|"
        r"what that means)\b"
    ),
    Act.OFFER: (
        r"\b(?:i can (?:offer|give|refund|credit|waive|remove|arrange|book|set up|send|reverse|"
        r"apply|process|get)|i'?ll (?:refund|credit|waive|remove|arrange|book|send|reverse|"
        r"apply|process|cancel|get|put|issue)|i will (?:refund|credit|waive|remove|arrange|book|"
        r"send|reverse|apply|process|cancel|issue)|we can (?:offer|give|refund|credit|waive|"
        r"book|move)|how about|what i can do|i'?ve (?:applied|processed|refunded|credited|"
        r"waived|booked|arranged|reversed|issued)|i'?d like to offer|i'?m going to (?:refund|"
        r"credit|waive|reverse|book|process))\b"
    ),
    Act.UPSELL_PITCH: (
        r"\b(?:upgrade|unlimited|premium|add-?on|better (?:plan|deal|package|value)|"
        r"switch(?:ing)? (?:you )?to|would you be interested|might (?:interest|suit) you|"
        r"special offer|promotion|bigger plan|more data|save you money)\b"
    ),
    Act.DISCLOSURE: (
        r"(?:\bper month\b|\ba month\b|/mo\b|\bmonthly\b|\bcontract\b|"
        r"\bcancel (?:at )?any ?time\b|\bno (?:commitment|contract)\b|\bterms and conditions\b|"
        r"\bminimum term\b|\bearly termination\b|\brecorded\b|\bfor (?:quality|"
        r"training) (?:and \w+ )?purposes\b|\bplus tax\b)"
    ),
    Act.ESCALATION: (
        r"\b(?:supervisor|manager|team lead(?:er)?|escalat\w*|transfer (?:you|the call|this)|"
        r"put you through|specialist team|tier (?:2|two)|second line|senior (?:colleague|agent|"
        r"advisor|member))\b"
    ),
    Act.HOLD: (
        r"\b(?:(?:put|place|pop) you on (?:a )?(?:brief |quick |short )?hold|on hold|"
        r"hold the line|hold (?:on )?for (?:a|one|just a) (?:moment|minute|sec(?:ond)?)|"
        r"bear with me|one moment (?:please|while)|give me (?:a|one|just a) (?:moment|minute|"
        r"sec(?:ond)?))\b"
    ),
    Act.CLOSING: (
        r"\b(?:anything else|have a (?:great|good|nice|lovely|wonderful) (?:day|evening|night|"
        r"one|weekend|afternoon)|thanks? (?:you )?for (?:calling|contacting|your call|"
        r"your patience today)|goodbye|bye|take care)\b"
    ),
    Act.RUDE: (
        r"\b(?:calm down|not my (?:problem|fault|job)|whatever(?:[.,!]|$)|shut up|you people|stupid|idiot|"
        r"dumb|deal with it|i don'?t care(?! (?:which|what|how long|when))|do you not understand|not my department|"
        r"stop (?:whining|complaining|shouting)|that'?s your problem|read the (?:manual|"
        r"contract|terms)|how many times|i(?:'ve| have) (?:already )?told you|are you (?:deaf|"
        r"listening)|ridiculous|fuck\w*|shit|damn|hurry up|get over it|not rocket science|"
        r"your own fault)\b"
    ),
    Act.OFF_POLICY_PROMISE: (
        r"\b(?:i (?:can )?guarantee|guaranteed|i promise|never happen again|"
        r"won'?t ever happen again|100 ?(?:%|percent)|i'?ll make sure (?:it|this) never|"
        r"personally (?:ensure|make sure|guarantee)|i'?ll waive (?:everything|all of it)|"
        r"free for life|you have my word)\b"
    ),
    Act.WARNING: (
        r"\b(?:if you continue|(?:end|terminate|disconnect) (?:this|the) call|i (?:will|"
        r"'ll) have to (?:end|terminate|disconnect|hang up)|abusive|that language|inappropriate|"
        r"won'?t tolerate|not going to tolerate|final warning|please don'?t (?:swear|shout|use)|"
        r"i'?m not going to be spoken to)\b"
    ),
}

PATTERNS: dict[Act, re.Pattern[str]] = {act: re.compile(p, re.IGNORECASE) for act, p in _P.items()}
ORDER: tuple[Act, ...] = tuple(PATTERNS)

STRONG: frozenset[Act] = frozenset({Act.ESCALATION, Act.WARNING})
"""Cues precise enough to count even when the model disagrees."""

_STRONG_EXTRA = {
    Act.RUDE: re.compile(
        r"\b(?:calm down|shut up|stupid|idiot|deal with it|not my (?:problem|fault|job)|you people|are you deaf"
        r"|get over it|fuck\w*|shit|stop (?:whining|complaining))\b",
        re.I,
    ),
    Act.HOLD: re.compile(
        r"\b(?:(?:put|place|pop) you on (?:a )?(?:brief |quick |short )?hold"
        r"|bear with me|hold the line|can you hold)\b",
        re.I,
    ),
    Act.QUESTION: re.compile(r"\?\s*$|" + SPOKEN_QUESTION_START, re.I),
    Act.EMPATHY: re.compile(
        r"\b(?:i'?m (?:so |really |very |truly )?sorry|apologi[sz]e|my apologies)\b", re.IGNORECASE
    ),
    Act.CLOSING: re.compile(
        r"\b(?:anything else i can (?:help|do)|have a (?:great|good|nice|lovely) (?:day|evening))", re.I
    ),
}


def cue_hits(text: str) -> list[Act]:
    """Acts whose cue phrases occur in the text."""
    return [act for act in ORDER if PATTERNS[act].search(text)]


def strong_hits(text: str) -> set[Act]:
    hits = {act for act in STRONG if PATTERNS[act].search(text)}
    hits.update(act for act, pattern in _STRONG_EXTRA.items() if pattern.search(text))
    return hits
