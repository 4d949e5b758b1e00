"""How well the role model (``language.roles``) tells agent from customer, next to its baselines, in one run.

Run ``python -m language.roles_eval`` (add ``--encoder`` to also fit the sentence-encoder variants, about a
minute more). Every estimator sees the same folds and the same held-out sets:

* **Grouped cross-validation** on the training lines: ``StratifiedGroupKFold`` over ``source:group`` (a
  dialogue-act family, a scenario, a written category), so paraphrases of one line or one scenario never sit on
  both sides of a split. Mean ± sd over folds of macro-F1, accuracy and ROC-AUC; out-of-fold Brier score and
  reliability bins for the model.
* **Separately written sets**, never trained on: ``language/data/roles_eval.csv`` (40 speech-recognition-style
  lines in other industries) and, when present, every turn of ``evaluation/outcomes/chats.jsonl`` (87 chats by
  the project's evaluation author, who did not see the training data), scored once with the text lower-cased
  and stripped of punctuation as speech recognition might give it. 95 % intervals are bootstrap percentiles
  (resampling whole chats for the chat set).

Baselines: ``DummyClassifier`` (majority class; its probability is the prior, AUC 0.5), a logistic regression
on word count alone, and the keyword lexicon (agent cues minus customer cues, > 0 says agent). The model must
beat every one of them on the held-out sets to be worth shipping; the report says whether it does.

``build_scenario_lines`` rebuilds ``language/data/roles_scenarios.csv`` from the scenario library (a snapshot,
so the model does not change when a trainer edits a scenario).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from language.roles import (
    EVAL_FILE,
    SCENARIO_FILE,
    cue_features,
    lexicon_score,
    load_rows,
    load_training,
    make_pipeline,
    normalise,
)

ROOT = Path(__file__).resolve().parent.parent
CHATS = ROOT / "evaluation" / "outcomes" / "chats.jsonl"
SCENARIOS = ROOT / "scenarios" / "scenarios"
FOLDS = 5
BOOTSTRAP = 1000


@dataclass(frozen=True)
class Metrics:
    """One estimator on one set: point values and 95 % bootstrap intervals (``*_ci``) or fold sds (``*_sd``)."""

    accuracy: float
    macro_f1: float
    auc: float
    macro_f1_spread: tuple[float, float]
    auc_spread: tuple[float, float]


@dataclass(frozen=True)
class HeldOut:
    """A separately written set: its size and each estimator's metrics (bootstrap 95 % intervals)."""

    name: str
    n: int
    metrics: dict[str, Metrics]
    seen_in_training: int = 0  # lines that read the same as a training line after ``normalise``
    # 95 % paired-bootstrap intervals of (model - lexicon): macro-F1, then ROC-AUC
    delta_vs_lexicon: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))


@dataclass(frozen=True)
class RoleReport:
    """Grouped CV (mean, with fold sd as spread) and held-out sets, every estimator from the same run."""

    n_train: int
    agent_share: float
    cv: dict[str, Metrics]
    brier_oof: float
    reliability: list[tuple[float, float, int]]
    heldout: list[HeldOut] = field(default_factory=list)

    def model_beats_baselines(self, *, margin: float = 0.02) -> dict[str, bool]:
        """Per set: does the model beat every baseline's macro-F1 and AUC by at least ``margin``?"""
        out: dict[str, bool] = {}
        sets = [("cv", self.cv), *[(h.name, h.metrics) for h in self.heldout]]
        for name, metrics in sets:
            model = metrics["model"]
            out[name] = all(
                model.macro_f1 >= m.macro_f1 + margin and model.auc >= m.auc + margin
                for k, m in metrics.items()
                if k in BASELINES
            )
        return out


BASELINES = ("dummy", "length", "lexicon")


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0))


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    if len(set(y.tolist())) < 2:
        return float("nan")
    return float(roc_auc_score(y, score))


def _lengths(texts: Sequence[str]) -> np.ndarray:
    return np.array([[len(t.split())] for t in texts], dtype=float)


# An estimator, fitted on training texts, gives (score for AUC, 0/1 prediction) for test texts.
Scorer = Callable[[list[str], np.ndarray, list[str]], tuple[np.ndarray, np.ndarray]]


def _fitted(make: Callable[[], Any]) -> Scorer:
    def run(train: list[str], y: np.ndarray, test: list[str]) -> tuple[np.ndarray, np.ndarray]:
        proba = make().fit(train, y).predict_proba(test)[:, 1]
        return proba, (proba > 0.5).astype(int)

    return run


def _dummy(train: list[str], y: np.ndarray, test: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.dummy import DummyClassifier

    model = DummyClassifier(strategy="most_frequent").fit(_lengths(train), y)
    return np.full(len(test), float(np.mean(y))), model.predict(_lengths(test))


def _length(train: list[str], y: np.ndarray, test: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(class_weight="balanced").fit(_lengths(train), y)
    return model.predict_proba(_lengths(test))[:, 1], model.predict(_lengths(test))


def _lexicon(train: list[str], y: np.ndarray, test: list[str]) -> tuple[np.ndarray, np.ndarray]:
    score = lexicon_score(test)
    return score, (score > 0).astype(int)


def _cues_only() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    return Pipeline(
        [
            ("cues", FunctionTransformer(cue_features)),
            ("scale", StandardScaler()),
            ("model", LogisticRegression(max_iter=2000, class_weight="balanced")),
        ]
    )


_VECTORS: dict[str, np.ndarray] = {}  # evaluation-only memo: every fold re-uses each line's vector


class EncoderFeatures:
    """MiniLM sentence vectors (``language.encoder``) as columns, optionally with the margin to the nearest
    agent vs customer training lines (the previous role model's one encoder feature). Evaluation only."""

    def __init__(self, *, embedding: bool = True, margin: bool = False, k: int = 3) -> None:
        self.embedding = embedding
        self.margin = margin
        self.k = k

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"embedding": self.embedding, "margin": self.margin, "k": self.k}

    def set_params(self, **params: Any) -> EncoderFeatures:
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        from language.encoder import get_encoder

        items = [str(t) for t in texts]
        missing = list(dict.fromkeys(t for t in items if t not in _VECTORS))
        if missing:
            _VECTORS.update(zip(missing, get_encoder().encode(missing), strict=True))
        return np.stack([_VECTORS[t] for t in items])

    def _columns(self, embedded: np.ndarray, *, leave_self_out: bool) -> np.ndarray:
        cols = [embedded] if self.embedding else []
        if self.margin:
            sims = embedded @ self.embeddings_.T
            if leave_self_out:
                np.fill_diagonal(sims, -1.0)
            top = []
            for label in (1, 0):
                masked = np.where(self.labels_[None, :] == label, sims, -1.0)
                top.append(np.sort(masked, axis=1)[:, -self.k :].mean(axis=1))
            cols.append(((top[0] - top[1]) * 10.0).reshape(-1, 1))
        return np.hstack(cols).astype(np.float32)

    def fit(self, texts: Sequence[str], y: Any = None) -> EncoderFeatures:
        self.embeddings_ = self._encode(texts)
        self.labels_ = np.asarray(y)
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return self._columns(self._encode(texts), leave_self_out=False)

    def fit_transform(self, texts: Sequence[str], y: Any = None) -> np.ndarray:
        self.fit(texts, y)
        return self._columns(self.embeddings_, leave_self_out=True)


def _encoder_pipeline(*, margin_only: bool, with_words: bool) -> Callable[[], Any]:
    def make() -> Any:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.preprocessing import FunctionTransformer, StandardScaler

        encoder = EncoderFeatures(embedding=not margin_only, margin=margin_only)
        parts: list[tuple[str, Any]] = [
            ("cues", Pipeline([("cues", FunctionTransformer(cue_features)), ("scale", StandardScaler())])),
            ("encoder", Pipeline([("encoder", encoder), ("scale", StandardScaler())])),
        ]
        if with_words:
            parts.append(("words", make_pipeline().named_steps["features"]))
        c = 0.2 if margin_only else 0.05
        return Pipeline(
            [
                ("features", FeatureUnion(parts)),
                ("model", LogisticRegression(C=c, max_iter=3000, class_weight="balanced")),
            ]
        )

    return make


def estimators(*, encoder: bool = False) -> dict[str, Scorer]:
    """The model, its baselines and (``encoder=True``) the sentence-encoder variants, by report name."""
    out: dict[str, Scorer] = {
        "model": _fitted(make_pipeline),
        "dummy": _dummy,
        "length": _length,
        "lexicon": _lexicon,
        "cues_logreg": _fitted(_cues_only),
    }
    if encoder:
        out["previous (cues + encoder margin)"] = _fitted(_encoder_pipeline(margin_only=True, with_words=False))
        out["cues + MiniLM vector"] = _fitted(_encoder_pipeline(margin_only=False, with_words=False))
        out["model + MiniLM vector"] = _fitted(_encoder_pipeline(margin_only=False, with_words=True))
    return out


def _bootstrap(
    y: np.ndarray, score: np.ndarray, pred: np.ndarray, clusters: Sequence[str], *, seed: int = 0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """95 % percentile intervals of macro-F1 and AUC, resampling whole clusters (a chat, or a line)."""
    rng = np.random.default_rng(seed)
    names = sorted(set(clusters))
    members = {name: np.flatnonzero(np.asarray(clusters) == name) for name in names}
    f1s, aucs = [], []
    for _ in range(BOOTSTRAP):
        idx = np.concatenate([members[names[i]] for i in rng.integers(0, len(names), len(names))])
        if len(set(y[idx].tolist())) < 2:
            continue
        f1s.append(_macro_f1(y[idx], pred[idx]))
        aucs.append(_auc(y[idx], score[idx]))
    pct = (2.5, 97.5)
    f1_lo, f1_hi = np.percentile(f1s, pct)
    auc_lo, auc_hi = np.percentile(aucs, pct)
    return (float(f1_lo), float(f1_hi)), (float(auc_lo), float(auc_hi))


def _paired_delta(
    y: np.ndarray,
    a: tuple[np.ndarray, np.ndarray],
    b: tuple[np.ndarray, np.ndarray],
    clusters: Sequence[str],
    *,
    seed: int = 0,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """95 % intervals of (a - b) in macro-F1 and AUC, both scored on the same resampled clusters each time.

    Two separate intervals overlap long before a difference is doubtful; the paired interval answers whether
    the model beats the baseline on these lines.
    """
    rng = np.random.default_rng(seed)
    names = sorted(set(clusters))
    members = {name: np.flatnonzero(np.asarray(clusters) == name) for name in names}
    d_f1, d_auc = [], []
    for _ in range(BOOTSTRAP):
        idx = np.concatenate([members[names[i]] for i in rng.integers(0, len(names), len(names))])
        if len(set(y[idx].tolist())) < 2:
            continue
        d_f1.append(_macro_f1(y[idx], a[1][idx]) - _macro_f1(y[idx], b[1][idx]))
        d_auc.append(_auc(y[idx], a[0][idx]) - _auc(y[idx], b[0][idx]))
    f_lo, f_hi = np.percentile(d_f1, (2.5, 97.5))
    a_lo, a_hi = np.percentile(d_auc, (2.5, 97.5))
    return (float(f_lo), float(f_hi)), (float(a_lo), float(a_hi))


def _heldout_sets() -> list[tuple[str, list[str], np.ndarray, list[str]]]:
    """(name, texts, labels, bootstrap clusters) of each separately written set that is present."""
    texts, labels, _ = load_rows(EVAL_FILE)
    sets = [("roles_eval.csv (ASR style)", texts, labels, [f"line{i}" for i in range(len(texts))])]
    if CHATS.is_file():
        chat_texts: list[str] = []
        chat_labels: list[int] = []
        chats: list[str] = []
        with CHATS.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                chat = json.loads(line)
                for turn in chat["turns"]:
                    if turn["speaker"] in ("agent", "customer") and turn["text"].strip():
                        chat_texts.append(turn["text"])
                        chat_labels.append(1 if turn["speaker"] == "agent" else 0)
                        chats.append(chat["id"])
        labels_arr = np.asarray(chat_labels)
        sets.append(("evaluation chats (as typed)", chat_texts, labels_arr, chats))
        spoken = [" ".join(normalise(t).split()) for t in chat_texts]
        sets.append(("evaluation chats (lower case, no punctuation)", spoken, labels_arr, chats))
    return sets


def _reliability(y: np.ndarray, proba: np.ndarray, *, bins: int = 5) -> list[tuple[float, float, int]]:
    """(mean predicted, observed agent share, n) per equal-width probability bin that holds any lines."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(proba, edges[1:-1]), 0, bins - 1)
    return [
        (round(float(proba[which == b].mean()), 3), round(float(y[which == b].mean()), 3), int(np.sum(which == b)))
        for b in range(bins)
        if np.any(which == b)
    ]


def evaluate(*, encoder: bool = False, folds: int = FOLDS, heldout: bool = True) -> RoleReport:
    """Grouped CV and held-out sets for the model and every baseline, in one run (see the module docstring)."""
    from sklearn.metrics import brier_score_loss
    from sklearn.model_selection import StratifiedGroupKFold

    data = load_training()
    texts, y = data.texts, data.labels
    runs = estimators(encoder=encoder)
    per_fold: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    oof = np.zeros(len(y))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(texts, y, data.groups):
        tr, te = [texts[i] for i in train], [texts[i] for i in test]
        for name, run in runs.items():
            score, pred = run(tr, y[train], te)
            if name == "model":
                oof[test] = score
            per_fold[name].append((float(np.mean(pred == y[test])), _macro_f1(y[test], pred), _auc(y[test], score)))
    cv: dict[str, Metrics] = {}
    for name, rows in per_fold.items():
        arr = np.asarray(rows)
        mean, sd = arr.mean(axis=0), arr.std(axis=0)
        cv[name] = Metrics(
            accuracy=float(mean[0]),
            macro_f1=float(mean[1]),
            auc=float(mean[2]),
            macro_f1_spread=(float(sd[1]), float(sd[1])),
            auc_spread=(float(sd[2]), float(sd[2])),
        )
    report = RoleReport(
        n_train=len(y),
        agent_share=float(np.mean(y)),
        cv=cv,
        brier_oof=float(brier_score_loss(y, oof)),
        reliability=_reliability(y, oof),
    )
    if heldout:
        for set_name, set_texts, set_y, clusters in _heldout_sets():
            metrics: dict[str, Metrics] = {}
            outputs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
            for name, run in runs.items():
                score, pred = run(texts, y, set_texts)
                outputs[name] = (score, pred)
                f1_ci, auc_ci = _bootstrap(set_y, score, pred, clusters)
                metrics[name] = Metrics(
                    accuracy=float(np.mean(pred == set_y)),
                    macro_f1=_macro_f1(set_y, pred),
                    auc=_auc(set_y, score),
                    macro_f1_spread=f1_ci,
                    auc_spread=auc_ci,
                )
            trained = {normalise(t) for t in texts}
            seen = sum(normalise(t) in trained for t in set_texts)
            delta = _paired_delta(set_y, outputs["model"], outputs["lexicon"], clusters)
            report.heldout.append(
                HeldOut(name=set_name, n=len(set_y), metrics=metrics, seen_in_training=seen, delta_vs_lexicon=delta)
            )
    return report


def render(report: RoleReport) -> str:
    """The report as plain text tables (what the model card quotes)."""
    lines = [
        f"training lines: {report.n_train} (agent share {report.agent_share:.2f}); "
        f"StratifiedGroupKFold({FOLDS}) by source:group",
        f"{'estimator':34s} {'macro-F1':>18s} {'ROC-AUC':>18s} {'accuracy':>9s}",
    ]
    for name, m in report.cv.items():
        lines.append(
            f"{name:34s} {m.macro_f1:8.3f} ± {m.macro_f1_spread[0]:.3f}    {m.auc:8.3f} ± {m.auc_spread[0]:.3f}"
            f"    {m.accuracy:7.3f}"
        )
    lines.append(f"model out-of-fold Brier {report.brier_oof:.3f}; reliability (predicted, observed, n):")
    lines.append("  " + "; ".join(f"{p:.2f}->{o:.2f} ({n})" for p, o, n in report.reliability))
    for held in report.heldout:
        lines.append(
            f"{held.name}: {held.n} lines ({held.seen_in_training} read the same as a training line), "
            "95 % bootstrap intervals"
        )
        for name, m in held.metrics.items():
            f_lo, f_hi = m.macro_f1_spread
            a_lo, a_hi = m.auc_spread
            lines.append(
                f"  {name:32s} macro-F1 {m.macro_f1:.3f} [{f_lo:.2f}, {f_hi:.2f}]  "
                f"AUC {m.auc:.3f} [{a_lo:.2f}, {a_hi:.2f}]  accuracy {m.accuracy:.3f}"
            )
        (df_lo, df_hi), (da_lo, da_hi) = held.delta_vs_lexicon
        lines.append(
            f"  model - lexicon (paired bootstrap 95 %): macro-F1 [{df_lo:+.2f}, {df_hi:+.2f}], "
            f"AUC [{da_lo:+.2f}, {da_hi:+.2f}]"
        )
    beats = report.model_beats_baselines()
    lines.append("model beats dummy, length and lexicon by >= 0.02 macro-F1 and AUC: " + json.dumps(beats))
    return "\n".join(lines)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def build_scenario_lines(*, scenarios: Path = SCENARIOS, write: bool = False) -> list[tuple[str, str, str, str]]:
    """(group = scenario id, role, kind, text) for every agent example and customer line of the library.

    Agent lines: the trigger examples of hidden facts and resolutions (what an agent asks or does). Customer
    lines: fact and resolution replies, mood and situation lines, flow lines. ``{placeholders}`` are filled
    with the scenario's account values. With ``write=True`` the snapshot replaces ``roles_scenarios.csv``.
    """
    import yaml

    rows: list[tuple[str, str, str, str]] = []
    for path in sorted(scenarios.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        values = {str(a["id"]): str(a["value"]) for a in doc.get("account") or []}

        def fill(text: str, values: dict[str, str] = values) -> str:
            return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(1).replace("_", " ")), text)

        found: list[tuple[str, str, str]] = []
        for fact in doc.get("hidden_facts") or []:
            found += [("agent", "fact_question", t) for t in (fact.get("reveal_when") or {}).get("examples") or []]
            found += [("customer", "fact_reply", t) for t in fact.get("replies") or []]
        for res in doc.get("resolutions") or []:
            found += [("agent", "resolution", t) for t in (res.get("when") or {}).get("examples") or []]
            found += [("customer", "resolution_reply", t) for t in res.get("replies") or []]
        for kind, said in (doc.get("lines") or {}).items():
            found += [("customer", f"line_{kind}", t) for t in (said if isinstance(said, list) else [said])]
        for node in (doc.get("flow") or {}).get("nodes") or []:
            said = node.get("say")
            if said:
                found += [("customer", "flow", t) for t in (said if isinstance(said, list) else [said])]
        seen: set[str] = set()
        for role, kind, text in found:
            filled = " ".join(fill(str(text)).split())
            if filled and filled not in seen:
                seen.add(filled)
                rows.append((str(doc["id"]), role, kind, filled))
    if write:
        with SCENARIO_FILE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["group", "role", "kind", "text"])
            writer.writerows(rows)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m language.roles_eval [--encoder] [--write-scenarios]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--encoder", action="store_true", help="also fit the sentence-encoder variants (slow)")
    parser.add_argument("--write-scenarios", action="store_true", help="rebuild roles_scenarios.csv first")
    args = parser.parse_args(argv)
    if args.write_scenarios:
        print(f"{len(build_scenario_lines(write=True))} scenario lines written to {SCENARIO_FILE}")
    print(render(evaluate(encoder=args.encoder)))


if __name__ == "__main__":
    main()
