"""``csrsim import``: what would be stored, printed; bad files are one line on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csrsim.main import run

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_prints_redacted_normalised_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((FIXTURES / "connect_contact_lens.json").read_text())
    data["Transcript"][4]["Content"] = "Card is 4111 1111 1111 1111, expires 05/27."
    src = tmp_path / "lens.json"
    src.write_text(json.dumps(data))
    assert run(["import", str(src), str(FIXTURES / "twilio_sentences.json")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [t["metadata"]["format"] for t in out] == ["amazon-connect", "twilio"]
    assert "4111" not in json.dumps(out)
    assert out[0]["metadata"]["redacted"] is True
    assert out[0]["turns"][0]["speaker"] == "system" and out[0]["turns"][0]["role"] == "bot"


def test_import_txt_and_speaker_map(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", str(FIXTURES / "twilio_sentences.json"), "--format", "txt", "--speaker-map", "channel 1=customer"]
    assert run(args) == 0
    out = capsys.readouterr().out
    assert re.search(r"\] customer \(words 0\.93\): Good afternoon", out)


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02binary", b'{"Participants": [], "Transcript": [{"Content": 1}]}']
)
def test_import_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert run(["import", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "bad.json" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
