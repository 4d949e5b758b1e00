"""Decoding: every container we promise, and every kind of bad input ends in one readable AudioError."""

from __future__ import annotations

import io
import random
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speech.audio import SAMPLE_RATE, decode, format_duration, probe, to_wav_bytes
from speech.errors import AudioError


def make_wav(*, rate: int, channels: int, frames: int, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    pcm = (rng.standard_normal((frames, channels)) * 3000).clip(-32768, 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


@pytest.mark.parametrize("ext", ["wav", "flac", "mp3", "m4a", "ogg", "webm"])
def test_every_promised_container_decodes_to_16k(encoded: dict[str, Path], ext: str) -> None:
    audio = decode(encoded[ext])
    reference = decode(encoded["wav"])
    assert audio.sample_rate == SAMPLE_RATE and not audio.stereo
    assert audio.channels[0].dtype == np.float32
    assert abs(audio.duration - reference.duration) < 0.1  # codec priming may add a few ms
    assert float(np.max(np.abs(audio.channels[0]))) <= 1.0


def test_mulaw_telephone_audio(telephone_wav: Path) -> None:
    info = probe(telephone_wav)
    assert (info.codec, info.sample_rate, info.channels) == ("pcm_mulaw", 8000, 1)
    assert decode(telephone_wav).duration == pytest.approx(info.duration, abs=0.01)


def test_stereo_split_and_downmix(stereo_call) -> None:  # type: ignore[no-untyped-def]
    split = decode(stereo_call.path)
    mixed = decode(stereo_call.path, split_stereo=False)
    assert split.stereo and len(split.channels) == 2 and not mixed.stereo
    left, right = split.channels
    # The agent speaks first: only the left channel has sound in the first turn.
    first = stereo_call.turns[0]
    window = slice(int(first.start * SAMPLE_RATE), int(first.end * SAMPLE_RATE))
    assert np.abs(left[window]).max() > 0.05 > np.abs(right[window]).max()


@pytest.fixture(scope="session")
def bad_files(speech_dir: Path, clear_wav: Path, encoded: dict[str, Path]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    (out_empty := speech_dir / "empty.wav").write_bytes(b"")
    out["empty"] = out_empty
    (text := speech_dir / "notes.wav").write_text("Customer called about a double charge.\n" * 20)
    out["text renamed .wav"] = text
    data = clear_wav.read_bytes()
    (cut := speech_dir / "cut.wav").write_bytes(data[: len(data) // 3])
    out["truncated wav"] = cut
    flac = encoded["flac"].read_bytes()
    (cut_flac := speech_dir / "cut.flac").write_bytes(flac[: len(flac) // 2])
    out["truncated flac"] = cut_flac
    rng = random.Random(7)
    damaged = bytearray(flac)
    for i in range(3000, len(damaged) - 2000):
        damaged[i] = rng.randrange(256)
    (corrupt := speech_dir / "corrupt.flac").write_bytes(bytes(damaged))
    out["corrupt flac"] = corrupt
    codec = bytearray(data)
    codec[20:22] = struct.pack("<H", 0x9999)  # a WAVE format tag no decoder knows
    (unknown := speech_dir / "unknown-codec.wav").write_bytes(bytes(codec))
    out["unsupported codec"] = unknown
    low = speech_dir / "low-rate.wav"
    subprocess.run(["sox", str(clear_wav), "-r", "4000", str(low)], check=True, capture_output=True)
    out["4 kHz"] = low
    if shutil.which("ffmpeg"):
        video = speech_dir / "video-only.webm"
        subprocess.run(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "color=c=black:s=16x16:d=1",
                "-c:v",
                "libvpx",
                str(video),
            ],
            check=True,
            capture_output=True,
        )
        out["no audio stream"] = video
    return out


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("empty", "file is empty"),
        ("text renamed .wav", "not a recognised audio file"),
        ("truncated wav", "truncated or corrupt: WAV header promises"),
        ("truncated flac", "truncated or corrupt: header says"),
        ("corrupt flac", "truncated or corrupt"),
        ("unsupported codec", "unsupported audio codec"),
        ("4 kHz", "below the 8000 Hz minimum"),
        ("no audio stream", "contains no audio stream"),
    ],
)
def test_bad_input_is_one_clear_error(bad_files: dict[str, Path], case: str, message: str) -> None:
    if case not in bad_files:
        pytest.skip("ffmpeg is needed to make this fixture")
    path = bad_files[case]
    with pytest.raises(AudioError, match=message) as info:
        decode(path)
    assert str(info.value).startswith(path.name + ":")
    assert "\n" not in str(info.value)
    with pytest.raises(AudioError, match=message):
        decode(path.read_bytes())  # same answer for uploaded bytes


@pytest.mark.parametrize(
    ("make", "message"), [(lambda p: p / "missing.wav", "no such file"), (lambda p: p, "is a directory")]
)
def test_unreadable_paths(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AudioError, match=message):
        decode(make(tmp_path))


@pytest.mark.slow
def test_real_three_hour_file_refused_before_decoding(three_hour_flac: Path) -> None:
    info = probe(three_hour_flac)
    assert info.duration == pytest.approx(3 * 3600)
    with pytest.raises(AudioError, match=r"3:00:00 long; the limit is 2:00:00"):
        probe(three_hour_flac, max_duration_seconds=2 * 3600)
    with pytest.raises(AudioError, match="limit is 2:00:00"):
        decode(three_hour_flac, max_duration_seconds=2 * 3600)


def test_three_hour_header_refused_before_decoding(three_hour_header_flac: Path) -> None:
    assert probe(three_hour_header_flac).duration == pytest.approx(3 * 3600)
    with pytest.raises(AudioError, match=r"3:00:00 long; the limit is 2:00:00"):
        decode(three_hour_header_flac, max_duration_seconds=2 * 3600)


def test_stream_without_duration_header_is_cut_off_while_decoding(clear_wav: Path) -> None:
    # A webm written to a pipe (as browsers' MediaRecorder does) has no duration in its header.
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make the fixture")
    proc = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(clear_wav), "-f", "webm", "-"], capture_output=True, check=True
    )
    assert probe(proc.stdout).duration is None
    with pytest.raises(AudioError, match="longer than the limit of 0:00:01"):
        decode(proc.stdout, max_duration_seconds=1.0)
    assert decode(proc.stdout).duration > 3.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=4096))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        audio = decode(data)
    except AudioError as exc:
        assert str(exc)
    else:
        assert audio.duration > 0


@settings(max_examples=40, deadline=None)
@given(
    data=st.binary(min_size=1, max_size=64),
    cut=st.integers(min_value=0, max_value=200),
    seed=st.integers(0, 1000),
)
def test_damaged_wav_never_crashes(data: bytes, cut: int, seed: int) -> None:
    wav = bytearray(make_wav(rate=8000, channels=1, frames=4000, seed=seed))
    wav[cut : cut + len(data)] = data  # overwrite part of the header or the samples
    try:
        audio = decode(bytes(wav))
    except AudioError:
        return
    assert audio.duration >= 0


@settings(max_examples=25, deadline=None)
@given(
    rate=st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000]),
    channels=st.integers(1, 2),
    seconds=st.floats(min_value=0.05, max_value=2.0),
)
def test_pcm_wav_round_trip(rate: int, channels: int, seconds: float) -> None:
    frames = max(1, int(rate * seconds))
    audio = decode(make_wav(rate=rate, channels=channels, frames=frames))
    assert len(audio.channels) == channels
    assert audio.info.sample_rate == rate
    assert abs(audio.duration - frames / rate) <= 2 / 1000 + 1 / rate


def test_to_wav_bytes_round_trip() -> None:
    samples = np.sin(np.linspace(0, 200 * np.pi, SAMPLE_RATE)).astype(np.float32) * 0.5
    audio = decode(to_wav_bytes(samples))
    assert audio.duration == pytest.approx(1.0)
    assert np.allclose(audio.channels[0], samples, atol=1e-3)


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00:00"), (59.6, "0:01:00"), (7200, "2:00:00"), (10861, "3:01:01")]
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
