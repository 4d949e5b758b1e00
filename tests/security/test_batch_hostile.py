"""Batch under hostile input: per-file isolation, one run per --out, no symlink following, no formula
injection, no card number in any output (real files, serial scheduler)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from batch import BatchConfig, run_batch
from batch.outputs import BatchOutputError, OutputLock, OutputPaths
from importers import ImportOptions

GOOD = "Agent: Thank you for calling, how can I help?\nCustomer: I was charged twice.\nAgent: I'm sorry, I'll fix it.\n"


@pytest.fixture
def config() -> BatchConfig:
    return BatchConfig(import_options=ImportOptions(max_text_mb=1, redact=True))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _errors(out: Path) -> list[dict[str, str]]:
    return _rows(OutputPaths.for_output(out, fmt="csv").errors)


def test_a_poisoned_file_is_reported_and_the_rest_scored_on_every_rerun(tmp_path: Path, config: BatchConfig) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    for i in range(3):
        (calls / f"ok{i}.txt").write_text(GOOD.replace("twice", f"twice on order {i}"))
    (calls / "poison.json").write_text('{"id": "x", "turns": [], "n": ' + "9" * 5000 + "}")
    (calls / "deep.json").write_text("[" * 100_000)
    (calls / "binary.txt").write_bytes(os.urandom(4096))
    out = tmp_path / "r.csv"
    for _ in range(2):
        summary = run_batch([calls], out=out, config=config, scheduler="serial")
        assert summary.done and not summary.pending
    assert {Path(r["file"]).name for r in _rows(out)} == {"ok0.txt", "ok1.txt", "ok2.txt"}
    failed = {Path(e["file"]).name for e in _errors(out)}
    assert {"poison.json", "deep.json"} <= failed
    assert all("Traceback" not in e["reason"] for e in _errors(out))


def test_a_second_batch_on_the_same_out_is_refused(tmp_path: Path, config: BatchConfig) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "a.txt").write_text(GOOD)
    out = tmp_path / "r.csv"
    holder = OutputLock(OutputPaths.for_output(out, fmt="csv").lock)
    holder.acquire()
    try:
        with pytest.raises(BatchOutputError, match="another batch"):
            run_batch([calls], out=out, config=config, scheduler="serial")
    finally:
        holder.release()
    run_batch([calls], out=out, config=config, scheduler="serial")
    run_batch([calls], out=out, config=config, scheduler="serial")  # the lock is released after each run
    assert len(_rows(out)) == 1


@pytest.mark.parametrize("name", ["r.errors.csv", "r.scorecards.jsonl", "r.csv"])
def test_outputs_never_follow_a_planted_symlink(tmp_path: Path, config: BatchConfig, name: str) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "a.txt").write_text(GOOD)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / name).symlink_to(victim)
    with pytest.raises(BatchOutputError, match="symbolic link"):
        run_batch([calls], out=tmp_path / "out" / "r.csv", config=config, scheduler="serial")
    assert victim.read_text() == "precious\n"


def test_links_leaving_the_input_folder_are_skipped_unless_asked(tmp_path: Path, config: BatchConfig) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD.replace("twice", "twice, my card is 4111 1111 1111 1111"))
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "a.txt").write_text(GOOD)
    (calls / "passwd.txt").symlink_to(outside / "secret.txt")
    (calls / "linked_dir").symlink_to(outside, target_is_directory=True)
    (calls / "inside.txt").symlink_to(calls / "a.txt")
    out = tmp_path / "r.csv"
    run_batch([calls], out=out, config=config, scheduler="serial")
    assert {Path(r["file"]).name for r in _rows(out)} == {"a.txt"}
    assert any("symbolic link" in e["reason"] for e in _errors(out))
    followed = tmp_path / "f.csv"
    run_batch([calls], out=followed, config=BatchConfig(import_options=config.import_options, follow_symlinks=True),
              scheduler="serial")  # fmt: skip
    assert len(_rows(followed)) >= 2


def test_csv_cells_cannot_run_as_formulas_and_hold_no_card(tmp_path: Path, config: BatchConfig) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    transcript = {
        "id": '=HYPERLINK("http://evil","x")',
        "agent": "@SUM(A1)",
        "turns": [
            {"speaker": "agent", "text": "Thanks for calling."},
            {"speaker": "customer", "text": "Card 4111 1111 1111 1111 please"},
        ],
    }
    (calls / "4111111111111111.json").write_text(json.dumps(transcript))
    (calls / "bad.csv").write_text("speaker,text,start\nagent,hi,4111 1111 1111 1111\n")
    out = tmp_path / "r.csv"
    run_batch([calls], out=out, config=config, scheduler="serial")
    everything = "".join(p.read_text() for p in OutputPaths.for_output(out, fmt="csv").all() if p.exists())
    assert "4111" not in everything
    for row in _rows(out) + _errors(out):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
