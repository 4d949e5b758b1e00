"""Bulk scoring: a directory of call files -> one row per contact, full scorecards, and an errors file.

The unit of work (``score_file``) is a pure function of a file and a config, so the same code runs serially,
on a local process pool or on a Dask cluster, and a rerun resumes by skipping files whose content hash is
already in the outputs.
"""

from __future__ import annotations

from batch.config import BatchConfig
from batch.outputs import OutputPaths
from batch.run import BatchSummary, run_batch
from batch.work import FileJob, FileResult, score_file

__all__ = ["BatchConfig", "BatchSummary", "FileJob", "FileResult", "OutputPaths", "run_batch", "score_file"]
