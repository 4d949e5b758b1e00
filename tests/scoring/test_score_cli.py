"""``csrsim score``: formats, output file, scenario and rubric references, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import PROJECT_ROOT
from tests.scoring.transcripts import DISCLOSE_FIRST, MODEL_CALL, make


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for ident, turns in (("good", MODEL_CALL), ("leaky", DISCLOSE_FIRST)):
        path = tmp_path / f"{ident}.json"
        path.write_text(make(turns, ident=ident).model_dump_json(), encoding="utf-8")
        out.append(path)
    return out


def test_json_one_object_for_one_transcript(files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["score", str(files[0])]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict) and data["transcript"] == "good" and data["passed"] is True


def test_json_array_for_several_with_scenario(files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["score", *map(str, files), "--scenario", "billing-double-charge"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["transcript"] for d in data] == ["good", "leaky"]
    assert data[1]["auto_fail"] == ["critical-policy"]
    assert data[1]["criteria"]["policy_compliance"]["evidence"][0]["turn"] == 2


def test_scenario_and_rubric_by_path(files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    scenario = PROJECT_ROOT / "scenarios" / "scenarios" / "billing-double-charge.yaml"
    rubric = PROJECT_ROOT / "scenarios" / "rubrics" / "default.yaml"
    assert run(["score", str(files[1]), "--scenario", str(scenario), "--rubric", str(rubric)]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["scenario"] == "billing-double-charge"


def test_csv_and_table_and_out(files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "cards.csv"
    assert run(["score", *map(str, files), "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["transcript"] for r in rows] == ["good", "leaky"]
    assert rows[0]["passed"] == "true" and rows[1]["passed"] == "false"
    assert capsys.readouterr().out == ""
    assert run(["score", str(files[1]), "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert "FAIL" in table and "policy_compliance" in table and "tip:" in table


@pytest.mark.parametrize(
    ("make_args", "fragment"),
    [
        (lambda d: [str(d / "missing.json")], "missing.json"),
        (lambda d: [str(d / "good.json"), "--rubric", "nope"], "unknown rubric 'nope'"),
        (lambda d: [str(d / "good.json"), "--scenario", "nope"], "unknown scenario 'nope'"),
        (lambda d: [str(d / "good.json"), "--format", "xml"], "xml"),
        (lambda d: [str(d / "bad.json")], "bad.json"),
    ],
)
def test_errors_are_one_line(
    files: list[Path], capsys: pytest.CaptureFixture[str], make_args: object, fragment: str
) -> None:
    directory = files[0].parent
    (directory / "bad.json").write_text('{"id": "x", "turns": 3}', encoding="utf-8")
    code = run(["score", *make_args(directory)])  # type: ignore[operator]
    err = capsys.readouterr().err
    assert code != 0
    assert fragment in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_rubric_file_with_bad_weights_is_a_file_line_error(
    files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rubric = tmp_path / "bad.yaml"
    rubric.write_text("version: 1\nkind: rubric\nid: bad\ntitle: Bad\ncriteria:\n  empathy:\n    weight: 0.5\n")
    assert run(["score", str(files[0]), "--rubric", str(rubric)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:5:" in err and "not 1" in err and "Traceback" not in err
