"""Calibrating the hidden-fact bar (``simulator.hearing.REVEAL_THRESHOLD``) on the library's own examples.

Leave-one-out: each authored ``reveal_when`` example is scored against the rest of its fact's bank
(the other examples and the fact's description): the held-out rate (TPR) is how many paraphrases a
threshold keeps. Negatives: every question-act line of ``language/data/agent_utterances.csv``
(generic agent questions from other domains) against every fact's bank (FPR). Nothing from
``evaluation/`` is read. Run: ``python bench/calibrate_reveal.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.loader import load_library  # noqa: E402
from language.encoder import get_encoder  # noqa: E402

MAX_FPR = 0.03


def main() -> int:
    with (ROOT / "language" / "data" / "agent_utterances.csv").open(encoding="utf-8") as fh:
        generic = [r["text"] for r in csv.DictReader(fh) if "question" in r["acts"].split(";")]
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
