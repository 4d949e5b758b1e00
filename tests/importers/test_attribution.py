"""Mono attribution: the logic on synthetic segments (fast), and role accuracy on generated two-voice calls."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from domain.transcript import Transcript, Turn
from importers.attribution import UNCERTAIN, attribute_mono, posteriors, voice_logodds

AGENT_VOICE = (4.45, 0.7, 0.2)
CUSTOMER_VOICE = (4.85, 0.8, 0.25)
LINES = [
    ("agent", "Thank you for calling, my name is Sam, how can I help you today?"),
    ("customer", "Hi, my bill has gone up and I don't know why."),
    ("agent", "Okay."),
    ("agent", "Could you confirm your postcode for me?"),
    ("customer", "Yes."),
    ("customer", "It's AB1 2CD."),
    ("agent", "Let me have a look at the account for you."),
    ("customer", "Thanks."),
]


def _pending(lines: list[tuple[str, str]], *, voices: bool) -> Transcript:
    turns = []
    for i, (who, text) in enumerate(lines):
        voice = AGENT_VOICE if who == "agent" else CUSTOMER_VOICE
        jitter = (0.01 * (i % 3), 0.02 * (i % 2), 0.0)
        extra = {"voice": tuple(v + j for v, j in zip(voice, jitter, strict=True))} if voices else {}
        turns.append(Turn(speaker="customer", text=text, start=2.0 * i, end=2.0 * i + 1.5, **extra))
    return Transcript(id="m", turns=turns, metadata={"attribution": "pending", "notes": []})


def test_voice_and_text_recover_every_speaker_and_runs_merge() -> None:
    out = attribute_mono(_pending(LINES, voices=True))
    expected = ["agent", "customer", "agent", "customer", "agent", "customer"]
    assert [t.speaker for t in out.turns] == expected
    assert out.metadata["attribution"] == "text+voice+timing"
    assert all("voice" not in (t.model_extra or {}) for t in out.turns)
    assert all(0.5 <= (t.model_extra or {})["speaker_confidence"] <= 1.0 for t in out.turns)
    assert "speakers attributed per segment" in out.metadata["notes"][-1]


def test_without_voice_short_lines_are_uncertain_and_say_so() -> None:
    out = attribute_mono(_pending(LINES, voices=False))
    assert out.metadata["attribution"] == "text+timing"
    assert out.turns[0].speaker == "agent"
    uncertain = [t for t in out.turns if (t.model_extra or {})["speaker_confidence"] < UNCERTAIN]
    assert uncertain and all(any("speaker uncertain" in n for n in (t.model_extra or {})["notes"]) for t in uncertain)
    assert "could not be told apart" in out.metadata["notes"][-1]


def test_not_pending_is_untouched() -> None:
    t = Transcript(id="x", turns=[Turn(speaker="agent", text="hi")])
    assert attribute_mono(t) is t


def test_posteriors_smooth_weak_evidence_and_keep_strong() -> None:
    post = posteriors(np.array([3.0, 0.0, -3.0, -3.0, 0.0, 3.0]))
    assert post[0] > 0.9 and post[2] < 0.1 and post[5] > 0.9
    assert 0.2 < post[1] < 0.8
    assert len(posteriors(np.zeros(0))) == 0


def test_voice_clusters_follow_the_text_and_ignore_one_octave_error() -> None:
    rng = np.random.default_rng(1)
    voices: list[tuple[float, ...] | None] = []
    for i in range(16):
        base = np.array(AGENT_VOICE if i % 2 == 0 else CUSTOMER_VOICE)
        voices.append(tuple(base + rng.normal(0, [0.04, 0.08, 0.03])))
    voices += [(5.9, 0.8, 0.2), None]  # an octave error in the pitch tracker, and a segment too short to measure
    text = np.array([1.0, -1.0] * 8 + [0.0, 0.0])
    lo, sep = voice_logodds(voices, text)
    assert sep is not None and sep > 1.5
    assert all(lo[i] > 0 for i in range(0, 16, 2)) and all(lo[i] < 0 for i in range(1, 16, 2))
    assert lo[17] == 0.0
    same, sep_same = voice_logodds([AGENT_VOICE] * 6, np.zeros(6))
    assert sep_same is None or sep_same < 1.5
    assert not np.any(same)


@pytest.mark.slow
def test_generated_two_voice_mono_calls_reach_ninety_percent(tmp_path: Path) -> None:
    from importers.audio import transcribe_recording
    from speech.options import TranscriptionOptions
    from tests.speech.mono_calls import SCRIPTS, VOICE_PAIRS, make_call, role_accuracy

    options = TranscriptionOptions.from_settings(mono_speaker="auto")
    per_call = []
    for i, script in enumerate(SCRIPTS):
        for j, pair in enumerate(VOICE_PAIRS):
            call = make_call(script, pair, tmp_path, seed=10 * i + j, name=f"c{i}{j}")
            t = transcribe_recording(call.mono, speech_options=options, redact=True)
            per_call.append(role_accuracy(call.turns, t.turns)[0])
    assert float(np.mean(per_call)) >= 0.9, per_call
    assert min(per_call) >= 0.7, per_call
