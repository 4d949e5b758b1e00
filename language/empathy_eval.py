"""How good is the empathy judgement? Cross-validation beside baselines from the same run.

The task measured is the one reviewers care about: *any empathy vs none* (empathetic vs
neutral + cold), as ROC-AUC of P(empathetic). Folds are grouped (``GroupKFold`` on the corpus
``group``: variants of one line never straddle train and test). Beside the model, in the same
folds: a ``DummyClassifier`` (prior), word count alone, the five-word lexicon
(sorry/understand/feel/hope/hear) and the cue-count light model. Also: a length-matched subset
(empathetic and other replies with the same word-count distribution, so length cannot help),
calibration (Brier score, reliability bins) on the out-of-fold probabilities, and — when the
separately written evaluation set is present — the same numbers on it.

Run ``python -m language.empathy_eval`` (or ``bench/bench_validity.py``); docs/models/empathy.md
reports a run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np

from language.empathy import (
    FIVE_WORDS,
    Corpus,
    corpus_vectors,
    cue_matrix,
    full_features,
    judge_sentences,
    length_balanced_weights,
    load_corpus,
    make_full,
    make_light,
)

EVALUATION_SET = Path(__file__).resolve().parent.parent / "evaluation" / "empathy" / "replies.jsonl"
FOLDS = 5
REQUIRED_MARGIN = {"dummy": 0.30, "word_count": 0.10, "five_word_lexicon": 0.10}
BINS = 5


@dataclass
class Report:
    cv_auc: dict[str, tuple[float, float]] = field(default_factory=dict)  # name -> (mean, sd)
    length_matched_auc: dict[str, float] = field(default_factory=dict)
    brier: float = float("nan")
    reliability: list[tuple[float, float, int]] = field(default_factory=list)  # mean predicted, observed, n
    heldout_auc: dict[str, float] = field(default_factory=dict)
    heldout_n: int = 0
    n: int = 0

    def margins_met(self) -> dict[str, bool]:
        model = self.cv_auc["model"][0]
        return {name: model >= self.cv_auc[name][0] + m for name, m in REQUIRED_MARGIN.items()}


def _word_count(texts: Sequence[str]) -> np.ndarray:
    return np.asarray([[len(t.split())] for t in texts], dtype=float)


def _five_words(texts: Sequence[str]) -> np.ndarray:
    return np.asarray([[len(FIVE_WORDS.findall(t))] for t in texts], dtype=float)


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    if len(set(y.tolist())) < 2:
        return float("nan")
    return float(roc_auc_score(y, score))


def _length_matched(texts: Sequence[str], y: np.ndarray, *, seed: int = 13) -> np.ndarray:
    """Indices of a subset where positives and negatives have the same word-count histogram."""
    rng = np.random.default_rng(seed)
    words = np.asarray([len(t.split()) for t in texts])
    bins = np.digitize(words, [3, 5, 7, 9, 12, 15, 19, 24, 30, 40])
    keep: list[int] = []
    for b in np.unique(bins):
        pos = np.flatnonzero((bins == b) & (y == 1))
        neg = np.flatnonzero((bins == b) & (y == 0))
        k = min(len(pos), len(neg))
        if k:
            keep.extend(rng.choice(pos, k, replace=False).tolist())
            keep.extend(rng.choice(neg, k, replace=False).tolist())
    return np.asarray(sorted(keep))


def evaluate(corpus: Corpus | None = None) -> Report:
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss
    from sklearn.model_selection import GroupKFold

    corpus = corpus or load_corpus()
    texts = corpus.texts
    y3 = corpus.labels
    y = (y3 == 2).astype(int)
    vectors = corpus_vectors(corpus)
    x_full = full_features(vectors, texts)
    x_cues = cue_matrix(texts)
    x_len = _word_count(texts)
    x_five = _five_words(texts)
    makers: dict[str, tuple[Callable[[], object], np.ndarray, bool]] = {
        "model": (make_full, x_full, True),
        "cue_model": (make_light, x_cues, True),
        "dummy": (lambda: DummyClassifier(strategy="prior"), x_len, False),
        "word_count": (lambda: LogisticRegression(), x_len, False),
        "five_word_lexicon": (lambda: LogisticRegression(), x_five, False),
    }
    groups = np.asarray(corpus.groups)
    oof = {name: np.zeros(len(texts)) for name in makers}
    per_fold: dict[str, list[float]] = {name: [] for name in makers}
    for train, test in GroupKFold(n_splits=FOLDS).split(x_full, y, groups):
        for name, (make, x, three_class) in makers.items():
            est = make()
            target = y3 if three_class else y
            if name == "model":
                w = length_balanced_weights([texts[i] for i in train], y3[train])
                est.fit(x[train], target[train], logisticregression__sample_weight=w)  # type: ignore[attr-defined]
            elif name == "cue_model":
                w = length_balanced_weights([texts[i] for i in train], y3[train])
                est.fit(x[train], target[train], sample_weight=w)  # type: ignore[attr-defined]
            else:
                est.fit(x[train], target[train])  # type: ignore[attr-defined]
            proba = est.predict_proba(x[test])  # type: ignore[attr-defined]
            classes = list(est.classes_)  # type: ignore[attr-defined]
            col = classes.index(2 if three_class else 1) if (2 if three_class else 1) in classes else None
            p = proba[:, col] if col is not None else np.zeros(len(test))
            oof[name][test] = p
            per_fold[name].append(_auc(y[test], p))
    report = Report(n=len(texts))
    for name, aucs in per_fold.items():
        report.cv_auc[name] = (float(np.nanmean(aucs)), float(np.nanstd(aucs)))
    matched = _length_matched(texts, y)
    for name in makers:
        report.length_matched_auc[name] = _auc(y[matched], oof[name][matched])
    report.brier = float(brier_score_loss(y, oof["model"]))
    edges = np.linspace(0, 1, BINS + 1)
    for lo, hi in pairwise(edges):
        mask = (oof["model"] >= lo) & ((oof["model"] < hi) if hi < 1 else (oof["model"] <= hi))
        if mask.any():
            report.reliability.append((float(oof["model"][mask].mean()), float(y[mask].mean()), int(mask.sum())))
    _heldout(report)
    return report


def _heldout(report: Report) -> None:
    """The separately written evaluation set (evaluation/empathy/replies.jsonl), when present."""
    if not EVALUATION_SET.is_file():
        return
    rows = [json.loads(line) for line in EVALUATION_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    y = np.asarray([1 if r["label"] == "empathetic" else 0 for r in rows])
    report.heldout_n = len(rows)
    model_scores = []
    for text in texts:
        from language.empathy import split_sentences

        judged = judge_sentences(split_sentences(text) or [text])
        cold = any(j.cold for j in judged)
        model_scores.append(0.0 if cold else max(j.p_empathetic for j in judged))
    report.heldout_auc["model (per sentence)"] = _auc(y, np.asarray(model_scores))
    report.heldout_auc["word_count"] = _auc(y, _word_count(texts)[:, 0])
    report.heldout_auc["five_word_lexicon"] = _auc(y, _five_words(texts)[:, 0])


def render(report: Report) -> str:
    lines = [f"# empathy (any empathy vs none), {report.n} corpus replies, GroupKFold({FOLDS})"]
    lines.append("| estimator | CV ROC-AUC mean ± sd | length-matched ROC-AUC |")
    lines.append("| --- | --- | --- |")
    for name, (mean, sd) in report.cv_auc.items():
        lines.append(f"| {name} | {mean:.3f} ± {sd:.3f} | {report.length_matched_auc.get(name, float('nan')):.3f} |")
    for name, met in report.margins_met().items():
        lines.append(f"margin over {name} (required +{REQUIRED_MARGIN[name]:.2f}): {'met' if met else 'NOT met'}")
    lines.append(f"Brier score (out-of-fold P(empathetic)): {report.brier:.3f}")
    lines.append(
        "reliability bins (mean predicted → observed, n): "
        + "; ".join(f"{p:.2f}→{o:.2f} ({n})" for p, o, n in report.reliability)
    )
    if report.heldout_n:
        lines.append(f"separately written evaluation set ({report.heldout_n} replies), ROC-AUC:")
        lines.extend(f"  {name}: {auc:.3f}" for name, auc in report.heldout_auc.items())
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(evaluate()))
