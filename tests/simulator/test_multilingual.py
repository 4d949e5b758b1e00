"""A Spanish scenario is heard in Spanish: cue acts, spelling similarity, waits read, doctor's Spanish agents."""

from __future__ import annotations

import pytest

from domain.acts import Act
from domain.loader import Library
from domain.scenario import Scenario
from language.lexical import LexicalBank, fold
from simulator.doctor import check_scenario
from simulator.multilingual import (
    AGENT_SCRIPTS,
    ForeignHeard,
    acts_of,
    agent_script,
    hear_foreign,
    understood,
    wait_gloss,
)
from simulator.scripted import ScriptedEngine
from simulator.session import Session

SPANISH = ["es-billing-double-charge", "es-fibre-outage-technician"]


@pytest.fixture(params=SPANISH)
def scenario(request: pytest.FixtureRequest, library: Library) -> Scenario:
    return library.scenario(request.param)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Buenas tardes, gracias por llamar, le atiende Ana.", Act.GREETING),
        ("Lamento mucho las molestias.", Act.EMPATHY),
        ("Entiendo su enfado, tiene toda la razón.", Act.EMPATHY),
        ("¿Me puede dar su número de cliente, por favor?", Act.IDENTITY_CHECK),
        ("Para verificar la cuenta, dígame el código postal.", Act.IDENTITY_CHECK),
        ("¿Qué día fue el cargo?", Act.QUESTION),
        ("Le devuelvo el importe hoy mismo.", Act.OFFER),
        ("Vamos a enviar a un técnico.", Act.OFFER),
        ("Le paso con mi supervisora.", Act.ESCALATION),
        ("Un momento, no cuelgue.", Act.HOLD),
        ("¿Algo más? Que tenga un buen día.", Act.CLOSING),
        ("Cálmese, no es mi problema.", Act.RUDE),
        ("Si sigue insultando tendré que colgar la llamada.", Act.WARNING),
        ("Le garantizo que nunca volverá a pasar.", Act.OFF_POLICY_PROMISE),
        ("Esta llamada se graba por calidad.", Act.DISCLOSURE),
    ],
)
def test_spanish_cues_find_the_act(text: str, act: Act) -> None:
    assert act in acts_of(text, "es")


@pytest.mark.parametrize("text", ["La factura está en el correo.", "Vale."])
def test_plain_lines_carry_no_strong_act(text: str) -> None:
    acts = acts_of(text, "es")
    assert not acts & {Act.EMPATHY, Act.OFFER, Act.RUDE, Act.IDENTITY_CHECK, Act.CLOSING}


def test_cues_read_text_typed_without_accents() -> None:
    assert acts_of("calmese, no es mi problema", "es") == acts_of("Cálmese, no es mi problema", "es")
    assert fold("¿Cuándo?") == "cuando"


@pytest.mark.parametrize(
    ("text", "gloss"),
    [
        ("El reembolso tarda entre 30 y 60 días.", "in 30 to 60 days"),
        ("Lo tendrá de 3 a 5 días hábiles.", "in 3 to 5 days"),
        ("Un técnico irá dentro de tres semanas.", "in 3 weeks"),
        ("Le devuelvo 39 euros hoy.", ""),
    ],
)
def test_spanish_waits_are_read(text: str, gloss: str) -> None:
    assert wait_gloss(text) == gloss


def test_understood_means_in_the_scenario_language() -> None:
    assert understood("Le devuelvo el dinero ahora", "es")
    assert not understood("I will refund the duplicate charge now", "es")


def test_lexical_bank_prefers_inflections_to_unrelated_lines() -> None:
    bank = LexicalBank({"refund": ["Le reembolsamos el cargo duplicado."], "tech": ["Le envío un técnico mañana."]})
    found = bank.match("Voy a reembolsar el cargo que está duplicado")
    assert found["refund"].score > found["tech"].score
    assert found["refund"].example == "Le reembolsamos el cargo duplicado."
    assert bank.match("") == {} and LexicalBank({"k": []}).match("hola") == {}


def test_english_scenarios_keep_the_english_hearing(library: Library) -> None:
    assert hear_foreign(library.scenario("billing-double-charge"), "I'm sorry about that") is None


def test_spanish_turn_is_heard_in_spanish(scenario: Scenario) -> None:
    heard = hear_foreign(scenario, "Lo siento mucho. ¿Me confirma su número de cliente, por favor?")
    assert isinstance(heard, ForeignHeard) and heard.english  # "english" = understood, in the scenario's language
    assert {Act.EMPATHY, Act.IDENTITY_CHECK} <= heard.acts


def test_doctor_plays_spanish_scenarios_with_spanish_agents(scenario: Scenario) -> None:
    report = check_scenario(scenario, ScriptedEngine(), data=None)
    assert report.ok, report.failures
    ends = {r.agent: r.end_state for r in report.runs}
    assert ends["good"] == "resolved" and ends["rude"] == "customer_hung_up" and ends["keyword_stuffer"] is None


def test_a_spanish_practice_transcript_is_in_spanish(scenario: Scenario) -> None:
    lines = agent_script("es")
    session = Session.start(scenario, engine=ScriptedEngine(), seed=3)
    for line in (lines.greeting, lines.empathy, lines.verify):
        session.agent(line)
    transcript = session.transcript()
    assert transcript.language == "es"
    assert session.state.verified


def test_english_agent_lines_are_not_understood_by_a_spanish_customer(scenario: Scenario) -> None:
    session = Session.start(scenario, engine=ScriptedEngine(), seed=3)
    session.agent(AGENT_SCRIPTS["en"].verify)
    assert not session.state.verified


def test_no_agent_lines_for_an_unwritten_language() -> None:
    with pytest.raises(KeyError, match="'ja'"):
        agent_script("ja")


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("He anulado el cargo del 2 de abril, 39 euros, y le llegará en 3 a 5 días hábiles.", True),
        ("He anulado el cargo del 5 de abril, 39 euros, y le llegará en 3 a 5 días hábiles.", False),
    ],
)
def test_a_spanish_offer_on_the_wrong_charge_is_refused_in_spanish(library: Library, line: str, refused: bool) -> None:
    scenario = library.scenario("es-billing-double-charge")
    session = Session.start(scenario, engine=ScriptedEngine(), seed=3)
    lines = agent_script("es")
    for setup in (lines.greeting, lines.verify, "¿Qué día fue el segundo cargo?"):
        session.agent(setup)
    reply = session.agent(line)
    assert ("reverse-duplicate" not in session.state.accepted) is refused
    if refused:
        assert reply.text in scenario.lines.reject_offer  # the scenario's own line, not improvised English
