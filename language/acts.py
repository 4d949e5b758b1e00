"""Dialogue acts: which acts (``domain.acts.Act``) an agent utterance carries.

A real multi-label scikit-learn model (one logistic regression per act over TF-IDF
word 1-2-grams, char 2-5-grams and the transparent cue features of ``lexicon``),
trained at first use from ``language/data/agent_utterances.csv`` and cached per
process. The cached model is never mutated; ``classify`` only reads it.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from domain.acts import Act
from language import act_cues as lexicon
from language.text import clip as for_classifier
from language.text import sentences

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "agent_utterances.csv"
THRESHOLD = 0.4
THRESHOLDS = {Act.RUDE: 0.5}
"""Calling a trainee rude makes the customer angry: the model must be surer of it than of other acts."""
FALLBACK_MIN = 0.25
SEED = 0
_SERVICE_DONE = re.compile(
    r"\b(?:i|we)(?:'ve| have)\s+(?:just\s+|now\s+|already\s+|also\s+)?(?!got\b)(?:\w+ed|set up|sent|put|made|taken|"
    r"booked|opened)\b|"
    r"\b(?:notes?|credits?|refunds?|flags?|requests?|tickets?|labels?|reminders?)\s+(?:(?:has|have) been |is |was )?"
    r"(?:added|applied|placed|logged|raised|issued|sent|set)\b|"
    r"(?:\b(?:is|are|has been|have been)\s+|'s\s+|'re\s+)(?:now\s+|all\s+)?(?:re-?\w+ed|cancell?ed|refunded|removed|"
    r"credited|waived|booked|sorted|fixed|sent|added|applied|reversed|scheduled)\b",
    re.I,
)
"""Something done for the customer ("I've noted the gate so the reader calls ahead next time"): with no rude cue
in it, the model's "rude" (learned from "next time, read the bill") is not heard."""
_REQUESTS = frozenset({Act.IDENTITY_CHECK, Act.HOLD, Act.CLOSING, Act.UPSELL_PITCH, Act.OFFER, Act.ESCALATION})


@dataclass(frozen=True)
class Example:
    text: str
    acts: frozenset[Act]
    style: str


def load_corpus(path: Path = DATA_FILE) -> list[Example]:
    """The labelled utterances: columns text, acts (';'-separated Act values), style."""
    examples = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            try:
                acts = frozenset(Act(a.strip()) for a in row["acts"].split(";") if a.strip())
            except ValueError as exc:
                raise ValueError(f"{path.name}:{i}: {exc}") from exc
            if not acts or not row["text"].strip():
                raise ValueError(f"{path.name}:{i}: empty text or acts")
            examples.append(Example(row["text"].strip(), acts, (row.get("style") or "").strip()))
    return examples


def _cue_matrix(texts: Any) -> Any:
    import numpy as np

    rows = [[1.0 if lexicon.PATTERNS[a].search(t) else 0.0 for a in lexicon.ORDER] for t in texts]
    return np.asarray(rows, dtype=float).reshape(len(rows), len(lexicon.ORDER))


def build_pipeline() -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ("cues", FunctionTransformer(_cue_matrix, validate=False)),
        ]
    )
    model = OneVsRestClassifier(LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))
    return Pipeline([("features", features), ("model", model)])


@dataclass(frozen=True)
class ActClassifier:
    """A fitted pipeline plus the label order; call ``classify``/``scores``, never refit.

    ``weights``/``bias`` are the per-act logistic regressions stacked into one matrix: the same
    probabilities as ``pipeline.predict_proba`` for one utterance, a third of the time (sklearn's
    per-estimator input validation dominated a single-utterance call).
    """

    pipeline: Pipeline
    labels: tuple[Act, ...]
    weights: Any
    bias: Any

    def scores(self, text: str) -> dict[Act, float]:
        import numpy as np
        from scipy import sparse

        batch = [for_classifier(text)]
        # FeatureUnion.transform stacks the same blocks, but dispatches through joblib: 8 ms of a 20 ms reply.
        union = self.pipeline.named_steps["features"]
        features = sparse.hstack([step.transform(batch) for _, step in union.transformer_list]).tocsr()
        logits = np.asarray(features @ self.weights).ravel() + self.bias
        probs = 1.0 / (1.0 + np.exp(-logits))
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def classify(self, text: str) -> set[Act]:
        """Acts in the utterance: the model's above THRESHOLD, plus unmistakable cues."""
        clipped = for_classifier(text)
        if not clipped.strip():
            return set()
        scores = self.scores(clipped)
        acts = {a for a, p in scores.items() if p >= THRESHOLDS.get(a, THRESHOLD)}
        strong = lexicon.strong_hits(clipped)
        if acts & _REQUESTS or (Act.EXPLANATION in acts and not clipped.rstrip().endswith("?")):
            # "Can I take your account number?" asks for identity, "What happened is..." explains: neither asks
            # about the customer's situation.
            strong.discard(Act.QUESTION)
        acts |= strong
        if (
            Act.RUDE in acts
            and Act.RUDE not in strong
            and not lexicon.PATTERNS[Act.RUDE].search(clipped)
            and _SERVICE_DONE.search(clipped)
            # sentence by sentence: "I've refunded the fee. Other people manage to pay on time." is still rude
            and all(
                _SERVICE_DONE.search(part) or self.scores(part)[Act.RUDE] < THRESHOLDS[Act.RUDE]
                for part in sentences(clipped)
            )
        ):
            acts.discard(Act.RUDE)
        if len(acts) > 1:
            acts.discard(Act.OTHER)
        if not acts:
            best, p = max(scores.items(), key=lambda kv: kv[1])
            acts = {best} if p >= FALLBACK_MIN and best != Act.RUDE else {Act.OTHER}
        return acts


def fit(examples: list[Example]) -> ActClassifier:
    from sklearn.preprocessing import MultiLabelBinarizer

    labels = tuple(a for a in Act if any(a in e.acts for e in examples))
    binarizer = MultiLabelBinarizer(classes=list(labels))
    y = binarizer.fit_transform([sorted(e.acts) for e in examples])
    from threadpoolctl import threadpool_limits

    pipeline = build_pipeline()
    # One BLAS/OpenMP thread: on a shared 2-core box, thread oversubscription made fitting 10x slower.
    with threadpool_limits(limits=1):
        pipeline.fit([e.text for e in examples], y)
    import numpy as np

    estimators = pipeline.named_steps["model"].estimators_
    weights = np.vstack([est.coef_[0] for est in estimators]).T
    bias = np.array([est.intercept_[0] for est in estimators])
    weights.setflags(write=False)
    bias.setflags(write=False)
    return ActClassifier(pipeline, labels, weights, bias)


@lru_cache(maxsize=1)
def get_classifier() -> ActClassifier:
    """The process-wide classifier, trained once from the shipped corpus."""
    examples = load_corpus()
    clf = fit(examples)
    logger.debug("act classifier trained on %d utterances, %d labels", len(examples), len(clf.labels))
    return clf


def classify(text: str) -> set[Act]:
    """Acts in one agent utterance, with the process-wide classifier (the public entry point)."""
    return get_classifier().classify(text)


def evaluate(*, test_size: float = 0.25, seed: int = SEED) -> dict[str, Any]:
    """Macro-F1 on a held-out split stratified by each example's primary act, beside a baseline.

    The baseline is scikit-learn's ``DummyClassifier(strategy="stratified")`` per act on the same
    split, so the number says how much the model learns beyond label frequencies.
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import MultiLabelBinarizer

    examples = load_corpus()
    strata = [sorted(e.acts)[0] if len(e.acts) == 1 else "multi" for e in examples]
    train, test = train_test_split(examples, test_size=test_size, random_state=seed, stratify=strata)
    clf = fit(train)
    binarizer = MultiLabelBinarizer(classes=list(clf.labels))
    y_true = binarizer.fit_transform([sorted(a for a in e.acts if a in clf.labels) for e in test])
    y_pred = binarizer.transform([sorted(clf.classify(e.text)) for e in test])
    per_label = f1_score(y_true, y_pred, average=None, zero_division=0)
    from sklearn.dummy import DummyClassifier

    y_train = binarizer.transform([sorted(a for a in e.acts if a in clf.labels) for e in train])
    dummy = DummyClassifier(strategy="stratified", random_state=seed).fit([[0]] * len(train), y_train)
    y_dummy = dummy.predict([[0]] * len(test))
    return {
        "baseline_macro_f1": float(f1_score(y_true, y_dummy, average="macro", zero_division=0)),
        "n_train": len(train),
        "n_test": len(test),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "per_label_f1": {str(a): round(float(f), 3) for a, f in zip(clf.labels, per_label, strict=True)},
    }
