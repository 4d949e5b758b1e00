"""Where ``score_file`` runs: here, on a local process pool, or on a Dask cluster. Results stream back as
they finish (not in input order), so the writer can flush each one and a progress bar can move."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from batch.config import BatchConfig
from batch.work import FileJob, FileResult, score_file, warm_up

logger = logging.getLogger(__name__)


class SchedulerError(ValueError):
    """A scheduler that cannot be used: a bad address, a cluster that does not answer."""


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_serial(jobs: Sequence[FileJob], config: BatchConfig) -> Iterator[FileResult]:
    for job in jobs:
        yield score_file(job, config)


def _pool_context() -> multiprocessing.context.BaseContext:
    """'fork' when this process has no other threads (workers then share models trained once here, copy-on-write);
    'spawn' otherwise, so a worker can never inherit a lock another thread held at fork time."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_pool(jobs: Sequence[FileJob], config: BatchConfig, *, workers: int) -> Iterator[FileResult]:
    """A local process pool of ``workers`` processes."""
    if workers <= 1:
        yield from run_serial(jobs, config)
        return
    context = _pool_context()
    if context.get_start_method() == "fork":
        warm_up(config)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint) as pool:
        futures = [pool.submit(score_file, job, config) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_sigint() -> None:
    """Ctrl-C is the parent's to handle: it stops handing out files and flushes; workers finish their file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_dask(
    jobs: Sequence[FileJob], config: BatchConfig, *, address: str, connect_timeout: float = 20.0
) -> Iterator[FileResult]:
    """A Dask distributed cluster at ``address`` (``tcp://host:8786``); workers need this repo installed."""
    from dask.distributed import Client
    from dask.distributed import as_completed as dask_completed

    try:
        client = Client(address, timeout=f"{connect_timeout}s")
    except Exception as exc:  # refused, timed out, malformed address: all mean "no cluster there"
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(score_file, list(jobs), config=config, pure=False)
        try:
            for future in dask_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        client.close()


def check_scheduler(scheduler: str) -> None:
    """Refuse a scheduler name that is neither serial, local nor an address, before any output is touched."""
    if scheduler in ("serial", "local") or "://" in scheduler or ":" in scheduler:
        return
    raise SchedulerError(f"unknown scheduler {scheduler!r}; use serial, local or a Dask address like tcp://host:8786")


def run_jobs(
    jobs: Sequence[FileJob],
    config: BatchConfig,
    *,
    scheduler: str = "local",
    workers: int | None = None,
    connect_timeout: float = 20.0,
) -> Iterator[FileResult]:
    """``scheduler``: "serial", "local" (process pool of ``workers``) or a Dask address."""
    check_scheduler(scheduler)
    if not jobs:
        return iter(())
    if scheduler == "serial":
        return run_serial(jobs, config)
    if scheduler == "local":
        return run_pool(jobs, config, workers=min(workers or default_workers(), len(jobs)))
    return run_dask(jobs, config, address=scheduler, connect_timeout=connect_timeout)
