"""Empathy judged sentence by sentence: one function the scorer and the simulator share.

:func:`judge_sentences` labels each sentence *empathetic*, *neutral*, *cold*, *sarcastic*,
*blaming* or *insulting* with a probability. Judging per sentence is what stops a following
question from diluting an insult ("You people are idiots. Which charge do you mean?").

Two kinds of evidence, both visible in the result:

- transparent cues (regexes below): apology, acknowledgement, reassurance, ownership; and the
  cold families a reviewer names at once — insults, sarcasm, blame. An insult, sarcasm or blame
  cue decides the label whatever the model says (blame *after* an apology is still blame);
- a learned model: the shared sentence encoder's vector plus the cue counts, into a
  scikit-learn ``LogisticRegression`` (cold / neutral / empathetic), trained at first use on
  ``language/data/empathy_corpus.csv`` + ``empathy_extra.csv`` (CC0, see the README there).
  Word count is deliberately not a feature, and the extra rows hold short empathetic and long
  cold replies so length carries no signal. Corpus vectors are cached in
  ``empathy_vectors.npy`` (checked by a hash of the texts, recomputed when stale).

The encoder costs about 3-4 ms a sentence, so callers with a latency budget pass
``max_encoded``: the first sentences (callers order them by importance) use the full model, the
rest a light model on the cue counts alone. See ``docs/models/empathy.md`` for the model card.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
CORPUS_FILES = (DATA / "empathy_corpus.csv", DATA / "empathy_extra.csv")
VECTORS = DATA / "empathy_vectors.npy"
Label = Literal["empathetic", "neutral", "cold", "sarcastic", "blaming", "insulting"]
COLD_LABELS = frozenset({"cold", "sarcastic", "blaming", "insulting"})
SEED = 13

_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")


def _rx(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


APOLOGY = _rx(
    r"(?:i'?m|i am|we'?re|we are|im) (?:so |really |very |truly |terribly |deeply )?sorry",
    r"(?:my|our) (?:sincere )?apolog(?:y|ies)",
    r"(?:i|we) (?:do |sincerely |really )?apologi[sz]e",
    r"so sorry",
    r"sorry",
)
ACKNOWLEDGE = _rx(
    r"i (?:completely |totally |really |fully |can )?(?:understand|hear you|get it|get that|see why)",
    r"(?:that|this|it) (?:must|would|sounds?|is|'s) (?:be |have been |feel )?(?:so |really |very |such a |a )?"
    r"(?:frustrating|annoying|stressful|upsetting|worrying|scary|difficult|hard|awful|disappointing|exhausting|"
    r"alarming|rough|a worry|a pain|a hassle|not okay)",
    r"i can (?:only )?imagine",
    r"(?:makes|make) (?:total |complete )?sense",
    r"(?:totally|completely) get it",
    r"what a (?:worry|pain|nightmare)",
    r"(?:that'?s|that is) (?:rough|awful|horrible)",
)
REASSURANCE = _rx(
    r"(?:don'?t|do not) worry",
    r"(?:we'?ll|we will|i'?ll|i will) (?:get (?:this|it|that) (?:sorted|fixed|resolved)|sort (?:this|it) out|"
    r"make (?:this|it) right|take care of (?:it|this|you))",
    r"you(?:'re| are) in good hands",
    r"happy to help",
    r"thank you for your patience",
)
OWNERSHIP = _rx(
    r"(?:that'?s|that is|it'?s|this is) (?:on us|our (?:fault|mistake|error))",
    r"(?:we|i) (?:made a mistake|messed up|got (?:it|that) wrong)",
    r"let me (?:fix|sort|take care of|make)",
    r"i'?(?:ll| will) (?:personally|make sure|follow up)",
)
INSULT = _rx(
    r"idiots?",
    r"stupid",
    r"moron(?:s|ic)?",
    r"dumb",
    r"pathetic",
    r"clueless",
    r"shut up",
    r"you(?:'re| are) (?:useless|incompetent|an? (?:joke|clown))",
    r"are you deaf",
    r"get a brain",
    r"you people",
    r"imbecile",
)
SARCASM = _rx(
    r"what a (?:tragedy|disaster|shame) \w*",
    r"another genius",
    r"(?:i'?m|i am) sure you(?:'ll| will) (?:survive|live|cope)",
    r"who (?:could|would) have (?:guessed|thought)",
    r"for fun",
    r"congratulations,? (?:you(?:'ve| have)? )?(?:managed|just|really|genius)",
    r"well done,? (?:genius|you(?:'ve| have) (?:managed|broken))",
    r"(?:your|this) fascinating",
    r"(?:oh|wow),? (?:wow|great|brilliant|fantastic|wonderful|perfect)",
    r"oh (?:wow|great|brilliant|joy|lovely)",
    r"because (?:we|i) (?:just )?(?:love|enjoy)",
    r"shocking,? (?:i know|right)",
    r"big surprise",
)
BLAME = _rx(
    r"(?:that'?s|that is|it'?s|it is|this is) (?:not my|your own|your|on you)(?: \w+)?(?: (?:problem|fault|"
    r"responsibility|issue))?",
    r"(?:on you|your (?:own )?fault)",
    r"you should(?:'?ve| have)",
    r"if you had (?:read|listened|checked)",
    r"because you (?:\w+ )?(?:ignored|forgot|didn'?t|entered|chose|clicked)",
    r"you (?:entered|ignored|forgot|chose|clicked) (?:\w+ ){0,3}(?:yourself|wrong)",
    r"yourself",
    r"calm down",
    r"not my (?:problem|department|job)",
    r"nothing (?:i|we) can do",
    r"i (?:already|just) told you",
    r"(?:i )?(?:don'?t|do not) (?:care|have time)",
    r"take it or leave it",
    r"what do you (?:want|expect) me to do",
    r"like everyone else",
    r"will not (?:be entering|receive a reply)",
    r"matter closed|decision is final",
    r"free to take your business",
)
FIVE_WORDS = re.compile(r"\b(?:sorry|understand|feel|hope|hear)\b", re.IGNORECASE)  # the baseline lexicon

_CUE_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("apology", APOLOGY),
    ("acknowledge", ACKNOWLEDGE),
    ("reassurance", REASSURANCE),
    ("ownership", OWNERSHIP),
    ("blame", BLAME),
    ("insult", INSULT),
    ("sarcasm", SARCASM),
)


@dataclass(frozen=True)
class EmpathyJudgement:
    """One sentence's judgement: ``probability`` is the model's belief in ``label``'s side."""

    text: str
    label: Label
    probability: float
    p_empathetic: float
    p_cold: float
    cues: tuple[str, ...] = ()
    encoded: bool = True

    @property
    def cold(self) -> bool:
        return self.label in COLD_LABELS

    @property
    def apologises(self) -> bool:
        """The sentence apologises or acknowledges (by its cues), whatever the model reads its tone as."""
        return any(c.startswith(("apology", "acknowledge")) for c in self.cues)


def split_sentences(text: str) -> list[str]:
    """Sentences of one turn (private convention of this module; blank parts dropped)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def cue_counts(text: str) -> list[float]:
    counts = [float(len(rx.findall(text))) for _, rx in _CUE_FAMILIES]
    counts.append(1.0 if text.rstrip().endswith("?") else 0.0)
    return counts


def cue_matrix(texts: Sequence[str]) -> np.ndarray:
    return np.asarray([cue_counts(t) for t in texts], dtype=np.float32).reshape(len(texts), len(_CUE_FAMILIES) + 1)


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    labels: np.ndarray  # 0 cold, 1 neutral, 2 empathetic
    groups: list[str]
    kinds: list[str]


def load_corpus() -> Corpus:
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    kinds: list[str] = []
    for path in CORPUS_FILES:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                texts.append(row["reply"])
                labels.append(int(row["label"]))
                groups.append(f"{path.stem}:{row['group']}")
                kinds.append(row.get("kind") or {0: "cold", 1: "neutral", 2: "empathetic"}[int(row["label"])])
    return Corpus(texts, np.asarray(labels), groups, kinds)


def _texts_hash(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def corpus_vectors(corpus: Corpus, *, write: bool = False) -> np.ndarray:
    """Encoder vectors of the corpus, from the cache file when it matches the texts."""
    key = _texts_hash(corpus.texts)
    if VECTORS.is_file():
        with np.load(VECTORS, allow_pickle=False) as data:
            if str(data["key"]) == key:
                return np.asarray(data["vectors"], dtype=np.float32)
    from language.encoder import get_encoder

    vectors = get_encoder().encode(corpus.texts).astype(np.float32)
    if write:
        with VECTORS.open("wb") as fh:
            np.savez_compressed(fh, key=np.asarray(key), vectors=vectors.astype(np.float16))
    return vectors


def full_features(vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    return np.hstack([vectors, cue_matrix(texts)])


def make_full() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=0.05, class_weight="balanced", max_iter=2000))


def make_light() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)


def length_balanced_weights(texts: Sequence[str], labels: np.ndarray) -> np.ndarray:
    """Sample weights that give every label the same total weight in every word-count band.

    The hand-written corpus has longer empathetic replies than cold ones; weighting by band
    removes what length alone could teach the model, so it has to learn the wording.
    """
    words = np.asarray([len(t.split()) for t in texts])
    bands = np.digitize(words, [4, 7, 10, 14, 19, 26, 36])
    weights = np.zeros(len(texts), dtype=np.float64)
    for band in np.unique(bands):
        in_band = bands == band
        present = np.unique(labels[in_band])
        for label in present:
            mask = in_band & (labels == label)
            weights[mask] = in_band.sum() / (len(present) * mask.sum())
    return weights * (len(texts) / weights.sum())


class EmpathyModel:
    """The fitted pair: ``full_`` (encoder + cues) and ``light_`` (cues only, for sentences over budget)."""

    def __init__(self) -> None:
        corpus = load_corpus()
        vectors = corpus_vectors(corpus)
        weights = length_balanced_weights(corpus.texts, corpus.labels)
        self.full_ = make_full().fit(
            full_features(vectors, corpus.texts), corpus.labels, logisticregression__sample_weight=weights
        )
        self.light_ = make_light().fit(cue_matrix(corpus.texts), corpus.labels, sample_weight=weights)
        self.n_train_ = len(corpus.texts)

    def predict_proba(self, texts: Sequence[str], *, max_encoded: int | None = None) -> tuple[np.ndarray, int]:
        """(n, 3) probabilities cold/neutral/empathetic and how many rows used the encoder."""
        n = len(texts)
        out = np.zeros((n, 3), dtype=np.float64)
        if n == 0:
            return out, 0
        k = n if max_encoded is None else max(0, min(n, max_encoded))
        if k:
            from language.encoder import get_encoder

            vectors = get_encoder().encode(list(texts[:k]))
            out[:k] = self.full_.predict_proba(full_features(vectors, texts[:k]))
        if k < n:
            out[k:] = self.light_.predict_proba(cue_matrix(texts[k:]))
        return out, k


_lock = threading.Lock()
_model: EmpathyModel | None = None


def get_model() -> EmpathyModel:
    """The process-wide fitted model (trained once, read-only afterwards)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = EmpathyModel()
    return _model


def _first_cue(text: str) -> tuple[str, ...]:
    found = []
    for name, rx in _CUE_FAMILIES:
        m = rx.search(text)
        if m:
            found.append(f"{name}: {m.group(0)}")
    return tuple(found)


def judge_sentences(
    texts: Sequence[str], *, context: str | None = None, max_encoded: int | None = None
) -> list[EmpathyJudgement]:
    """Judge each sentence; ``context`` is the customer's turn they answer (used for sarcasm).

    Parameters
    ----------
    texts
        Sentences (split a turn with :func:`split_sentences` first).
    context
        What the customer said before; praise words ("great", "brilliant") in reply to a complaint
        read as sarcasm only together with a cold or mocking cue, never on their own.
    max_encoded
        Sentences after this many are judged by the light model on cue counts (latency budgets).
    """
    probs, k = get_model().predict_proba(texts, max_encoded=max_encoded)
    out: list[EmpathyJudgement] = []
    for n, (text, (p_cold, p_neutral, p_warm)) in enumerate(zip(texts, probs, strict=True)):
        cues = _first_cue(text)
        label: Label
        if INSULT.search(text):
            label, prob = "insulting", max(0.9, float(p_cold))
        elif SARCASM.search(text):
            label, prob = "sarcastic", max(0.8, float(p_cold))
        elif BLAME.search(text):
            label, prob = "blaming", max(0.8, float(p_cold))
        else:
            best = int(np.argmax([p_cold, p_neutral, p_warm]))
            label = ("cold", "neutral", "empathetic")[best]  # type: ignore[assignment]
            prob = float((p_cold, p_neutral, p_warm)[best])
        cold_p = max(float(p_cold), prob) if label in COLD_LABELS else float(p_cold)
        out.append(
            EmpathyJudgement(
                text=text,
                label=label,
                probability=round(prob, 4),
                p_empathetic=round(float(p_warm) if label not in COLD_LABELS else min(float(p_warm), 0.1), 4),
                p_cold=round(cold_p, 4),
                cues=cues,
                encoded=n < k,
            )
        )
    return out
