"""Agreement with human reviewers: the statistics, the CSV reader and ``csrsim calibrate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import PROJECT_ROOT
from domain.scorecard import CriterionResult, RubricRef, ScoreCard
from scoring.calibration import CalibrationError, HumanScore, agreement, band, read_human_scores

EXAMPLE = PROJECT_ROOT / "scoring" / "data" / "calibration_example"


def _card(ident: str, empathy: float | None, overall: float | None) -> ScoreCard:
    crit = (
        CriterionResult(score=empathy, weight=1.0)
        if empathy is not None
        else CriterionResult.not_applicable(weight=1.0, reason="n/a")
    )
    return ScoreCard(
        transcript=ident, rubric=RubricRef(id="r", version=1), overall=overall, passed=False, criteria={"empathy": crit}
    )


@pytest.mark.parametrize(("score", "expected"), [(0, 0), (49.9, 0), (50, 1), (79.9, 2), (80, 3), (95, 4)])
def test_band(score: float, expected: int) -> None:
    assert band(score) == expected


def test_perfect_agreement() -> None:
    scores = [10.0, 55.0, 70.0, 85.0, 95.0]
    human = [HumanScore(f"t{i}", "empathy", s) for i, s in enumerate(scores)]
    cards = [_card(f"t{i}", s, s) for i, s in enumerate(scores)]
    (row,) = agreement(human, cards)
    assert row.n == 5 and row.kappa == pytest.approx(1.0) and row.spearman == pytest.approx(1.0)
    assert row.mean_abs_diff == 0


def test_reversed_scores_disagree() -> None:
    scores = [10.0, 55.0, 70.0, 85.0, 95.0]
    human = [HumanScore(f"t{i}", "empathy", s) for i, s in enumerate(scores)]
    cards = [_card(f"t{i}", s, s) for i, s in enumerate(reversed(scores))]
    (row,) = agreement(human, cards)
    assert row.kappa is not None and row.kappa < 0
    assert row.spearman == pytest.approx(-1.0)
    assert row.mean_abs_diff == pytest.approx(
        sum(abs(a - b) for a, b in zip(scores, reversed(scores), strict=True)) / 5
    )


def test_not_applicable_pairs_and_unknown_transcripts_are_left_out() -> None:
    human = [HumanScore("a", "empathy", 50), HumanScore("b", "empathy", 60), HumanScore("zzz", "empathy", 70)]
    (row,) = agreement(human, [_card("a", None, None), _card("b", 65, 65)])
    assert row.n == 1 and row.kappa is None and row.mean_abs_diff == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "needs columns"),
        ("transcript,criterion,score\nt1,empathy,high\n", ":2: score 'high'"),
        ("transcript,criterion,score\nt1,empathy,150\n", "outside 0-100"),
        ("transcript,criterion,score\n", "no scores"),
    ],
)
def test_bad_human_csv(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "h.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CalibrationError, match=message):
        read_human_scores(path)


def test_cli_on_shipped_example(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in EXAMPLE.glob("cal-*.json"))
    code = run(["calibrate", str(EXAMPLE / "human_scores.csv"), *files, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(out)
    assert data["transcripts"] == 6
    rows = {r["criterion"]: r for r in data["criteria"]}
    assert set(rows) == {"empathy", "opening", "closing", "overall"}
    assert rows["overall"]["n"] == 6 and rows["overall"]["spearman_rho"] > 0.5


def test_cli_with_scorecards_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = tmp_path / "cards.jsonl"
    cards.write_text("\n".join(_card(f"t{i}", s, s).model_dump_json() for i, s in enumerate([20.0, 60.0, 90.0])))
    human = tmp_path / "h.csv"
    human.write_text("transcript,criterion,score\nt0,empathy,25\nt1,empathy,55\nt2,empathy,95\n", encoding="utf-8")
    assert run(["calibrate", str(human), "--scores", str(cards)]) == 0
    out = capsys.readouterr().out
    assert "empathy" in out and "kappa" in out


@pytest.mark.parametrize("args", [["--scores", "missing.jsonl"], []])
def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    human = tmp_path / "h.csv"
    human.write_text("transcript,criterion,score\nt0,empathy,25\n", encoding="utf-8")
    code = run(["calibrate", str(human), *args])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
