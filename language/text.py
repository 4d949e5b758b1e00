"""Text normalisation, keyword matching on word boundaries, sentence splitting, language guard.

The simulator, the scorer and the importers all see a sentence through these functions,
so "refund" means the same thing everywhere. Pure functions, no model, no state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_MATCH_CHARS = 5000
"""Longer pastes are cut before matching: nobody says 20,000 characters in one turn."""
MAX_CLASSIFY_CHARS = 1000

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])|\n+")


def normalise(text: str, *, limit: int = MAX_MATCH_CHARS) -> str:
    """Lowercased, NFKC, quote-normalised, single-spaced text, at most ``limit`` characters.

    Parameters
    ----------
    text : str
        Any user text (may be huge or empty).
    limit : int
        Characters kept; longer input is cut (matching a 20,000-character paste is pointless).
    """
    text = unicodedata.normalize("NFKC", text[: limit * 2]).translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()[:limit]


def clip(text: str, *, limit: int = MAX_CLASSIFY_CHARS) -> str:
    """The head and tail of a long paste: where greetings, questions and offers usually sit."""
    text = _WS.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} {text[-half:]}"


def sentences(text: str, *, limit: int = MAX_MATCH_CHARS) -> list[str]:
    """Sentences of ``text`` (split after ``.!?`` before a capital/digit, and at line breaks).

    Abbreviations like "Mr. Smith" split too; callers use sentences to find *where* an act
    or a question sits, so a rare extra split costs nothing.
    """
    text = unicodedata.normalize("NFKC", text[:limit]).translate(_QUOTES)
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [_WS.sub(" ", p) for p in parts if p and any(ch.isalnum() for ch in p)]


_STATEMENT_END = re.compile(r"(?<=[.;!?])\s+|\n+")


def statements(text: str, *, limit: int = MAX_MATCH_CHARS) -> list[str]:
    """Pieces of ``text`` split after ``.;!?`` and at line breaks, left as written.

    For pattern checks that must not reach from one statement into the next ("we'll text you; 480-555-0193 is
    the number they changed"): unlike :func:`sentences` no capital is needed after the stop and ``;`` splits too.
    """
    return [p for p in _STATEMENT_END.split(text[:limit]) if p.strip()]


_SHORTHAND = {
    "u": "you", "ya": "you", "ur": "your", "r": "are", "n": "and", "gotta": "have to", "gonna": "going to",
    "wanna": "want to", "pls": "please", "plz": "please", "thx": "thanks", "acct": "account", "b4": "before",
    "2day": "today", "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "cuz": "because", "coz": "because",
    "bc": "because", "w/": "with", "w/o": "without", "msg": "message", "ppl": "people", "asap": "as soon as possible",
}  # fmt: skip
_CAPITAL_NAMES = frozenset({"R", "N"})
_SHORTHAND_WORD = re.compile(
    r"(?<![\w.'/$&-])(" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True)) + r")(?![\w/&-]|\.\w)",
    re.I,
)


def spell_out_shorthand(text: str) -> str:
    """Chat shorthand written out ("u gotta bring it n the box" → "you have to bring it and the box").

    Rules that read what an agent commits to are written for whole words; a chat agent saying "u gotta
    take it to a store" imposes the same burden as "you have to". Only whole, lower-case-insensitive
    tokens change, so "U.S." or "R&D" stay as they are; everything else is left untouched.
    """
    return _SHORTHAND_WORD.sub(_spelled_out, text)


def _spelled_out(m: re.Match[str]) -> str:
    word = m.group(1)
    if word in _CAPITAL_NAMES:
        return word  # "Plan R", "Block N": a capital letter on its own is a name, not "are"
    return _SHORTHAND[word.lower()]


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    kw = normalise(keyword)
    body = r"\s+".join(re.escape(part) for part in kw.split(" "))
    return re.compile(rf"(?<!\w){body}(?!\w)")


_NEGATED_BEFORE = re.compile(
    r"\b(?:don't|do not|doesn't|does not|no need to|not|never|won't|will not|needn't|nothing to|"
    r"no tiene que|no hace falta|no necesita|sin)\b(?:\s+\w+){0,4}\s*$"
)


def contains_keyword(norm_text: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs in already-normalised text on word boundaries, and is not negated.

    "You don't need to call your bank" does not say "call your bank": a keyword under a negation a
    few words before it is not said.
    """
    if not keyword.strip():
        return False
    return any(
        not _NEGATED_BEFORE.search(norm_text[max(0, m.start() - 40) : m.start()])
        for m in _keyword_pattern(keyword).finditer(norm_text)
    )


def matched_keywords(norm_text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords (as written) that occur in already-normalised text."""
    return [kw for kw in keywords if contains_keyword(norm_text, kw)]


_LATIN_WORD = re.compile(r"[a-z]{2,}")
_COMMON_EN = frozenset(
    [
        "a",
        "i",
        "the",
        "you",
        "your",
        "to",
        "and",
        "of",
        "is",
        "it",
        "that",
        "for",
        "on",
        "in",
        "can",
        "we",
        "my",
        "me",
        "be",
        "have",
        "this",
        "what",
        "with",
        "do",
        "are",
        "not",
        "so",
        "was",
        "how",
        "will",
        "just",
        "let",
        "about",
        "please",
        "sorry",
        "thank",
        "thanks",
        "yes",
        "no",
        "ok",
        "okay",
        "hi",
        "hello",
        "help",
        "account",
        "number",
        "there",
        "they",
        "if",
        "at",
        "as",
        "or",
        "get",
        "see",
        "ll",
        "here",
        "all",
        "one",
        "now",
        "check",
        "charge",
        "bill",
        "call",
        "any",
        "would",
        "could",
        "sure",
    ]
)


def looks_like_english(text: str) -> bool:
    """A cheap guard: enough Latin letters and at least one very common English word."""
    norm = normalise(text, limit=500)
    words = _LATIN_WORD.findall(norm)
    letters = sum(ch.isalpha() for ch in norm)
    if not words or letters == 0:
        return False
    latin = sum(len(w) for w in words)
    if latin / letters < 0.6:
        return False
    return any(w in _COMMON_EN for w in words) or len(words) <= 2
