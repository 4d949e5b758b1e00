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


VERIFY_QUESTION = any_of(
    (
        r"(?:can|could|may) i (?:have|get|confirm|take|grab|start with) (?:your|the) "
        r"(?:account|full name|name|date of birth|dob|postcode|post code|zip|last (?:four|4)|security|"
        r"phone number|email)",
        r"(?:verify|confirm) (?:your|the|some) (?:identity|account|details|security)",
        r"(?:confirm|verify|what(?:'s| is)) (?:your|the) (?:postcode|post code|zip(?: code)?|date of birth|address on|"
        r"last (?:four|4)|security answer|passcode|pin)",
        r"for security|security (?:questions?|check|purposes)|(?:pass|security) ?(?:code|word)",
    )
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
