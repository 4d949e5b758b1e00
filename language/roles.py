"""Who is speaking, judged by what is said: agent (greets, verifies, explains, acts) or customer (states a problem).

Mono recordings and unlabelled exports arrive without speakers. This estimator scores one utterance as agent
or customer from the shared sentence encoder (``language.encoder``) plus a handful of transparent cues a
reviewer can read (who says "let me", "I've gone ahead", "my bill", "I want"). It is a scikit-learn pipeline
(``fit``/``predict_proba``) trained on ``language/data/roles.csv``, which the repository ships with its
provenance (``language/data/ROLES_DATA.md``), and ``evaluate`` reports it beside its baselines from the same
run: a majority-class dummy, a length-only model and a keyword lexicon.

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

from language.encoder import get_encoder

DATA_DIR = Path(__file__).parent / "data"
TRAIN_FILE = DATA_DIR / "roles.csv"
EVAL_FILE = DATA_DIR / "roles_eval.csv"

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


class RoleFeatures:
    """Texts -> [cues..., encoder prototype margin]: a scikit-learn transformer (``fit``/``transform``).

    The margin is how much closer (cosine, mean of the 3 nearest) a text sits to the agent lines than to the
    customer lines of the training data; on the training texts themselves each line is left out of its own
    neighbours, so the model never learns from a feature that has seen the answer. Learned attributes end in
    ``_`` as scikit-learn's do.
    """

    k = 3

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {}

    def set_params(self, **params: Any) -> RoleFeatures:
        return self

    def fit(self, texts: Sequence[str], y: Any = None) -> RoleFeatures:
        self.embeddings_ = get_encoder().encode([str(t) for t in texts])
        self.labels_ = np.asarray(y)
        return self

    def _margin(self, embedded: np.ndarray, *, leave_self_out: bool) -> np.ndarray:
        sims = embedded @ self.embeddings_.T
        if leave_self_out:
            np.fill_diagonal(sims, -1.0)
        agent = np.sort(np.where(self.labels_[None, :] == 1, sims, -1.0), axis=1)[:, -self.k :].mean(axis=1)
        customer = np.sort(np.where(self.labels_[None, :] == 0, sims, -1.0), axis=1)[:, -self.k :].mean(axis=1)
        return np.asarray((agent - customer) * 10.0).reshape(-1, 1)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        items = [str(t) for t in texts]
        margin = self._margin(get_encoder().encode(items), leave_self_out=False)
        return np.hstack([cue_features(items), margin]).astype(np.float32)

    def fit_transform(self, texts: Sequence[str], y: Any = None) -> np.ndarray:
        items = [str(t) for t in texts]
        self.fit(items, y)
        margin = self._margin(self.embeddings_, leave_self_out=True)
        return np.hstack([cue_features(items), margin]).astype(np.float32)


FEATURE_NAMES = (*CUE_NAMES, "you_rate", "i_my_rate", "encoder_margin")


def make_pipeline(*, c: float = 0.2) -> Any:
    """Cues + encoder margin -> scaled -> logistic regression (agent = 1)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    return Pipeline(
        [
            ("features", RoleFeatures()),
            ("scale", StandardScaler()),
            ("model", LogisticRegression(C=c, max_iter=2000, class_weight="balanced")),
        ]
    )


def load_rows(path: Path = TRAIN_FILE) -> tuple[list[str], np.ndarray, list[str]]:
    """(texts, labels with agent = 1, groups) from one of the shipped CSV files."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows]
    labels = np.array([1 if r["role"] == "agent" else 0 for r in rows])
    groups = [r.get("group") or f"row{i}" for i, r in enumerate(rows)]
    return texts, labels, groups


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
    """Trained once per process on the shipped data (about a second), then shared."""
    texts, labels, _ = load_rows()
    return RoleClassifier(make_pipeline().fit(texts, labels))


@dataclass(frozen=True)
class RoleReport:
    """Accuracy of the model and of its baselines, cross-validated by group and on the held-out eval file."""

    cv_accuracy: dict[str, tuple[float, float]]  # name -> (mean, sd) over group folds
    eval_accuracy: dict[str, float]
    eval_brier: float


def evaluate(*, folds: int = 5) -> RoleReport:
    """Model vs majority dummy, length-only logistic regression and the keyword lexicon, same folds, same run."""
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss
    from sklearn.model_selection import GroupKFold

    texts, labels, groups = load_rows()
    eval_texts, eval_labels, _ = load_rows(EVAL_FILE)

    def length(items: Sequence[str]) -> np.ndarray:
        return np.array([[len(t.split())] for t in items], dtype=float)

    scores: dict[str, list[float]] = {"model": [], "dummy": [], "length": [], "lexicon": []}
    for train, test in GroupKFold(n_splits=folds).split(texts, labels, groups):
        tr = [texts[i] for i in train]
        te = [texts[i] for i in test]
        y_tr, y_te = labels[train], labels[test]
        scores["model"].append(float(np.mean(make_pipeline().fit(tr, y_tr).predict(te) == y_te)))
        dummy = DummyClassifier(strategy="most_frequent").fit(length(tr), y_tr)
        scores["dummy"].append(float(np.mean(dummy.predict(length(te)) == y_te)))
        by_length = LogisticRegression().fit(length(tr), y_tr)
        scores["length"].append(float(np.mean(by_length.predict(length(te)) == y_te)))
        scores["lexicon"].append(float(np.mean((lexicon_score(te) > 0).astype(int) == y_te)))
    full = make_pipeline().fit(texts, labels)
    proba = full.predict_proba(eval_texts)[:, 1]
    eval_acc = {
        "model": float(np.mean((proba > 0.5).astype(int) == eval_labels)),
        "dummy": float(np.mean(eval_labels == np.bincount(labels).argmax())),
        "length": float(
            np.mean(LogisticRegression().fit(length(texts), labels).predict(length(eval_texts)) == eval_labels)
        ),
        "lexicon": float(np.mean((lexicon_score(eval_texts) > 0).astype(int) == eval_labels)),
    }
    return RoleReport(
        cv_accuracy={k: (float(np.mean(v)), float(np.std(v))) for k, v in scores.items()},
        eval_accuracy=eval_acc,
        eval_brier=float(brier_score_loss(eval_labels, proba)),
    )
