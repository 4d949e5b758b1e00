"""Similarity by spelling, for languages the sentence encoder does not read.

The shared encoder (``language.encoder``, all-MiniLM-L6-v2) is English-only: on Spanish it scores
loosely related lines as close and paraphrases as far. No multilingual sentence encoder ships as ONNX in a
PyPI package that installs without PyTorch or a download at run time (checked 2026-11), so for a scenario
in another language the customer compares a turn with the authored examples by character n-grams
(TF-IDF over 2-4-letter pieces inside words, accents folded): "reembolsamos" and "reembolso" share most
of their pieces, so inflected forms and typed-without-accents answers still match. It hears wording, not
meaning: a paraphrase with other words is missed, which is why a non-English scenario needs more varied
examples than an English one.

:class:`LexicalBank` mirrors ``language.similarity.ExampleBank``: fitted once per distinct content,
read-only afterwards, ``match`` gives per key the best cosine and the example that won.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from language.similarity import MAX_SENTENCES, Match
from language.text import MAX_CLASSIFY_CHARS, clip, sentences

NGRAMS = (2, 4)
_NOT_WORD = re.compile(r"[^\w\s]+")
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-cased, accents removed, punctuation dropped: ``¿Cuándo?`` → ``cuando``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WS.sub(" ", _NOT_WORD.sub(" ", plain)).strip()


@dataclass
class LexicalBank:
    """Authored examples per key as character n-gram TF-IDF vectors; thread-safe once built.

    Parameters
    ----------
    examples : Mapping[str, Sequence[str]]
        key → example phrasings (keys with no examples are kept and never match).
    background : Sequence[str]
        More text of the same language (the scenario's other lines) that only shapes the n-gram weights,
        so pieces every sentence has ("que", "de l") count for little.
    """

    examples: Mapping[str, Sequence[str]]
    background: Sequence[str] = ()
    _keys: list[str] = field(init=False, repr=False)
    _texts: list[str] = field(init=False, repr=False)
    _vectorizer: Any = field(init=False, repr=False)
    _matrix: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._keys = [k for k, exs in self.examples.items() for _ in exs]
        self._texts = [e for exs in self.examples.values() for e in exs]
        corpus = [fold(t) for t in [*self._texts, *self.background]] or [""]
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, min_df=1)
        try:
            self._vectorizer.fit(corpus)
        except ValueError:  # nothing but spaces: an empty vocabulary; the bank then never matches
            self._vectorizer = None
        self._matrix = self._vectorizer.transform([fold(t) for t in self._texts]) if self._vectorizer else None

    def __len__(self) -> int:
        return len(self._texts)

    def match(self, text: str) -> dict[str, Match]:
        """Best example per key for ``text`` (max over the whole turn and each of its first sentences)."""
        if not self._texts or self._vectorizer is None or not fold(text):
            return {}
        parts = [clip(text, limit=MAX_CLASSIFY_CHARS)]
        split = sentences(text)
        if len(split) > 1:
            parts.extend(clip(s, limit=400) for s in split[:MAX_SENTENCES])
        vecs = self._vectorizer.transform([fold(p) for p in parts])
        scores = (vecs @ self._matrix.T).toarray().max(axis=0)
        best: dict[str, Match] = {}
        for i, (key, score) in enumerate(zip(self._keys, scores, strict=True)):
            if key not in best or score > best[key].score:
                best[key] = Match(key, float(score), self._texts[i])
        return best


_LOCK = threading.Lock()
_CACHE: dict[tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]], LexicalBank] = {}


def lexical_bank(examples: Mapping[str, Sequence[str]], *, background: Sequence[str] = ()) -> LexicalBank:
    """A shared bank for these examples and background (built once per process per distinct content)."""
    key = (tuple((k, tuple(v)) for k, v in examples.items()), tuple(background))
    with _LOCK:
        bank = _CACHE.get(key)
    if bank is None:
        bank = LexicalBank(examples, background)
        with _LOCK:
            if len(_CACHE) > 256:
                _CACHE.clear()
            bank = _CACHE.setdefault(key, bank)
    return bank
