"""Speech benchmarks against DESIGN.md budgets: real-time factor, model load, memory, voice-turn latency.

Run: ``python bench/bench_speech.py [--quick]``. Audio is made here with espeak-ng (through speech.tts) and
silences, so the numbers come from real decoding and real recognition. Prints ``name=value budget=... ratio=...``
lines; ratio = budget / measured (headroom), so ratio >= 1 is within budget.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.transcript import Transcript
from speech.audio import SAMPLE_RATE, decode, to_wav_bytes
from speech.model import load_model, resolve_model
from speech.options import TranscriptionOptions
from speech.trainee import trainee_options, transcribe_trainee_answer
from speech.transcribe import transcribe_file
from speech.tts import speak

RTF_BUDGET = 0.15
LOAD_BUDGET_S = 5.0  # app cold start budget: the model must fit well inside it
RSS_BUDGET_MB = 1536.0
VOICE_TURN_BUDGET_S = 1.5

AGENT_LINES = [
    "Thank you for calling customer care, this is Sam. How can I help you today?",
    "I am sorry to hear that. Can I have your full name and the account number please?",
    "Thank you. For security, can you confirm the last four digits of the card on file?",
    "I can see two charges on the fifth of the month for the same amount.",
    "I will refund the duplicate charge now. It takes three to five business days.",
    "Is there anything else I can help you with today?",
    "Let me check that for you, it will take just a moment.",
    "I understand how frustrating that is, and I will make sure it is fixed.",
]
CUSTOMER_LINES = [
    "Hi, I was charged twice for my internet bill this month and I am not happy about it.",
    "Sure, my name is Maria Lopez and the account number is four five six seven.",
    "It ends in one two three four.",
    "Yes, that is exactly the problem. I only ordered once.",
    "Okay, three to five days is fine. Will I get an email confirmation?",
    "No, that is all. Thank you for your help.",
    "Why does this keep happening every other month?",
    "I have been a customer for ten years, you know.",
]


def spoken(text: str, *, voice: str) -> np.ndarray:
    audio = speak(text, voice=voice, engine="espeak")
    if audio is None:
        raise SystemExit("espeak-ng is needed to make benchmark audio")
    return decode(audio.wav).channels[0]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def mono_clip(seconds: float, rng: random.Random) -> np.ndarray:
    parts: list[np.ndarray] = []
    total = 0
    lines = AGENT_LINES + CUSTOMER_LINES
    while total < seconds * SAMPLE_RATE:
        for piece in (spoken(rng.choice(lines), voice="en-us"), silence(rng.uniform(0.4, 1.5))):
            parts.append(piece)
            total += len(piece)
    return np.concatenate(parts)[: int(seconds * SAMPLE_RATE)]


Script = list[tuple[str, str, float, float]]  # speaker, text, start, end


def stereo_call(seconds: float, rng: random.Random) -> tuple[np.ndarray, np.ndarray, Script]:
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    script: Script = []
    total, speaker = 0, 0
    while total < seconds * SAMPLE_RATE:
        lines, voice = (AGENT_LINES, "en-us") if speaker == 0 else (CUSTOMER_LINES, "en-gb-x-rp")
        text = rng.choice(lines)
        voiced = spoken(text, voice=voice)
        speech = np.concatenate([voiced, silence(rng.uniform(0.5, 1.5))])
        quiet = np.zeros_like(speech)
        left.append(speech if speaker == 0 else quiet)
        right.append(quiet if speaker == 0 else speech)
        if total + len(voiced) <= seconds * SAMPLE_RATE:
            name = "agent" if speaker == 0 else "customer"
            script.append((name, text, total / SAMPLE_RATE, (total + len(voiced)) / SAMPLE_RATE))
        total += len(speech)
        speaker = 1 - speaker
    n = int(seconds * SAMPLE_RATE)
    return np.concatenate(left)[:n], np.concatenate(right)[:n], script


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z' ]+", " ", text.lower()).split())


def accuracy(transcript: Transcript, script: Script) -> tuple[float | None, float]:
    """Word error rate (jiwer, if installed) and the share of scripted turns heard as the right speaker."""
    try:
        import jiwer
    except ImportError:
        error = None
    else:
        reference = normalise(" ".join(text for _, text, _, _ in script))
        error = float(jiwer.wer(reference, normalise(" ".join(t.text for t in transcript.turns))))
    right = 0
    for speaker, _, start, end in script:
        middle = (start + end) / 2
        heard = [t.speaker for t in transcript.turns if (t.start or 0) <= middle <= (t.end or 0)]
        right += heard == [speaker]
    return error, right / len(script) if script else 1.0


def stereo_wav(left: np.ndarray, right: np.ndarray) -> bytes:
    pcm = (np.clip(np.stack([left, right], axis=1), -1, 1) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def report(name: str, value: float, budget: float, unit: str = "") -> None:
    print(f"{name}={value:.3f}{unit} budget<={budget:g}{unit} ratio={budget / max(value, 1e-9):.2f}", flush=True)


def bench_mono_call(minutes: float = 10.0) -> int:
    """RTF through the product (decode, transcribe, segment, attribute, redact) for a two-voice mono call."""
    from tests.speech.mono_calls import SCRIPTS, VOICE_PAIRS, make_call, role_accuracy

    options = TranscriptionOptions.from_settings(mono_speaker="auto")
    load_model(
        resolve_model(options.model),
        compute_type=options.compute_type,
        cpu_threads=options.cpu_threads,
        allow_download=options.allow_download,
    )
    script: list[tuple[str, str]] = []
    while len(script) < 12 * minutes * 1.25:  # about 12 turns a minute of talk with pauses
        script += [line for s in SCRIPTS for line in s]
    with tempfile.TemporaryDirectory() as tmp:
        call = make_call(script, VOICE_PAIRS[0], Path(tmp), seed=7, name="mono-long")
        from importers.attribution import attribute_mono
        from importers.redaction import redact_transcript
        from language.roles import get_role_classifier

        started = time.perf_counter()
        get_role_classifier()  # trained once per process, like the speech model: not part of a call's cost
        train = time.perf_counter() - started
        started = time.perf_counter()
        segments = transcribe_file(call.mono, options=options)
        speech_wall = time.perf_counter() - started
        transcript = redact_transcript(attribute_mono(segments))
        wall = time.perf_counter() - started
        per_turn, per_word = role_accuracy(call.turns, transcript.turns)
        print(f"speech.mono_call_recognition_rtf={speech_wall / call.duration:.3f}")
        print(f"speech.mono_call_attribution_and_redaction_s={wall - speech_wall:.2f}")
        print(f"speech.role_model_training_once_s={train:.2f}")
        report(f"speech.rtf_{call.duration / 60:.0f}min_mono_call_with_attribution", wall / call.duration, 0.10)
        print(
            f"speech.mono_call_seconds={call.duration:.0f} turns_scripted={len(call.turns)} "
            f"turns={len(transcript.turns)}"
        )
        print(f"speech.mono_role_accuracy_per_turn={per_turn:.3f} budget>=0.90 ratio={per_turn / 0.9:.2f}")
        print(f"speech.mono_role_accuracy_per_word={per_word:.3f}")
        print(f"speech.mono_attribution={transcript.metadata.get('attribution')}")
    return 0


_FIRST_ANSWER = """
import sys, time, tempfile
from pathlib import Path
from speech.trainee import transcribe_trainee_answer, warm_up
data = Path(sys.argv[1]).read_bytes()
if sys.argv[2] == "warm":
    warm_up()  # what the practice page starts in the background when it opens
else:
    from speech.transcribe import Transcriber
    from speech.trainee import trainee_options
    _ = Transcriber(trainee_options()).model  # the model loaded, as before: no transcription yet
with tempfile.TemporaryDirectory() as tmp:
    started = time.perf_counter()
    transcribe_trainee_answer(data, session_id="first", turn_index=0, offset_seconds=0.0, recordings_dir=tmp)
    print(time.perf_counter() - started)
"""


def first_answer_in_fresh_process(wav: bytes, *, warm: bool) -> float:
    """Latency of a process's first answer after the model is loaded (``warm``: after ``warm_up`` too)."""
    import os
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".wav", delete=False) as fh:
        fh.write(wav)
    try:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_ANSWER, fh.name, "warm" if warm else "cold"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    finally:
        Path(fh.name).unlink(missing_ok=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the 60 s clip and 5 voice turns")
    parser.add_argument("--mono-only", action="store_true", help="only the 10-minute two-voice mono call")
    args = parser.parse_args()
    if args.mono_only:
        return bench_mono_call()
    rng = random.Random(2026)
    options = TranscriptionOptions.from_settings()

    started = time.perf_counter()
    load_model(
        resolve_model(options.model),
        compute_type=options.compute_type,
        cpu_threads=options.cpu_threads,
        allow_download=options.allow_download,
    )
    report("speech.model_load_s", time.perf_counter() - started, LOAD_BUDGET_S, "")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clip = work / "clip-60s.wav"
        clip.write_bytes(to_wav_bytes(mono_clip(60.0, rng)))
        started = time.perf_counter()
        transcript = transcribe_file(clip, options=options)
        wall = time.perf_counter() - started
        report("speech.rtf_60s_clip", wall / 60.0, RTF_BUDGET)
        # the batch view of the same number: hours of recorded calls transcribed per hour of wall time
        print(
            f"speech.audio_hours_per_wall_hour_60s_clip={60.0 / wall:.1f} budget>={1 / RTF_BUDGET:.1f} "
            f"ratio={(60.0 / wall) * RTF_BUDGET:.2f}"
        )
        print(f"speech.words_60s_clip={transcript.word_count()}")

        if not args.quick:
            call = work / "call-10min.wav"
            left, right, script = stereo_call(600.0, rng)
            call.write_bytes(stereo_wav(left, right))
            started = time.perf_counter()
            transcript = transcribe_file(call, options=options)
            wall = time.perf_counter() - started
            report("speech.rtf_10min_stereo_call", wall / 600.0, RTF_BUDGET)
            print(
                f"speech.audio_hours_per_wall_hour_10min_call={600.0 / wall:.1f} budget>={1 / RTF_BUDGET:.1f} "
                f"ratio={(600.0 / wall) * RTF_BUDGET:.2f}"
            )
            error, speakers = accuracy(transcript, script)
            print(f"speech.turns_10min_stereo_call={len(transcript.turns)} scripted={len(script)}")
            if error is not None:
                print(f"speech.wer_10min_stereo_call={error:.3f}")
            print(f"speech.speaker_accuracy_10min_stereo_call={speakers:.3f}")

        turns = 5 if args.quick else 10
        answers = []
        for i in range(turns):
            answer = np.concatenate([silence(0.5), spoken(AGENT_LINES[i % len(AGENT_LINES)], voice="en-us")])
            answers.append(to_wav_bytes(np.concatenate([answer, silence(0.3)])))
        p95s: dict[str, float] = {}
        # "answer": the product's settings for trainee answers (speech.trainee.trainee_options);
        # "word_times": the recorded-call settings (word timestamps) the answer path used before
        for name, opts in (("answer", trainee_options(options)), ("word_times", options)):
            latencies: list[float] = []
            words = 0
            for i, data in enumerate(answers):
                started = time.perf_counter()  # the trainee stopped speaking: st.audio_input hands us the bytes
                result = transcribe_trainee_answer(
                    data, session_id="bench", turn_index=i, offset_seconds=0.0, recordings_dir=work, options=opts
                )
                latencies.append(time.perf_counter() - started)
                words += len(result.text.split())
                if not result.text:
                    print(f"warning: voice turn {i} transcribed to nothing", file=sys.stderr)
            p95 = statistics.quantiles(latencies, n=20, method="inclusive")[-1] if len(latencies) > 1 else latencies[0]
            p95s[name] = p95
            print(f"speech.voice_turn_{name}_median_s={statistics.median(latencies):.3f} words={words}")
            report(f"speech.voice_turn_{name}_p95_s", p95, VOICE_TURN_BUDGET_S)
        print(
            f"speech.trainee_answer_latency_ratio={p95s['word_times'] / p95s['answer']:.2f} "
            "(p95 with word times / p95 with the answer settings; > 1 means the answer settings are faster)"
        )
        print(f"speech.voice_turn_answers={turns} (3-5 s each; the scripted customer reply adds < 50 ms)")
        for warm in (False, True):
            first = first_answer_in_fresh_process(answers[0], warm=warm)
            label = "warmed" if warm else "cold"
            report(f"speech.first_answer_{label}_process_s", first, VOICE_TURN_BUDGET_S)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("speech.peak_rss_mb", peak_mb, RSS_BUDGET_MB)
    return 0


if __name__ == "__main__":
    sys.exit(main())
