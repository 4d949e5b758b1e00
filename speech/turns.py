"""Words with times -> speaker turns. Pure Python, so the merging rules are easy to test on their own."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.transcript import Speaker, Turn, Word


@dataclass(frozen=True)
class TimedWord:
    """One recognised word. ``text`` keeps Whisper's leading space so words join back into the sentence."""

    text: str
    start: float
    end: float
    probability: float | None = None
    flags: tuple[str, ...] = ()  # why the segment this word came from is not to be trusted (speech.quality)
    opens_segment: bool = False  # the first word of a Whisper segment (often where the speaker changes)


@dataclass(frozen=True)
class Utterance:
    """A run of one speaker's words with no long pause inside."""

    speaker: Speaker
    words: tuple[TimedWord, ...]

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end


def clamp_words(words: Iterable[TimedWord], *, duration: float) -> list[TimedWord]:
    """Keep times inside the audio and never going backwards (Whisper occasionally overshoots the end)."""
    out: list[TimedWord] = []
    floor = 0.0
    for w in words:
        start = min(round(max(w.start, floor), 3), duration)
        end = max(min(round(w.end, 3), duration), start)
        out.append(TimedWord(w.text, start, end, w.probability, w.flags, w.opens_segment))
        floor = start
    return out


def split_at_pauses(
    words: Sequence[TimedWord], *, speaker: Speaker, gap: float | None, at_segments: bool = False
) -> list[Utterance]:
    """Start a new utterance wherever the silence between two words is at least ``gap`` seconds (and, with
    ``at_segments``, wherever Whisper started a new segment)."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return []
    groups: list[list[TimedWord]] = [[words[0]]]
    for prev, word in itertools.pairwise(words):
        if (gap is not None and word.start - prev.end >= gap) or (at_segments and word.opens_segment):
            groups.append([word])
        else:
            groups[-1].append(word)
    return [Utterance(speaker, tuple(g)) for g in groups]


def interleave(utterances: Iterable[Utterance]) -> list[Utterance]:
    """Order by start time and join neighbours from the same speaker into one turn."""
    ordered = sorted(utterances, key=lambda u: (u.start, u.end))
    merged: list[Utterance] = []
    for u in ordered:
        if merged and merged[-1].speaker == u.speaker:
            merged[-1] = Utterance(u.speaker, merged[-1].words + u.words)
        else:
            merged.append(u)
    return merged


def join_text(words: Iterable[TimedWord]) -> str:
    return " ".join("".join(w.text for w in words).split())


def turn_confidence(words: Sequence[TimedWord]) -> float | None:
    """Mean word probability: how sure the recogniser was of this turn's words (None when it did not say)."""
    probs = [w.probability for w in words if w.probability is not None]
    return round(sum(probs) / len(probs), 3) if probs else None


def to_turn(utterance: Utterance, **extra: object) -> Turn:
    """A domain Turn; ``confidence`` (recognition) and ``notes`` (why a part is suspect) ride along as extras."""
    words = [Word(word=w.text.strip(), start=w.start, end=w.end, probability=w.probability) for w in utterance.words]
    notes = list(dict.fromkeys(f for w in utterance.words for f in w.flags))
    fields: dict[str, object] = {"confidence": turn_confidence(utterance.words), **extra}
    if notes:
        fields["notes"] = notes
    return Turn(
        speaker=utterance.speaker,
        text=join_text(utterance.words),
        start=utterance.start,
        end=max(w.end for w in utterance.words),
        words=words,
        **{k: v for k, v in fields.items() if v is not None},
    )


def snap_to_speech(words: Sequence[TimedWord], spans: Sequence[tuple[float, float]]) -> list[TimedWord]:
    """Pull each word's edges in to the speech it overlaps; words over no detected speech are left alone.

    Only ever shrinks a word, so order and containment are preserved.
    """
    if not spans:
        return list(words)
    out: list[TimedWord] = []
    for w in words:
        overlapping = [(s, e) for s, e in spans if s < w.end and e > w.start]
        if not overlapping:
            out.append(w)
            continue
        start = max(w.start, overlapping[0][0])
        end = min(w.end, overlapping[-1][1])
        if end < start:
            start, end = w.start, w.end
        out.append(TimedWord(w.text, round(start, 3), round(end, 3), w.probability, w.flags, w.opens_segment))
    return out
