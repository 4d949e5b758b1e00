"""The customer's understanding, measured on the per-scenario evaluation sets (issue 13's numbers).

Prints, over every scenario with a set in ``evaluation/customer/`` (``--dir`` to point elsewhere):
paraphrased right questions that reveal the fact, off-topic trigger-word questions that reveal
anything, natural resolutions accepted, goal-violating offers accepted; then seed variety and
scripted reply latency. ``--misses`` lists the lines that failed. Run:
``python bench/report_customer.py [--dir DIR] [--misses]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.loader import load_library
from simulator.evalsets import DEFAULT_DIR, load_eval_sets
from simulator.measure import Measurement, Tally, measure
from simulator.scripted import ScriptedEngine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="evaluation sets directory")
    parser.add_argument("--misses", action="store_true", help="print the lines that failed")
    args = parser.parse_args()
    lib = load_library()
    sets = load_eval_sets(args.dir)
    if not sets:
        print(f"no evaluation sets in {args.dir}", file=sys.stderr)
        return 1
    engine = ScriptedEngine()
    total = Measurement("all")
    print(f"{'scenario':32} {'reveal':>9} {'offtopic':>9} {'resolve':>9} {'bad_ok':>9}")
    for sid, data in sorted(sets.items()):
        sc = lib.scenarios.get(sid)
        if sc is None:
            print(f"{sid}: no such scenario in the library", file=sys.stderr)
            continue
        m = measure(sc, data, engine)
        for name in ("reveals", "off_topic", "resolutions", "bad_offers"):
            t: Tally = getattr(total, name)
            t += getattr(m, name)
        cells = [f"{t.hits}/{t.tried}" for t in (m.reveals, m.off_topic, m.resolutions, m.bad_offers)]
        print(f"{sid:32} " + " ".join(f"{c:>9}" for c in cells))
        if args.misses:
            for label, t, leaks in (
                ("missed reveal", m.reveals, False),
                ("leaked", m.off_topic, True),
                ("refused resolution", m.resolutions, False),
                ("accepted bad offer", m.bad_offers, True),
            ):
                lines = [x for x in data_lines(data, label)] if leaks else t.misses
                for line in lines if not leaks else [x for x in lines if x not in t.misses]:
                    print(f"    {label}: {line}")
    print()
    print(f"paraphrase_reveal_rate={total.reveals.rate:.3f} target>=0.90 n={total.reveals.tried}")
    print(f"off_topic_reveal_rate={total.off_topic.rate:.3f} target<=0.05 n={total.off_topic.tried}")
    print(f"natural_resolution_accept_rate={total.resolutions.rate:.3f} target>=0.95 n={total.resolutions.tried}")
    print(f"bad_offers_accepted={total.bad_offers.hits} target=0 n={total.bad_offers.tried}")
    return 0


def data_lines(data: object, label: str) -> list[str]:
    if label == "leaked":
        return list(data.off_topic)  # type: ignore[attr-defined]
    return list(data.bad_offers)  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
