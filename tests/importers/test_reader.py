"""Dispatch, encodings, size limits, junk, and the audio path (silent audio: no model needed)."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from importers import ImportOptions, TranscriptImportError, read_bytes, read_path
from tests.importers.conftest import Reader


def _wav(*, seconds: float = 0.5, channels: int = 2) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(16000)
        frames = np.zeros((int(16000 * seconds), channels), dtype=np.int16)
        frames[::7, -1] = 40  # about -58 dBFS: silence to speech, yet the channels differ (identical = mono)
        w.writeframes(frames.tobytes())
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "encoding_note"),
    [
        ("Agent: café\nCustomer: “thanks”\n".encode("cp1252"), "cp1252"),
        ("Agent: café\nCustomer: thanks\n".encode("latin-1"), "cp1252"),
        ("\ufeffAgent: café\nCustomer: thanks\n".encode(), None),
        ("Agent: café\nCustomer: thanks\n".encode("utf-16"), None),
    ],
)
def test_text_encodings_never_crash(read_text: Reader, data: bytes, encoding_note: str | None) -> None:
    [t] = read_text("call.txt", data)
    assert t.turns[0].text == "café"
    assert t.turns[0].speaker == "agent"
    if encoding_note:
        assert any(encoding_note in n for n in t.metadata["notes"])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "file is empty"),
        ("junk.txt", bytes(range(256)) * 4, "binary data"),
        ("junk.bin", b"\x00\x01\x02garbage\x00" * 50, "binary data"),
        ("fake.wav", b"RIFF\x00\x00\x00\x00WAVEjunkjunkjunk", "fake.wav"),
        ("broken.mp3", b"this is not audio at all" * 10, "broken.mp3"),
    ],
)
def test_bad_files_raise_a_clear_error(read_text: Reader, name: str, data: bytes, message: str) -> None:
    with pytest.raises(TranscriptImportError, match=message):
        read_text(name, data)


def test_huge_text_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.seek(2 * 1024 * 1024)
        f.write(b"x")
    with pytest.raises(TranscriptImportError, match=r"huge.txt: text file is 2.0 MB, over the 1 MB limit"):
        read_path(path, options=ImportOptions(max_text_mb=1))
    with pytest.raises(TranscriptImportError, match="over the 1 MB limit"):
        read_bytes(b"Agent: hi\n" * 200_000, filename="big.txt", options=ImportOptions(max_text_mb=1))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TranscriptImportError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(TranscriptImportError, match="is a directory"):
        read_path(tmp_path)


def test_import_error_is_a_value_error() -> None:
    assert issubclass(TranscriptImportError, ValueError)


@pytest.mark.parametrize(("side", "expected"), [("left", "left channel"), ("right", "right channel")])
def test_silent_stereo_audio_goes_through_speech(tmp_path: Path, side: str, expected: str) -> None:
    path = tmp_path / "call.wav"
    path.write_bytes(_wav())
    [t] = read_path(path, options=ImportOptions(agent_channel=side))  # type: ignore[arg-type]
    assert t.turns == []
    assert t.metadata["speaker_mapping"][expected] == "agent"
    assert t.metadata["agent_channel"] == side
    [again] = read_bytes(_wav(), filename="upload.bin")
    assert again.metadata["format"] == "audio"
