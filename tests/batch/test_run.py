"""The batch as a supervisor runs it: every file scored or listed with its reason, resumable, any scheduler."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from batch import BatchConfig, FileResult, run_batch
from batch.outputs import OutputPaths, read_scorecards
from domain.scorecard import ScoreCard
from tests.batch.conftest import EXPECTED_ERRORS, EXPECTED_SCORED


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _errors(out: Path) -> dict[str, str]:
    paths = OutputPaths.for_output(out, fmt="csv")
    return {Path(r["file"]).name: r["reason"] for r in _rows(paths.errors)}


def test_every_file_is_scored_or_listed_with_its_reason(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> None:
    out = tmp_path / "out" / "results.csv"
    summary = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    rows = _rows(out)
    scored: dict[str, int] = {}
    for row in rows:
        scored[Path(row["file"]).name] = scored.get(Path(row["file"]).name, 0) + 1
    assert scored == EXPECTED_SCORED
    errors = _errors(out)
    assert set(errors) == set(EXPECTED_ERRORS)
    for name, reason in EXPECTED_ERRORS.items():
        assert reason in errors[name]
    assert summary.contacts == sum(EXPECTED_SCORED.values())
    assert summary.failed_files == len(EXPECTED_ERRORS)
    assert summary.done and not summary.pending


def test_rows_carry_scores_hash_agent_and_redaction(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> None:
    out = tmp_path / "results.csv"
    run_batch([calls_dir], out=out, config=config, scheduler="serial")
    rows = {(Path(r["file"]).name, r["transcript"]): r for r in _rows(out)}
    call = rows[("call.txt", "call")]
    assert 0 <= float(call["overall"]) <= 100
    assert call["passed"] in ("true", "false")
    assert {"score_empathy", "score_opening", "score_closing"} <= set(call)
    assert call["handle_time_seconds"] == "35"
    assert call["redactions"] == "1"
    assert len(call["content_hash"]) == 64
    assert rows[("call.json", "call-0001")]["agent"] == "Lee"
    cards = [ScoreCard.model_validate(c) for c in read_scorecards(OutputPaths.for_output(out, fmt="csv").scorecards)]
    assert len(cards) == len(rows)
    card = next(c for c in cards if c.transcript == "call")
    assert card.metadata["content_hash"] == call["content_hash"]
    assert card.metadata["redactions"] == {"CARD": 1}
    assert "4111" not in OutputPaths.for_output(out, fmt="csv").scorecards.read_text(encoding="utf-8")


def test_rerun_skips_scored_files_and_rescores_changed_ones(
    calls_dir: Path, tmp_path: Path, config: BatchConfig
) -> None:
    out = tmp_path / "results.csv"
    first = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    second = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    assert second.skipped == len(EXPECTED_SCORED)
    assert second.contacts == 0
    assert len(_rows(out)) == first.contacts
    assert set(_errors(out)) == set(EXPECTED_ERRORS)  # failed files are retried and reported again
    (calls_dir / "call.txt").write_text("Agent: Hello, thanks for calling.\nCustomer: bye\n", encoding="utf-8")
    third = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    assert third.contacts == 1
    assert len(_rows(out)) == first.contacts + 1


def test_interrupted_run_says_what_is_pending_and_resumes(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> None:
    out = tmp_path / "results.csv"
    seen: list[FileResult] = []

    def stop_after_two(result: FileResult) -> None:
        seen.append(result)
        if len(seen) == 2:
            raise KeyboardInterrupt

    stopped = run_batch([calls_dir], out=out, config=config, scheduler="serial", on_result=stop_after_two)
    assert stopped.interrupted and not stopped.done
    assert len(stopped.pending) == stopped.files - 2
    partial = _rows(out)
    assert len(partial) == sum(len(r.rows) for r in seen)
    resumed = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    assert resumed.done
    names = sorted((Path(r["file"]).name, r["transcript"]) for r in _rows(out))
    assert len(names) == len(set(names)) == sum(EXPECTED_SCORED.values())


def test_half_written_last_line_is_repaired(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> None:
    out = tmp_path / "results.csv"
    run_batch([calls_dir / "call.txt"], out=out, config=config, scheduler="serial")
    with out.open("a", encoding="utf-8") as handle:
        handle.write("/x/half,writ")  # a run killed mid-row
    run_batch([calls_dir], out=out, config=config, scheduler="serial")
    rows = _rows(out)
    assert all(len(r["content_hash"]) == 64 for r in rows)
    assert len(rows) == sum(EXPECTED_SCORED.values())


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_other_formats(calls_dir: Path, tmp_path: Path, config: BatchConfig, fmt: str) -> None:
    out = tmp_path / f"results.{fmt}"
    run_batch([calls_dir], out=out, config=config, fmt=fmt, scheduler="serial")  # type: ignore[arg-type]
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        import pandas as pd

        records = pd.read_parquet(out).to_dict("records")
    assert len(records) == sum(EXPECTED_SCORED.values())
    assert all(len(r["content_hash"]) == 64 for r in records)
    again = run_batch([calls_dir], out=out, config=config, fmt=fmt, scheduler="serial")  # type: ignore[arg-type]
    assert again.skipped == len(EXPECTED_SCORED)


def test_outputs_inside_the_input_directory_are_not_scored(calls_dir: Path, config: BatchConfig) -> None:
    out = calls_dir / "results.csv"
    run_batch([calls_dir], out=out, config=config, scheduler="serial")
    second = run_batch([calls_dir], out=out, config=config, scheduler="serial")
    assert second.files == len(EXPECTED_SCORED) + len(EXPECTED_ERRORS)


def test_rubric_change_with_same_output_is_refused(calls_dir: Path, tmp_path: Path, config: BatchConfig) -> None:
    from batch.outputs import BatchOutputError

    out = tmp_path / "results.csv"
    out.write_text("file,transcript,overall\n", encoding="utf-8")
    with pytest.raises(BatchOutputError, match="other columns"):
        run_batch([calls_dir], out=out, config=config, scheduler="serial")
