"""Similarity to authored examples: an example bank encoded once, queried by cosine.

A trainer writes several example phrasings for each thing the customer listens for (a
hidden fact, a resolution, a branch). :class:`ExampleBank` encodes all of them once with the
shared sentence encoder; :meth:`ExampleBank.match` encodes an utterance (and its sentences,
so a long turn is not diluted) and returns, per key, the best cosine and which example won,
so every decision can be explained ("closest to 'When was the second charge?' at 0.71").

``MATCH_THRESHOLD`` is calibrated in ``bench/report_customer.py`` on authored trigger
examples (positives: the other examples of the same trigger; negatives: examples of other
triggers and ordinary agent lines); see docs/simulator.md for the numbers.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from language.text import MAX_CLASSIFY_CHARS, clip, sentences

MATCH_THRESHOLD = 0.50
"""Cosine at or above which an utterance means the same as an authored example."""
KEYWORD_THRESHOLD = 0.45
"""A lower bar used only when an authored keyword also occurs (keywords help, never decide alone)."""
MAX_SENTENCES = 6
WHOLE_TURN_SENTENCES = 3


@dataclass(frozen=True)
class Match:
    """The best example for one key: its cosine score and the example's text."""

    key: str
    score: float
    example: str


@dataclass
class ExampleBank:
    """Authored examples per key, encoded once; read-only after construction (thread-safe).

    Parameters
    ----------
    examples : Mapping[str, Sequence[str]]
        key → example phrasings (keys with no examples are kept and never match).
    """

    examples: Mapping[str, Sequence[str]]
    _keys: list[str] = field(init=False, repr=False)
    _texts: list[str] = field(init=False, repr=False)
    _matrix: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from language.encoder import get_encoder

        self._keys = [k for k, exs in self.examples.items() for _ in exs]
        self._texts = [e for exs in self.examples.values() for e in exs]
        matrix = get_encoder().encode(self._texts) if self._texts else np.zeros((0, 384), dtype=np.float32)
        matrix.setflags(write=False)
        self._matrix = matrix

    def __len__(self) -> int:
        return len(self._texts)

    def vectors(self, text: str) -> np.ndarray:
        """Unit vectors for the turn's first sentences, with the whole (clipped) turn when it is short.

        A turn of more than :data:`WHOLE_TURN_SENTENCES` sentences gets each pair of neighbouring sentences
        instead of the whole: authored examples are one or two sentences, a long email's mean vector is
        close to none of them, and encoding it cost more than all its sentences together (dev sets D and
        E: reply p95 74 -> 51 ms and 64 -> 49 ms, every reveal and resolution rate unchanged).
        """
        from language.encoder import get_encoder

        return get_encoder().encode(turn_parts(text))

    def match(self, text: str, *, vectors: np.ndarray | None = None) -> dict[str, Match]:
        """Best example per key for ``text`` (max over the turn and its sentences)."""
        if not self._texts or not text.strip():
            return {}
        vecs = self.vectors(text) if vectors is None else vectors
        scores = (vecs @ self._matrix.T).max(axis=0)
        best: dict[str, Match] = {}
        for i, (key, score) in enumerate(zip(self._keys, scores, strict=True)):
            if key not in best or score > best[key].score:
                best[key] = Match(key, float(score), self._texts[i])
        return best

    def confusions(self) -> list[tuple[str, str, float, float]]:
        """Key pairs where an example's nearest other example belongs to another key.

        Returns ``(key, other, cross, own)``: ``cross`` the example's cosine to its nearest example of
        ``other``, ``own`` its cosine to the nearest example of its own key (one row per key pair,
        the worst example). Such an example is closer to another trigger than to its own.
        """
        if len(self._texts) < 2:
            return []
        sims = self._matrix @ self._matrix.T
        np.fill_diagonal(sims, -1.0)
        keys = np.array(self._keys)
        worst: dict[tuple[str, str], tuple[float, float]] = {}
        for i, key in enumerate(self._keys):
            own_mask = keys == key
            own_mask[i] = False
            if not own_mask.any():
                continue
            own = float(sims[i][own_mask].max())
            j = int(sims[i].argmax())
            other = self._keys[j]
            if other != key and sims[i, j] > own:
                pair = (key, other)
                if pair not in worst or sims[i, j] - own > worst[pair][0] - worst[pair][1]:
                    worst[pair] = (float(sims[i, j]), own)
        return [(k, o, cross, own) for (k, o), (cross, own) in worst.items()]


def turn_parts(text: str) -> list[str]:
    """What :meth:`ExampleBank.vectors` encodes for a turn: the whole and its sentences, or sentence pairs."""
    split = sentences(text)
    if len(split) <= 1:
        return [clip(text, limit=MAX_CLASSIFY_CHARS)]
    parts = [clip(s, limit=400) for s in split[:MAX_SENTENCES]]
    if len(split) <= WHOLE_TURN_SENTENCES:
        parts.insert(0, clip(text, limit=MAX_CLASSIFY_CHARS))
    else:
        # a long turn: neighbouring sentences stand in for the whole ("I'm sorry. When did it start?")
        parts.extend(f"{a} {b}" for a, b in itertools.pairwise(list(parts)))
    return parts


_LOCK = threading.Lock()
_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], ExampleBank] = {}


def example_bank(examples: Mapping[str, Sequence[str]]) -> ExampleBank:
    """A shared bank for these examples (built once per process per distinct content)."""
    key = tuple((k, tuple(v)) for k, v in examples.items())
    with _LOCK:
        bank = _CACHE.get(key)
    if bank is None:
        bank = ExampleBank(examples)
        with _LOCK:
            if len(_CACHE) > 256:
                _CACHE.clear()
            bank = _CACHE.setdefault(key, bank)
    return bank
