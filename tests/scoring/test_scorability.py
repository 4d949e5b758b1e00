"""Scorability: what cannot be judged is said so, before any criterion runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.transcript import Transcript
from scoring.scorability import check, detect_language, strip_control
from tests.scoring.transcripts import MODEL_CALL, make


def test_a_model_call_is_scorable() -> None:
    verdict = check(make(MODEL_CALL))
    assert verdict.scorable and verdict.reason is None and verdict.language == "en"


def test_declared_language_other_than_english_is_judged_criterion_by_criterion() -> None:
    """Scorable as a contact; each criterion then says whether it supports the language (test_languages.py)."""
    french = make([("agent", "Bonjour, je suis désolé pour le problème avec votre facture, nous allons vous aider.")])
    verdict = check(french.model_copy(update={"language": "fr"}))
    assert verdict.scorable and verdict.language == "fr"


def test_french_text_is_detected() -> None:
    lang, share = detect_language(
        "Bonjour, je suis désolé pour le problème avec votre facture, nous allons vous rembourser la somme."
    )
    assert lang == "fr" and share > 0.2


def test_control_tokens_are_stripped() -> None:
    assert strip_control("###STOP### thanks <|endoftext|> bye [TRANSFER]") == "thanks bye"


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["agent", "customer", "system"]), st.text(max_size=60)),
        max_size=10,
    ),
    st.sampled_from(["en", "es", "en-GB", ""]),
)
def test_check_never_raises_and_always_gives_a_reason(turns: list[tuple[str, str]], language: str) -> None:
    t = Transcript.model_validate(
        {"id": "h", "language": language, "turns": [{"speaker": s, "text": x} for s, x in turns]}
    )
    verdict = check(t)
    assert verdict.scorable or verdict.reason
