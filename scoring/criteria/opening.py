"""Opening: greeting, the agent's name, the company, and an offer to help, in the first agent turns."""

from __future__ import annotations

import re

from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip

WINDOW = 2  # the opening is the first two agent turns

ELEMENTS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "greeting",
        re.compile(
            r"\b(?:hello|hi|hey|good (?:morning|afternoon|evening|day)|thank(?:s| you) for (?:calling|contacting|"
            r"reaching out|your patience|holding|choosing)|welcome)\b",
            re.IGNORECASE,
        ),
        "Open with a greeting ('Thank you for calling…').",
    ),
    (
        "name",
        re.compile(
            r"\b(?:my name(?:'s| is)|this is|you(?:'re| are) (?:speaking|talking|chatting) (?:with|to)|"
            r"(?:i'?m|i am) [a-z]+(?:,| and| from| with| at| here| speaking)|[a-z]+ speaking|"
            r"(?:through|connected|put through) to (?!the\b|our\b|your\b|a\b)[a-z]+ (?:at|from|with|in|on|here)\b)\b",
            re.IGNORECASE,
        ),
        "Give your name so the customer knows who is helping.",
    ),
    (
        "company",
        re.compile(
            r"\b(?:(?:calling|contacting|choosing|welcome to|through to|you(?:'ve| have) reached) (?!you\b|us\b)\w+|"
            r"(?:from|at|with) the \w+ team|(?:customer|technical|billing) (?:service|support|care|team)|"
            r"support team)",
            re.IGNORECASE,
        ),
        "Say the company (or team) name in the greeting.",
    ),
    (
        "offer_to_help",
        re.compile(
            r"\b(?:how (?:can|may|might) i (?:help|assist)|what can i (?:do|help)|how can we help|"
            r"how (?:may|can) i be of|help you (?:today|with)|assist you|what (?:brings|'s brought) you|"
            r"(?:calling|reaching out|ringing) (?:you )?"
            r"(?:about|regarding|to (?:follow up|let you know|confirm|update)))\b",
            re.IGNORECASE,
        ),
        "Offer to help ('How can I help you today?').",
    ),
)


# A capitalised word that is not a greeting or the agent's name is taken as the company
# ("Brightline, Priya speaking", "Acme.").
_CAPITALISED = re.compile(
    r"(?<![\w'])(?!(?:Hello|Hi|Hey|Good|Thanks|Thank|This|My|I|I'm|You|You're|How|What|Welcome|Yeah|"
    r"Yes|Okay|OK|Sure|Morning|Afternoon|Evening|Please|Can|May|Is|It|It's|We|Our|The|So|Oh|Well|"
    r"Sorry|Dear|Mr|Mrs|Ms|Sir|Madam|Ma'am|Ok|Okay|Id|ID|No|Hmm|Um|Uh|Right|Great|Sure|Alright|Just|Let|"
    r"Thanks|Cheers|Hiya|Hallo|Yep|Yup|Nope|Got|Any|Are|Do|Does|Did|Have|Has|Will|Would|Could|Should)\b)"
    r"[A-Z][a-zA-Z]{2,}(?:\s[A-Z][a-zA-Z]+)*"
)
_NAME_BEFORE = re.compile(r"(?:name(?:'s| is)|this is|i'?m|i am|with|to)\s*$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"^\s*(?:speaking|here)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")
_SET_OFF = re.compile(r"\s*(?:[,.!:;]|$)")


def _named_company(text: str) -> re.Match[str] | None:
    for m in _CAPITALISED.finditer(text):
        if _NAME_BEFORE.search(text[: m.start()]) or _NAME_AFTER.match(text[m.end() :]):
            continue
        # Every sentence starts with a capital ("Did you try..."): there it names a company only
        # when set off like a greeting ("Brightline, Priya speaking", "Acme.").
        if _SENTENCE_START.search(text[: m.start()]) and not _SET_OFF.match(text[m.end() :]):
            continue
        return m
    return None


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    window = list(contact.agent)[:WINDOW]
    out = Outcome(score=None)
    found: list[str] = []
    missing: list[str] = []
    for name, rx, tip in ELEMENTS:
        hit = next(((i, m) for i in window if (m := rx.search(contact.texts[i]))), None)
        if hit is None and name == "company":
            company = str(contact.transcript.metadata.get("company") or "")
            hit = next(
                (
                    (i, m)
                    for i in window
                    if (
                        m := (re.search(re.escape(company), contact.texts[i], re.IGNORECASE) if company else None)
                        or _named_company(contact.texts[i])
                    )
                ),
                None,
            )
        if hit is None:
            missing.append(name)
            out.tips.append(Tip(25.0 * 0.5, tip, window[0]))
        else:
            found.append(name)
            out.cite(hit[0], contact.texts[hit[0]])
    out.score = round(100.0 * len(found) / len(ELEMENTS), 1)
    if found:
        out.reasons.append("opening had: " + ", ".join(n.replace("_", " ") for n in found))
    if missing:
        out.reasons.append("opening lacked: " + ", ".join(n.replace("_", " ") for n in missing))
        if not found:
            out.cite(window[0], contact.texts[window[0]])
    if contact.transcript.turns and contact.speakers[0] == "customer" and contact.channel == "phone":
        out.metrics["customer_spoke_first"] = True
    out.metrics["elements"] = {n: n in found for n, _, _ in ELEMENTS}
    return out
