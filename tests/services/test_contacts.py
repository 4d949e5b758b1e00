"""Contact scoring as a service: import -> redact -> score -> store, de-duplicated by the file's content hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.contacts import Upload, content_hash_of, import_and_store
from services.workspace import Workspace
from storage import ScoreRepo, StorageError, UserRepo

CALL = {
    "id": "call-0001",
    "agent": "Lee",
    "turns": [
        {"speaker": "customer", "text": "I was charged twice, card 4111 1111 1111 1111!", "start": 0.0, "end": 2.4},
        {"speaker": "agent", "text": "I'm sorry about that, let me look.", "start": 2.9, "end": 5.1},
    ],
}
TWO_CALLS_CSV = (
    "call_id,speaker,text,start,end\nA,Agent,Hello thanks for calling,0,2\nA,Customer,Hi there,2,3\n"
    "B,Rep,Good morning,0,1\nB,Caller,I want to cancel,1,3\n"
)


def staff(ws: Workspace, name: str = "supervisor"):  # type: ignore[no-untyped-def]
    user = UserRepo(ws.db).by_username(name)
    assert user is not None
    return user


def test_import_stores_redacted_scored_contacts_with_their_hash(ws: Workspace) -> None:
    viewer = staff(ws)
    data = json.dumps(CALL).encode()
    outcome = import_and_store(ws, viewer, [Upload("call.json", data)], rubric_ref="default", agent="trainee")
    assert outcome.errors == [] and outcome.existing == [] and len(outcome.new) == 1
    record = ScoreRepo(ws.db).get(viewer, outcome.new[0])
    assert record.agent_name == "trainee" and record.user_id == staff(ws, "trainee").id
    assert "4111 1111 1111 1111" not in json.dumps(record.transcript)  # redacted before it was stored
    assert record.card["metadata"]["content_hash"] == content_hash_of(data)
    assert record.card["metadata"]["source_file"] == "call.json"


def test_the_same_bytes_again_return_the_stored_ids_in_upload_order(ws: Workspace, tmp_path: Path) -> None:
    viewer = staff(ws)
    first = import_and_store(ws, viewer, [Upload("calls.csv", TWO_CALLS_CSV.encode())], rubric_ref="default")
    assert len(first.new) == 2 and first.ids == first.new
    other = json.dumps(CALL).encode()
    again = import_and_store(
        ws, viewer, [Upload("new.json", other), Upload("copy.csv", TWO_CALLS_CSV.encode())], rubric_ref="default"
    )
    assert again.existing == first.new and len(again.new) == 1
    assert again.ids == [*again.new, *first.new]  # exactly these contacts, in the order of their files
    assert len(ScoreRepo(ws.db).list(viewer)) == 3
    # another rubric is another scoring of the same file, not a duplicate
    other_rubric = tmp_path / "qa.yaml"
    other_rubric.write_text(
        "version: 1\nkind: rubric\nid: qa\ntitle: QA\ncriteria:\n  empathy:\n    weight: 0.5\n"
        "  closing:\n    weight: 0.5\n",
        encoding="utf-8",
    )
    third = import_and_store(ws, viewer, [Upload("calls.csv", TWO_CALLS_CSV.encode())], rubric_ref=str(other_rubric))
    assert len(third.new) == 2 and third.existing == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "files of type '.exe' are not accepted"),
        ("notes.txt", b"", "is empty"),
        ("broken.json", b'{"id": "x", "turns": [{"speaker": ', "broken.json"),
    ],
)
def test_a_bad_file_is_a_sentence_and_the_good_ones_still_store(
    ws: Workspace, name: str, data: bytes, message: str
) -> None:
    viewer = staff(ws)
    outcome = import_and_store(
        ws, viewer, [Upload(name, data), Upload("call.json", json.dumps(CALL).encode())], rubric_ref="default"
    )
    assert len(outcome.errors) == 1 and message in outcome.errors[0]
    assert len(outcome.new) == 1


def test_a_trainee_cannot_store_contacts(ws: Workspace) -> None:
    trainee = staff(ws, "trainee")
    outcome = import_and_store(ws, trainee, [Upload("call.json", json.dumps(CALL).encode())], rubric_ref="default")
    assert outcome.new == [] and "may not do this" in outcome.errors[0]
    with pytest.raises(StorageError):
        ScoreRepo(ws.db).add(trainee, card=None, transcript=None)  # type: ignore[arg-type]
