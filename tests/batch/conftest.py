"""A directory of call files as a supervisor would drop it: good, empty, binary, huge, malformed, cp1252."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch import BatchConfig
from importers import ImportOptions

GOOD_TEXT = """[00:00:01] Agent: Thank you for calling Acme, this is Sam. How can I help you today?
[00:00:06] Customer: Hi, I was charged twice for my order, card 4111 1111 1111 1111.
[00:00:12] Agent: I'm so sorry about that. Can I have your name and the last four of the card to verify?
[00:00:18] Customer: Jane Doe, 1111.
[00:00:25] Agent: Thanks Jane. I see the duplicate charge and I've refunded it; it takes 3-5 business days.
[00:00:33] Customer: Great, thanks.
[00:00:36] Agent: Is there anything else I can help with? Thanks for calling Acme.
"""

GOOD_JSON = {
    "id": "call-0001",
    "agent": "Lee",
    "turns": [
        {"speaker": "customer", "text": "I was charged twice!", "start": 0.0, "end": 2.4},
        {"speaker": "agent", "text": "I'm sorry about that, let me look.", "start": 2.9, "end": 5.1},
    ],
}

OVERLAPPING_VTT = """WEBVTT

00:00:00.000 --> 00:00:03.000
<v Agent>Thanks for calling, how can I help?

00:00:02.000 --> 00:00:05.000
<v Customer>My internet keeps dropping.

00:00:04.500 --> 00:00:08.000
<v Agent>I'm sorry to hear that, let's fix it.
"""

EXPECTED_ERRORS = {
    "empty.txt": "file is empty",
    "junk.bin": "binary data",
    "huge.txt": "over the 1 MB limit",
    "nocols.csv": "missing required column(s) text",
}
EXPECTED_SCORED = {"call.txt": 1, "call.json": 1, "calls.csv": 2, "overlap.vtt": 1, "latin.txt": 1}


@pytest.fixture
def config() -> BatchConfig:
    return BatchConfig(import_options=ImportOptions(max_text_mb=1, redact=True))


@pytest.fixture
def calls_dir(tmp_path: Path) -> Path:
    root = tmp_path / "calls"
    (root / "sub").mkdir(parents=True)
    (root / "call.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "sub" / "call.json").write_text(json.dumps(GOOD_JSON), encoding="utf-8")
    (root / "calls.csv").write_text(
        "call_id,speaker,text,start,end\nA,Agent,Hello thanks for calling,0,2\nA,Customer,Hi there,2,3\n"
        "B,Rep,Good morning,0,1\nB,Caller,I want to cancel,1,3\n",
        encoding="utf-8",
    )
    (root / "overlap.vtt").write_text(OVERLAPPING_VTT, encoding="utf-8")
    (root / "latin.txt").write_bytes("Agent: Bonjour, café olé\nCustomer: “merci”\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "junk.bin").write_bytes(bytes(range(256)) * 8)
    with (root / "huge.txt").open("wb") as f:
        f.write(b"Agent: hello\n" * 100_000)  # 1.3 MB, over the 1 MB limit the config sets
    (root / "nocols.csv").write_text("speaker,words\nagent,hi\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("Agent: not scanned\n", encoding="utf-8")
    return root
