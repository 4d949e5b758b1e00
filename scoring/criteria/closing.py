"""Closing: a summary of what was done, the next steps, 'anything else?', and thanks, in the last agent turns."""

from __future__ import annotations

import re

from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip

WINDOW = 3
# "Anything else?" is often asked earlier, then the customer raises one more thing: it counts in
# any agent turn after the first (the greeting), not only in the last three.

ELEMENTS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "summary",
        re.compile(
            r"\b(?:to (?:summari[sz]e|recap|confirm)|so (?:just )?to (?:confirm|recap)|just to confirm|"
            r"(?:i'?ve|i have|we'?ve|we have|i|we) (?:now |just |also |already )?(?:\w+ed|sent|set up|put through|"
            r"made|taken|got|given|done|written|sorted)|"
            r"(?:that'?s|that is|it'?s|everything(?:'s| is)) (?:all )?"
            r"(?:done|sorted|set|been (?:processed|done|sorted)))\b",
            re.IGNORECASE,
        ),
        "Summarise what you did before closing ('So, to recap, I've … and you'll …').",
    ),
    (
        "next_steps",
        re.compile(
            r"\b(?:you(?:'ll| will) (?:see|receive|get|hear)|(?:within|in) (?:the next )?\w+ (?:to \w+ )?"
            r"(?:business |working )?(?:days?|hours?|weeks?)|next step|(?:will|should) (?:arrive|show|appear|"
            r"reach|be (?:back|there|on))|(?:call|email|text) you (?:back|when|once|tomorrow)|reference (?:number|is)|"
            r"confirmation (?:email|number|text))\b",
            re.IGNORECASE,
        ),
        "Tell the customer what happens next and when.",
    ),
    (
        "anything_else",
        re.compile(
            r"\b(?:anything else|(?:is there|can i help with) (?:anything|something) (?:else|more)|"
            r"any other (?:questions|way|thing)|help (?:you )?with anything)\b",
            re.IGNORECASE,
        ),
        "Ask whether there is anything else you can help with.",
    ),
    (
        "thanks",
        # a farewell ("have a good day", "take care") is not thanks
        re.compile(r"\b(?:thank(?:s| you)|(?:i |we )?appreciate (?:your|you)|cheers)\b", re.IGNORECASE),
        "Thank the customer before ending.",
    ),
)


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    agent = list(contact.agent)
    window = agent[-WINDOW:] if len(agent) > 1 else agent
    out = Outcome(score=None)
    found: list[str] = []
    missing: list[str] = []
    late = agent[1:] or window
    for name, rx, tip in ELEMENTS:
        pool = late if name == "anything_else" and len(late) > len(window) else window
        hit = next(((i, m) for i in reversed(pool) if (m := rx.search(contact.texts[i]))), None)
        if hit is None:
            missing.append(name)
            out.tips.append(Tip(25.0 * 0.5, tip, window[-1]))
        else:
            found.append(name)
            out.cite(hit[0], contact.texts[hit[0]])
    out.score = round(100.0 * len(found) / len(ELEMENTS), 1)
    if found:
        out.reasons.append("closing had: " + ", ".join(n.replace("_", " ") for n in found))
    if missing:
        out.reasons.append("closing lacked: " + ", ".join(n.replace("_", " ") for n in missing))
        if not found:
            out.cite(window[-1], contact.texts[window[-1]])
    out.metrics["elements"] = {n: n in found for n, _, _ in ELEMENTS}
    return out
