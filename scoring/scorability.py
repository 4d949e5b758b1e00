"""Can this contact be scored at all? Checked before any criterion runs.

A confident score for a contact the rubric cannot judge is worse than none: a Spanish chat told
it lacked an apology, a 9-hour "call", a transcript of ``###STOP###`` tokens. Such contacts get a
card that is *not scorable* with the reason, never PASS, and are left out of averages.

Language is detected offline and lightly, from stopword profiles (the commonest function words of
each language): cheap, dependency-free and reliable on the 20+ words a scorable contact has.

A contact in another language than English is still scorable here: each criterion declares the
languages it supports (``scoring.registry``) and is *not scorable* on the others, with the reason, so a
Spanish call gets its handle time judged and "empathy is scored in English only" for the rest. What is
not scorable at all is speech whose language could not be placed (``und``) or that a speech model for
another language transcribed (``metadata.language_check``): its words are not what was said.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from domain.languages import base_language, language_name
from domain.transcript import Transcript

CONTROL_TOKEN = re.compile(r"#{2,}\s*[A-Z_]+\s*#{2,}|<\|[^|>]{1,40}\|>|\[(?:STOP|END|TRANSFER|HANGUP|SILENCE)\]")
MIN_AGENT_WORDS = 8  # less than a greeting and one short answer is not a contact to judge
MAX_CONTROL_SHARE = 0.5  # more than half the agent's tokens being control tokens: not speech
MAX_DURATION_SECONDS = {"phone": 4 * 3600.0, "chat": 8 * 3600.0}  # email threads may span days
SUPPORTED_LANGUAGES = ("en",)
"""Languages every criterion supports; others are judged criterion by criterion (``scoring.registry``)."""
_WORD = re.compile(r"[a-záéíóúñüàâçèêëîïôûùœäöß']+", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and to of a i you is that it in for my on this be with have your can we are was not but "
        "what so me do please thank thanks just will there at about if how would all"
    ),
    "es": _words(
        "el la de que y en los se del las por un una para con no es su al lo como más pero sus le ya o "
        "este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos "
        "usted gracias hola estoy puedo tengo"
    ),
    "fr": _words(
        "le la les de des du et est un une pour dans que qui pas ne sur avec il elle vous nous je mon ma "
        "mes au aux ce cette bonjour merci votre suis"
    ),
    "de": _words(
        "der die das und ist nicht ich sie es ein eine zu mit auf für den dem des von wir ihr mein meine "
        "bitte danke haben habe sind kann"
    ),
    "pt": _words(
        "o a os as de do da dos das e em um uma para com não que é no na por se mais mas eu você "
        "obrigado obrigada olá meu minha está"
    ),
    "it": _words(
        "il lo la gli le di del della e è un una per con non che in sono mi ti ci grazie buongiorno mio "
        "mia questo questa sono"
    ),
}


@dataclass(frozen=True)
class Scorability:
    scorable: bool
    reason: str | None = None
    language: str | None = None


def strip_control(text: str) -> str:
    return " ".join(CONTROL_TOKEN.sub(" ", text).split())


def detect_language(text: str) -> tuple[str | None, float]:
    """The language whose stopwords cover most words, with that share; None for too little text."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 8:
        return None, 0.0
    counts = Counter(words)
    shares = {lang: sum(counts[w] for w in stops) / len(words) for lang, stops in STOPWORDS.items()}
    best = max(shares, key=lambda k: shares[k])
    return best, shares[best]


def check(transcript: Transcript) -> Scorability:
    """Scorable, or the first reason it is not."""
    agent = [t.text for t in transcript.turns if t.speaker == "agent" and t.text.strip()]
    if not agent:
        return Scorability(False, "no agent turns: nothing the agent said can be judged")
    raw_tokens = sum(len(t.split()) for t in agent)
    clean = [strip_control(t) for t in agent]
    clean_tokens = sum(len(t.split()) for t in clean)
    if raw_tokens and (raw_tokens - clean_tokens) / raw_tokens > MAX_CONTROL_SHARE:
        return Scorability(
            False, f"mostly control tokens (e.g. ###STOP###): {raw_tokens - clean_tokens} of {raw_tokens}"
        )
    if clean_tokens < MIN_AGENT_WORDS:
        return Scorability(False, f"too little agent speech to judge ({clean_tokens} words, need {MIN_AGENT_WORDS})")
    declared = base_language(transcript.language or "en")
    mismatch = transcript.metadata.get("language_check")
    if isinstance(mismatch, dict):
        heard = mismatch.get("detected") or "und"
        return Scorability(
            False,
            f"the speech does not sound like {language_name(mismatch.get('expected'))} "
            f"({'identified as ' + language_name(heard) if heard != 'und' else 'language not identified'}) and was "
            "transcribed by a model told to hear that language: the words are not reliable enough to judge; "
            "transcribe it with the multilingual model (CSR_WHISPER_MODEL=multilingual, language auto)",
            language=heard,
        )
    if declared == "und":
        return Scorability(False, "the contact's language could not be determined ('und'): nothing can be judged")
    lang = contact_language(transcript)
    limit = MAX_DURATION_SECONDS.get(transcript.channel)
    duration = transcript.duration
    if limit is not None and duration is not None and duration > limit:
        return Scorability(
            False,
            f"implausible duration for a {transcript.channel} contact: "
            f"{duration / 3600:.1f} h (max {limit / 3600:g} h)",
        )
    return Scorability(True, language=lang)


def contact_language(transcript: Transcript) -> str:
    """The contact's base language: detected from its words when they say clearly, else as declared.

    Detection wins over the declaration so that a Spanish call filed as ``en`` is never judged as English;
    too little text to tell (under 8 words) keeps the declared language.
    """
    declared = base_language(transcript.language or "en")
    everything = " ".join(strip_control(t.text) for t in transcript.turns)
    lang, _ = detect_language(everything)
    return lang or declared
