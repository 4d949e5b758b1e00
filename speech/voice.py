"""A few transparent numbers about *how* a stretch of speech sounds: pitch and timbre, no model.

Mono calls mix two people. What they say tells agent from customer most of the time; how they sound tells
the two people apart when the words do not ("Yes." "Okay."). No offline speaker-embedding model ships in a
PyPI package that installs without PyTorch and without a download (checked 2026-11, see docs/speech.md), so
the voice cue is three features a person can read: median pitch (log F0 from frame autocorrelation), spectral
centroid and the share of energy above 1 kHz. They separate two different speakers well and cost about a
millisecond per second of audio.
"""

from __future__ import annotations

import numpy as np

from speech.audio import SAMPLE_RATE

FRAME = 640  # 40 ms: two periods of a 50 Hz voice
HOP = 320
F0_MIN, F0_MAX = 60.0, 400.0
VOICED_PEAK = 0.45  # normalised autocorrelation peak above which a frame is voiced
N_FEATURES = 3


def _frames(samples: np.ndarray) -> np.ndarray:
    if samples.size < FRAME:
        return np.zeros((0, FRAME), dtype=np.float32)
    count = 1 + (samples.size - FRAME) // HOP
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    return samples[idx].astype(np.float32)


def voice_features(samples: np.ndarray) -> tuple[float, ...] | None:
    """(log median F0, spectral centroid in kHz, high-band energy share) of a speech span; None if unvoiced."""
    frames = _frames(samples)
    if frames.shape[0] == 0:
        return None
    energy = np.sum(frames * frames, axis=1)
    loud = energy > 0.1 * np.median(energy[energy > 0]) if np.any(energy > 0) else np.zeros(len(energy), bool)
    frames = frames[loud]
    if frames.shape[0] < 3:
        return None
    frames = frames - frames.mean(axis=1, keepdims=True)
    windowed = frames * np.hanning(FRAME).astype(np.float32)
    spectrum = np.fft.rfft(windowed, n=2 * FRAME, axis=1)
    power = (spectrum * np.conj(spectrum)).real
    ac = np.fft.irfft(power, axis=1)[:, :FRAME]
    ac /= np.maximum(ac[:, :1], 1e-12)
    lo, hi = int(SAMPLE_RATE / F0_MAX), int(SAMPLE_RATE / F0_MIN)
    lags = np.argmax(ac[:, lo:hi], axis=1) + lo
    peaks = ac[np.arange(len(lags)), lags]
    voiced = peaks > VOICED_PEAK
    if int(voiced.sum()) < 3:
        return None
    f0 = float(np.median(SAMPLE_RATE / lags[voiced]))
    freqs = np.fft.rfftfreq(2 * FRAME, 1 / SAMPLE_RATE)
    total = power.sum(axis=1) + 1e-12
    centroid = float(np.median((power * freqs).sum(axis=1) / total)) / 1000.0
    high = float(np.median(power[:, freqs >= 1000].sum(axis=1) / total))
    return (round(float(np.log(f0)), 4), round(centroid, 4), round(high, 4))
