"""The authoring preview opens the way practice does: who speaks first follows the scenario."""

from __future__ import annotations

import pytest

from domain.loader import Library
from services import preview


@pytest.mark.parametrize(
    ("scenario_id", "customer_first"),
    [("billing-double-charge", False), ("order-lost-chat", True), ("installer-damage-email", True)],
)
def test_who_opens_follows_the_scenario(library: Library, scenario_id: str, customer_first: bool) -> None:
    scenario = library.scenario(scenario_id)
    assert scenario.agent_opens is not customer_first
    started = preview.start(scenario)
    assert [s for s, _ in started["lines"]] == (["customer"] if customer_first else [])


def test_an_agent_opened_preview_hears_the_problem_once_after_the_greeting(library: Library) -> None:
    scenario = library.scenario("billing-double-charge")
    started = preview.start(scenario)
    greeted = preview.reply(scenario, started, "Thanks for calling Northwind, this is Sam. How can I help?")
    assert [s for s, _ in greeted["lines"]] == ["agent", "customer"]
    assert greeted["lines"][1][1] == started["pending"] and not greeted.get("pending")
    after = preview.reply(scenario, greeted, "I'm sorry to hear that. Can I take your account number?")
    assert [s for s, _ in after["lines"]] == ["agent", "customer", "agent", "customer"]
    assert after["lines"][3][1] != started["pending"]  # the complaint is not restated
