"""``csrsim sample`` on the files a real ``csrsim batch`` run wrote (CSV, JSONL and parquet): the columns agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csrsim.main import run
from services import sampling


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_sample_reads_real_batch_output(
    calls_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"results.{fmt}"
    assert run(["batch", str(calls_dir), "--out", str(out), "--scheduler", "serial", "--no-progress"]) == 0
    capsys.readouterr()
    frame = sampling.read_results(out)
    assert len(frame) >= 6 and "Lee" in set(frame["agent"])
    assert run(["sample", str(out), "--per-agent", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sum(a["contacts"] for a in data["agents"]) == len(frame)
    assert {p["pick"] for p in data["picks"]} <= {"random", "risk"}
    assert all(a["random"] == min(2, a["contacts"]) for a in data["agents"])
