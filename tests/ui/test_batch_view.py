"""Reading `csrsim batch` output: CSV and JSONL, worst first; anything else is a clear BatchFileError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ui.batch_view import BatchFileError, criterion_columns, read_results


def card(tid: str, overall: float | None, empathy: float | None = 50.0) -> dict:  # type: ignore[type-arg]
    return {
        "transcript": tid,
        "rubric": {"id": "default", "version": 1},
        "overall": overall,
        "passed": bool(overall and overall >= 80),
        "auto_fail": [],
        "criteria": {"empathy": {"score": empathy, "weight": 0.5, "applicable": empathy is not None}},
        "coaching": [],
    }


def test_jsonl_worst_first_with_cards() -> None:
    data = "\n".join(json.dumps(card(t, o)) for t, o in [("a", 90.0), ("b", 40.0), ("c", 70.0)]).encode()
    frame, cards = read_results(data, filename="out.jsonl")
    assert list(frame["transcript"]) == ["b", "c", "a"]
    assert set(cards) == {"a", "b", "c"} and criterion_columns(frame) == ["empathy"]


def test_csv_as_csrsim_batch_writes_it() -> None:
    data = (
        b"file,transcript,agent,rubric,overall,passed,auto_fail,score_empathy,score_accuracy,handle_time_seconds,turns\n"
        b"a.txt,x,jo,default v1,85,True,,80,,300,12\nb.txt,y,jo,default v1,30,False,no verification,20,40,90,4\n"
    )
    frame, cards = read_results(data, filename="results.csv")
    assert list(frame["transcript"]) == ["y", "x"] and list(frame["passed"]) == [False, True] and cards == {}
    assert criterion_columns(frame) == ["empathy", "accuracy"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("out.pdf", b"%PDF", "expected the .csv or .jsonl"),
        ("out.jsonl", b'{"transcript": "a"\n{"x": 1}', "out.jsonl:1: not JSON"),
        ("out.csv", b"a,b\n1,2\n", "no 'overall' column"),
        ("out.csv", b"", "not a readable CSV"),
    ],
)
def test_bad_files(name: str, data: bytes, message: str) -> None:
    with pytest.raises(BatchFileError, match=message):
        read_results(data, filename=name)


@hsettings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400), ext=st.sampled_from([".csv", ".jsonl", ".json", ".txt"]))
def test_arbitrary_bytes_never_crash(data: bytes, ext: str) -> None:
    try:
        frame, _ = read_results(data, filename="f" + ext)
    except (BatchFileError, ValueError):
        return
    assert "overall" in frame.columns
