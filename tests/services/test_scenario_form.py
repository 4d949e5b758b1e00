"""The scenario form: blank template valid, form <-> YAML round trip through the Scenario model, duplicate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.config import PROJECT_ROOT
from domain.loader import cross_check, load_library, parse_document
from domain.scenario import Scenario
from services import scenario_form as sf
from services.authoring import locate

SOURCE = (PROJECT_ROOT / "scenarios/scenarios/billing-double-charge.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    doc = parse_document(text, source="x.yaml")
    return [str(p) for p in cross_check([doc], load_library())]


def scenario(text: str) -> Scenario:
    model = parse_document(text, source="x.yaml").model
    assert isinstance(model, Scenario)
    return model


def test_blank_template_validates() -> None:
    assert problems(sf.blank_scenario("brand-new")) == []
    assert scenario(sf.blank_scenario("brand-new")).id == "brand-new"


@pytest.mark.parametrize("path", sorted((PROJECT_ROOT / "scenarios/scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_unchanged_form_keeps_every_shipped_scenario_byte_for_byte(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert sf.apply_form(text, sf.form_of(scenario(text))) == text


def test_form_changes_reach_the_model_and_keep_everything_else() -> None:
    before = scenario(SOURCE)
    form = sf.form_of(before)
    form.title = "Calmer"
    form.anger_range = (0.1, 0.2)
    form.patience_range = (7, 9)
    form.hidden_facts.append(sf.HiddenFactRow(id="extra", description="d", questions=["Why?"], replies=["Because."]))
    form.resolutions[0].amount = 10.0
    form.facts = [f for f in form.facts if f.id != "plan"]
    text = sf.apply_form(SOURCE, form)
    assert problems(text) == []
    after = scenario(text)
    assert (after.title, after.persona.anger_range, after.persona.patience_range) == ("Calmer", (0.1, 0.2), (7, 9))
    assert 0.1 <= after.persona.anger <= 0.2 and 7 <= after.persona.patience <= 9  # start clamped into the range
    assert after.hidden_facts[-1].reveal_when.examples == ["Why?"]
    assert after.resolutions[0].amount == 10.0
    assert after.resolutions[0].terms == before.resolutions[0].terms  # fields the form does not show are kept
    assert after.hidden_facts[0].reveal_when.acts == before.hidden_facts[0].reveal_when.acts
    assert "plan" not in after.facts_by_id and after.facts_by_id["postcode"].value == "90210"  # still a string
    assert text.startswith("# yaml-language-server")


def test_duplicate_takes_a_free_id() -> None:
    copy = sf.duplicate(SOURCE, new_id="billing-double-charge-copy", taken={"billing-double-charge-copy"})
    model = scenario(copy)
    assert model.id == "billing-double-charge-copy-2"
    assert model.title.endswith("(copy)")
    assert problems(copy) == []


def test_located_problems_quote_their_line() -> None:
    text = "a: 1\nb: oops\n"
    [p, q] = locate(["f.yaml:2: bad value", "no line here"], text)
    assert (p.line, p.message, p.source_line) == (2, "bad value", "b: oops")
    assert (q.line, q.message) == (None, "no line here")
    assert sf.numbered(text, {2}).splitlines() == ["   1 │ a: 1", ">> 2 │ b: oops"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="|\n\r"), min_size=1).map(str.strip)))
def test_split_join_round_trip(parts: list[str]) -> None:
    parts = [p for p in parts if p]
    assert sf.split(sf.join(parts)) == parts


@pytest.mark.parametrize("cell", [None, "", " | ", "\n"])
def test_split_of_empty_cells(cell: str | None) -> None:
    assert sf.split(cell) == []
