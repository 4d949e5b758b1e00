"""Bulk scoring throughput: contacts scored per hour, serial vs local process pool vs a Dask LocalCluster.

Each run is the whole batch path (read file, sniff, parse, redact, score, write rows + scorecards + errors,
flush per file) over the same generated set of text transcripts (5,000; ``--quick``: 500). One-time start-up
(model training, worker start) is measured separately and excluded from the rates.
Prints ``name=value budget=... ratio=...`` lines; ratio = measured / budget, so ratio >= 1 is within budget.
Run: ``python bench/bench_batch.py [--quick]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from batch import BatchConfig, run_batch
from batch.work import warm_up
from importers import ImportOptions

SERIAL_BUDGET_PER_HOUR = 20_000.0

AGENT = [
    "Thank you for calling Northwind, my name is {name}, this call may be recorded. How can I help you today?",
    "I'm sorry to hear that, that sounds really frustrating. Can I have your account number to verify?",
    "Thank you. And could you confirm the postcode on the account for security?",
    "Okay, I can see the duplicate ${amount} charge on the account here.",
    "I'm going to reverse that for you now, the refund takes 3 to 5 business days to show.",
    "Let me check whether anything else on the bill looks wrong while I have it open.",
    "I completely understand, nobody wants to pay twice, and I'll make sure it's sorted.",
    "So to confirm, I've reversed the duplicate charge and you'll see it within 3 to 5 business days.",
    "Is there anything else I can help you with today?",
    "Thank you for calling Northwind, have a great day.",
]
CUSTOMER = [
    "Hi, I've been charged twice this month and I'm really not happy about it.",
    "It's ACC-{account}.",
    "My card is {card}, the one ending in 1111.",
    "Okay, that's fine as long as it actually happens this time.",
    "No, that's everything, thanks.",
    "You can call me back on 555-{phone} if anything changes.",
    "Why does this keep happening? This is the second time!",
]
CARDS = ["4111 1111 1111 1111", "four one one one, one one one one, one one one one, one one one one"]
LABELS = [("Agent", "Customer"), ("Rep", "Caller"), ("CSR", "Client")]


def make_transcript(rng: random.Random, index: int) -> str:
    agent, customer = rng.choice(LABELS)
    lines: list[str] = []
    clock = 0
    for turn in range(rng.randint(8, 24)):
        label, pool = (agent, AGENT) if turn % 2 == 0 else (customer, CUSTOMER)
        text = rng.choice(pool).format(
            name=rng.choice(["Alex", "Sam", "Priya", "Jordan"]),
            amount=f"{rng.randint(10, 200)}.99",
            account=rng.randint(100000, 999999),
            card=rng.choice(
                ["4111 1111 1111 1111", "four one one one, one one one one, one one one one, one one one one"]
            ),
            phone=f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        )
        lines.append(f"[{clock // 60:02d}:{clock % 60:02d}] {label}: {text}")
        clock += rng.randint(3, 25)
    return f"Call ID: {index}\n" + "\n".join(lines) + "\n"


def generate(directory: Path, count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(count):
        (directory / f"call-{i:05d}.txt").write_text(make_transcript(rng, i), encoding="utf-8")


def line(name: str, value: float, budget: float | None) -> None:
    if budget is None:
        print(f"{name}={value:.1f} budget=none ratio=n/a", flush=True)
    else:
        print(f"{name}={value:.1f} budget={budget:.0f} ratio={value / budget:.2f}", flush=True)


def timed_run(calls: Path, out: Path, config: BatchConfig, scheduler: str, workers: int | None = None) -> float:
    start = time.perf_counter()
    summary = run_batch([calls], out=out, config=config, scheduler=scheduler, workers=workers)
    wall = time.perf_counter() - start
    if summary.errors:
        raise SystemExit(f"{scheduler}: {summary.errors} file(s) failed; see {summary.paths.errors}")
    return summary.contacts / wall * 3600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500 transcripts instead of 5,000")
    parser.add_argument("--count", type=int, default=None)
    args = parser.parse_args()
    count = args.count or (500 if args.quick else 5000)
    config = BatchConfig(import_options=ImportOptions(redact=True))
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        calls = root / "calls"
        calls.mkdir()
        generate(calls, count)
        print(f"# {count} generated text transcripts, 2 workers where parallel, cpus={os.cpu_count()}", flush=True)

        start = time.perf_counter()
        warm_up(config)
        line("batch_model_warmup_seconds", time.perf_counter() - start, None)

        serial = timed_run(calls, root / "serial.csv", config, "serial")
        line("batch_serial_contacts_per_hour", serial, SERIAL_BUDGET_PER_HOUR)

        pool = timed_run(calls, root / "pool.csv", config, "local", workers=2)
        line("batch_local_pool2_contacts_per_hour", pool, SERIAL_BUDGET_PER_HOUR)
        print(f"batch_local_pool2_speedup={pool / serial:.2f} budget=none ratio=n/a", flush=True)

        from dask.distributed import Client, LocalCluster

        start = time.perf_counter()
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(warm_up, config)
            line("batch_dask_cluster_startup_seconds", time.perf_counter() - start, None)
            dask = timed_run(calls, root / "dask.csv", config, str(cluster.scheduler_address))
        line("batch_dask_local2_contacts_per_hour", dask, SERIAL_BUDGET_PER_HOUR)
        print(f"batch_dask_local2_speedup={dask / serial:.2f} budget=none ratio=n/a", flush=True)


if __name__ == "__main__":
    main()
