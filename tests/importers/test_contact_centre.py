"""Amazon Connect Contact Lens, Google CCAI Insights and Twilio exports, picked by content and mapped to roles."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers import ImportOptions, TranscriptImportError, read_bytes
from importers.contact_centre import sniff
from tests.importers.conftest import Reader

FIXTURES = Path(__file__).parent / "fixtures"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("filename", ["export.json", "export.txt", "export"])
def test_contact_lens_roles_times_and_bot_kept_apart(read_text: Reader, filename: str) -> None:
    [t] = read_text(filename, _load("connect_contact_lens.json"))
    assert t.metadata["format"] == "amazon-connect"
    assert t.id == "a1b2c3d4-0001-4e5f-9a8b-123456789abc"
    assert [x.speaker for x in t.turns] == [
        "system",
        "agent",
        "customer",
        "agent",
        "customer",
        "agent",
        "customer",
        "agent",
    ]
    assert t.turns[0].model_extra == {"role": "bot", "sentiment": "neutral"}
    assert t.turns[1].start == 4.3 and t.turns[1].end == 8.12
    assert (t.turns[2].model_extra or {})["sentiment"] == "negative"
    assert (t.turns[4].model_extra or {})["platform_redacted"] is True
    assert "59 dollars" in t.turns[5].text  # amounts are not card data
    assert t.language == "en"
    assert any("automated" in n for n in t.metadata["notes"])


def test_ccai_bot_turns_are_system_and_times_relative(read_text: Reader) -> None:
    [t] = read_text("conv.json", _load("ccai_conversation.json"))
    assert t.metadata["format"] == "google-ccai"
    assert t.id == "ccai-7731"
    assert [x.speaker for x in t.turns] == ["system", "customer", "system", "agent", "customer", "agent", "customer"]
    assert [(x.model_extra or {}).get("role") for x in t.turns[:3]] == ["bot", None, "bot"]
    assert t.turns[0].start == 0.0 and t.turns[1].start == 4.2
    assert t.turns[0].end == t.turns[1].start
    assert t.turns[-1].end is None
    assert "55821" in t.turns[4].text
    assert not any(x.speaker == "agent" and "virtual assistant" in x.text for x in t.turns)


def test_twilio_sentences_merge_per_channel_and_note_the_assumed_mapping(read_text: Reader) -> None:
    [t] = read_text("sentences.json", _load("twilio_sentences.json"))
    assert t.metadata["format"] == "twilio"
    assert [x.speaker for x in t.turns] == ["agent", "customer", "agent", "customer", "agent"]
    assert t.turns[0].text.endswith("my name is Dana. How can I help?")
    assert t.turns[0].start == 0.52 and t.turns[0].end == 5.6
    assert (t.turns[0].model_extra or {})["confidence"] == 0.93
    assert any("media channel 1 taken as the agent" in n for n in t.metadata["notes"])


def test_twilio_speaker_map_and_agent_channel_flip_roles(read_text: Reader) -> None:
    [a] = read_text("s.json", _load("twilio_sentences.json"), agent_channel="right")
    [b] = read_text(
        "s2.json", _load("twilio_sentences.json"), speaker_map={"channel 1": "customer", "channel 2": "agent"}
    )
    assert a.turns[0].speaker == "customer" == b.turns[0].speaker


def test_twilio_participants_in_export_win() -> None:
    data = json.loads(_load("twilio_sentences.json"))
    data["channel"] = {
        "participants": [{"channel_participant": 1, "role": "Customer"}, {"channel_participant": 2, "role": "Agent"}]
    }
    [t] = read_bytes(json.dumps(data).encode(), filename="x.json", options=ImportOptions())
    assert t.turns[0].speaker == "customer"
    assert not any("taken as the agent" in n for n in t.metadata.get("notes", []))


def test_twilio_bare_list_of_sentences() -> None:
    data = json.loads(_load("twilio_sentences.json"))["sentences"]
    [t] = read_bytes(json.dumps(data).encode(), filename="x.json", options=ImportOptions())
    assert t.metadata["format"] == "twilio" and len(t.turns) == 5


def test_card_digits_in_an_export_are_redacted() -> None:
    data = json.loads(_load("connect_contact_lens.json"))
    data["Transcript"][4]["Content"] = "My card number is 4111 1111 1111 1111."
    [t] = read_bytes(json.dumps(data).encode(), filename="x.json", options=ImportOptions(redact=True))
    assert "4111" not in t.turns[4].text and "[CARD]" in t.turns[4].text


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["Transcript"][2].update(ParticipantId="NOBODY"), "Transcript[2]"),
        (lambda d: d["Transcript"][2].update(BeginOffsetMillis="soon"), "Transcript[2]: time is not a number"),
        (lambda d: d["Transcript"][3].update(Content=None), "Transcript[3]: 'Content' must be text"),
        (lambda d: d["Participants"][1].update(ParticipantRole="ALIEN"), "Participants[1]: unknown ParticipantRole"),
        (lambda d: d["Transcript"][1].update(EndOffsetMillis=-5), "Transcript[1]"),
    ],
)
def test_bad_contact_lens_entries_name_the_item(mutate: Any, message: str) -> None:
    data = json.loads(_load("connect_contact_lens.json"))
    mutate(data)
    with pytest.raises(TranscriptImportError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_bytes(json.dumps(data).encode(), filename="bad.json", options=ImportOptions())


def test_plain_transcript_json_is_not_mistaken_for_a_platform() -> None:
    assert sniff({"turns": [{"speaker": "agent", "text": "hi"}]}) is None
    assert sniff({"entries": [{"foo": 1}]}) is None
    assert sniff([]) is None


# --- properties -----------------------------------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(lambda s: s.strip())
_connect_role = st.sampled_from(["AGENT", "CUSTOMER", "SYSTEM"])


@st.composite
def connect_exports(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    items = draw(
        st.lists(
            st.tuples(_connect_role, _text, st.integers(0, 10_000), st.integers(0, 5_000)), min_size=1, max_size=12
        )
    )
    clock = 0
    transcript = []
    for role, text, gap, length in items:
        clock += gap
        transcript.append(
            {"ParticipantId": role, "Content": text, "BeginOffsetMillis": clock, "EndOffsetMillis": clock + length}
        )
        clock += length
    participants = [{"ParticipantId": r, "ParticipantRole": r} for r in ("AGENT", "CUSTOMER", "SYSTEM")]
    expected = [{"AGENT": "agent", "CUSTOMER": "customer", "SYSTEM": "system"}[r] for r, *_ in items]
    return {"Participants": participants, "Transcript": transcript, "Version": "1.1.0"}, expected


@FAST
@given(connect_exports())
def test_contact_lens_property_every_item_becomes_a_turn_in_order(case: tuple[dict[str, Any], list[str]]) -> None:
    data, expected = case
    [t] = read_bytes(json.dumps(data).encode(), filename="c.json", options=ImportOptions(redact=False))
    assert [x.speaker for x in t.turns] == expected
    starts = [x.start or 0.0 for x in t.turns]
    assert starts == sorted(starts)
    assert all(x.end is None or x.start is None or x.end >= x.start for x in t.turns)


@st.composite
def ccai_exports(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    roles = draw(
        st.lists(st.sampled_from(["AGENT", "CUSTOMER", "END_USER", "AUTOMATED_AGENT"]), min_size=1, max_size=12)
    )
    base = draw(st.integers(0, 2**52))
    entries = [
        {"text": draw(_text), "role": r, "user_id": i % 3, "start_timestamp_usec": base + i * 1_500_000}
        for i, r in enumerate(roles)
    ]
    expected = [
        {"AGENT": "agent", "CUSTOMER": "customer", "END_USER": "customer", "AUTOMATED_AGENT": "system"}[r]
        for r in roles
    ]
    return {"entries": entries}, expected


@FAST
@given(ccai_exports())
def test_ccai_property_roles_and_relative_times(case: tuple[dict[str, Any], list[str]]) -> None:
    data, expected = case
    [t] = read_bytes(json.dumps(data).encode(), filename="g.json", options=ImportOptions(redact=False))
    assert [x.speaker for x in t.turns] == expected
    assert t.turns[0].start == 0.0
    assert all((x.model_extra or {}).get("role") == "bot" for x in t.turns if x.speaker == "system")


@st.composite
def twilio_exports(draw: st.DrawFn) -> dict[str, Any]:
    channels = draw(st.lists(st.sampled_from([1, 2]), min_size=1, max_size=15))
    order = draw(st.permutations(list(range(len(channels)))))
    sentences = [
        {
            "media_channel": c,
            "sentence_index": i,
            "start_time": i * 2.0,
            "end_time": i * 2.0 + 1.5,
            "transcript": draw(_text),
        }
        for i, c in enumerate(channels)
    ]
    return {"sentences": [sentences[i] for i in order]}


@FAST
@given(twilio_exports())
def test_twilio_property_order_by_index_and_alternating_turns(data: dict[str, Any]) -> None:
    [t] = read_bytes(json.dumps(data).encode(), filename="t.json", options=ImportOptions(redact=False))
    speakers = [x.speaker for x in t.turns]
    assert all(a != b for a, b in itertools.pairwise(speakers))
    by_index = sorted(data["sentences"], key=lambda s: s["sentence_index"])
    assert " ".join(x.text for x in t.turns).split() == " ".join(s["transcript"] for s in by_index).split()


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@FAST
@given(
    st.sampled_from(["connect", "ccai", "twilio"]),
    st.dictionaries(
        st.sampled_from(
            [
                "ParticipantId",
                "ParticipantRole",
                "Content",
                "BeginOffsetMillis",
                "text",
                "role",
                "user_id",
                "start_timestamp_usec",
                "media_channel",
                "sentence_index",
                "start_time",
                "transcript",
            ]
        ),
        _json_values,
        max_size=6,
    ),
)
def test_malformed_platform_items_give_a_clear_error_or_a_transcript(kind: str, item: dict[str, Any]) -> None:
    if kind == "connect":
        data: Any = {"Participants": [{"ParticipantId": "AGENT", "ParticipantRole": "AGENT"}], "Transcript": [item]}
    elif kind == "ccai":
        data = {
            "entries": [
                {"text": "x", "role": "AGENT"},
                {**item, "text": item.get("text", "y"), "role": item.get("role", "AGENT")},
            ]
        }
    else:
        data = {
            "sentences": [
                {**item, "transcript": item.get("transcript", "x"), "media_channel": item.get("media_channel", 1)}
            ]
        }
    try:
        result = read_bytes(json.dumps(data).encode(), filename="m.json", options=ImportOptions())
    except TranscriptImportError as exc:
        assert "m.json" in str(exc)
    else:
        assert result and result[0].turns
