"""The same pure scoring function gives the same results serially, on a process pool and on a Dask cluster."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from batch import BatchConfig, run_batch
from batch.outputs import OutputPaths
from batch.schedulers import SchedulerError, run_jobs
from batch.work import FileJob


def _contacts(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Rows and scorecards by contact, without ``scored_at`` (the one field that differs run to run)."""
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {(r["file"], r["transcript"]): r for r in csv.DictReader(handle)}
    for row in rows.values():
        assert row.pop("scored_at")
    cards = OutputPaths.for_output(out, fmt="csv").scorecards.read_text(encoding="utf-8").splitlines()
    for line in cards:
        card = json.loads(line)
        assert card["metadata"].pop("scored_at")
        rows[(card["metadata"]["source_file"], card["transcript"])]["card"] = card
    return rows


def _errors(out: Path) -> set[tuple[str, str]]:
    with OutputPaths.for_output(out, fmt="csv").errors.open(encoding="utf-8", newline="") as handle:
        return {(r["file"], r["reason"]) for r in csv.DictReader(handle)}


@pytest.fixture
def serial(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> Path:
    out = tmp_path / "serial" / "results.csv"
    run_batch([calls_dir], out=out, config=config, scheduler="serial")
    return out


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        yield str(cluster.scheduler_address)


def test_local_pool_equals_serial(calls_dir: Path, tmp_path: Path, config: BatchConfig, serial: Path) -> None:
    out = tmp_path / "pool" / "results.csv"
    run_batch([calls_dir], out=out, config=config, scheduler="local", workers=2)
    assert _contacts(out) == _contacts(serial)
    assert _errors(out) == _errors(serial)


def test_dask_local_cluster_equals_serial(
    calls_dir: Path, tmp_path: Path, config: BatchConfig, serial: Path, cluster_address: str
) -> None:
    out = tmp_path / "dask" / "results.csv"
    summary = run_batch([calls_dir], out=out, config=config, scheduler=cluster_address)
    assert summary.done
    assert _contacts(out) == _contacts(serial)
    assert _errors(out) == _errors(serial)


@pytest.mark.parametrize("scheduler", ["nonsense", "tcp://127.0.0.1:1"])
def test_bad_scheduler_is_a_clear_error(config: BatchConfig, scheduler: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Agent: hi\nCustomer: hello\n", encoding="utf-8")
    with pytest.raises(SchedulerError, match="scheduler"):
        list(run_jobs([FileJob(str(path), "h")], config, scheduler=scheduler, connect_timeout=2))
