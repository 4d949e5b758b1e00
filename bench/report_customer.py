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
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.loader import load_library
from simulator.evalsets import DEFAULT_DIR, CustomerEvalSet, load_eval_sets
from simulator.measure import Measurement, Tally, measure
from simulator.scripted import ScriptedEngine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="evaluation sets directory")
    parser.add_argument("--misses", action="store_true", help="print the lines that failed")
    parser.add_argument("--no-cold-start", action="store_true", help="skip timing a cold `csrsim play`")
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
            leaked = [q for q in data.off_topic if q not in m.off_topic.misses]
            accepted_bad = [q for q in data.bad_offers if q not in m.bad_offers.misses]
            for label, lines in (
                ("missed reveal", m.reveals.misses),
                ("leaked", leaked),
                ("refused resolution", m.resolutions.misses),
                ("accepted bad offer", accepted_bad),
            ):
                for line in lines:
                    print(f"    {label}: {line}")
    print()
    print(f"paraphrase_reveal_rate={total.reveals.rate:.3f} target>=0.90 n={total.reveals.tried}")
    print(f"off_topic_reveal_rate={total.off_topic.rate:.3f} target<=0.05 n={total.off_topic.tried}")
    print(f"natural_resolution_accept_rate={total.resolutions.rate:.3f} target>=0.95 n={total.resolutions.tried}")
    print(f"bad_offers_accepted={total.bad_offers.hits} target=0 n={total.bad_offers.tried}")
    seed_variety(lib, engine)
    latency(lib, sets, engine)
    if not args.no_cold_start:
        cold_start()
    return 0


def seed_variety(lib: object, engine: ScriptedEngine) -> None:
    """Ten seeds of the good agent per scenario whose persona has ranges: distinct (end, turns, mood)."""
    from simulator.doctor import play_agent

    ranged = [
        sc
        for sc in lib.scenarios.values()  # type: ignore[attr-defined]
        if sc.persona.patience_range or sc.persona.anger_range or sc.persona.temper
    ]
    varied = 0
    for sc in sorted(ranged, key=lambda s: s.id):
        outcomes = set()
        for seed in range(10):
            session = play_agent(sc, "good", engine, data=None, seed=seed)
            turns = sum(1 for t in session.turns if t.speaker == "agent")
            outcomes.add((session.end_state, turns, session.state.mood, round(session.state.anger, 1)))
        varied += len(outcomes) >= 2
        print(f"  seeds {sc.id}: {len(outcomes)} distinct outcomes over 10 seeds")
    print(f"scenarios_with_seed_variety={varied}/{len(ranged)} target=all (>=2 distinct outcomes each)")


def latency(lib: object, sets: Mapping[str, CustomerEvalSet], engine: ScriptedEngine) -> None:
    """Scripted reply time per turn, encoder included: no sentence of a timed turn has been encoded before."""
    import time

    from language.encoder import get_encoder
    from simulator.engine import AgentTurn

    encoder = get_encoder()
    samples: list[float] = []
    for sid, data in sorted(sets.items()):
        sc = lib.scenarios.get(sid)  # type: ignore[attr-defined]
        if sc is None:
            continue
        questions = [q for qs in data.hidden_facts.values() for q in qs][:6]
        offers = [q for qs in data.resolutions.values() for q in qs][:2] + list(data.bad_offers[:2])
        lines = questions + list(data.off_topic[:3]) + offers
        state = engine.reset(sc, seed=1).state
        engine.step(sc, state, AgentTurn(text="warm-up"))
        for line in lines:
            # Every sentence new to the encoder, as a trainee's own words are (the example banks stay encoded).
            encoder.forget()
            t0 = time.perf_counter()
            engine.step(sc, state, AgentTurn(text=line))
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    if not samples:
        print("scripted_reply_p95_ms=nan (no lines)")
        return
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"scripted_reply_p95_ms={p95:.1f} budget=50 ratio={50 / p95:.2f} n={len(samples)}")


def cold_start() -> None:
    """``csrsim play`` from a cold process until the first turn can be taken: the customer's opening line, or
    on an inbound call the open line waiting for the agent's greeting. Killed after 60 s, never left hanging."""
    import subprocess
    import threading
    import time

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "csrsim"), "play", "billing-double-charge"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=root,
    )
    assert proc.stdout is not None
    watchdog = threading.Timer(60.0, proc.kill)
    watchdog.start()
    ready = False
    for line in proc.stdout:
        if line.startswith("customer:") or "the line is open" in line:
            ready = True
            break
    seconds = time.perf_counter() - t0
    watchdog.cancel()
    proc.kill()
    proc.wait()
    if not ready:
        print(f"play_ready_cold_s=none: csrsim play showed no first turn in {seconds:.0f} s")
        return
    print(f"play_ready_cold_s={seconds:.2f} budget=3 ratio={3 / seconds:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
