"""Any text or bytes in -> a list of Transcripts or TranscriptImportError; never another exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.transcript import Transcript
from importers import ImportOptions, TranscriptImportError, read_bytes
from importers.building import ImportContext
from importers.registry import PARSERS

OPTIONS = ImportOptions(redact=True)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks a little like each format, so the parsers' inner branches get exercised.
_fragments = st.sampled_from(
    [
        "Agent: ",
        "Customer: ",
        "Rep:",
        "[00:01:23] ",
        "(0:05)",
        "\n",
        "WEBVTT\n\n",
        "00:00:01.000 --> 00:00:02.000\n",
        "00:00:01,000 --> 00:00:02,000\n",
        "1\n",
        "<v Agent>",
        "speaker,text,start,end,call_id\n",
        ",",
        '"',
        "{",
        "}",
        "[",
        "]",
        '{"turns": [',
        '{"speaker": "agent", "text": "hi"}',
        '"start": -1',
        "4111 1111 1111 1111 ",
        "four one one one ",
        "double four ",
        "cvv 123 ",
        "expires 05/27 ",
        "555-123-4567 ",
        "a@b.co ",
    ]
)
_texty = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(_fragments, st.text(max_size=8)), max_size=40).map("".join)
)


def _check(result: list[Transcript]) -> None:
    assert isinstance(result, list) and result
    for t in result:
        assert isinstance(t, Transcript)
        assert t.turns or t.metadata.get("empty")
        assert "speaker_mapping" in t.metadata


@FAST
@given(text=_texty, fmt=st.sampled_from(sorted(PARSERS)))
def test_every_parser_returns_transcripts_or_import_error(text: str, fmt: str) -> None:
    ctx = ImportContext(source="x", options=OPTIONS, format=fmt)
    try:
        result = PARSERS[fmt](text, ctx=ctx)
    except TranscriptImportError:
        return
    _check(result)


@FAST
@given(
    data=st.one_of(st.binary(max_size=400), _texty.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    name=st.sampled_from(
        ["x.txt", "x.json", "x.jsonl", "x.csv", "x.tsv", "x.vtt", "x.srt", "x", "x.dat", "x.wav", "x.mp3"]
    ),
)
def test_read_bytes_any_input(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, filename=name, options=OPTIONS)
    except TranscriptImportError as exc:
        assert str(exc)
        return
    _check(result)


_json_value = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)
_turnish = st.fixed_dictionaries(
    {"speaker": st.one_of(st.sampled_from(["agent", "customer", "Rep", "x"]), _json_value), "text": _json_value},
    optional={"start": _json_value, "end": _json_value, "words": _json_value},
)


@FAST
@given(
    doc=st.fixed_dictionaries(
        {"turns": st.one_of(st.lists(_turnish, max_size=4), _json_value)},
        optional={"id": _json_value, "channel": _json_value, "metadata": _json_value},
    ),
    as_lines=st.booleans(),
)
def test_json_shaped_input(doc: dict[str, object], as_lines: bool) -> None:
    text = json.dumps(doc)
    name = "x.jsonl" if as_lines else "x.json"
    try:
        result = read_bytes(text.encode(), filename=name, options=OPTIONS)
    except TranscriptImportError:
        return
    _check(result)
