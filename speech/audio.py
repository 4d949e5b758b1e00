"""Decode any audio a browser, phone system or recorder gives us into 16 kHz float32 channels.

PyAV bundles FFmpeg's libraries, so no ``ffmpeg`` binary is needed at run time. The header is
probed first so a 3-hour file is refused before a single frame is decoded.
"""

from __future__ import annotations

import gc
import io
import logging
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from speech.errors import AudioError

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16000  # what Whisper expects
MIN_SOURCE_RATE = 8000  # telephone audio
_UNKNOWN_WAV_SIZE = 0x7FFF0000  # streaming writers (espeak-ng --stdout, ffmpeg pipes) put ~2**31 here

AudioSource = str | Path | bytes


@dataclass(frozen=True)
class AudioInfo:
    """What the container header says, before decoding."""

    container: str
    codec: str
    sample_rate: int
    channels: int
    duration: float | None  # seconds; None when the header does not say (e.g. browser webm)
    size_bytes: int


@dataclass(frozen=True)
class DecodedAudio:
    """16 kHz mono or stereo float32 samples in [-1, 1]; ``channels[0]`` is left for stereo."""

    channels: tuple[np.ndarray, ...]
    info: AudioInfo
    decode_errors: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sample_rate(self) -> int:
        return SAMPLE_RATE

    @property
    def duration(self) -> float:
        return len(self.channels[0]) / SAMPLE_RATE if self.channels else 0.0

    @property
    def stereo(self) -> bool:
        return len(self.channels) == 2


def format_duration(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _name(source: AudioSource) -> str:
    return "audio data" if isinstance(source, bytes) else Path(source).name


def _read_head(source: AudioSource, limit: int = 1 << 16) -> tuple[bytes, int]:
    if isinstance(source, bytes):
        return source[:limit], len(source)
    path = Path(source)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            return fh.read(limit), size
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: is a directory, not an audio file") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _wav_truncation(head: bytes, size: int) -> str | None:
    """A RIFF data chunk that promises more bytes than the file holds means the file was cut short.

    FFmpeg silently trusts the file size for WAV, so this is the only place truncation shows.
    """
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos = 12
    while pos + 8 <= len(head):
        chunk_id, chunk_size = head[pos : pos + 4], struct.unpack("<I", head[pos + 4 : pos + 8])[0]
        if chunk_id == b"data":
            if chunk_size >= _UNKNOWN_WAV_SIZE or chunk_size == 0:
                return None
            available = size - (pos + 8)
            if chunk_size > available + 4:
                return f"WAV header promises {chunk_size} bytes of audio but the file holds {max(available, 0)}"
            return None
        pos += 8 + chunk_size + (chunk_size & 1)
    return None


def _open(source: AudioSource) -> Any:
    import av

    target: Any = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    try:
        return av.open(target, mode="r", metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise AudioError(f"{_name(source)}: not a recognised audio file ({exc.strerror or 'invalid data'})") from None
    except (OSError, ValueError) as exc:
        raise AudioError(f"{_name(source)}: cannot open as audio ({exc})") from None


def _stream_info(container: Any, source: AudioSource, size: int) -> AudioInfo:
    name = _name(source)
    streams = container.streams.audio
    if not streams:
        raise AudioError(f"{name}: contains no audio stream")
    stream = streams[0]
    ctx = stream.codec_context
    if ctx is None or not getattr(ctx, "name", None):
        raise AudioError(f"{name}: unsupported audio codec (FFmpeg has no decoder for it)")
    duration: float | None = None
    if stream.duration and stream.time_base:
        duration = float(stream.duration * stream.time_base)
    elif container.duration:
        duration = container.duration / 1_000_000
    return AudioInfo(
        container=str(container.format.name),
        codec=str(ctx.name),
        sample_rate=int(ctx.sample_rate or 0),
        channels=int(ctx.channels or 0),
        duration=duration,
        size_bytes=size,
    )


def _check_limits(info: AudioInfo, name: str, max_duration_seconds: float | None) -> None:
    if info.sample_rate and info.sample_rate < MIN_SOURCE_RATE:
        raise AudioError(f"{name}: sample rate {info.sample_rate} Hz is below the 8000 Hz minimum for speech")
    if max_duration_seconds is not None and info.duration is not None and info.duration > max_duration_seconds:
        raise AudioError(
            f"{name}: audio is {format_duration(info.duration)} long; the limit is "
            f"{format_duration(max_duration_seconds)} (raise max_duration_seconds to allow it)"
        )


def probe(source: AudioSource, *, max_duration_seconds: float | None = None) -> AudioInfo:
    """Read only the header; raise ``AudioError`` for anything we would refuse to decode."""
    _head, size = _read_head(source)
    name = _name(source)
    if size == 0:
        raise AudioError(f"{name}: file is empty")
    with _open(source) as container:
        info = _stream_info(container, source, size)
    _check_limits(info, name, max_duration_seconds)
    return info


def _frames(container: Any, counter: list[int]) -> Iterator[Any]:
    """Decoded frames, skipping ones FFmpeg cannot decode (as faster-whisper does) but counting them."""
    import av

    packets = container.demux(audio=0)
    for packet in packets:
        try:
            yield from packet.decode()
        except av.error.FFmpegError:
            counter[0] += 1


def decode(
    source: AudioSource,
    *,
    split_stereo: bool = True,
    max_duration_seconds: float | None = None,
    max_bytes: int | None = None,
) -> DecodedAudio:
    """Decode and resample to 16 kHz; stereo files give two channels when ``split_stereo``.

    Raises ``AudioError`` for empty, unreadable, truncated, over-long or undecodable input.
    """
    import av

    head, size = _read_head(source)
    name = _name(source)
    if size == 0:
        raise AudioError(f"{name}: file is empty")
    if max_bytes is not None and size > max_bytes:
        raise AudioError(f"{name}: file is {size / 1e6:.1f} MB; the upload limit is {max_bytes / 1e6:.0f} MB")
    truncated = _wav_truncation(head, size)
    if truncated:
        raise AudioError(f"{name}: file is truncated or corrupt: {truncated}")

    notes: list[str] = []
    counter = [0]
    with _open(source) as container:
        info = _stream_info(container, source, size)
        _check_limits(info, name, max_duration_seconds)
        stereo = split_stereo and info.channels >= 2
        if info.channels > 2 and split_stereo:
            notes.append(f"{info.channels} channels mixed down to stereo; only the first two speakers are separated")
        resampler = av.audio.resampler.AudioResampler(
            format="s16", layout="stereo" if stereo else "mono", rate=SAMPLE_RATE
        )
        limit = None if max_duration_seconds is None else int(max_duration_seconds * SAMPLE_RATE)
        # Frames are split per channel as they arrive and kept as int16 (2 bytes a sample): a 2-hour stereo call
        # never exists as one interleaved array nor as two float copies at once (issue 16's memory peak).
        parts: tuple[list[np.ndarray], ...] = ([], []) if stereo else ([],)
        samples = 0
        try:
            for frame in _frames(container, counter):
                for out in resampler.resample(frame):
                    samples += _collect(out.to_ndarray().reshape(-1), parts)
                if limit is not None and samples > limit:
                    raise AudioError(
                        f"{name}: audio is longer than the limit of {format_duration(max_duration_seconds or 0)} "
                        "(raise max_duration_seconds to allow it)"
                    )
            for out in resampler.resample(None):
                _collect(out.to_ndarray().reshape(-1), parts)
        except av.error.FFmpegError as exc:
            raise AudioError(f"{name}: cannot decode audio ({exc.strerror or exc})") from None
        finally:
            del resampler
            gc.collect()  # PyAV resamplers hold native buffers until collected (faster-whisper #390)

    channels = tuple(_join_float(p) for p in parts)
    if stereo:
        left, right = channels
        similarity = dual_mono_correlation(left, right)
        if similarity is not None:
            # Many recorders and exports write mono as two (nearly) identical channels: nothing to separate,
            # and transcribing both would put every line in the transcript twice.
            left += right
            left *= 0.5
            del right
            channels = (left,)
            notes.append(
                f"stereo file with identical channels: treated as mono (dual mono, correlation {similarity:.3f})"
            )
    decoded = len(channels[0]) / SAMPLE_RATE
    if counter[0]:
        notes.append(f"{counter[0]} damaged packet(s) skipped while decoding")
        logger.warning("%s: skipped %d undecodable packet(s)", name, counter[0])
    if decoded == 0.0:
        raise AudioError(f"{name}: file is corrupt or truncated: no audio could be decoded")
    if info.duration is not None and decoded < info.duration - max(0.5, 0.05 * info.duration):
        raise AudioError(
            f"{name}: file is truncated or corrupt: header says {info.duration:.1f} s "
            f"but only {decoded:.1f} s could be decoded"
        )
    return DecodedAudio(channels=channels, info=info, decode_errors=counter[0], notes=tuple(notes))


def _collect(interleaved: np.ndarray, parts: tuple[list[np.ndarray], ...]) -> int:
    """Append one resampled frame's samples to each channel's list; returns samples per channel."""
    if len(parts) == 1:
        parts[0].append(interleaved.copy())
        return int(interleaved.size)
    parts[0].append(interleaved[0::2].copy())
    parts[1].append(interleaved[1::2].copy())
    return int(interleaved.size // 2)


def _join_float(chunks: list[np.ndarray]) -> np.ndarray:
    """int16 chunks -> one float32 array, filled in place and freeing each chunk as it is copied."""
    total = sum(c.size for c in chunks)
    out = np.empty(total, dtype=np.float32)
    pos = 0
    empty = np.zeros(0, dtype=np.int16)
    for i, chunk in enumerate(chunks):
        out[pos : pos + chunk.size] = chunk
        pos += chunk.size
        chunks[i] = empty  # let the chunk go now, not when the whole list does
    chunks.clear()
    out /= 32768.0
    return out


DUAL_MONO_CORRELATION = 0.97  # mp3/AAC coding keeps identical channels above 0.99; real two-party calls are < 0.5
DUAL_MONO_LEVEL_DB = 3.0


def dual_mono_correlation(a: np.ndarray, b: np.ndarray, *, block: int = 1 << 18) -> float | None:
    """The channels' correlation when they carry the same audio (dual mono), else None.

    Judged by Pearson correlation and by level (within 3 dB), accumulated block by block so a long call
    needs no full-size temporaries. Lossy codecs make "identical" channels differ by a few percent, so exact
    equality is not required; two people on two channels correlate weakly even with crosstalk.
    """
    if a.shape != b.shape or a.size == 0:
        return None
    sab = saa = sbb = 0.0
    for i in range(0, a.size, block):
        x = a[i : i + block].astype(np.float64)
        y = b[i : i + block].astype(np.float64)
        sab += float(np.dot(x, y))
        saa += float(np.dot(x, x))
        sbb += float(np.dot(y, y))
    if saa == 0.0 and sbb == 0.0:
        return 1.0
    if saa == 0.0 or sbb == 0.0:
        return None
    if abs(10 * np.log10(saa / sbb)) > DUAL_MONO_LEVEL_DB:
        return None
    corr = sab / np.sqrt(saa * sbb)
    return float(corr) if corr >= DUAL_MONO_CORRELATION else None


def to_wav_bytes(samples: np.ndarray, *, sample_rate: int = SAMPLE_RATE) -> bytes:
    """16-bit PCM mono WAV, for saving what a trainee said."""
    import wave

    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return buf.getvalue()
