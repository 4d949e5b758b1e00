"""Fail closed: a criterion that raises marks the card ``error``; the registry matches the rubric model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scoring.engine as engine
from csrsim.main import run
from domain.policy import Policy
from domain.rubric import CRITERIA, Rubric
from scoring import score_transcript
from scoring.context import Contact
from scoring.criteria.base import Outcome
from scoring.registry import REGISTRY, scorer
from tests.scoring.transcripts import MODEL_CALL, make


def test_registry_declares_every_criterion_of_the_rubric_model() -> None:
    assert set(REGISTRY) == set(CRITERIA)
    assert all(callable(d.scorer) and 0 <= d.default_weight <= 1 for d in REGISTRY.values())


def test_registry_default_weights_match_the_default_rubric(rubric: Rubric) -> None:
    for name, spec in rubric.criteria.items():
        assert REGISTRY[name].default_weight == pytest.approx(spec.weight), name


def test_unknown_criterion_names_itself() -> None:
    with pytest.raises(KeyError, match="nope"):
        scorer("nope")


@pytest.mark.parametrize("broken", ["policy_compliance", "empathy", "resolution"])
def test_a_criterion_that_raises_marks_the_card_error(
    rubric: Rubric, real_call_policies: list[Policy], monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    real = engine.scorer

    def patched(name: str):  # type: ignore[no-untyped-def]
        if name == broken:

            def boom(contact: Contact) -> Outcome:
                raise RuntimeError("regex engine exploded")

            return boom
        return real(name)

    monkeypatch.setattr(engine, "scorer", patched)
    card = score_transcript(make(MODEL_CALL), rubric=rubric, policies=real_call_policies)
    assert card.error is not None and card.error.criterion == broken
    assert "exploded" in card.error.message
    assert not card.passed and card.overall is None
    assert card.to_json_dict()["error"] == {"criterion": broken, "message": "RuntimeError: regex engine exploded"}


def test_csrsim_score_exits_non_zero_on_an_error_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.json"
    path.write_text(make(MODEL_CALL, ident="good").model_dump_json(), encoding="utf-8")
    real = engine.scorer

    def patched(name: str):  # type: ignore[no-untyped-def]
        if name == "policy_compliance":

            def boom(contact: Contact) -> Outcome:
                raise ValueError("bad pattern")

            return boom
        return real(name)

    monkeypatch.setattr(engine, "scorer", patched)
    assert run(["score", str(path)]) != 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["criterion"] == "policy_compliance"
    assert "policy_compliance" in captured.err


def test_invalid_regex_in_a_pack_is_a_validate_error_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policies" / "bad.yaml"
    path.parent.mkdir()
    path.write_text(
        "version: 1\nkind: policy\nid: bad\ntitle: Bad\nrules:\n  - id: r1\n    kind: forbidden_phrase\n"
        "    description: d\n    phrases:\n      - ok\n      - '(unclosed'\n",
        encoding="utf-8",
    )
    assert run(["validate", str(path)]) == 1
    err = capsys.readouterr().err + capsys.readouterr().out
    assert "bad.yaml:" in err and "not a valid regular expression" in err


def test_clarity_share_is_a_rubric_setting(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    off = rubric.model_copy(update={"clarity_share_of_empathy": 0.0})
    with_share = score_transcript(make(MODEL_CALL), rubric=rubric, policies=real_call_policies)
    without = score_transcript(make(MODEL_CALL), rubric=off, policies=real_call_policies)
    assert "clarity" in with_share.criteria["empathy"].metrics
    assert "clarity" not in without.criteria["empathy"].metrics


def test_pass_needs_most_of_the_weight_judged(rubric: Rubric) -> None:
    strict = rubric.model_copy(update={"min_judged_weight": 1.0})
    card = score_transcript(make(MODEL_CALL), rubric=strict)  # accuracy has no facts: not judged
    assert not card.passed and "weight could be judged" in card.metadata["not_passed_because"]


def test_channel_flag_overrides_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "call.json"
    path.write_text(make(MODEL_CALL, ident="c").model_dump_json(), encoding="utf-8")
    assert run(["score", str(path), "--channel", "chat"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["metadata"]["channel"] == "chat"
    assert "recorded-line-notice" not in card["criteria"]["policy_compliance"]["metrics"]["rules_checked"]
    assert run(["score", str(path), "--channel", "fax"]) != 0


def test_spanish_call_is_not_scorable_on_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    turns = [
        ("agent", "Gracias por llamar, mi nombre es Sam. ¿En qué puedo ayudarle hoy?"),
        ("customer", "Hola, me han cobrado dos veces este mes y no estoy contento con el servicio."),
        ("agent", "Lo siento mucho. Voy a devolver el cargo duplicado ahora mismo, tarda de tres a cinco días."),
    ]
    path = tmp_path / "es.json"
    path.write_text(make(turns, ident="es").model_dump_json(), encoding="utf-8")
    assert run(["score", str(path)]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["passed"] is False and "'es'" in card["not_scorable"]
