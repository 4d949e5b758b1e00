"""Transcript JSON, JSON Lines and CSV."""

from __future__ import annotations

import json

import pytest

from importers import TranscriptImportError
from tests.importers.conftest import Reader

CALL = {
    "id": "call-0001",
    "channel": "phone",
    "language": "en",
    "turns": [
        {"speaker": "customer", "text": "I was charged twice!", "start": 0.0, "end": 2.4},
        {"speaker": "agent", "text": "I'm sorry about that, let me look.", "start": 2.9, "end": 5.1},
    ],
    "queue": "billing",
}


@pytest.mark.parametrize("name", ["call.json", "call.txt", "call"])
def test_design_json_loads_whatever_the_extension(read_text: Reader, name: str) -> None:
    [t] = read_text(name, json.dumps(CALL))
    assert t.id == "call-0001"
    assert [x.text for x in t.turns] == ["I was charged twice!", "I'm sorry about that, let me look."]
    assert t.turns[1].end == 5.1
    assert t.metadata["queue"] == "billing"


def test_array_and_wrapper_hold_several(read_text: Reader) -> None:
    second = {**CALL, "id": "call-0002"}
    assert [t.id for t in read_text("a.json", json.dumps([CALL, second]))] == ["call-0001", "call-0002"]
    assert len(read_text("b.json", json.dumps({"transcripts": [CALL, second]}))) == 2


def test_json_lines_one_per_line_and_errors_name_the_line(read_text: Reader) -> None:
    lines = [json.dumps({**CALL, "id": f"c{i}"}) for i in range(3)]
    assert [t.id for t in read_text("calls.jsonl", "\n".join(lines) + "\n")] == ["c0", "c1", "c2"]
    broken = [*lines[:2], '{"id": "x", "turns": [}']
    with pytest.raises(TranscriptImportError, match=r"calls.jsonl: line 3"):
        read_text("calls.jsonl", "\n".join(broken))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"id": "x"', r"line 1, column \d+: invalid JSON"),
        ('{"id": "x"}', "no 'turns' list"),
        ('{"id": "x", "turns": [{"speaker": "agent"}]}', "turn 0: turn has no 'text'"),
        ('{"id": "x", "turns": [{"speaker": "agent", "text": "a", "start": 5, "end": 1}]}', "ends .* before it starts"),
        ("[]", "no transcripts"),
        ("[1]", "expected a transcript object"),
    ],
)
def test_bad_json_says_what_and_where(read_text: Reader, payload: str, message: str) -> None:
    with pytest.raises(TranscriptImportError, match=message):
        read_text("bad.json", payload)


def test_json_speaker_labels_are_mapped(read_text: Reader) -> None:
    payload = {"turns": [{"speaker": "Rep", "text": "hi"}, {"role": "Caller", "content": "hello"}]}
    [t] = read_text("x.json", json.dumps(payload))
    assert [x.speaker for x in t.turns] == ["agent", "customer"]
    assert t.id == "x"


def test_csv_groups_rows_by_conversation(read_text: Reader) -> None:
    text = (
        "call_id,speaker,text,start,end,agent_name\n"
        "A1,Agent,Hello,0,1.5,Sam\n"
        "B2,agent,Hi there,0,1,Lee\n"
        "A1,Customer,I need help,2,3.5,Sam\n"
        "B2,caller,Bye,1.5,00:00:02.5,Lee\n"
    )
    first, second = read_text("calls.csv", text)
    assert (first.id, second.id) == ("A1", "B2")
    assert [x.speaker for x in first.turns] == ["agent", "customer"]
    assert second.turns[1].end == 2.5
    assert first.metadata["agent"] == "Sam"


def test_tsv_without_conversation_column_is_one_transcript(read_text: Reader) -> None:
    [t] = read_text("call.tsv", "Speaker\tText\nAgent\tHello, there\nCustomer\tHi\n")
    assert [x.text for x in t.turns] == ["Hello, there", "Hi"]
    assert t.id == "call"


@pytest.mark.parametrize(
    ("header", "missing"),
    [("speaker,start\n", "text"), ("text,start\n", "speaker"), ("who,what\n", "speaker, text")],
)
def test_csv_missing_columns_are_named(read_text: Reader, header: str, missing: str) -> None:
    with pytest.raises(TranscriptImportError, match=f"missing required column\\(s\\) {missing}"):
        read_text("calls.csv", header + "a,b\n")


def test_csv_bad_time_names_the_row(read_text: Reader) -> None:
    with pytest.raises(TranscriptImportError, match=r"calls.csv: row 3: start 'soon' is not a time"):
        read_text("calls.csv", "speaker,text,start\nagent,hi,0\ncustomer,yo,soon\n")


def test_chat_export_with_messages_key(read_text: Reader) -> None:
    payload = {"id": "chat-9", "messages": [{"role": "agent", "text": "Hi!"}, {"role": "customer", "text": "Yo"}]}
    [t] = read_text("chat.json", json.dumps(payload), channel="chat")
    assert (t.id, t.channel, [x.speaker for x in t.turns]) == ("chat-9", "chat", ["agent", "customer"])
