from __future__ import annotations

import pytest

from importers import TranscriptImportError
from tests.importers.conftest import Reader


@pytest.mark.parametrize(
    ("agent_label", "customer_label"),
    [
        ("Agent", "Customer"),
        ("Rep", "Caller"),
        ("CSR", "Client"),
        ("Representative", "Customer"),
        ("Customer Service", "Caller"),
        ("AGENT", "CUSTOMER"),
        ("agent", "customer"),
    ],
)
def test_common_labels_map_to_roles(read_text: Reader, agent_label: str, customer_label: str) -> None:
    text = f"{agent_label}: Thanks for calling.\n{customer_label}: I was charged twice.\n{agent_label}: Sorry!\n"
    [t] = read_text("call.txt", text)
    assert [turn.speaker for turn in t.turns] == ["agent", "customer", "agent"]
    assert t.turns[1].text == "I was charged twice."
    assert t.metadata["speaker_mapping"] == {agent_label: "agent", customer_label: "customer"}


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("[00:01:23] Agent: hello", 83.0),
        ("[01:23] Agent: hello", 83.0),
        ("(0:05) Agent: hello", 5.0),
        ("00:00:07.5 Agent: hello", 7.5),
        ("Agent (0:05): hello", 5.0),
        ("Agent [1:02:03]: hello", 3723.0),
        ("Agent: hello", None),
    ],
)
def test_timestamps_become_start_times(read_text: Reader, line: str, start: float | None) -> None:
    [t] = read_text("call.txt", f"{line}\nCustomer: hi\n")
    assert t.turns[0].speaker == "agent"
    assert t.turns[0].text == "hello"
    assert t.turns[0].start == start


def test_continuation_lines_join_the_turn_and_sentence_colons_stay_text(read_text: Reader) -> None:
    text = "Agent: Hello.\nThe thing is: it works.\nCustomer: ok\nthanks\n"
    [t] = read_text("call.txt", text)
    assert [x.text for x in t.turns] == ["Hello. The thing is: it works.", "ok thanks"]


def test_names_use_the_speaker_map(read_text: Reader) -> None:
    text = "Jane: Thanks for calling.\nBob: Hi.\nJane: How can I help?\n"
    [t] = read_text("call.txt", text, speaker_map={"bob": "agent", "JANE": "customer"})
    assert [x.speaker for x in t.turns] == ["customer", "agent", "customer"]


def test_one_unknown_name_beside_a_known_role_is_the_other_party(read_text: Reader) -> None:
    [t] = read_text("call.txt", "Agent: Hello.\nJohn Smith: Hi there.\nAgent: Sure.\n")
    assert [x.speaker for x in t.turns] == ["agent", "customer", "agent"]
    assert t.metadata["speaker_mapping"]["John Smith"] == "customer"


def test_two_unknown_names_first_speaker_is_agent_and_noted(read_text: Reader) -> None:
    [t] = read_text("call.txt", "Sam: Hello.\nPat: Hi.\nSam: Bye.\nPat: Bye.\n")
    assert [x.speaker for x in t.turns] == ["agent", "customer", "agent", "customer"]
    assert any("inferred" in n for n in t.metadata["notes"])


def test_unknown_speaker_rule_error_names_the_labels(read_text: Reader) -> None:
    text = "Sam: Hello.\nPat: Hi.\nLee: Hey.\nSam: x\nPat: y\nLee: z\n"
    with pytest.raises(TranscriptImportError, match=r"call.txt.*'Sam'.*'Pat'.*'Lee'"):
        read_text("call.txt", text, unknown_speaker="error")
    [t] = read_text("call.txt", text, unknown_speaker="customer")
    assert {x.speaker for x in t.turns} == {"customer"}


def test_header_lines_become_metadata(read_text: Reader) -> None:
    [t] = read_text("call.txt", "Call ID: 991\nDate: 2024-03-01\nAgent: Hello.\nCustomer: Hi.\n")
    assert t.metadata["header"] == {"Call ID": "991", "Date": "2024-03-01"}
    assert len(t.turns) == 2


def test_no_labels_is_an_error_only_when_asked(read_text: Reader) -> None:
    with pytest.raises(TranscriptImportError, match="no speaker labels"):
        read_text("call.txt", "just some words\nand more\n", unknown_speaker="error")
    [t] = read_text("call.txt", "just some words\n", unknown_speaker="customer")
    assert t.turns[0].speaker == "customer"


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("[10:32 AM] Agent: hi\n[10:33 AM] Customer: yo\n", [0.0, 60.0]),
        ("[11:59:30 AM] Agent: hi\n[12:00:10 PM] Customer: yo\n", [0.0, 40.0]),
        ("2024-03-01 10:32:15 Agent: hi\n2024-03-01 10:32:45 Customer: yo\n", [0.0, 30.0]),
        ("2024-03-01 23:59:50 Agent: hi\n2024-03-02 00:00:05 Customer: yo\n", [0.0, 15.0]),
        ("Agent (10:32 pm): hi\nCustomer (10:34 pm): yo\n", [0.0, 120.0]),
    ],
)
def test_times_of_day_become_offsets_from_the_first(read_text: Reader, text: str, starts: list[float]) -> None:
    [t] = read_text("chat.txt", text)
    assert [x.speaker for x in t.turns] == ["agent", "customer"]
    assert [x.start for x in t.turns] == starts
    assert any("times of day" in n for n in t.metadata["notes"])


def test_channel_can_be_set(read_text: Reader) -> None:
    [t] = read_text("chat.txt", "Agent: hi\nCustomer: yo\n", channel="chat")
    assert t.channel == "chat"


def test_export_headers_are_not_speakers_and_name_the_agent(read_text: Reader) -> None:
    text = "Agent Name: Sam Lee\nCustomer ID: 8812\nCall Date: 2024-03-01\nAgent: Hello.\nCustomer: Hi.\n"
    [t] = read_text("call.txt", text)
    assert [(x.speaker, x.text) for x in t.turns] == [("agent", "Hello."), ("customer", "Hi.")]
    assert t.metadata["agent"] == "Sam Lee"
    assert t.metadata["header"]["Customer ID"] == "8812"
