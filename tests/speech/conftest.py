"""Real speech made at test time with espeak-ng (and sox for conversions), once per session.

Nothing here comes from the code under test: the fixtures are the independent oracle (known words, known
speakers, known times) that transcription results are checked against.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import jiwer
import pytest

needs_tools = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("sox")), reason="espeak-ng and sox are needed to make test speech"
)

CLEAR_SENTENCE = "Thank you for calling. My name is Alex. How can I help you today?"
AGENT_VOICE = "en-us"
CUSTOMER_VOICE = "en-gb-x-rp"

CALL_SCRIPT: list[tuple[str, str]] = [
    ("agent", "Thank you for calling the billing team. This is Sam. How can I help you?"),
    ("customer", "Hello. I was charged twice for my phone bill this month."),
    ("agent", "I am sorry about that. Can you tell me your full name please?"),
    ("customer", "Yes, my name is Maria Lopez."),
    ("agent", "Thank you Maria. I can see the second charge and I will refund it today."),
]
CALL_LEAD_IN = 0.6
CALL_GAP = 1.2

_NORMALISE = jiwer.Compose(
    [
        jiwer.ToLowerCase(),
        jiwer.SubstituteRegexes({r"[^a-z' ]+": " "}),
        jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(),
        jiwer.ReduceToListOfListOfWords(),
    ]
)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate after lower-casing and dropping punctuation (so 'help you?' == 'help you')."""
    return float(jiwer.wer(reference, hypothesis, reference_transform=_NORMALISE, hypothesis_transform=_NORMALISE))


def run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def espeak(text: str, out: Path, *, voice: str = AGENT_VOICE, wpm: int = 165) -> Path:
    run("espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(out), text)
    return out


def wav_duration(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@dataclass(frozen=True)
class ScriptedTurn:
    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Call:
    path: Path
    turns: list[ScriptedTurn]
    duration: float
    sides: tuple[Path, Path] = (Path(), Path())


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("espeak-ng and sox are needed to make test speech")
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def clear_wav(speech_dir: Path) -> Path:
    """A clear 22.05 kHz mono sentence."""
    return espeak(CLEAR_SENTENCE, speech_dir / "clear.wav")


@pytest.fixture(scope="session")
def telephone_wav(speech_dir: Path, clear_wav: Path) -> Path:
    """The same sentence as 8 kHz μ-law telephone audio, band-limited like a phone line."""
    out = speech_dir / "telephone.wav"
    run("sox", str(clear_wav), "-r", "8000", "-e", "u-law", "-c", "1", str(out), "sinc", "300-3400")
    return out


@pytest.fixture(scope="session")
def encoded(speech_dir: Path, clear_wav: Path) -> dict[str, Path]:
    """The clear sentence in every container a browser or recorder gives us (ffmpeg only makes fixtures)."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make the compressed fixtures")
    out: dict[str, Path] = {"wav": clear_wav}
    for ext in ("flac", "mp3", "m4a", "ogg", "webm"):
        target = speech_dir / f"clear.{ext}"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-i", str(clear_wav), str(target)], check=True, capture_output=True
        )
        out[ext] = target
    return out


@pytest.fixture(scope="session")
def stereo_call(speech_dir: Path) -> Call:
    """A two-speaker call: agent (American voice) on the left, customer (British voice) on the right,
    alternating turns with silences between."""
    rate = "16000"
    placed: list[ScriptedTurn] = []
    parts: dict[str, list[Path]] = {"agent": [], "customer": []}
    t = CALL_LEAD_IN
    for i, (speaker, text) in enumerate(CALL_SCRIPT):
        voice = AGENT_VOICE if speaker == "agent" else CUSTOMER_VOICE
        raw = espeak(text, speech_dir / f"call-{i}.wav", voice=voice, wpm=160 if speaker == "agent" else 150)
        dur = wav_duration(raw)
        padded = speech_dir / f"call-{i}-padded.wav"
        run("sox", str(raw), "-r", rate, "-b", "16", str(padded), "pad", f"{t:.3f}", "0")
        parts[speaker].append(padded)
        placed.append(ScriptedTurn(speaker, text, t, t + dur))
        t += dur + CALL_GAP
    total = t
    sides: list[Path] = []
    for speaker in ("agent", "customer"):
        silence = speech_dir / f"silence-{speaker}.wav"
        run("sox", "-n", "-r", rate, "-b", "16", "-c", "1", str(silence), "trim", "0", f"{total:.3f}")
        side = speech_dir / f"side-{speaker}.wav"
        inputs = [arg for path in (silence, *parts[speaker]) for arg in ("-v", "1", str(path))]  # no 1/n scaling
        run("sox", "-m", *inputs, "-b", "16", str(side), "trim", "0", f"{total:.3f}")
        sides.append(side)
    call = speech_dir / "call-stereo.wav"
    run("sox", "-M", str(sides[0]), str(sides[1]), "-b", "16", str(call))
    return Call(call, placed, total, (sides[0], sides[1]))


@pytest.fixture(scope="session")
def bleed_call(stereo_call: Call, speech_dir: Path) -> Call:
    """The same call with each speaker leaking into the other's channel at -16 dB (echo / shared room)."""
    left, right = stereo_call.sides
    leaky = []
    for own, other, name in ((left, right, "left"), (right, left, "right")):
        out = speech_dir / f"bleed-{name}.wav"
        run("sox", "-m", "-v", "1", str(own), "-v", "0.15", str(other), "-b", "16", str(out))
        leaky.append(out)
    call = speech_dir / "call-bleed.wav"
    run("sox", "-M", str(leaky[0]), str(leaky[1]), "-b", "16", str(call))
    return Call(call, stereo_call.turns, stereo_call.duration, (leaky[0], leaky[1]))


@pytest.fixture(scope="session")
def silence_wav(speech_dir: Path) -> Path:
    out = speech_dir / "silence.wav"
    run("sox", "-n", "-r", "16000", "-b", "16", "-c", "1", str(out), "trim", "0", "4")
    return out


@pytest.fixture(scope="session")
def three_hour_header_flac(speech_dir: Path, clear_wav: Path) -> Path:
    """A short FLAC whose STREAMINFO claims 3 hours: only a header check can refuse it without decoding."""
    out = speech_dir / "claims-three-hours.flac"
    run("sox", str(clear_wav), "-r", "8000", "-b", "16", str(out))
    data = bytearray(out.read_bytes())
    assert data[:4] == b"fLaC" and data[4] & 0x7F == 0  # first metadata block is STREAMINFO
    packed = int.from_bytes(data[18:26], "big")  # sample rate(20) channels(3) bits(5) total samples(36)
    packed = (packed & ~((1 << 36) - 1)) | (3 * 3600 * 8000)
    data[18:26] = packed.to_bytes(8, "big")
    out.write_bytes(bytes(data))
    return out


@pytest.fixture(scope="session")
def three_hour_flac(speech_dir: Path) -> Path:
    """A real 3-hour file (silence compresses to ~300 kB, but encoding takes seconds: slow tests only)."""
    out = speech_dir / "three-hours.flac"
    run("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", str(out), "trim", "0", "3:00:00")
    return out
