"""``csrsim bench``: run every bench/bench_*.py script and print one performance report.

Each script prints ``name=value budget=... ratio=...`` lines where ratio is the
headroom against the DESIGN.md budget: budget / measured for "at most" budgets
(latency, memory, real-time factor), measured / budget for "at least" ones
(throughput). So ratio >= 1 is within budget, whatever the metric. This command
only runs the scripts and gathers those lines; tests never judge speed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from csrsim.errors import CLIError
from domain.config import PROJECT_ROOT

_RATIO = re.compile(r"ratio=([0-9.]+)\b")
_METRIC = re.compile(r"^(?P<name>[A-Za-z0-9_.:-]+)=(?P<value>\S+)(?P<rest>.*)$")


def bench_scripts(directory: Path) -> list[Path]:
    return sorted(directory.glob("bench_*.py"))


def bench_dir(given: Path | None) -> Path:
    """Where the scripts are: ``--dir``, else ``bench/`` of the source checkout, else ``./bench``.

    The benchmarks drive the real app, audio and a browser, so they ship with the source, not in the wheel;
    an installed ``csrsim`` says where to get them instead of failing on a missing path.
    """
    candidates = [given] if given is not None else [PROJECT_ROOT / "bench", Path.cwd() / "bench"]
    for candidate in candidates:
        if candidate.is_dir() and bench_scripts(candidate):
            return candidate
    where = ", ".join(str(c) for c in candidates)
    raise CLIError(
        f"no benchmark scripts (bench_*.py) in {where}: the benchmarks ship with the source, not the installed "
        "package; run `csrsim bench` from a checkout of the repository or pass --dir path/to/bench"
    )


def bench(
    quick: Annotated[bool, typer.Option("--quick", help="Smaller workloads (a smoke run).")] = False,
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only these scripts (e.g. scoring).")] = None,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Where the bench scripts are (default: bench/ of the checkout).")
    ] = None,
) -> int:
    """Run the benchmarks in bench/ and print the performance report (ratios against DESIGN.md budgets)."""
    directory = bench_dir(directory)
    scripts = bench_scripts(directory)
    if only:
        scripts = [s for s in scripts if any(s.stem == f"bench_{o}" or s.stem == o for o in only)]
    if not scripts:
        raise CLIError(f"no benchmark scripts found in {directory}" + (f" matching {only}" if only else ""))
    report: list[tuple[str, str, str]] = []
    failed: list[str] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        cmd = [sys.executable, str(script), *(["--quick"] if quick else [])]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=directory.parent)
        sys.stdout.write(proc.stdout)
        if proc.returncode != 0:
            failed.append(script.name)
            sys.stderr.write(proc.stderr[-4000:])
        for line in proc.stdout.splitlines():
            match = _METRIC.match(line.strip())
            if match and "budget" in match["rest"]:
                report.append((script.stem.removeprefix("bench_"), match["name"], f"{match['value']}{match['rest']}"))
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    print("\n== performance report (ratio = headroom against budget; >= 1 is within budget)")
    for area, name, rest in report:
        ratio = _RATIO.search(rest)
        verdict = "" if ratio is None else ("  ok" if float(ratio[1]) >= 1 else "  OVER BUDGET")
        print(f"{area:<10} {name}={rest}{verdict}")
    if failed:
        raise CLIError(f"benchmark script(s) failed: {', '.join(failed)}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
