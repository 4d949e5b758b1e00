"""Redaction quality and cost: recall per kind and false redactions on the generated corpus, and the memory
and time of hostile inputs at the size limits.

Quality: ``importers.redaction_corpus`` writes conversations (cards in many spellings, read-backs, split
cards, expiry and CVV forms, SSNs, phones, e-mails, and amounts, order and tracking numbers that must stay),
every value marked by span. Targets: card recall >= 0.99, overall >= 0.95, false redactions <= 0.01.
Cost: a 1 MB digit run (the issue's reproduction) and the largest allowed text upload, with peak traced
memory against the 500 MB budget and seconds against the 10 s budget, printed as ratios (budget / measured,
>= 1 is within budget). Run: ``python bench/bench_redaction.py [--quick] [--seeds N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from importers import ImportOptions
from importers.redaction import redact_text
from importers.redaction_corpus import generate_corpus, score_corpus

MB = 1024 * 1024


def quality(seeds: int) -> None:
    for seed in range(16, 16 + seeds):
        score = score_corpus(generate_corpus(seed=seed))
        per_kind = " ".join(f"recall_{k.lower()}={score.recall(k):.3f}" for k in sorted(score.total))
        print(
            f"seed={seed} lines={score.lines} values={sum(score.total.values())} kept={score.kept_total} "
            f"{per_kind} recall_overall={score.recall():.3f} false_redaction_rate={score.false_redaction_rate:.4f}"
        )
        print(
            f"  card_recall_ratio={score.recall('CARD') / 0.99:.3f} overall_ratio={score.recall() / 0.95:.3f} "
            f"false_ok={score.false_redaction_rate <= 0.01}"
        )


def cost(sizes: list[int]) -> None:
    for size in sizes:
        for name, text in (("digit_run", "1 " * (size // 2)), ("digits_and_words", "1 x " * (size // 4))):
            tracemalloc.start()
            t0 = time.perf_counter()
            redact_text(text, context="card cvv expiry")
            seconds = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(
                f"{name}_{size // MB}mb seconds={seconds:.2f} peak_mb={peak / MB:.0f} "
                f"time_ratio={10 / max(seconds, 1e-9):.2f} memory_ratio={500 * MB / max(peak, 1):.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one seed and only the 1 MB inputs")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    quality(1 if args.quick else args.seeds)
    cost([MB] if args.quick else [MB, ImportOptions().max_text_bytes])


if __name__ == "__main__":
    main()
