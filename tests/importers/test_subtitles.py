"""WebVTT and SRT, and the exporters' round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.transcript import Transcript, Turn
from importers import ImportOptions, read_bytes, to_srt, to_vtt
from tests.importers.conftest import Reader

VTT = """WEBVTT

1
00:00:00.000 --> 00:00:03.000
<v Agent>Thank you for calling.

2
00:00:02.500 --> 00:00:05.000
<v Customer>Hi, I was charged twice.

3
00:00:04.000 --> 00:00:06.000
<v Agent>Let me check that.
"""


def test_vtt_voice_tags_and_overlaps_are_kept_and_noted(read_text: Reader) -> None:
    [t] = read_text("call.vtt", VTT)
    assert [x.speaker for x in t.turns] == ["agent", "customer", "agent"]
    assert [(x.start, x.end) for x in t.turns] == [(0.0, 3.0), (2.5, 5.0), (4.0, 6.0)]
    assert t.metadata["overlapping_cues"] == 2
    assert any("overlapping" in n for n in t.metadata["notes"])


def test_vtt_out_of_order_cues_are_sorted(read_text: Reader) -> None:
    text = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nCustomer: later\n\n00:00:01.000 --> 00:00:02.000\nAgent: first\n"
    [t] = read_text("call.vtt", text)
    assert [x.text for x in t.turns] == ["first", "later"]


def test_srt_name_prefixes_and_cue_without_label_continues_speaker(read_text: Reader) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nRep: Hello\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nhow can I help?\n\n"
        "3\n00:00:03,500 --> 00:00:04,000\nCaller: <i>my bill</i>\n"
    )
    [t] = read_text("call.srt", text)
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("agent", "Hello"),
        ("agent", "how can I help?"),
        ("customer", "my bill"),
    ]


def test_captions_saved_as_txt_are_sniffed(read_text: Reader) -> None:
    [t] = read_text("call.txt", VTT)
    assert t.metadata["format"] == "vtt"


# SRT readers strip markup tags, so tag characters and the cue arrow are not plain caption text.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>{}"), min_size=1, max_size=40
).filter(lambda s: s.strip() != "" and "-->" not in s)
_turn = st.builds(
    lambda speaker, text, start, length: Turn(
        speaker=speaker, text=text, start=round(start, 3), end=round(start + length, 3)
    ),
    st.sampled_from(["agent", "customer"]),
    _text,
    st.floats(min_value=0, max_value=36000, allow_nan=False),
    st.floats(min_value=0.001, max_value=60, allow_nan=False),
)


def _norm(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=60, deadline=None)
@given(turns=st.lists(_turn, min_size=1, max_size=6), fmt=st.sampled_from(["vtt", "srt"]))
def test_round_trip_keeps_text_and_times(turns: list[Turn], fmt: str) -> None:
    original = Transcript(id="rt", turns=turns)
    exported = to_vtt(original) if fmt == "vtt" else to_srt(original)
    [back] = read_bytes(exported.encode(), filename=f"rt.{fmt}", options=ImportOptions(redact=False))
    ordered = sorted(original.turns, key=lambda x: x.start or 0)
    assert len(back.turns) == len(ordered)
    assert sorted((_norm(x.text), x.start, x.end) for x in back.turns) == sorted(
        (_norm(x.text), x.start, x.end) for x in ordered
    )
    assert sorted((_norm(x.text), x.speaker) for x in back.turns) == sorted((_norm(x.text), x.speaker) for x in ordered)


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_untimed_turns_export_with_placeholder_times(fmt: str) -> None:
    t = Transcript(id="x", turns=[Turn(speaker="agent", text="hi"), Turn(speaker="customer", text="yo")])
    out = to_vtt(t) if fmt == "vtt" else to_srt(t)
    [back] = read_bytes(out.encode(), filename=f"x.{fmt}")
    assert [x.text for x in back.turns] == ["hi", "yo"]
    assert [x.start for x in back.turns] == [0.0, 1.0]
