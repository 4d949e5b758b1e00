"""Review: a supervisor scores an uploaded transcript, overrides a criterion; bad uploads get clear messages."""

from __future__ import annotations

import json

import pytest

from storage import Database, ScoreRepo, UserRepo
from tests.app_pages.conftest import click, texts

CALL = {
    "id": "call-0001",
    "channel": "phone",
    "turns": [
        {"speaker": "customer", "text": "I was charged twice this month!", "start": 0.0, "end": 2.4},
        {
            "speaker": "agent",
            "text": "I'm sorry about that, this call is recorded. Can I have your account number?",
            "start": 2.9,
            "end": 6.1,
        },
        {"speaker": "customer", "text": "It's 482177, postcode 90210.", "start": 6.5, "end": 8.0},
        {
            "speaker": "agent",
            "text": "Thanks, you're verified. I've reversed the duplicate charge; anything else?",
            "start": 8.4,
            "end": 12.0,
        },
        {"speaker": "customer", "text": "No, that's all, thanks.", "start": 12.3, "end": 13.5},
    ],
}


def upload(at, name: str, data: bytes, mime: str = "application/json"):  # type: ignore[no-untyped-def]
    generation = at.session_state.get("review_upload_generation", 0)
    at.file_uploader(key=f"review_files_{generation}").set_value([(name, data, mime)]).run()
    return click(at, "Import and score")


def test_supervisor_scores_uploaded_transcript_and_overrides(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    at.selectbox(key="review_agent").select("trainee").run()
    upload(at, "call-0001.json", json.dumps(CALL).encode())
    assert not at.exception, at.exception
    assert "Scored and saved 1 contact(s)." in texts(at)
    supervisor = UserRepo(db).by_username("supervisor")
    trainee = UserRepo(db).by_username("trainee")
    assert supervisor is not None and trainee is not None
    (record,) = ScoreRepo(db).list(supervisor)
    assert record.source == "upload" and record.transcript_id == "call-0001" and record.user_id == trainee.id
    assert "Overall" in texts(at)
    automatic = record.card["criteria"]["empathy"]["score"]
    at.selectbox(key="ovr_criterion").select("empathy")
    at.number_input(key="ovr_score").set_value(35.0)
    at.text_area(key="ovr_comment").input("Apology was scripted, tone flat on the recording.")
    click(at, "Save override")
    assert "Reviewer override by supervisor: 35" in texts(at)
    after = ScoreRepo(db).get(supervisor, record.id)
    assert after.card["criteria"]["empathy"]["score"] == automatic  # the automatic score is untouched
    assert [(o.criterion, o.score) for o in after.overrides] == [("empathy", 35.0)]
    # the trainee sees the scorecard about them, but the other trainee does not
    assert [r.id for r in ScoreRepo(db).list(trainee)] == [record.id]
    trainee2 = UserRepo(db).by_username("trainee2")
    assert trainee2 is not None and ScoreRepo(db).list(trainee2) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "files of type '.exe' are not accepted"),
        ("notes.txt", b"", "is empty"),
        ("broken.json", b'{"id": "x", "turns": [{"speaker": ', "broken.json"),
    ],
)
def test_bad_uploads_get_clear_messages(app_as, db: Database, name: str, data: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    upload(at, name, data)
    assert not at.exception
    assert any(message in e.value for e in at.error), texts(at)
    supervisor = UserRepo(db).by_username("supervisor")
    assert supervisor is not None and ScoreRepo(db).list(supervisor) == []


def test_upload_over_size_limit_is_refused(app_as, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from domain.config import get_settings

    monkeypatch.setenv("CSR_MAX_TEXT_UPLOAD_MB", "1")
    get_settings.cache_clear()
    at = app_as("supervisor")
    big = json.dumps({**CALL, "padding": "x" * (1024 * 1024 + 10)}).encode()
    upload(at, "big.json", big)
    assert any("the limit for text files is 1 MB" in e.value for e in at.error), texts(at)
    supervisor = UserRepo(db).by_username("supervisor")
    assert supervisor is not None and ScoreRepo(db).list(supervisor) == []


def test_team_dashboard_and_csv_export(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    upload(at, "call-0001.json", json.dumps(CALL).encode())
    at.switch_page("app_pages/team.py").run()
    assert not at.exception, at.exception
    assert "Pass rate" in texts(at)
    assert len(at.get("download_button")) == 2


def test_the_call_just_uploaded_is_the_one_opened(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    upload(at, "call-0001.json", json.dumps(CALL).encode())
    first = at.selectbox(key="review_pick").value
    second_call = {**CALL, "id": "call-0002"}
    upload(at, "call-0002.json", json.dumps(second_call).encode())
    assert not at.exception, at.exception
    supervisor = UserRepo(db).by_username("supervisor")
    assert supervisor is not None
    stored = {r.transcript_id: r.id for r in ScoreRepo(db).list(supervisor)}
    assert first == stored["call-0001"]
    assert at.selectbox(key="review_pick").value == stored["call-0002"]  # not the call opened before the upload


def test_reimporting_the_same_file_opens_the_stored_call_without_a_duplicate(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    data = json.dumps(CALL).encode()
    upload(at, "call-0001.json", data)
    other = {**CALL, "id": "call-0002"}
    upload(at, "call-0002.json", json.dumps(other).encode())
    upload(at, "renamed-copy.json", data)  # same bytes under another name: the same contact
    # the uploader is empty after an import, so the same file cannot be imported again by a second press
    generation = at.session_state["review_upload_generation"]
    assert not at.file_uploader(key=f"review_files_{generation}").value
    assert at.button(key="review_score").disabled
    assert not at.exception, at.exception
    supervisor = UserRepo(db).by_username("supervisor")
    assert supervisor is not None
    records = ScoreRepo(db).list(supervisor)
    assert sorted(r.transcript_id for r in records) == ["call-0001", "call-0002"]
    assert "Already scored with this rubric: 1 contact(s)" in texts(at)
    first = next(r.id for r in records if r.transcript_id == "call-0001")
    assert at.selectbox(key="review_pick").value == first


def test_override_form_belongs_to_the_contact_on_screen(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("supervisor")
    upload(at, "call-0001.json", json.dumps(CALL).encode())
    upload(at, "call-0002.json", json.dumps({**CALL, "id": "call-0002"}).encode())
    supervisor = UserRepo(db).by_username("supervisor")
    assert supervisor is not None
    stored = {r.transcript_id: r.id for r in ScoreRepo(db).list(supervisor)}
    at.selectbox(key="review_pick").select(stored["call-0001"]).run()
    assert f"Override a criterion on contact #{stored['call-0001']}** (call-0001" in texts(at)
    at.selectbox(key="ovr_criterion").select("empathy")
    at.number_input(key="ovr_score").set_value(40.0)
    at.text_area(key="ovr_comment").input("flat")
    click(at, "Save override")
    assert [len(ScoreRepo(db).get(supervisor, i).overrides) for i in (stored["call-0001"], stored["call-0002"])] == [
        1,
        0,
    ]
    # the headline is the resolved score, with the automatic one beside it
    assert "after reviewer overrides · automatic score" in texts(at)


def test_turn_extras_from_audio_import_are_shown(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    call = json.loads(json.dumps(CALL))
    call["turns"][0]["speaker_confidence"] = 0.62
    call["turns"][0]["notes"] = ["speaker guessed from pitch"]
    at = app_as("supervisor")
    upload(at, "call-0003.json", json.dumps(call).encode())
    assert not at.exception, at.exception
    page = texts(at)
    assert "speaker confidence 62%" in page and "speaker guessed from pitch" in page
