"""Calibrating the hidden-fact bar (``simulator.hearing.REVEAL_THRESHOLD``) on the library's own examples.

Leave-one-out: each authored ``reveal_when`` example is scored against the rest of its fact's bank
(the other examples and the fact's description): the held-out rate (TPR) is how many paraphrases a
threshold keeps. Negatives: every question-act line of ``language/data/agent_utterances.csv``
(generic agent questions from other domains) against every fact's bank (FPR). Nothing from
``evaluation/`` is read unless ``--seen DIR`` names a set already seen. Run:
``python bench/calibrate_reveal.py [--compare] [--seen evaluation/customer]``.

``--compare`` also measures a learned matcher on the same folds (DESIGN.md, "Measuring a learned part
honestly"): a logistic regression over cosine features of a (turn, fact) pair (best and mean-of-top-2
cosine to the fact's bank, cosine to its description, margin to the next fact, closeness to routine and
to generic agent questions, whether the turn is a question). Folds are grouped by scenario (a
scenario's examples never train the model that judges them); negatives are generic questions against
every fact plus each held-out example against the other facts of its scenario. Both rules report AUC and
recall at FPR <= 3 % (the cosine rule's score is its best cosine, zero when another fact is closer by
more than ``REVEAL_MARGIN``). With ``--seen`` both are also run on an evaluation directory, each at the
bar its LOO folds chose.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.loader import load_library  # noqa: E402
from language.encoder import get_encoder  # noqa: E402
from language.questions import question_type  # noqa: E402
from language.text import sentences  # noqa: E402
from simulator.hearing import REVEAL_MARGIN, ROUTINE_QUESTIONS  # noqa: E402

MAX_FPR = 0.03


def _generic() -> list[str]:
    with (ROOT / "language" / "data" / "agent_utterances.csv").open(encoding="utf-8") as fh:
        return [r["text"] for r in csv.DictReader(fh) if "question" in r["acts"].split(";")]


def threshold_sweep() -> None:
    generic = _generic()
    enc = get_encoder()
    background = enc.encode(generic)
    held_out: list[float] = []
    negatives: list[float] = []
    for sc in load_library().scenarios.values():
        for fact in sc.hidden_facts:
            bank = [*fact.reveal_when.examples, fact.description]
            vecs = enc.encode(bank)
            for i in range(len(bank) - 1):
                held_out.append(float(np.delete(vecs @ vecs[i], i).max()))
            negatives.extend((background @ vecs.T).max(axis=1).tolist())
    pos, neg = np.array(held_out), np.array(negatives)
    print(f"held-out examples={len(pos)} generic questions x facts={len(neg)}")
    chosen = None
    for t in np.arange(0.45, 0.66, 0.01):
        tpr, fpr = float((pos >= t).mean()), float((neg >= t).mean())
        print(f"threshold={t:.2f} held_out_tpr={tpr:.3f} generic_fpr={fpr:.4f}")
        if chosen is None and fpr < MAX_FPR:
            chosen = t
    print(f"lowest threshold with generic_fpr<{MAX_FPR}: {chosen:.2f}" if chosen is not None else "none")


# -- learned matcher vs cosine rule -------------------------------------------------------------------
class _Featurer:
    """Cosine features of a (turn, fact) pair; rule score = best cosine gated by the margin."""

    def __init__(self) -> None:
        self.enc = get_encoder()
        self.generic = _generic()
        self.g = self.enc.encode(self.generic)
        self.r = self.enc.encode(list(ROUTINE_QUESTIONS))

    def turn(self, text: str) -> np.ndarray:
        split = sentences(text)
        return self.enc.encode([text, *(split[:6] if len(split) > 1 else [])])

    def pair(
        self, v: np.ndarray, banks: dict[str, np.ndarray], fid: str, text: str, *, skip_generic: int | None = None
    ) -> tuple[list[float], float]:
        best = {k: float((v @ b.T).max()) for k, b in banks.items()}
        sims = v @ banks[fid].T
        top2 = float(np.sort(sims, axis=1)[:, ::-1][:, :2].mean(axis=1).max())
        desc = float(sims[:, -1].max())
        others = [s for k, s in best.items() if k != fid]
        margin = best[fid] - (max(others) if others else 0.0)
        g = v @ self.g.T
        if skip_generic is not None:
            g[:, skip_generic] = -1.0
        asked = float(question_type(text).is_question)
        row = [best[fid], top2, desc, float(np.clip(margin, -0.3, 0.3)), float((v @ self.r.T).max()), float(g.max())]
        rule = best[fid] if margin >= -REVEAL_MARGIN else 0.0
        return [*row, asked], rule


def _recall_at(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    bar = float(np.quantile(scores[y == 0], 1 - MAX_FPR))
    return float((scores[y == 1] > bar).mean()), bar


def compare(seen: Path | None) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    feat = _Featurer()
    scen = [s for s in load_library().scenarios.values() if s.language == "en" and s.hidden_facts]
    x: list[list[float]] = []
    rule: list[float] = []
    y: list[int] = []
    group: list[int] = []
    for si, sc in enumerate(scen):
        texts = {f.id: [*f.reveal_when.examples, f.description] for f in sc.hidden_facts}
        vecs = {k: feat.enc.encode(v) for k, v in texts.items()}
        for fid, bank in texts.items():
            for i, text in enumerate(bank[:-1]):
                banks = {k: (np.delete(b, i, axis=0) if k == fid else b) for k, b in vecs.items()}
                v = feat.turn(text)
                for k in banks:
                    row, r = feat.pair(v, banks, k, text)
                    x.append(row)
                    rule.append(r)
                    y.append(int(k == fid))
                    group.append(si)
        for j, text in enumerate(feat.generic):
            v = feat.turn(text)
            for k in vecs:
                row, r = feat.pair(v, vecs, k, text, skip_generic=j)
                x.append(row)
                rule.append(r)
                y.append(0)
                group.append(si)
    xa, ya, ga, ra = np.array(x), np.array(y), np.array(group), np.array(rule)
    oof = np.zeros(len(ya))
    for g in np.unique(ga):
        test = ga == g
        model = LogisticRegression(max_iter=1000, class_weight="balanced").fit(xa[~test], ya[~test])
        oof[test] = model.predict_proba(xa[test])[:, 1]
    print(f"pairs={len(ya)} positives={int(ya.sum())} folds={len(np.unique(ga))} (grouped by scenario)")
    rule_recall, rule_bar = _recall_at(ra, ya)
    lr_recall, lr_bar = _recall_at(oof, ya)
    print(f"cosine_rule  auc={roc_auc_score(ya, ra):.4f} recall@fpr{MAX_FPR}={rule_recall:.3f} bar={rule_bar:.3f}")
    print(f"learned_lr   auc={roc_auc_score(ya, oof):.4f} recall@fpr{MAX_FPR}={lr_recall:.3f} bar={lr_bar:.3f}")
    if seen is None:
        return
    from simulator.evalsets import load_eval_sets

    model = LogisticRegression(max_iter=1000, class_weight="balanced").fit(xa, ya)
    lib = load_library()
    hits = {"rule": [0, 0], "lr": [0, 0]}
    tried = [0, 0]
    for sid, data in sorted(load_eval_sets(seen).items()):
        seen_sc = lib.scenarios.get(sid)
        if seen_sc is None or seen_sc.language != "en":
            continue
        vecs = {f.id: feat.enc.encode([*f.reveal_when.examples, f.description]) for f in seen_sc.hidden_facts}
        lines = [(q, fid) for fid, qs in data.hidden_facts.items() for q in qs] + [(q, "") for q in data.off_topic]
        for q, fid in lines:
            v = feat.turn(q)
            pairs = {k: feat.pair(v, vecs, k, q) for k in vecs}
            lr_p = {k: float(model.predict_proba([row])[0, 1]) for k, (row, _) in pairs.items()}
            got = {
                "rule": {k for k, (_, r) in pairs.items() if r >= rule_bar},
                "lr": {k for k, p in lr_p.items() if p > lr_bar},
            }
            slot = 0 if fid else 1
            tried[slot] += 1
            for name, found in got.items():
                hits[name][slot] += int(fid in found) if fid else int(bool(found))
    for name, (tp, fp) in hits.items():
        print(f"seen {name:5} reveal={tp / tried[0]:.3f} off_topic={fp / tried[1]:.3f} (no routine/act gates)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", action="store_true", help="also fit and compare the learned matcher")
    parser.add_argument("--seen", type=Path, default=None, help="an already-seen evaluation directory")
    args = parser.parse_args()
    threshold_sweep()
    if args.compare or args.seen is not None:
        compare(args.seen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
