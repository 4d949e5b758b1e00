"""Policy rules compiled once: each rule's phrases and triggers become one case-insensitive regex.

Keyed by the pattern strings themselves, so the cache is shared by every transcript and every
policy pack that uses the same phrases, and a shared Policy object is never touched.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1024)
def any_of(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of ``patterns``; None when empty.

    A bad pattern raises (the policy model rejects them at load time, so this only fires for a pack
    built around validation): the criterion fails closed and the card says which, instead of a rule
    skipped and reported as kept.
    """
    good: list[str] = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"invalid policy pattern {p!r}: {exc}") from exc
        good.append(f"(?:{p})")
    if not good:
        return None
    return re.compile("|".join(good), re.IGNORECASE)


# Identifiers that verify a customer, whatever the pack calls them (documented in docs/scoring.md).
IDENTIFIERS = (
    r"user ?(?:id|name)|username|login|account (?:number|no\.?|id|name)|customer (?:number|id|reference)|"
    r"date of birth|dob|birth ?date|post ?code|zip(?: code)?|e-?mail(?: address)?|"
    r"booking (?:reference|ref|number|code)|"
    r"reference (?:number|code)|confirmation (?:number|code)|pnr|order (?:number|id)|member(?:ship)? (?:number|id)|"
    r"loyalty number|frequent flyer number|policy number|card number|last (?:four|4)(?: digits)?|phone number|"
    r"mobile number|full name|name on the account|address on (?:the|your) account|billing address|"
    r"security (?:answer|question|word|code)|passcode|pin|one[- ]time code|verification code"
)
VERIFY_QUESTION = any_of(
    (
        rf"(?:confirm|verify|provide|share|give me|send me|tell me|have|get|need|what(?:'s| is| are)) "
        rf"(?:me |us )?(?:with )?(?:your|the) (?:\w+ ){{0,3}}(?:{IDENTIFIERS})",
        r"(?:verify|authenticate|confirm) (?:you|who you are|it'?s you|your identity)",
        r"(?:can|could|may) i (?:have|get|confirm|take|grab|start with) (?:your|the) "
        r"(?:account|full name|name|date of birth|dob|postcode|post code|zip|last (?:four|4)|security|"
        r"phone number|email)",
        r"(?:verify|confirm) (?:your|the|some) (?:identity|account|details|security)",
        r"(?:confirm|verify|what(?:'s| is)) (?:your|the) (?:postcode|post code|zip(?: code)?|date of birth|address on|"
        r"last (?:four|4)|security answer|passcode|pin)",
        r"for security|security (?:questions?|check|purposes)|(?:pass|security) ?(?:code|word)",
    )
)
# A customer turn that itself gives an identifier (an email, "my user id is …", an id-like token)
# verifies as well as an answer to the agent's question does.
VOLUNTEERED_ID = re.compile(
    rf"[\w.+-]+@[\w-]+\.\w+|\b(?:my|the|our) (?:{IDENTIFIERS})(?:'s| is| are|:)|"
    r"(?<![$\d.,])\b(?=[A-Za-z0-9-]*\d)[A-Za-z]{0,5}-?\d{4,}\b(?![.,]\d)",
    re.IGNORECASE,
)
APPROVAL = re.compile(
    r"\b(?:supervisor|manager|team lead(?:er)?|approv\w*|authori[sz]\w*|escalat\w*|sign[- ]off)\b", re.IGNORECASE
)
CORRECTION = re.compile(
    r"\b(?:duplicate|double|twice|charged (?:you )?two times|billing (?:error|mistake)|in error|by mistake)\b",
    re.IGNORECASE,
)
END_CALL = re.compile(
    r"\b(?:(?:i'?m|i am|going to|gonna|will|i'?ll|have to) (?:end|disconnect|terminate) (?:this|the) (?:call|chat)|"
    r"(?:ending|disconnecting|terminating) (?:this|the) (?:call|chat)|hang(?:ing)? up (?:now|on you))\b",
    re.IGNORECASE,
)
ABOUT_ACCOUNT = re.compile(
    r"\b(?:your|you were|you(?:'ve| have) been|charged|balance|bill(?:ed)?|owe|due|overdue|payment|paid|"
    r"account|statement|order|invoice|last)\b",
    re.IGNORECASE,
)
DISCLOSURE_HINT = re.compile(
    r"\byour (?:current |monthly |last |outstanding |account )?(?:balance|plan|bill|payment|address|order|"
    r"package|contract|statement|charges?|subscription)\b[^.?!]{0,40}?\b(?:is|was|shows|were|comes to|are)\b",
    re.IGNORECASE,
)
