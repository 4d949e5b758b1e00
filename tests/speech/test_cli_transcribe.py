"""``csrsim transcribe`` end to end, through ``csrsim.main.run`` as a user would call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csrsim.main import run
from domain.transcript import Transcript
from tests.speech.conftest import CLEAR_SENTENCE, wer


def test_json_to_stdout(clear_wav: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["transcribe", str(clear_wav)]) == 0
    transcript = Transcript.model_validate_json(capsys.readouterr().out)
    assert wer(CLEAR_SENTENCE, " ".join(t.text for t in transcript.turns)) <= 0.15
    assert transcript.turns[0].words


@pytest.mark.parametrize("fmt", ["json", "vtt", "txt"])
def test_several_files_to_a_directory(clear_wav: Path, telephone_wav: Path, tmp_path: Path, fmt: str) -> None:
    assert run(["transcribe", str(clear_wav), str(telephone_wav), "--format", fmt, "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"clear.{fmt}", f"telephone.{fmt}"]
    if fmt == "vtt":
        assert (tmp_path / "clear.vtt").read_text().startswith("WEBVTT")


def test_several_files_json_array(clear_wav: Path, telephone_wav: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert run(["transcribe", str(clear_wav), str(telephone_wav), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert [d["id"] for d in data] == ["clear", "telephone"]


@pytest.mark.slow
def test_stereo_agent_channel_right(stereo_call, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert run(["transcribe", str(stereo_call.path), "--format", "txt", "--agent-channel", "right"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[")]
    speakers = [line.split("] ")[1].split(":")[0].split(" (")[0] for line in lines]
    assert speakers[0] == "customer" and len(speakers) == len(stereo_call.turns)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "base.en"], "not available offline"),
        (["--model", "./no-model-here"], "model directory not found"),
        (["--max-hours", "0"], "--max-hours must be positive"),
        (["--split-at-pause", "-1"], "--split-at-pause must be positive"),
    ],
)
def test_option_errors_are_one_line(
    clear_wav: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(["transcribe", str(clear_wav), *args]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"this is not audio"])
def test_bad_audio_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    bad = tmp_path / "call.wav"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    assert run(["transcribe", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("csrsim: call.wav:") and len(err.splitlines()) == 1
    assert not out.exists()


def test_too_long_is_refused(three_hour_header_flac: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["transcribe", str(three_hour_header_flac)]) == 1
    assert "3:00:00 long; the limit is 2:00:00" in capsys.readouterr().err


def test_vtt_of_several_files_needs_a_directory(clear_wav: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["transcribe", str(clear_wav), str(clear_wav), "--format", "vtt", "--out", str(tmp_path / "x.vtt")]) != 0
    assert "existing directory" in capsys.readouterr().err


@pytest.mark.parametrize("speaker", ["agent", "customer"])
def test_mono_speaker_option(clear_wav: Path, capsys: pytest.CaptureFixture[str], speaker: str) -> None:
    assert run(["transcribe", str(clear_wav), "--mono-speaker", speaker]) == 0
    transcript = Transcript.model_validate_json(capsys.readouterr().out)
    assert {t.speaker for t in transcript.turns} == {speaker}
    assert transcript.metadata["speakers_separated"] is False


def test_spoken_card_number_is_redacted_in_every_format(speech_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.speech.conftest import espeak

    clip = espeak("Sure, my card number is 4539 1488 0343 6467.", speech_dir / "card.wav")
    for fmt in ("json", "vtt", "txt"):
        assert run(["transcribe", str(clip), "--format", fmt]) == 0
        out = capsys.readouterr().out
        digits = "".join(ch for ch in out if ch.isdigit())
        assert "4539" not in out and "45391488" not in digits and "[CARD]" in out, out


@pytest.mark.parametrize("hours", ["nan", "inf", "0", "-1"])
def test_max_hours_must_be_a_positive_number(clear_wav: Path, hours: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["transcribe", str(clear_wav), "--max-hours", hours]) != 0
    err = capsys.readouterr().err
    assert "--max-hours" in err and "Traceback" not in err
