"""contact_date / scored_at: when a contact happened (from its metadata) and when the batch scored it."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from batch import BatchConfig, run_batch
from batch.outputs import OutputPaths, read_scorecards
from batch.run import result_columns
from batch.work import contact_date, criterion_names
from domain.transcript import Transcript, Turn

TURNS = [
    {"speaker": "customer", "text": "I was charged twice!", "start": 0.0, "end": 2.4},
    {"speaker": "agent", "text": "I'm sorry about that, let me look.", "start": 2.9, "end": 5.1},
]


def _transcript(metadata: dict[str, object]) -> Transcript:
    return Transcript(id="t", turns=[Turn(speaker="agent", text="Hello")], metadata=metadata)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"date": "2024-03-01"}, "2024-03-01T00:00:00"),
        ({"call_date": "2024-03-01T10:32:15"}, "2024-03-01T10:32:15"),
        ({"start_time": "2024-03-01T10:32:15Z"}, "2024-03-01T10:32:15+00:00"),
        ({"started_at": "2024-03-01 10:32:15+02:00"}, "2024-03-01T10:32:15+02:00"),
        ({"timestamp": "2024-03-01T10:32:15.250"}, "2024-03-01T10:32:15.250000"),
        ({"date": "yesterday", "started_at": "2024-05-06"}, "2024-05-06T00:00:00"),  # first readable key wins
        ({"header": {"Call Date": "2024-03-09"}}, "2024-03-09T00:00:00"),
        ({"date": "03/15/2024"}, ""),  # ambiguous formats are not guessed
        ({"timestamp": 1709288000}, ""),
        ({"date": ""}, ""),
        ({}, ""),
    ],
)
def test_contact_date_from_metadata(metadata: dict[str, object], expected: str) -> None:
    assert contact_date(_transcript(metadata)) == expected


@hsettings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.none(), st.dates().map(str), st.datetimes().map(str)))
def test_contact_date_never_raises_and_is_iso(value: object) -> None:
    found = contact_date(_transcript({"date": value}))
    assert found == "" or datetime.fromisoformat(found)


def _write_calls(directory: Path) -> None:
    directory.mkdir()
    (directory / "dated.json").write_text(json.dumps({"id": "dated", "date": "2024-03-01", "turns": TURNS}))
    (directory / "timed.json").write_text(
        json.dumps({"id": "timed", "metadata": {"started_at": "2024-03-02T10:15:00Z"}, "turns": TURNS})
    )
    (directory / "undated.json").write_text(json.dumps({"id": "undated", "date": "last week", "turns": TURNS}))
    (directory / "headed.txt").write_text(
        "Call Date: 2024-03-04T15:00:00\n\nAgent: Hello, how can I help?\nCustomer: I was charged twice.\n"
    )


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["transcript"]: r for r in csv.DictReader(handle)}


def test_batch_rows_and_scorecards_carry_contact_date_and_scored_at(tmp_path: Path, config: BatchConfig) -> None:
    _write_calls(tmp_path / "calls")
    out = tmp_path / "results.csv"
    before = datetime.now(UTC).replace(microsecond=0)
    run_batch([tmp_path / "calls"], out=out, config=config, scheduler="serial")
    rows = _rows(out)
    assert {t: r["contact_date"] for t, r in rows.items()} == {
        "dated": "2024-03-01T00:00:00",
        "timed": "2024-03-02T10:15:00+00:00",
        "undated": "",
        "headed": "2024-03-04T15:00:00",
    }
    for row in rows.values():
        scored = datetime.fromisoformat(row["scored_at"])
        assert scored.tzinfo is not None and before <= scored <= datetime.now(UTC) + timedelta(seconds=1)
    cards = {c["transcript"]: c for c in read_scorecards(OutputPaths.for_output(out, fmt="csv").scorecards)}
    assert cards["dated"]["metadata"]["contact_date"] == "2024-03-01T00:00:00"
    assert cards["undated"]["metadata"]["contact_date"] is None
    assert cards["timed"]["metadata"]["scored_at"] == rows["timed"]["scored_at"]
    assert date.fromisoformat(rows["dated"]["contact_date"][:10]) == date(2024, 3, 1)


def test_results_written_before_the_date_columns_still_resume(tmp_path: Path, config: BatchConfig) -> None:
    _write_calls(tmp_path / "calls")
    out = tmp_path / "results.csv"
    run_batch([tmp_path / "calls"], out=out, config=config, scheduler="serial")
    old_columns = [c for c in result_columns(criterion_names(config)) if c not in ("contact_date", "scored_at")]
    kept = [r for t, r in _rows(out).items() if t != "timed"]
    with out.open("w", encoding="utf-8", newline="") as handle:  # what an older version wrote
        writer = csv.DictWriter(handle, fieldnames=old_columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(kept)
    summary = run_batch([tmp_path / "calls"], out=out, config=config, scheduler="serial")
    assert summary.skipped == 3 and summary.contacts == 1
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == old_columns
        assert sorted(r["transcript"] for r in reader) == ["dated", "headed", "timed", "undated"]
