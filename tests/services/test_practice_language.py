"""A practice call in another language is heard in that language: the answer settings follow the scenario."""

from __future__ import annotations

import shutil

import pytest

import speech
import speech.model as model_mod
from services import practice
from services.workspace import Workspace
from speech.options import TranscriptionOptions
from speech.transcribe import Transcriber
from storage import UserRepo

ENGLISH = TranscriptionOptions(model=None, language="en")


@pytest.mark.parametrize(("available", "expected_model"), [(True, model_mod.MULTILINGUAL), (False, None)])
def test_a_spanish_call_uses_the_multilingual_model_when_it_is_installed(
    monkeypatch: pytest.MonkeyPatch, available: bool, expected_model: str | None
) -> None:
    monkeypatch.setattr(model_mod, "multilingual_available", lambda: available)
    options = speech.answer_options("es", ENGLISH)
    assert options.model == expected_model
    # without the extra the English model keeps its language check, which flags Spanish speech
    assert options.language == ("es" if available else "en")
    assert options.beam_size == 1 and not options.word_timestamps  # still the short-answer settings


def test_an_english_call_keeps_the_configured_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_mod, "multilingual_available", lambda: True)
    assert speech.answer_options("en", ENGLISH).model is None
    # a configured model that says it is multilingual (asked of the model itself) stays
    monkeypatch.setattr(Transcriber, "multilingual", property(lambda self: self.options.model == "/models/large-v3"))
    own = TranscriptionOptions(model="/models/large-v3", language="en")
    assert speech.answer_options("es", own).model == "/models/large-v3"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.skipif(not model_mod.multilingual_available(), reason="the 'multilingual' extra is not installed")
def test_a_spoken_spanish_answer_becomes_a_spanish_turn(ws: Workspace) -> None:
    trainee = UserRepo(ws.db).by_username("trainee")
    assert trainee is not None
    scenario = ws.library.scenario("es-billing-double-charge")
    live = practice.start(ws, trainee, scenario, engine=practice.customer_engine("scripted"), seed=1)
    spoken = speech.speak("Buenos días, gracias por llamar. ¿En qué puedo ayudarle?", language="es", engine="espeak")
    assert spoken is not None
    before = len(live.session.turns)
    practice.say_audio(ws, trainee, live, bytes(spoken.wav))
    heard = live.session.turns[before].text.lower()
    assert live.session.turns[before].speaker == "agent"
    assert any(word in heard for word in ("gracias", "días", "ayudar", "llamar")), heard
