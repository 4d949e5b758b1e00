"""Languages by code: one table, so a scorecard, a transcript note and a scenario name a language alike.

Codes are ISO 639-1 (``en``, ``es``), optionally with a region (``es-MX``); ``und`` is ISO 639's
"undetermined", what a transcript carries when speech could not be placed in any language.
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "und": "an undetermined language",
}
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"
"""A language tag as scenarios and transcripts write it: ``en``, ``es``, ``es-MX``."""


def base_language(code: str | None) -> str:
    """The primary subtag, lower-cased: ``es-MX`` → ``es``; empty or missing → ``und``."""
    if code is None or not code.strip():
        return "und"
    return code.strip().split("-")[0].split("_")[0].lower()


def language_name(code: str | None) -> str:
    """``es`` → ``Spanish``; a code without a name is shown as the code itself."""
    base = base_language(code)
    return LANGUAGE_NAMES.get(base, f"'{code}'")
