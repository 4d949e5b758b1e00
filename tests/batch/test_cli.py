"""``csrsim batch`` end to end through the CLI entry point."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import get_settings
from tests.batch.conftest import EXPECTED_ERRORS, EXPECTED_SCORED


@pytest.fixture
def small_text_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """1 MB text limit through the environment, as a deployment would set it."""
    monkeypatch.setenv("CSR_MAX_TEXT_UPLOAD_MB", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("small_text_limit")
def test_batch_command_scores_reports_and_resumes(
    calls_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.csv"
    args = ["batch", str(calls_dir), "--out", str(out), "--scheduler", "serial", "--no-progress"]
    assert run(args) == 0
    captured = capsys.readouterr()
    contacts = sum(EXPECTED_SCORED.values())
    assert f"scored {contacts} contact(s) from {len(EXPECTED_SCORED)} file(s)" in captured.out
    assert "results.errors.csv" in captured.out
    with out.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == contacts
    with (tmp_path / "results.errors.csv").open(encoding="utf-8", newline="") as handle:
        assert {Path(r["file"]).name for r in csv.DictReader(handle)} == set(EXPECTED_ERRORS)
    assert run(args) == 0
    assert f"{len(EXPECTED_SCORED)} file(s) skipped as already scored" in capsys.readouterr().out


RUBRIC = """version: 2
kind: rubric
id: custom-qa
title: Custom QA
pass_mark: 70
criteria:
  empathy:
    weight: 0.5
  closing:
    weight: 0.5
"""


def test_batch_command_rubric_from_a_path(calls_dir: Path, tmp_path: Path) -> None:
    rubric = tmp_path / "custom.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    out = tmp_path / "r.jsonl"
    args = ["batch", str(calls_dir / "call.txt"), "--out", str(out), "--rubric", str(rubric), "--no-progress"]
    assert run([*args, "--scheduler", "serial"]) == 0
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (row["rubric"], row["rubric_version"]) == ("custom-qa", 2)
    assert {k for k in row if k.startswith("score_")} == {"score_empathy", "score_closing"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rubric", "no-such-rubric"], "no-such-rubric"),
        (["--format", "xml"], "--format must be csv, jsonl or parquet"),
        (["--speaker-map", "Jane"], "speaker map entry 'Jane'"),
        (["--unknown-speaker", "robot"], "bad import option"),
        (["--scheduler", "nonsense"], "unknown scheduler"),
    ],
)
def test_batch_command_bad_options_are_one_line_errors(
    calls_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code = run(["batch", str(calls_dir / "call.txt"), "--out", str(tmp_path / "r.csv"), "--no-progress", *extra])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_batch_command_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "r.csv"), "--no-progress"]) != 0
    assert "no such file or directory" in capsys.readouterr().err
