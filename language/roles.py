"""Who is speaking, judged by what is said: agent (greets, verifies, explains, acts) or customer (states a problem).

Mono recordings and unlabelled exports arrive without speakers. This estimator scores one utterance as agent
or customer from word and character n-grams (TF-IDF) plus a handful of transparent cues a reviewer can read
(who says "let me", "I've gone ahead", "my bill", "I want"). It is a scikit-learn pipeline
(``fit``/``predict_proba``) trained at first use on the shipped lines listed in ``language/data/ROLES_DATA.md``
(about 2,500 lines from four files, all written for this project). ``language.roles_eval`` measures it beside
a majority-class dummy, a length-only model and the keyword lexicon in the same run, on grouped folds and on
separately written sets; ``docs/models/roles.md`` is the model card.

Short acknowledgements ("okay", "thank you") carry no role; the classifier returns close to 0.5 for them, and
callers (``importers.attribution``) decide those by timing and voice.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
TRAIN_FILE = DATA_DIR / "roles.csv"
EXTRA_FILE = DATA_DIR / "roles_extra.csv"
SCENARIO_FILE = DATA_DIR / "roles_scenarios.csv"
AGENT_UTTERANCES_FILE = DATA_DIR / "agent_utterances.csv"
EVAL_FILE = DATA_DIR / "roles_eval.csv"
#: Lines shorter than this are not learned from (either party says "okay, thanks").
MIN_WORDS = 3

_CUES: tuple[tuple[str, str], ...] = (
    ("agent_offer_help", r"\b(how (can|may) i (help|assist)|what can i do for you|anything else (i can|at all))\b"),
    ("agent_self_intro", r"\b(my name is|this is \w+( speaking)?|\w+ speaking|you're through to|you've reached)\b"),
    ("agent_thanks_for_calling", r"\bthank(s| you) for (calling|contacting|holding|your patience|bearing)\b"),
    ("agent_verify", r"\b(can i (take|have|just take)|could you confirm|can you confirm|verify|for security)\b"),
    (
        "agent_action",
        r"\b(let me|i've (gone ahead|applied|raised|updated|sent|reopened|refunded|checked)|"
        r"i'll (send|arrange|put|escalate|book|set)|i can (see|offer|book|arrange))\b",
    ),
    ("agent_we_policy", r"\b(our (policy|team|system|depot|records)|we (can|have|'ll|will))\b"),
    (
        "customer_my_thing",
        r"\b(my (bill|account|card|order|parcel|internet|phone|car|claim|contract|prescription|policy|boiler|"
        r"money|mum))\b",
    ),
    ("customer_want", r"\b(i('d| would) like|i want|i need|can i get|i'd rather)\b"),
    (
        "customer_complaint",
        r"\b(charged twice|overcharged|still (hasn't|not|isn't)|never (arrived|turned up|came)|nobody|"
        r"third time|fed up|ridiculous|not happy|waiting for)\b",
    ),
    ("customer_why_how_long", r"\b(why (is|has|did)|how long (will|is))\b"),
)
_COMPILED = tuple((name, re.compile(pattern, re.I)) for name, pattern in _CUES)
CUE_NAMES = tuple(name for name, _ in _CUES)
_YOU = re.compile(r"\b(you|your|you're|you've|you'll)\b", re.I)
_ME = re.compile(r"\b(i|my|me|i'm|i've|mine)\b", re.I)


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """The transparent cues of each text: one 0/1 column per cue, then the 'you' and 'I/my' rates.

    Length is deliberately not a feature: short lines are short for both parties, and a length cue made the
    model call every "okay" a customer with near certainty.
    """
    rows = []
    for text in texts:
        words = max(len(text.split()), 1)
        row = [1.0 if rx.search(text) else 0.0 for _, rx in _COMPILED]
        row += [len(_YOU.findall(text)) / words, len(_ME.findall(text)) / words]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), len(_CUES) + 2)


def lexicon_score(texts: Sequence[str]) -> np.ndarray:
    """The simplest baseline: agent cues minus customer cues (> 0 says agent)."""
    cues = cue_features(texts)[:, : len(_CUES)]
    sign = np.array([1.0 if n.startswith("agent") else -1.0 for n in CUE_NAMES], dtype=np.float32)
    return np.asarray(cues @ sign)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces (apostrophes kept): typed, chat and speech-recognised text look alike.

    Whisper punctuates, chat often does not, and the training lines are a mix; the word features should not
    learn who punctuates.
    """
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def content(text: str) -> str:
    """``normalise`` without the backchannel words both parties say ("okay", "yeah", "thank you", "um").

    Our scenario customers often open a reply with "Okay," and our agent lines rarely do; a model left to
    learn that would call every "okay" a customer. These words are removed before the n-grams, so a line made
    only of them comes out near 0.5 and attribution decides it by voice and timing.
    """
    return _BACKCHANNEL.sub(" ", normalise(text)).strip()


_PUNCT = re.compile(r"[^\w\s']")
_BACKCHANNEL = re.compile(
    r"\b(okay|ok|k|yes|yeah|yep|yup|right|alright|all right|sure|thanks|thank you|cheers|um+|uh+|erm|er|mm+|"
    r"mhm|mm hmm|uh huh|hmm+|oh|ah|great|perfect|lovely|cool|fine|no problem|got it|i see|so)\b"
)


def make_pipeline(*, c: float = 4.0) -> Any:
    """Word n-grams + character n-grams + the transparent cues -> logistic regression (agent = 1).

    Words carry what each party typically says ("let me", "i've been", "my bill"), character n-grams soften
    spelling and recognition variants, and the cues add the lexicon's judgement as learned, scaled columns (the
    lexicon and the model are stacked, not rivals). ``class_weight="balanced"`` keeps the prior at 50/50: a call
    is about half agent, whatever the mix of the training files. Sentence-encoder features were measured and
    left out (``python -m language.roles_eval --encoder``): they encode topic, which both parties share.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    words = TfidfVectorizer(preprocessor=content, ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(preprocessor=content, analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
    cues = Pipeline([("cues", FunctionTransformer(cue_features)), ("scale", StandardScaler())])
    return Pipeline(
        [
            ("features", FeatureUnion([("words", words), ("chars", chars), ("cues", cues)])),
            ("model", LogisticRegression(C=c, solver="liblinear", max_iter=1000, class_weight="balanced")),
        ]
    )


FEATURE_NAMES = (*CUE_NAMES, "you_rate", "i_my_rate")


@dataclass(frozen=True)
class RoleData:
    """Training lines: text, label (agent = 1), CV group (``source:group``) and source file of each line."""

    texts: list[str]
    labels: np.ndarray
    groups: list[str]
    sources: list[str]


def load_rows(path: Path = TRAIN_FILE) -> tuple[list[str], np.ndarray, list[str]]:
    """(texts, labels with agent = 1, groups) from one of the shipped ``group,role,text`` CSV files."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows]
    labels = np.array([1 if r["role"] == "agent" else 0 for r in rows])
    groups = [r.get("group") or f"row{i}" for i, r in enumerate(rows)]
    return texts, labels, groups


def _agent_utterances() -> tuple[list[str], np.ndarray, list[str]]:
    """The act classifier's agent lines, grouped by primary act."""
    with AGENT_UTTERANCES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], np.ones(len(rows), dtype=int), [r["acts"].split(";")[0] for r in rows]


def load_training(*, min_words: int = MIN_WORDS) -> RoleData:
    """Every shipped training line of at least ``MIN_WORDS`` words (see ``language/data/ROLES_DATA.md``).

    Shorter lines ("okay", "sure", "go on") are said by either party; learning them would make the model
    confident where the text says nothing. A line that reads the same as one of the held-out lines
    (``roles_eval.csv``; generic closings such as "no that's all thanks" recur) is left out, so the held-out
    score never counts a line the model was trained on.
    """
    held_out = {normalise(t) for t in load_rows(EVAL_FILE)[0]}
    parts = [
        ("roles", load_rows(TRAIN_FILE)),
        ("extra", load_rows(EXTRA_FILE)),
        ("scenarios", load_rows(SCENARIO_FILE)),
        ("acts", _agent_utterances()),
    ]
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    sources: list[str] = []
    for source, (t, y, g) in parts:
        for text, label, group in zip(t, y, g, strict=True):
            if len(text.split()) >= min_words and normalise(text) not in held_out:
                texts.append(text)
                labels.append(int(label))
                groups.append(f"{source}:{group}")
                sources.append(source)
    return RoleData(texts=texts, labels=np.asarray(labels), groups=groups, sources=sources)


@dataclass(frozen=True)
class RoleClassifier:
    """A fitted pipeline; shared read-only (never refitted in place)."""

    pipeline: Any

    def agent_probability(self, texts: Sequence[str]) -> np.ndarray:
        """P(agent) per text; empty or whitespace-only texts get 0.5 (no evidence)."""
        out = np.full(len(texts), 0.5)
        idx = [i for i, t in enumerate(texts) if t.strip()]
        if idx:
            out[idx] = self.pipeline.predict_proba([texts[i] for i in idx])[:, 1]
        return out

    def reasons(self, text: str) -> list[str]:
        """The transparent cues present in ``text`` (names like 'agent_verify'), for notes a reviewer reads."""
        return [name for name, rx in _COMPILED if rx.search(text)]


@lru_cache(maxsize=1)
def get_role_classifier() -> RoleClassifier:
    """Trained once per process on the shipped data (about a second idle), then shared read-only."""
    data = load_training()
    return RoleClassifier(make_pipeline().fit(data.texts, data.labels))
