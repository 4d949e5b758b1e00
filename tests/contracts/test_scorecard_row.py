"""One flat scorecard row: ``csrsim score --format csv`` and ``csrsim batch`` write the same header and values
for the same call (``scored_at`` aside, which is when each run scored it), and the row matches the columns the
docs list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from csrsim.main import run
from domain.scorecard import HEAD_COLUMNS, TAIL_COLUMNS, ScoreCard, csv_cell, scorecard_columns
from tests.batch.conftest import GOOD_JSON, GOOD_TEXT

CALL_WITH_DATE = {**GOOD_JSON, "date": "2026-03-09T10:15:00", "agent": "Lee"}


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize(
    ("name", "content", "extra"),
    [
        ("call.json", json.dumps(CALL_WITH_DATE), []),
        ("call.txt", GOOD_TEXT, []),
        ("call.txt", GOOD_TEXT, ["--scenario", "billing-double-charge"]),
    ],
)
def test_score_csv_and_batch_csv_are_the_same_row(
    tmp_path: Path, settings: object, name: str, content: str, extra: list[str]
) -> None:
    call = (tmp_path / "in" / name).resolve()
    call.parent.mkdir()
    call.write_text(content, encoding="utf-8")
    scored, batched = tmp_path / "score.csv", tmp_path / "batch.csv"
    assert run(["score", str(call), "--format", "csv", "--out", str(scored), *extra]) == 0
    args = ["batch", str(call), "--out", str(batched), "--scheduler", "serial", "--no-progress", *extra]
    assert run(args) == 0
    score_header, score_rows = _rows(scored.read_text(encoding="utf-8"))
    batch_header, batch_rows = _rows(batched.read_text(encoding="utf-8"))
    assert score_header == batch_header
    assert len(score_rows) == len(batch_rows) == 1
    for row in (score_rows[0], batch_rows[0]):
        row.pop("scored_at")
    assert score_rows[0] == batch_rows[0]
    assert score_rows[0]["file"] == str(call) and score_rows[0]["passed"] in ("true", "false")
    assert len(score_rows[0]["content_hash"]) == 64


def test_header_is_the_documented_column_list(library: object) -> None:
    columns = scorecard_columns(["opening", "empathy"])
    assert columns[: len(HEAD_COLUMNS)] == list(HEAD_COLUMNS)
    assert columns[len(HEAD_COLUMNS) : len(HEAD_COLUMNS) + 2] == ["score_opening", "score_empathy"]
    assert columns[-len(TAIL_COLUMNS) :] == list(TAIL_COLUMNS)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    for column in (*HEAD_COLUMNS, *TAIL_COLUMNS):
        assert f"`{column}`" in docs, f"docs/architecture.md does not document the column {column!r}"


def test_row_has_every_column_and_blank_criterion_when_the_rubric_lacks_it() -> None:
    card = ScoreCard.model_validate(
        {
            "transcript": "t",
            "rubric": {"id": "default", "version": 3},
            "overall": 81.25,
            "passed": True,
            "criteria": {"empathy": {"score": 75.0, "weight": 0.2}},
        }
    )
    row = card.to_row(criteria=["empathy", "closing"])
    assert list(row) == scorecard_columns(["empathy", "closing"])
    assert (row["rubric"], row["rubric_version"], row["score_empathy"], row["score_closing"]) == (
        "default",
        3,
        75.0,
        None,
    )
    assert [csv_cell(v) for v in (row["overall"], row["passed"], row["score_closing"], 75.0)] == [
        "81.25",
        "true",
        "",
        "75",
    ]
