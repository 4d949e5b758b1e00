"""Reading `csrsim batch` output: CSV and JSONL, worst first; anything else is a clear BatchFileError."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from services.batch_results import BatchFileError, agents, contact_days, criterion_columns, filter_results, read_results


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


RESULTS_CSV = (
    b"file,transcript,agent,rubric,overall,passed,auto_fail,score_empathy,score_accuracy,handle_time_seconds,turns,"
    b"redactions,content_hash,contact_date,scored_at\n"
    b"a.txt,a,Lee,default@1,92,True,,90,95,60,8,0,h1,2024-03-01T00:00:00,2026-11-20T10:00:00+00:00\n"
    b"b.txt,b,Sam,default@1,35,False,no verification,20,40,60,8,0,h2,2024-03-05T16:30:00+05:00,"
    b"2026-11-20T10:00:00+00:00\n"
    b"c.txt,c,Lee,default@1,61,False,,70,,60,8,0,h3,,2026-11-21T09:00:00+00:00\n"
    b"d.txt,d,,default@1,,False,,,,60,8,0,h4,not a date,\n"
)


@pytest.fixture
def results() -> pd.DataFrame:
    frame, _ = read_results(RESULTS_CSV, filename="results.csv")
    return frame


def test_new_columns_are_not_criteria_and_agents_are_listed(results: pd.DataFrame) -> None:
    assert criterion_columns(results) == ["empathy", "accuracy"]
    assert agents(results) == ["Lee", "Sam"]
    assert agents(results.drop(columns=["agent"])) == []
    numeric, _ = read_results(b"transcript,agent,overall\nx,101,50\ny,,60\n", filename="r.csv")
    assert agents(numeric) == ["101"]


def test_contact_day_falls_back_to_scored_at(results: pd.DataFrame) -> None:
    days = dict(zip(results["transcript"], contact_days(results), strict=True))
    # the call's own day (no shift to UTC), else the day it was scored, else nothing
    assert days == {"a": date(2024, 3, 1), "b": date(2024, 3, 5), "c": date(2026, 11, 21), "d": None}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["d", "b", "c", "a"]),  # worst first, unscored first of all
        ({"status": "passed"}, ["a"]),
        ({"status": "failed"}, ["d", "b", "c"]),
        ({"overall": (50, 100)}, ["d", "c", "a"]),  # no overall score: still shown, it needs a look
        ({"agent_names": ["Lee"]}, ["c", "a"]),
        ({"agent_names": ["Lee", "Sam"]}, ["b", "c", "a"]),
        ({"agent_names": ["Nobody"]}, []),
        ({"criterion": "empathy", "criterion_range": (0, 50)}, ["b"]),
        ({"criterion": "empathy", "criterion_range": (60, 100)}, ["c", "a"]),
        ({"criterion": "accuracy", "criterion_range": (0, 100)}, ["b", "a"]),  # not applicable: left out
        ({"criterion": "missing"}, []),
        ({"days": (date(2024, 3, 1), date(2024, 3, 1))}, ["a"]),
        ({"days": (date(2024, 3, 2), date(2024, 12, 31))}, ["b"]),
        ({"days": (date(2026, 11, 21), date(2026, 11, 21))}, ["c"]),
        ({"agent_names": ["Lee"], "days": (date(2024, 1, 1), date(2026, 12, 31)), "status": "failed"}, ["c"]),
        ({"agent_names": ["Lee"], "criterion": "empathy", "criterion_range": (80, 100)}, ["a"]),
    ],
)
def test_filter_results(results: pd.DataFrame, filters: dict, expected: list[str]) -> None:  # type: ignore[type-arg]
    assert list(filter_results(results, **filters)["transcript"]) == expected


def test_jsonl_carries_agent_and_dates_from_metadata() -> None:
    items = [card("x", 50.0), card("y", 90.0)]
    items[0]["metadata"] = {"agent": "Lee", "contact_date": "2024-03-01T09:00:00", "scored_at": "2026-11-20T10:00:00"}
    items[1]["metadata"] = {"agent": "Sam", "contact_date": None, "scored_at": "2026-11-22T10:00:00+00:00"}
    frame, _ = read_results("\n".join(json.dumps(i) for i in items).encode(), filename="r.scorecards.jsonl")
    assert agents(frame) == ["Lee", "Sam"]
    assert list(contact_days(frame)) == [date(2024, 3, 1), date(2026, 11, 22)]
    assert list(filter_results(frame, days=(date(2026, 1, 1), date(2026, 12, 31)))["transcript"]) == ["y"]


@hsettings(max_examples=100, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.text(max_size=30), st.dates().map(str), st.datetimes().map(str)), max_size=6
    )
)
def test_contact_days_never_crash(values: list[str | None]) -> None:
    frame = pd.DataFrame({"overall": [50.0] * len(values), "contact_date": values})
    days = contact_days(frame)
    assert len(days) == len(values) and all(d is None or isinstance(d, date) for d in days)
    assert len(filter_results(frame, days=(date.min, date.max))) == sum(d is not None for d in days)
