"""Where speech is, from the Silero VAD model that ships inside the faster-whisper package (offline).

Whisper's word times drift into the silence before a turn (the first word often "starts" at 0.0); latency,
silence and talk-ratio scoring need the real onsets, so word times are snapped to these spans.
"""

from __future__ import annotations

import numpy as np

from speech.audio import SAMPLE_RATE

Span = tuple[float, float]


def speech_spans(samples: np.ndarray, *, min_silence_ms: int = 250, pad_ms: int = 30) -> list[Span]:
    """Speech regions in seconds, in order and not overlapping."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if samples.size < SAMPLE_RATE // 10:
        return []
    found = get_speech_timestamps(
        samples,
        VadOptions(min_silence_duration_ms=min_silence_ms, speech_pad_ms=pad_ms, min_speech_duration_ms=100),
    )
    return [(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in found]
