"""A cause the scenario marks as false, stated by the agent, is refused even beside the right remedy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.loader import Library
from language.explanations import COMMON_CAUSES, stated_wrong_explanation, unsupported_cause
from simulator.offers import check_offer, extract_offer


@pytest.mark.parametrize(
    ("scenario_id", "text", "said"),
    [
        (
            "unrecognised-charge-email",
            "Our records show SportsMax was ordered through an online login to your account on September 27.",
            "online login",
        ),
        ("unrecognised-charge-email", "It does appear someone else accessed your account.", "someone else accessed"),
        ("unrecognised-charge-email", "It wasn't you, it was an online login from a new laptop.", "online login"),
        # negated, asked, or his own fear said back: no claim
        ("unrecognised-charge-email", "There's no sign anyone logged into your account online.", None),
        ("unrecognised-charge-email", "Could it have been bought through the website?", None),
        ("unrecognised-charge-email", "I know you're worried your account was hacked, but your son bought it.", None),
        ("unrecognised-charge-email", "If it had been hacked you would have had a login alert.", None),
        ("estimated-meter-bill", "The E on your bill stands for excess usage.", "stands for excess"),
        ("estimated-meter-bill", "The E means the reading was estimated, not actual.", None),
        ("elderly-confused-bill", "It's this year's price rise on all our plans.", "this year's price rise"),
        ("elderly-confused-bill", "Your $25 first-year discount ended on October 1.", None),
        ("upsell-data-overage", "It was billed late, so it landed on this month's bill.", "billed late"),
        ("late-fee-supervisor", "It looks like your card expired, so autopay failed.", "your card expired"),
        ("slow-wifi-chat", "There's a fault on your line.", "fault on your line"),
        ("slow-wifi-chat", "If a wired test is slow too, that's a line fault and I'll book tier 2.", None),
        (
            "es-fibre-outage-technician",
            "Mañana un técnico pasa a cambiarle el router por uno nuevo.",
            "cambiarle el router",
        ),
        ("es-fibre-outage-technician", "Si hace falta, el técnico también puede cambiar el router.", None),
        # a scenario without authored wrong explanations still judges the common causes it does not tell
        ("billing-double-charge", "Your account was hacked.", "hacked"),
        ("billing-double-charge", "You were billed twice, so I've reversed the March 3rd charge.", None),
    ],
)
def test_stated_wrong_explanation(library: Library, scenario_id: str, text: str, said: str | None) -> None:
    found = stated_wrong_explanation(library.scenario(scenario_id), text)
    assert (found.said.lower() if found else None) == said


def test_the_right_remedy_with_a_wrong_cause_is_refused_in_character(library: Library) -> None:
    sc = library.scenario("estimated-meter-bill")
    res = next(r for r in sc.resolutions if r.acceptable)
    right = (
        "I've re-billed you on your reading of 48,213, so it's $131.20, out within two business days, and I've "
        "noted the gate and dog for the reader."
    )
    assert check_offer(res, extract_offer(right), scenario=sc) == []
    problems = check_offer(res, extract_offer("The E stands for excess usage. " + right), scenario=sc)
    assert [p.kind for p in problems] == ["wrong explanation"]
    assert problems[0].say == sc.wrong_explanations[0].reply


def test_no_authored_example_of_a_good_resolution_states_a_wrong_explanation(library: Library) -> None:
    """A trainer's own right answer must not trip the scenario's wrong explanations."""
    checked = 0
    for sc in library.scenarios.values():
        for res in sc.resolutions:
            if not res.acceptable:
                continue
            for example in [res.description, *res.when.examples, *res.replies]:
                checked += 1
                assert stated_wrong_explanation(sc, example) is None, (sc.id, res.id, example)
    assert checked > 100


@pytest.mark.parametrize(
    ("scenario_id", "text", "said"),
    [
        # the trade's usual suspects, where the scenario's account tells another cause
        ("technical-tier2-fiber", "It's an outage across your whole area this morning.", "an outage"),
        ("outage-medical-priority", "A car hit a power pole near you overnight.", "car hit"),
        (
            "cancellation-retention",
            "Your bill went up once your new-customer discount ran out.",
            "new-customer discount ran out",
        ),
        (
            "cancellation-retention",
            "The promotional rate on your bundle ran out last month.",
            "promotional rate on your bundle ran out",
        ),
        ("angry-repeat-caller", "Your router runs a firmware update every evening.", "firmware"),
        ("slow-wifi-chat", "The 500 is shared between all your devices.", "shared between all your devices"),
        (
            "unrecognised-charge-email",
            "A technician added SportsMax to your account during a visit.",
            "technician added",
        ),
        # a negation of another verb earlier in the sentence does not take the cause back
        (
            "outbound-credit-followup",
            "The reason you haven't seen the credit is that it was put on the wrong account at first.",
            "on the wrong account",
        ),
        (
            "estimated-meter-bill",
            "What pushed it up is the rate increase that came in on November 1st.",
            "rate increase",
        ),
        (
            "cancellation-retention",
            "Your bundle came off its promotional rate last month.",
            "came off its promotional rate",
        ),
        # true in the scenario, ruled out, checked for, or the customer's own fear
        ("outage-medical-priority", "The storm took out a transformer, so there's an outage on your street.", None),
        ("technical-tier2-fiber", "There's no outage in your area, so it's your line.", None),
        ("technical-tier2-fiber", "Let me check for an outage in your area first.", None),
        ("technical-tier2-fiber", "Is there an outage in your area?", None),
        ("elderly-confused-bill", "The bill went up because your first-year discount ended on October 1.", None),
        ("late-fee-supervisor", "The fees came from our billing migration, not from you.", None),
    ],
)
def test_a_common_cause_the_scenario_does_not_tell_is_made_up(
    library: Library, scenario_id: str, text: str, said: str | None
) -> None:
    found = unsupported_cause(library.scenario(scenario_id), text)
    assert (found.said.lower() if found else None) == said


def test_every_common_cause_names_itself_and_its_claim() -> None:
    names = [c.name for c in COMMON_CAUSES]
    assert len(names) == len(set(names))
    assert all(c.claim and c.claim[0].islower() for c in COMMON_CAUSES)


@given(st.text(max_size=400))
def test_reading_explanations_never_fails(library: Library, text: str) -> None:
    found = stated_wrong_explanation(library.scenario("unrecognised-charge-email"), text)
    assert found is None or found.said.lower() in text.lower()
