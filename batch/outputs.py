"""The batch's files on disk, written incrementally (flushed per file) so a stopped run loses nothing.

``results.csv`` (or ``.jsonl``): one row per contact. ``results.scorecards.jsonl``: the full ScoreCard JSON per
contact, one per line. ``results.errors.csv``: file, reason for everything that could not be scored (rewritten
each run, since failed files are retried). Parquet cannot be appended to, so a parquet run keeps its rows in
``results.rows.jsonl`` while it runs and writes ``results.parquet`` from them at the end.

Outputs are private and unambiguous: one run at a time per ``--out`` (an exclusive lock on
``results.lock``; a second run is refused with a message), files are opened with ``O_NOFOLLOW`` and created
0600 so a planted symlink is never followed (a link named ``results.errors.csv`` cannot truncate its
target), text cells are neutralised against spreadsheet formulas, and file names and reasons are redacted.
"""

from __future__ import annotations

import csv
import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from batch.work import FileResult
from domain.csv_safety import safe_cell
from domain.scorecard import csv_cell
from importers.redaction import redact_text

logger = logging.getLogger(__name__)

OutputFormat = Literal["csv", "jsonl", "parquet"]
ERROR_COLUMNS = ("file", "reason")
# Columns added after the first release: a results CSV written before them is resumed with its own header.
LATER_COLUMNS = ("contact_date", "scored_at")


class BatchOutputError(ValueError):
    """Existing outputs that this run cannot safely append to."""


@dataclass(frozen=True)
class OutputPaths:
    results: Path
    rows: Path  # where rows are appended while running (== results except for parquet)
    scorecards: Path
    errors: Path

    @classmethod
    def for_output(cls, out: Path, *, fmt: OutputFormat) -> OutputPaths:
        stem = out.with_suffix("") if out.suffix else out
        base = stem.name
        rows = out if fmt != "parquet" else stem.with_name(f"{base}.rows.jsonl")
        return cls(
            results=out,
            rows=rows,
            scorecards=stem.with_name(f"{base}.scorecards.jsonl"),
            errors=stem.with_name(f"{base}.errors.csv"),
        )

    @property
    def lock(self) -> Path:
        return self.scorecards.with_name(self.scorecards.name.replace(".scorecards.jsonl", ".lock"))

    def all(self) -> list[Path]:
        return [self.results, self.rows, self.scorecards, self.errors, self.lock]


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise BatchOutputError(
            f"{path} is a symbolic link; batch outputs never follow links. Remove it or choose another --out"
        )


def open_output(path: Path, mode: str) -> IO[Any]:
    """``path`` opened for writing ("a", "w", "rb+") without following a symlink; new files are 0600."""
    _refuse_link(path)
    flags = {"a": os.O_WRONLY | os.O_CREAT | os.O_APPEND, "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "rb+": os.O_RDWR}
    try:
        fd = os.open(path, flags[mode] | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP: a link appeared between the check and the open
            raise BatchOutputError(f"{path} is a symbolic link; batch outputs never follow links") from None
        raise
    if "b" in mode:
        return os.fdopen(fd, mode)
    return os.fdopen(fd, mode, encoding="utf-8", newline="")


class OutputLock:
    """An exclusive advisory lock per ``--out``: two batches never append to the same results."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _refuse_link(self.path)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BatchOutputError(
                f"another batch is writing to these outputs (lock {self.path} is held); "
                "wait for it to finish or choose another --out"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def repair_tail(path: Path) -> None:
    """Cut a half-written last line (a run killed mid-write) so appending starts on a clean line."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open_output(path, "rb+") as handle:
        handle.seek(-1, 2)
        if handle.read(1) == b"\n":
            return
        data = path.read_bytes()
        keep = data.rfind(b"\n") + 1
        handle.truncate(keep)
        logger.warning("%s: dropped a half-written last line", path)


def _jsonl_records(path: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    if not path.exists():
        return records
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                logger.warning("%s:%d: unreadable line skipped", path, number)
                continue
            if isinstance(value, dict):
                records.append(value)
    return records


class ResultsWriter:
    """Appends results as they arrive; knows which content hashes earlier runs already scored."""

    def __init__(self, paths: OutputPaths, *, fmt: OutputFormat, columns: list[str]) -> None:
        self.paths = paths
        self.fmt = fmt
        self.columns = columns
        self._rows: IO[str] | None = None
        self._cards: IO[str] | None = None
        self._errors: IO[str] | None = None
        self._rows_csv: Any = None
        self._errors_csv: Any = None
        self._lock = OutputLock(paths.lock)

    def done_hashes(self) -> set[str]:
        """Content hashes with rows in the existing outputs (rows are written after their scorecards).

        Takes this ``--out``'s lock first (held until ``close``): what is done cannot change under this run."""
        self._lock.acquire()
        path = self.paths.rows
        if not path.exists():
            return set()
        if self.fmt == "csv":
            repair_tail(path)
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                found = list(reader.fieldnames or [])
                if found and found == [c for c in self.columns if c not in LATER_COLUMNS]:
                    logger.info("%s predates columns %s; resuming without them", path, ", ".join(LATER_COLUMNS))
                    self.columns = found
                elif found and found != self.columns:
                    raise BatchOutputError(
                        f"{path} was written with other columns (another rubric?); "
                        "choose another --out or move the old file away"
                    )
                return {row["content_hash"] for row in reader if row.get("content_hash")}
        return {str(r["content_hash"]) for r in _jsonl_records(path) if r.get("content_hash")}

    def open(self) -> None:
        self._lock.acquire()
        for path in (self.paths.rows, self.paths.scorecards):
            path.parent.mkdir(parents=True, exist_ok=True)
            repair_tail(path)
        new_rows = not self.paths.rows.exists() or self.paths.rows.stat().st_size == 0
        self._rows = open_output(self.paths.rows, "a")
        self._cards = open_output(self.paths.scorecards, "a")
        self._errors = open_output(self.paths.errors, "w")
        if self.fmt == "csv":
            self._rows_csv = csv.DictWriter(self._rows, fieldnames=self.columns)
            if new_rows:
                self._rows_csv.writeheader()
        self._errors_csv = csv.writer(self._errors)
        self._errors_csv.writerow(ERROR_COLUMNS)
        self._flush()

    def _flush(self) -> None:
        for handle in (self._cards, self._rows, self._errors):
            if handle is not None:
                handle.flush()

    def write(self, result: FileResult) -> None:
        assert self._rows is not None and self._cards is not None, "open() first"
        for card in result.cards:
            meta = card.get("metadata")
            if isinstance(meta, dict) and isinstance(meta.get("source_file"), str):
                card = {**card, "metadata": {**meta, "source_file": redact_text(meta["source_file"]).text}}
            self._cards.write(json.dumps(card, ensure_ascii=False) + "\n")
        self._cards.flush()
        for row in result.rows:
            row = {**row, "file": redact_text(str(row.get("file", ""))).text}
            if self.fmt == "csv":
                self._rows_csv.writerow({k: csv_cell(row.get(k)) for k in self.columns})
            else:
                self._rows.write(json.dumps(row, ensure_ascii=False) + "\n")
        for reason in result.errors:
            self.error(result.path, reason)
        self._flush()

    def error(self, path: str, reason: str) -> None:
        assert self._errors_csv is not None, "open() first"
        self._errors_csv.writerow((safe_cell(redact_text(path).text), safe_cell(redact_text(reason).text)))

    def close(self) -> None:
        self._flush()
        for handle in (self._rows, self._cards, self._errors):
            if handle is not None:
                handle.close()
        self._rows = self._cards = self._errors = None
        try:
            if self.fmt == "parquet":
                self._write_parquet()
        finally:
            self._lock.release()

    def _write_parquet(self) -> None:
        import pandas as pd

        records = _jsonl_records(self.paths.rows)
        frame = pd.DataFrame.from_records(records, columns=self.columns)
        _refuse_link(self.paths.results)
        frame.to_parquet(self.paths.results, index=False)


def read_scorecards(path: Path) -> list[dict[str, Any]]:
    """Scorecards of a batch, the last one per (content hash, transcript) when a rerun re-scored a contact."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for record in _jsonl_records(path):
        meta = record.get("metadata") or {}
        latest[(str(meta.get("content_hash", "")), str(record.get("transcript", "")))] = record
    return list(latest.values())
