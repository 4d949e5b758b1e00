"""Scripted customer reply latency: p50/p95 over 1,000 agent turns (``--quick``: 200) across the library.

Each measured turn is one ``Session.agent`` call (classify, state machine, line choice) on a
session in progress; sessions are restarted when a call ends. Classifier training happens once,
before timing, and is reported separately.
Prints ``name=value budget=... ratio=...`` lines; ratio = budget / measured (headroom), so ratio >= 1 is within budget.
Run: ``python bench/bench_simulator.py [--quick]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.loader import load_library
from simulator import ManualClock, Session
from simulator.classifier import get_classifier
from simulator.scripted import ScriptedEngine

BUDGET_P95_MS = 50.0

TURNS = [
    "Good morning, thanks for calling, my name is Sam, this call is recorded for quality purposes.",
    "I'm really sorry about that, I completely understand how frustrating it must be.",
    "Could you confirm your account number and the postcode please?",
    "When did you first notice it, and what does your statement show?",
    "Have you contacted us about this before?",
    "Let me explain: the charge is because of the price change this month.",
    "What I can do is refund that for you today.",
    "um so yeah like can you uh hold on one sec while I check",
    "Can I put you on a brief hold?",
    "Is there anything else I can help you with today?",
    "calm down, it's not my problem",
    "",
    "🙂",
    "lorem ipsum dolor sit amet " * 400,
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 turns instead of 1,000")
    args = parser.parse_args()
    n_turns = 200 if args.quick else 1000

    started = time.perf_counter()
    get_classifier()
    train_s = time.perf_counter() - started
    library = load_library()
    scenarios = [library.scenarios[k] for k in sorted(library.scenarios)]
    engine = ScriptedEngine()
    rng = random.Random(0)
    timings: list[float] = []
    session = Session.start(scenarios[0], engine=engine, seed=0, clock=ManualClock())
    i = 0
    while len(timings) < n_turns:
        if session.ended:
            i += 1
            session = Session.start(scenarios[i % len(scenarios)], engine=engine, seed=i, clock=ManualClock())
        text = rng.choice(TURNS)
        t0 = time.perf_counter()
        session.agent(text)
        timings.append((time.perf_counter() - t0) * 1000)

    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(f"classifier_train_s={train_s:.2f}")
    print(f"scripted_turns={len(timings)} sessions={i + 1}")
    print(f"scripted_reply_p50_ms={p50:.2f}")
    print(f"scripted_reply_p95_ms={p95:.2f} budget<={BUDGET_P95_MS:.0f} ratio={BUDGET_P95_MS / max(p95, 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
