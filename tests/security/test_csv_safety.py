"""Formula injection: every text cell starting with = + - @ tab or CR is neutralised; nothing else changes."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.csv_safety import TRIGGERS, safe_cell, safe_dict, safe_frame, safe_row


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://e","x")'])
def test_triggers_are_neutralised(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Lee", "1.5", "", "a=b", 3, -2.5, None, True])
def test_other_cells_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value


@given(st.lists(st.text(max_size=20), max_size=8))
def test_no_written_cell_starts_with_a_trigger(values: list[str]) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerow(safe_row(values))
    [row] = list(csv.reader(io.StringIO(buf.getvalue()))) or [[]]
    assert not any(cell.startswith(TRIGGERS) for cell in row)


def test_dicts_and_frames() -> None:
    assert safe_dict({"a": "=x", "b": 1}) == {"a": "'=x", "b": 1}
    frame = pd.DataFrame({"agent": ["=cmd", "Lee"], "score": [-1.0, 90.0], "@col": ["x", "y"]})
    out = safe_frame(frame).to_csv(index=False)
    assert "'=cmd" in out and "'@col" in out and "-1.0" in out
    assert frame["agent"][0] == "=cmd"  # the caller's frame is not changed
