"""Is this recognised text believable? Loops, hallucinations and speech in a language the model cannot hear.

Whisper never says "I don't know": fed German, the English-only tiny.en model writes fluent-looking English
("I can't give away, I can't give away!"), and on silence or noise it loops one phrase. Three signals catch
this, each cheap and each reported so a reviewer can see why a segment was marked:

- repetition: the same word n-gram repeated back to back (the classic decoder loop);
- compression ratio: text that gzip squeezes more than 2.4x is repetitive (Whisper's own threshold);
- average log-probability: below -1.0 the decoder was guessing (Whisper's own threshold).

Measured on espeak-ng clips through tiny.en (docs/speech.md): English sentences decode at about -0.4 average
log-probability and 0.9 mean word probability; German, Spanish and French at -1.1 to -3.5 and 0.36-0.52.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

LOW_LOGPROB = -1.0
HIGH_COMPRESSION = 2.4
FOREIGN_LOGPROB = -0.95  # speech-weighted mean over the whole channel
FOREIGN_WORD_PROB = 0.62
# A channel that repeats itself is a guessing decoder, not a person: with doubtful confidence this is enough.
ECHO_SHARE = 0.5
ECHO_LOGPROB = -0.75
ECHO_WORD_PROB = 0.7
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class SegmentCheck:
    """Why a recognised segment is not to be trusted (empty ``reasons``: fine)."""

    reasons: tuple[str, ...]

    @property
    def suspect(self) -> bool:
        return bool(self.reasons)


def repeated_ngram(text: str, *, max_n: int = 6, min_repeats: int = 3) -> str | None:
    """The n-gram (n <= ``max_n``) that repeats back to back at least ``min_repeats`` times, if any.

    "to get ready to get ready to get ready" -> "to get ready". Single words need four repeats ("no no no" is
    speech; "the the the the" is a loop).
    """
    words = [w.lower() for w in _WORD.findall(text)]
    for n in range(1, max_n + 1):
        need = max(min_repeats, 4 if n == 1 else min_repeats)
        for start in range(0, len(words) - n * need + 1):
            gram = words[start : start + n]
            count = 1
            pos = start + n
            while words[pos : pos + n] == gram:
                count += 1
                pos += n
            if count >= need:
                return " ".join(gram)
    return None


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / max(len(zlib.compress(data)), 1)


def check_segment(text: str, *, avg_logprob: float | None, compression: float | None = None) -> SegmentCheck:
    """Reasons to distrust one recognised segment."""
    reasons: list[str] = []
    loop = repeated_ngram(text)
    if loop is not None:
        # Digits are masked: a looped card number must not reach the notes, which redaction does not rewrite.
        shown = re.sub(r"\d", "#", loop)
        reasons.append(f"repeated phrase {shown!r} (likely a recognition loop)")
    ratio = compression if compression is not None else compression_ratio(text)
    if ratio > HIGH_COMPRESSION and len(text) > 40:
        reasons.append(f"highly repetitive text (compression ratio {ratio:.1f})")
    if avg_logprob is not None and avg_logprob < LOW_LOGPROB:
        reasons.append(f"low recognition confidence (average log-probability {avg_logprob:.2f})")
    return SegmentCheck(tuple(reasons))


SUSPECT_SHARE = 0.5


def echoed_share(text: str, *, n: int = 4) -> float:
    """Share of the words that sit in a word n-gram said more than once anywhere in ``text``.

    Whisper's loops are not always back to back, nor inside one segment: fed Spanish, tiny.en may write
    "We are going to be doing this, and we are going to be doing this." as three separate, unflagged
    segments. A person rarely repeats four-word runs across most of what they say.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 2 * n:
        return 0.0
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    seen: dict[tuple[str, ...], int] = {}
    for gram in grams:
        seen[gram] = seen.get(gram, 0) + 1
    covered: set[int] = set()
    for i, gram in enumerate(grams):
        if seen[gram] > 1:
            covered.update(range(i, i + n))
    return len(covered) / len(words)


def sounds_unlike_model_language(
    segments: Sequence[tuple[float, float, bool]], word_probabilities: Sequence[float], *, text: str = ""
) -> bool:
    """True when the whole channel decodes like speech the (English) model cannot hear.

    ``segments`` holds (duration, average log-probability, suspect) per recognised segment. Either both the
    duration-weighted log-probability and the mean word probability are low (one mumbled English segment is
    not enough), or most of the speech came out as loops/low-confidence segments. Whisper's temperature
    fallback samples at random once greedy decoding fails, so a foreign clip may come out as a confident-looking
    loop ("a a a a"): the second rule catches what the first misses. The third takes ``text``, the channel's
    whole recognised text: most of it echoing itself with doubtful confidence (log-probability about -0.9,
    word probability about 0.55, where English clips decode at -0.4 and 0.9) is the same loop spread over
    several segments.
    """
    total = sum(d for d, _, _ in segments)
    if total <= 0:
        return False
    suspect = sum(d for d, _, bad in segments if bad)
    if suspect / total >= SUSPECT_SHARE and total >= 2.0:
        return True
    if len(word_probabilities) < 4:
        return False
    weighted = sum(d * lp for d, lp, _ in segments) / total
    mean_word = sum(word_probabilities) / len(word_probabilities)
    if weighted < FOREIGN_LOGPROB and mean_word < FOREIGN_WORD_PROB:
        return True
    return echoed_share(text) >= ECHO_SHARE and weighted < ECHO_LOGPROB and mean_word < ECHO_WORD_PROB
