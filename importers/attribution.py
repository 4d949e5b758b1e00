"""Mono calls: who said each segment, from what was said, how it sounded and the rhythm of turn-taking.

``speech`` cuts a mono recording into segments at short pauses (a pause may be a change of speaker) and
measures each segment's voice (pitch and timbre, ``speech.voice``). Here every segment gets a role:

1. **Text**: ``language.roles`` gives P(agent) for what was said, shrunk towards 0.5 for short segments
   ("okay" says nothing about who spoke).
2. **Voice**: the segments' voice features are split into two clusters; when the clusters are well apart
   (two different people), each cluster takes the role its segments' text points to, and a segment's voice
   then speaks for it in proportion to how clearly it sits in one cluster.
3. **Timing**: a two-state hidden Markov model over the segments, where a change of speaker is as likely as
   not after a pause and inbound calls start with the agent, combines the two into posterior probabilities
   (forward-backward), so one clear line carries its neighbours.

Each resulting turn carries ``speaker_confidence`` (the posterior of the chosen role) and a note when it is
below ``UNCERTAIN``; the transcript's notes say how speakers were attributed. Nothing here is a guess dressed
as a fact: a call whose voices do not separate says so.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from domain.transcript import Speaker, Transcript, Turn

logger = logging.getLogger(__name__)

UNCERTAIN = 0.75
SWITCH_PROBABILITY = 0.55  # after a pause, the other person speaks slightly more often than the same one
AGENT_FIRST_LOGODDS = 1.0
VOICE_SEPARATION_MIN = 1.5  # centroid distance in pooled within-cluster standard deviations
VOICE_MAX_LOGODDS = 4.0
SHORT_WORDS = 6
# Pitch tells two people apart; spectral centroid and high-band share follow the vowels of each segment as much
# as the speaker, so they only nudge (measured on the generated calls: weight 1 gave 60-80 % role accuracy).
VOICE_WEIGHTS = np.array([1.0, 0.25, 0.25])
VOICE_SPREAD_FLOOR = np.array([0.05, 0.05, 0.02])  # below this, differences are measurement noise, not people
# Two people's median pitch differs by more than ~8 % (0.08 in log F0) in all but a few same-sex pairs; below
# that the "two voices" are one person's intonation and the voice cue is not used (a one-voice recording
# split by a few excited questions measured 0.05).
MIN_PITCH_GAP = 0.08


@dataclass(frozen=True)
class SegmentEvidence:
    """Log-odds for agent from each cue, and the posterior after timing."""

    text: float
    voice: float
    posterior: float


def _logit(p: np.ndarray) -> np.ndarray:
    clipped = np.clip(p, 0.02, 0.98)
    return np.asarray(np.log(clipped / (1 - clipped)))


def text_logodds(texts: Sequence[str]) -> np.ndarray:
    from language.roles import get_role_classifier

    p = get_role_classifier().agent_probability(list(texts))
    weight = np.array([min(1.0, len(t.split()) / SHORT_WORDS) for t in texts])
    return _logit(0.5 + (p - 0.5) * weight)


def _two_means(x: np.ndarray, *, iterations: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Labels and centroids of a deterministic 2-means, seeded by splitting the first principal axis at its
    median (seeding at the extremes lets one outlier hold a cluster of its own)."""
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    proj = centred @ vt[0]
    seed = proj > np.median(proj)
    centroids = np.stack([x[~seed].mean(axis=0), x[seed].mean(axis=0)]) if seed.any() and (~seed).any() else x[:2]
    labels = np.full(len(x), -1, dtype=int)
    for _ in range(iterations):
        dist = ((x[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        new = np.argmin(dist, axis=1)
        if np.all(new == labels):
            break
        labels = new
        for k in (0, 1):
            if np.any(labels == k):
                centroids[k] = x[labels == k].mean(axis=0)
    return labels, centroids


def voice_logodds(voices: Sequence[Sequence[float] | None], text: np.ndarray) -> tuple[np.ndarray, float | None]:
    """Per-segment log-odds for agent from voice, and how far apart the two voices are (None: not judged)."""
    out = np.zeros(len(voices))
    idx = [i for i, v in enumerate(voices) if v is not None and len(v) > 0]
    if len(idx) < 4:
        return out, None
    raw = np.asarray([voices[i] for i in idx], dtype=float)
    x = raw
    # Robust scaling and clipping: one octave error in the pitch tracker must not squash everyone else together.
    centre = np.median(x, axis=0)
    spread = np.maximum(1.4826 * np.median(np.abs(x - centre), axis=0), VOICE_SPREAD_FLOOR[: x.shape[1]])
    x = np.clip((x - centre) / spread, -3.0, 3.0) * VOICE_WEIGHTS[: x.shape[1]]
    labels, centroids = _two_means(x)
    if min(np.sum(labels == 0), np.sum(labels == 1)) < 2:
        return out, None
    pitch = raw[:, 0]
    if abs(float(np.median(pitch[labels == 0]) - np.median(pitch[labels == 1]))) < MIN_PITCH_GAP:
        return out, 0.0
    within = np.sqrt(np.mean([((x[labels == k] - centroids[k]) ** 2).sum(axis=1).mean() for k in (0, 1)]))
    separation = float(np.linalg.norm(centroids[0] - centroids[1]) / max(within, 1e-9))
    if separation < VOICE_SEPARATION_MIN:
        return out, separation
    votes = [float(np.sum(text[[idx[j] for j in np.flatnonzero(labels == k)]])) for k in (0, 1)]
    agent_cluster = 0 if votes[0] >= votes[1] else 1
    strength = min(VOICE_MAX_LOGODDS, separation)
    d = ((x[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    d_agent, d_customer = d[:, agent_cluster], d[:, 1 - agent_cluster]
    out[idx] = strength * (d_customer - d_agent) / (d_customer + d_agent + 1e-9)
    return out, separation


def posteriors(logodds: np.ndarray, *, switch: float = SWITCH_PROBABILITY) -> np.ndarray:
    """P(agent) per segment from a two-state HMM (forward-backward); emissions are the evidence log-odds."""
    n = len(logodds)
    if n == 0:
        return np.zeros(0)
    trans = np.array([[1 - switch, switch], [switch, 1 - switch]])  # state 0 = agent, 1 = customer
    emit = np.stack([1 / (1 + np.exp(-logodds)), 1 / (1 + np.exp(logodds))], axis=1)
    first = 1 / (1 + math.exp(-AGENT_FIRST_LOGODDS))
    alpha = np.zeros((n, 2))
    alpha[0] = np.array([first, 1 - first]) * emit[0]
    alpha[0] /= alpha[0].sum()
    for t in range(1, n):
        alpha[t] = (alpha[t - 1] @ trans) * emit[t]
        alpha[t] /= alpha[t].sum()
    beta = np.ones((n, 2))
    for t in range(n - 2, -1, -1):
        beta[t] = trans @ (emit[t + 1] * beta[t + 1])
        beta[t] /= beta[t].sum()
    post = alpha * beta
    post /= post.sum(axis=1, keepdims=True)
    return np.asarray(post[:, 0])


def _merge(turns: list[Turn]) -> list[Turn]:
    """Neighbouring segments given to the same person become one turn."""
    out: list[Turn] = []
    for turn in turns:
        prev = out[-1] if out else None
        if prev is None or prev.speaker != turn.speaker:
            out.append(turn)
            continue
        extra_prev, extra_new = prev.model_extra or {}, turn.model_extra or {}
        update: dict[str, Any] = {
            "text": f"{prev.text} {turn.text}".strip(),
            "end": turn.end if turn.end is not None else prev.end,
            "words": (prev.words or []) + (turn.words or []) if prev.words or turn.words else None,
            "speaker_confidence": min(extra_prev["speaker_confidence"], extra_new["speaker_confidence"]),
        }
        confs = [c for c in (extra_prev.get("confidence"), extra_new.get("confidence")) if c is not None]
        if confs:
            update["confidence"] = round(min(confs), 3)
        notes = list(dict.fromkeys([*extra_prev.get("notes", []), *extra_new.get("notes", [])]))
        if notes:
            update["notes"] = notes
        out[-1] = prev.model_copy(update=update)
    return out


def attribute_mono(transcript: Transcript) -> Transcript:
    """Give each pending mono segment a speaker, a confidence and, when unsure, a note; merge runs."""
    if transcript.metadata.get("attribution") != "pending":
        return transcript
    metadata = dict(transcript.metadata)
    notes = list(metadata.get("notes") or [])
    segments = transcript.turns
    if not segments:
        metadata["attribution"] = "none"
        return transcript.model_copy(update={"metadata": metadata})
    texts = [t.text for t in segments]
    voices = [(t.model_extra or {}).get("voice") for t in segments]
    text = text_logodds(texts)
    voice, separation = voice_logodds(voices, text)
    post = posteriors(text + voice)
    turns: list[Turn] = []
    for seg, p in zip(segments, post, strict=True):
        speaker: Speaker = "agent" if p >= 0.5 else "customer"
        confidence = round(float(max(p, 1 - p)), 3)
        extra = {k: v for k, v in (seg.model_extra or {}).items() if k != "voice"}
        seg_notes = list(extra.pop("notes", []))
        if confidence < UNCERTAIN:
            seg_notes.append(f"speaker uncertain (confidence {confidence:.2f})")
        fields: dict[str, Any] = {**extra, "speaker_confidence": confidence}
        if seg_notes:
            fields["notes"] = seg_notes
        turns.append(Turn(speaker=speaker, text=seg.text, start=seg.start, end=seg.end, words=seg.words, **fields))
    merged = _merge(turns)
    used_voice = separation is not None and separation >= VOICE_SEPARATION_MIN
    cues = "what was said, " + ("how each voice sounds, " if used_voice else "") + "and turn-taking"
    uncertain = sum(1 for t in merged if (t.model_extra or {}).get("speaker_confidence", 1.0) < UNCERTAIN)
    notes = [n for n in notes if not n.startswith("mono audio")]
    notes.append(
        f"mono audio: speakers attributed per segment by {cues}"
        + (f"; {uncertain} turn(s) uncertain" if uncertain else "")
        + ("" if used_voice else "; the two voices could not be told apart, so text and timing decided")
    )
    metadata.update(
        {
            "notes": notes,
            "attribution": "text+voice+timing" if used_voice else "text+timing",
            "voice_separation": None if separation is None else round(separation, 2),
            "speaker_mapping": {"mono": "attributed per segment"},
        }
    )
    logger.debug("attributed %d segments into %d turns (voice separation %s)", len(segments), len(merged), separation)
    return transcript.model_copy(update={"turns": merged, "metadata": metadata})
