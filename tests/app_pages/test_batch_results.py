"""Batch results: a supervisor narrows a `csrsim batch` results file by agent, criterion score and contact date."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

RESULTS = (
    b"file,transcript,agent,rubric,overall,passed,auto_fail,score_empathy,score_opening,handle_time_seconds,turns,"
    b"redactions,content_hash,contact_date,scored_at\n"
    b"a.txt,a,Lee,default@1,92,True,,90,95,60,8,0,h1,2024-03-01T09:00:00,2026-11-20T10:00:00+00:00\n"
    b"b.txt,b,Sam,default@1,35,False,no verification,20,40,60,8,0,h2,2024-03-05,2026-11-20T10:00:00+00:00\n"
    b"c.txt,c,Lee,default@1,61,False,,70,10,60,8,0,h3,,2026-11-21T09:00:00+00:00\n"
)


def shown(at: AppTest) -> list[str]:
    return [str(t) for t in at.dataframe[0].value["transcript"]]


def test_filters_change_the_rows_shown(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    at.switch_page("app_pages/batch_results.py").run()
    at.file_uploader(key="batch_file").set_value(("results.csv", RESULTS, "text/csv")).run()
    assert not at.exception, at.exception
    assert shown(at) == ["b", "c", "a"]  # worst first
    assert at.multiselect(key="batch_agents").options == ["Lee", "Sam"]

    at.multiselect(key="batch_agents").select("Lee").run()
    assert shown(at) == ["c", "a"]
    at.multiselect(key="batch_agents").unselect("Lee").run()
    assert shown(at) == ["b", "c", "a"]

    assert at.selectbox(key="batch_criterion").options == ["empathy", "opening"]
    at.selectbox(key="batch_criterion").select("opening").run()
    at.slider(key="batch_crit_range").set_value((0, 50)).run()
    assert not at.exception, at.exception
    assert shown(at) == ["b", "c"]
    at.selectbox(key="batch_criterion").set_value(None).run()
    assert shown(at) == ["b", "c", "a"]

    dates = at.date_input(key="batch_dates")
    assert dates.value == (date(2024, 3, 1), date(2026, 11, 21))  # c has no contact date: its scoring day counts
    dates.set_value((date(2024, 3, 1), date(2024, 3, 31))).run()
    assert shown(at) == ["b", "a"]
    at.date_input(key="batch_dates").set_value((date(2026, 11, 1), date(2026, 11, 21))).run()
    assert shown(at) == ["c"]
    assert not at.exception, at.exception


def test_another_file_with_other_dates_resets_the_range(app_as) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    at.switch_page("app_pages/batch_results.py").run()
    at.file_uploader(key="batch_file").set_value(("results.csv", RESULTS, "text/csv")).run()
    at.date_input[0].set_value((date(2024, 3, 1), date(2024, 3, 2))).run()
    assert shown(at) == ["a"]
    later = RESULTS.replace(b"2024-03-0", b"2025-06-0")
    at.file_uploader(key="batch_file").set_value(("later.csv", later, "text/csv")).run()
    assert not at.exception, at.exception
    assert shown(at) == ["b", "c", "a"]
