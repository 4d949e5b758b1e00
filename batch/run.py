"""The batch as a whole: collect files, skip what earlier runs scored, fan out, write as results arrive."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from batch.config import BatchConfig
from batch.discover import collect_files, content_hash
from batch.outputs import OutputFormat, OutputPaths, ResultsWriter
from batch.schedulers import SchedulerError, check_scheduler, run_jobs
from batch.work import FileJob, FileResult, criterion_names
from domain.errors import LoadError, UnknownIdError
from domain.scorecard import scorecard_columns

logger = logging.getLogger(__name__)


def result_columns(criteria: Sequence[str]) -> list[str]:
    """The results header: the one flat scorecard row (``domain.scorecard.scorecard_columns``)."""
    return scorecard_columns(criteria)


@dataclass
class BatchSummary:
    """What a run did; ``pending`` lists files not yet processed when it stopped early."""

    paths: OutputPaths
    files: int = 0
    skipped: int = 0
    scored_files: int = 0
    contacts: int = 0
    failed_files: int = 0
    errors: int = 0
    pending: list[str] = field(default_factory=list)
    done: bool = False
    interrupted: bool = False

    @property
    def processed(self) -> int:
        return self.scored_files + self.failed_files


ProgressHook = Callable[[FileResult], None]


class BatchStopped(RuntimeError):
    """The run stopped part-way (scheduler lost, worker crashed); outputs so far are flushed and kept."""

    def __init__(self, summary: BatchSummary, reason: str) -> None:
        super().__init__(reason)
        self.summary = summary


def plan(
    inputs: Sequence[Path], *, paths: OutputPaths, writer: ResultsWriter, follow_symlinks: bool = False
) -> tuple[list[FileJob], int, list[tuple[str, str]]]:
    """Jobs still to do, how many were skipped as already scored, and files that could not even be hashed."""
    done = writer.done_hashes()
    jobs: list[FileJob] = []
    unreadable: list[tuple[str, str]] = []
    skipped = 0
    for path in collect_files(inputs, exclude=paths.all(), follow_symlinks=follow_symlinks, skipped=unreadable):
        try:
            digest = content_hash(path)
        except OSError as exc:
            unreadable.append((str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if digest in done:
            skipped += 1
        else:
            jobs.append(FileJob(str(path), digest))
    return jobs, skipped, unreadable


def run_batch(
    inputs: Sequence[Path],
    *,
    out: Path,
    config: BatchConfig | None = None,
    fmt: OutputFormat = "csv",
    scheduler: str = "local",
    workers: int | None = None,
    on_planned: Callable[[int, int], None] | None = None,
    on_result: ProgressHook | None = None,
) -> BatchSummary:
    """Score every file under ``inputs``; outputs beside ``out``. Safe to interrupt and rerun.

    Ctrl-C returns the summary with ``interrupted`` set; any other failure of the machinery raises
    ``BatchStopped`` carrying the summary. Either way ``summary.pending`` says what a rerun will pick up.
    """
    config = config or BatchConfig()
    check_scheduler(scheduler)
    columns = result_columns(criterion_names(config))
    paths = OutputPaths.for_output(out, fmt=fmt)
    writer = ResultsWriter(paths, fmt=fmt, columns=columns)
    jobs, skipped, unreadable = plan(inputs, paths=paths, writer=writer, follow_symlinks=config.follow_symlinks)
    summary = BatchSummary(paths=paths, files=len(jobs) + skipped + len(unreadable), skipped=skipped)
    summary.pending = [job.path for job in jobs]
    if on_planned is not None:
        on_planned(len(jobs), skipped)
    writer.open()
    remaining = {job.path for job in jobs}
    try:
        for path, reason in unreadable:
            writer.error(path, reason)
            summary.failed_files += 1
            summary.errors += 1
        for result in run_jobs(jobs, config, scheduler=scheduler, workers=workers):
            writer.write(result)
            remaining.discard(result.path)
            summary.contacts += len(result.rows)
            summary.errors += len(result.errors)
            if result.rows:
                summary.scored_files += 1
            else:
                summary.failed_files += 1
            if on_result is not None:
                on_result(result)
        summary.done = True
    except KeyboardInterrupt:
        summary.interrupted = True
    except (LoadError, UnknownIdError, SchedulerError):
        raise
    except Exception as exc:
        raise BatchStopped(summary, f"{type(exc).__name__}: {exc}") from exc
    finally:
        summary.pending = [job.path for job in jobs if job.path in remaining]
        writer.close()
    return summary
