"""Criteria declare the languages they judge; a contact in another language is not scored on them, and says why."""

from __future__ import annotations

import pytest

from domain.rubric import CRITERIA, Rubric
from domain.transcript import Transcript
from scoring.engine import score_transcript
from scoring.registry import ANY_LANGUAGE, REGISTRY, supported_languages, unsupported_reason
from scoring.scorability import check, contact_language

SPANISH_CALL = [
    ("agent", "Buenos días, gracias por llamar, le atiende Sam. Esta llamada se graba. ¿En qué puedo ayudarle?"),
    ("customer", "Hola, me han cobrado dos veces la factura de abril y no estoy nada contenta con el servicio."),
    ("agent", "Lo siento mucho, entiendo que es muy molesto. ¿Me confirma su número de cliente y el código postal?"),
    ("customer", "Sí, es el CLI-305518 y el código postal es 28014."),
    ("agent", "Gracias. Le devuelvo ahora mismo el cargo duplicado de 39 euros, lo tendrá en tres a cinco días."),
    ("customer", "Vale, muchas gracias por la ayuda."),
    ("agent", "¿Hay algo más en lo que pueda ayudarle? Que tenga un buen día."),
]


def spanish(*, language: str = "es", timed: bool = True, metadata: dict[str, object] | None = None) -> Transcript:
    turns = [
        {"speaker": s, "text": t, **({"start": 4.0 * i, "end": 4.0 * i + 3.5} if timed else {})}
        for i, (s, t) in enumerate(SPANISH_CALL)
    ]
    return Transcript.model_validate({"id": "es-1", "language": language, "turns": turns, "metadata": metadata or {}})


def test_every_criterion_declares_its_languages() -> None:
    assert set(REGISTRY) == set(CRITERIA)
    for name, decl in REGISTRY.items():
        assert decl.languages, name
        assert decl.why_languages, f"{name} must say what limits its languages"
    assert REGISTRY["time_on_contact"].languages == ANY_LANGUAGE
    assert supported_languages("empathy") == ["en"]


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("empathy", "es", "empathy is scored in English only; this contact is in Spanish"),
        ("policy_compliance", "de-DE", "policy_compliance is scored in English only; this contact is in German"),
        ("empathy", "en", None),
        ("empathy", "en-GB", None),
        ("time_on_contact", "es", None),
        ("time_on_contact", "ja", None),
    ],
)
def test_unsupported_reason(name: str, language: str, expected: str | None) -> None:
    reason = unsupported_reason(name, language)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(expected)


@pytest.mark.parametrize("declared", ["es", "en", "es-MX"])
def test_a_spanish_call_is_judged_only_where_a_criterion_supports_spanish(rubric: Rubric, declared: str) -> None:
    """Declared Spanish, or filed as English but written in Spanish: never judged as English."""
    card = score_transcript(spanish(language=declared), rubric=rubric)
    assert card.error is None and card.metadata["language"] == "es"
    for name, result in card.criteria.items():
        if REGISTRY[name].supports("es"):
            assert result.applicable and result.score is not None, name
        else:
            assert not result.applicable and result.score is None, name
            assert f"{name} is scored in English only; this contact is in Spanish" in result.reasons[0]
            assert result.metrics["supported_languages"] == ["en"]
    assert any("holds are recognised from English phrases only" in r for r in card.criteria["time_on_contact"].reasons)
    assert set(card.metadata["not_judged"]) == {n for n in card.criteria if not REGISTRY[n].supports("es")}
    # Time alone (10 % of the default weight) is no verdict on the call: not scorable overall, never a pass.
    assert not card.passed and card.overall is None
    assert card.not_scorable is not None and "Spanish ('es')" in card.not_scorable
    assert "only time_on_contact (10% of the weight)" in card.not_scorable


def test_a_rubric_that_accepts_little_judged_weight_scores_the_supported_criteria(rubric: Rubric) -> None:
    lenient = rubric.model_copy(update={"min_judged_weight": 0.1})
    card = score_transcript(spanish(), rubric=lenient)
    assert card.not_scorable is None
    assert card.overall == card.criteria["time_on_contact"].score
    assert not card.criteria["empathy"].applicable


def test_english_calls_are_still_judged_on_every_criterion(rubric: Rubric) -> None:
    from tests.scoring.transcripts import MODEL_CALL, make

    card = score_transcript(make(MODEL_CALL), rubric=rubric)
    assert card.metadata["language"] == "en"
    assert not any("scored in English only" in r for c in card.criteria.values() for r in c.reasons)


@pytest.mark.parametrize(
    ("transcript", "needle"),
    [
        (spanish(language="und"), "could not be determined"),
        (
            spanish(
                metadata={
                    "language_check": {"expected": "en", "detected": "es", "probability": 0.94},
                    "scorable": False,
                }
            ),
            "identified as Spanish",
        ),
        (
            spanish(metadata={"language_check": {"expected": "en", "detected": None, "probability": None}}),
            "language not identified",
        ),
    ],
)
def test_speech_in_an_unheard_language_is_not_scorable(rubric: Rubric, transcript: Transcript, needle: str) -> None:
    verdict = check(transcript)
    assert not verdict.scorable and needle in (verdict.reason or "")
    card = score_transcript(transcript, rubric=rubric)
    assert card.not_scorable and not card.passed and card.overall is None


@pytest.mark.parametrize(
    ("declared", "texts", "expected"),
    [
        ("en", [t for _, t in SPANISH_CALL], "es"),
        ("es", ["Sí.", "Vale."], "es"),  # too little text to tell: the declaration stands
        ("fr", ["Bonjour, je suis désolé pour le problème avec votre facture, nous allons vous rembourser."], "fr"),
        ("", ["ok"], "en"),
    ],
)
def test_contact_language(declared: str, texts: list[str], expected: str) -> None:
    t = Transcript.model_validate(
        {"id": "x", "language": declared, "turns": [{"speaker": "agent", "text": x} for x in texts]}
    )
    assert contact_language(t) == expected
