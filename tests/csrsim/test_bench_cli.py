"""``csrsim bench``: runs whatever bench scripts it is pointed at, and says clearly when there are none
(an installed wheel carries no bench/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from csrsim.commands.bench import bench_dir
from csrsim.errors import CLIError
from csrsim.main import run


def test_missing_bench_dir_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["bench", "--dir", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code != 0
    assert "ship with the source" in err and "--dir" in err and "Traceback" not in err


def test_runs_scripts_from_a_directory_and_reports_ratios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bench_toy.py").write_text(
        "import sys\nprint('toy_latency_ms=5 budget=50 ratio=10.0', 'quick' if '--quick' in sys.argv else '')\n",
        encoding="utf-8",
    )
    assert run(["bench", "--dir", str(tmp_path), "--quick"]) == 0
    out = capsys.readouterr().out
    assert "toy        toy_latency_ms=5 budget=50 ratio=10.0" in out and "ok" in out


def test_default_is_the_checkouts_bench_dir() -> None:
    assert (bench_dir(None) / "bench_scoring.py").is_file()
    with pytest.raises(CLIError, match="pass --dir"):
        bench_dir(Path("/nonexistent/bench"))
