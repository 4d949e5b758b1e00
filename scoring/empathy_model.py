"""The learned empathy classifier: TF-IDF word and character n-grams plus lexicon cues, logistic regression.

Trained at first use from ``scoring/data/empathy_corpus.csv`` (shipped, hand-written; see the README
there) and cached per process. Character n-grams carry it across ASR spellings ("im sorry",
"apologize") and chat shorthand; the lexicon counts keep it anchored on cues a reviewer recognises.
Probabilities are calibrated (``CalibratedClassifierCV``) because the empathy scorer averages them.
"""

from __future__ import annotations

import csv
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoring.lexicon import lexicon_vector

logger = logging.getLogger(__name__)

CORPUS = Path(__file__).resolve().parent / "data" / "empathy_corpus.csv"
LABELS = (0, 1, 2)  # 0 cold/dismissive/rude, 1 neutral/transactional, 2 empathetic
MAX_CHARS = 2000  # a turn longer than this is judged on its first part; keeps huge inputs linear and cheap
SEED = 13


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    labels: list[int]
    groups: list[str]
    styles: list[str]


def load_corpus(path: Path = CORPUS) -> Corpus:
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    styles: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["reply"])
            labels.append(int(row["label"]))
            groups.append(row["group"])
            styles.append(row["style"])
    return Corpus(texts, labels, groups, styles)


def _lexicon_features(texts: Sequence[str]) -> Any:
    import numpy as np

    return np.asarray([lexicon_vector(t) for t in texts], dtype=float)


def build_pipeline() -> Any:
    """An unfitted pipeline; the same recipe is used for the shipped model and the held-out evaluation."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)),
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, lowercase=True),
            ),
            (
                "lexicon",
                Pipeline(
                    [
                        ("cues", FunctionTransformer(_lexicon_features)),
                        ("scale", StandardScaler()),
                    ]
                ),
            ),
        ]
    )
    classifier = CalibratedClassifierCV(
        LogisticRegression(C=4.0, max_iter=500, class_weight="balanced", solver="newton-cg"), method="sigmoid", cv=3
    )
    return Pipeline([("features", features), ("classifier", classifier)])


def _fit(model: Any, texts: Sequence[str], labels: Sequence[int]) -> None:
    """Fit on one BLAS thread: on a busy 2-core machine, threads fighting over cores made training 10x slower."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        model.fit(list(texts), list(labels))


_TRAIN_LOCK = threading.Lock()


def empathy_model() -> Any:
    """The fitted pipeline, trained once per process on the whole corpus; never mutated after.

    The lock makes concurrent first calls (app sessions, batch threads) wait for one training run.
    """
    with _TRAIN_LOCK:
        return _trained()


@lru_cache(maxsize=1)
def _trained() -> Any:
    corpus = load_corpus()
    model = build_pipeline()
    _fit(model, corpus.texts, corpus.labels)
    logger.debug("empathy model trained on %d replies", len(corpus.texts))
    return model


def predict_proba(texts: Sequence[str]) -> list[tuple[float, float, float]]:
    """P(cold), P(neutral), P(empathetic) for each text, in one vectorised call."""
    if not texts:
        return []
    model = empathy_model()
    probs = model.predict_proba([t[:MAX_CHARS] for t in texts])
    order = list(model.classes_)
    idx = [order.index(label) for label in LABELS]
    return [(float(p[idx[0]]), float(p[idx[1]]), float(p[idx[2]])) for p in probs]


@dataclass(frozen=True)
class Evaluation:
    macro_f1: float
    roc_auc: float
    n_train: int
    n_test: int
    per_class_f1: dict[int, float]


def evaluate(*, test_size: float = 0.25, seed: int = SEED) -> Evaluation:
    """Held-out metrics on a stratified split by line group (variants of one line never straddle it)."""
    from sklearn.metrics import f1_score, roc_auc_score
    from sklearn.model_selection import StratifiedGroupKFold

    corpus = load_corpus()
    n_splits = max(2, round(1 / test_size))
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    train_idx, test_idx = next(splitter.split(corpus.texts, corpus.labels, corpus.groups))
    model = build_pipeline()
    _fit(model, [corpus.texts[i] for i in train_idx], [corpus.labels[i] for i in train_idx])
    test_texts = [corpus.texts[i] for i in test_idx]
    y_true = [corpus.labels[i] for i in test_idx]
    y_pred = list(model.predict(test_texts))
    probs = model.predict_proba(test_texts)
    p_emp = probs[:, list(model.classes_).index(2)]
    per_class = f1_score(y_true, y_pred, average=None, labels=list(LABELS))
    return Evaluation(
        macro_f1=float(f1_score(y_true, y_pred, average="macro")),
        roc_auc=float(roc_auc_score([int(y == 2) for y in y_true], p_emp)),
        n_train=len(train_idx),
        n_test=len(test_idx),
        per_class_f1={label: float(f) for label, f in zip(LABELS, per_class, strict=True)},
    )
