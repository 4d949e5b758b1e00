"""The shipped scenario library is complete, consistent and playable.

These are content tests: the pydantic models already reject malformed files, so
the checks here are the ones a trainer would do by hand before publishing a
scenario (coverage of the situations the floor meets, reachable flows, lines
that fill in, money that respects the authority limit).
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.acts import Act
from domain.loader import Library, check_paths
from domain.policy import Policy
from domain.scenario import Flow, Scenario, Trigger
from domain.yaml_io import parse_yaml, to_plain
from simulator.engine import AgentTurn
from simulator.scripted import ScriptedEngine
from simulator.state import CustomerState
from tests.conftest import SCENARIOS_DIR

SCENARIO_FILES = sorted((SCENARIOS_DIR / "scenarios").glob("*.yaml"))
SCENARIO_IDS = [p.stem for p in SCENARIO_FILES]
FLOW_IDS = [p.stem for p in SCENARIO_FILES if "\nflow:" in p.read_text(encoding="utf-8")]
POLICY_IDS = sorted(p.stem for p in (SCENARIOS_DIR / "policies").glob("*.yaml"))
STABLE_POLICY_IDS = [
    "identity-verification",
    "recorded-line",
    "credit-authority",
    "forbidden-promises",
    "escalation",
    "closing",
    "required-disclosures",
    "abuse-handling",
]
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
IMPLICIT_PLACEHOLDERS = {"customer_name"}
# Situations every scenario authors itself (the model's defaults are generic).
AUTHORED_SITUATIONS = ("opening", "angrier", "calmer", "neutral", "reject_offer", "hang_up", "closing")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(params=SCENARIO_IDS)
def scenario(request: pytest.FixtureRequest, library: Library) -> Scenario:
    return library.scenarios[request.param]


@pytest.fixture(params=FLOW_IDS)
def flow_scenario(request: pytest.FixtureRequest, library: Library) -> tuple[Scenario, Flow]:
    sc = library.scenarios[request.param]
    assert sc.flow is not None
    return sc, sc.flow


def _credit_limit(library: Library) -> float:
    rule = next(r for r in library.policies["credit-authority"].rules if r.kind == "authority_limit")
    assert rule.limit is not None
    return rule.limit


def _triggers(sc: Scenario) -> Iterator[tuple[str, Trigger]]:
    for h in sc.hidden_facts:
        yield f"hidden_facts.{h.id}", h.reveal_when
    for r in sc.resolutions:
        yield f"resolutions.{r.id}", r.when
    if sc.upsell is not None:
        yield "upsell.pitch", sc.upsell.pitch
    if sc.flow is not None:
        for node in sc.flow.nodes:
            for i, br in enumerate(node.branches):
                yield f"flow.{node.id}.branches.{i}", br.when


def _customer_texts(sc: Scenario) -> Iterator[tuple[str, str]]:
    """Every line the customer may say, with where it comes from."""
    for situation, lines in sc.lines.model_dump().items():
        for line in lines:
            yield f"lines.{situation}", line
    for h in sc.hidden_facts:
        for line in h.replies:
            yield f"hidden_facts.{h.id}", line
    for r in sc.resolutions:
        for line in r.replies:
            yield f"resolutions.{r.id}", line
    if sc.upsell is not None:
        for line in (*sc.upsell.accept_replies, *sc.upsell.decline_replies, *sc.upsell.ask_terms_replies):
            yield "upsell", line
    if sc.flow is not None:
        for node in sc.flow.nodes:
            for line in node.say:
                yield f"flow.{node.id}", line
            for br in node.branches:
                for line in br.say:
                    yield f"flow.{node.id}->{br.goto}", line


def reachable_nodes(flow: Flow) -> set[str]:
    """Node ids reachable from ``start`` by following branches (breadth-first)."""
    edges = {n.id: [b.goto for b in n.branches] for n in flow.nodes}
    seen = {flow.start}
    queue = deque([flow.start])
    while queue:
        for nxt in edges.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _paths_to_end(flow: Flow, end_state: str) -> Iterator[list[Trigger]]:
    """Every simple path of branch triggers from start to a node ending with ``end_state``."""
    nodes = {n.id: n for n in flow.nodes}

    def walk(node_id: str, visited: frozenset[str], triggers: list[Trigger]) -> Iterator[list[Trigger]]:
        node = nodes[node_id]
        if node.end == end_state:
            yield triggers
            return
        for br in node.branches:
            if br.goto not in visited:
                yield from walk(br.goto, visited | {br.goto}, [*triggers, br.when])

    yield from walk(flow.start, frozenset({flow.start}), [])


# --- the reachability helper itself ---------------------------------------------------------------


def test_reachability_finds_orphan_and_cycle() -> None:
    flow = Flow.model_validate(
        {
            "start": "a",
            "nodes": [
                {"id": "a", "branches": [{"when": {}, "goto": "b"}]},
                {"id": "b", "branches": [{"when": {}, "goto": "a"}]},
                {"id": "orphan", "branches": [{"when": {}, "goto": "a"}]},
            ],
        }
    )
    assert reachable_nodes(flow) == {"a", "b"}


def test_paths_to_end_see_whether_a_warning_came_first() -> None:
    flow = Flow.model_validate(
        {
            "start": "a",
            "nodes": [
                {
                    "id": "a",
                    "branches": [
                        {"when": {"acts": ["warning"]}, "goto": "warned"},
                        {"when": {"keywords": ["end this call"]}, "goto": "ended"},
                    ],
                },
                {
                    "id": "warned",
                    "say": ["x"],
                    "branches": [{"when": {"keywords": ["end this call"]}, "goto": "ended"}],
                },
                {"id": "ended", "say": ["bye"], "end": "agent_ended"},
            ],
        }
    )
    paths = list(_paths_to_end(flow, "agent_ended"))
    assert len(paths) == 2
    assert sorted(any(Act.WARNING in t.acts for t in path) for path in paths) == [False, True]


# --- the library as a whole -----------------------------------------------------------------------


def test_whole_library_validates() -> None:
    docs, problems = check_paths([SCENARIOS_DIR])
    assert problems == [], "\n".join(str(p) for p in problems)
    assert len([d for d in docs if d.kind == "scenario"]) == len(SCENARIO_FILES)


def test_library_is_big_enough(library: Library) -> None:
    assert len(library.scenarios) >= 16


def test_file_names_match_ids(library: Library) -> None:
    assert sorted(library.scenarios) == SCENARIO_IDS
    assert sorted(library.policies) == POLICY_IDS


@pytest.mark.parametrize(
    "category",
    ["complaint", "billing_dispute", "upsell", "cancellation", "technical", "order", "account", "abusive", "outbound"],
)
def test_every_category_is_covered(library: Library, category: str) -> None:
    assert any(s.category == category for s in library.scenarios.values())


@pytest.mark.parametrize(("channel", "minimum"), [("phone", 10), ("chat", 2), ("email", 1)])
def test_channels_are_covered(library: Library, channel: str, minimum: int) -> None:
    assert sum(s.channel == channel for s in library.scenarios.values()) >= minimum


@pytest.mark.parametrize("direction", ["inbound", "outbound"])
def test_directions_are_covered(library: Library, direction: str) -> None:
    assert any(s.direction == direction for s in library.scenarios.values())


def test_every_difficulty_level_is_used(library: Library) -> None:
    assert {s.difficulty for s in library.scenarios.values()} == {1, 2, 3, 4, 5}


def test_at_least_four_scenarios_branch_meaningfully(library: Library) -> None:
    branching = [
        s.id
        for s in library.scenarios.values()
        if s.flow is not None
        and len(s.flow.nodes) >= 3
        and any(n.end for n in s.flow.nodes)
        and sum(len(n.branches) for n in s.flow.nodes) >= 3
    ]
    assert len(branching) >= 4, branching


@pytest.mark.parametrize("policy_id", STABLE_POLICY_IDS)
def test_stable_policy_ids_exist(library: Library, policy_id: str) -> None:
    assert policy_id in library.policies


def test_every_policy_is_used(library: Library) -> None:
    used = {p for s in library.scenarios.values() for p in s.policies}
    used |= {p for r in library.rubrics.values() for p in r.policies}
    assert set(library.policies) <= used, set(library.policies) - used


# --- required situations --------------------------------------------------------------------------


def test_angry_repeat_caller(library: Library) -> None:
    assert any(s.persona.temperament == "angry" and "repeat-caller" in s.tags for s in library.scenarios.values())


def test_disputed_fee_above_authority_needs_a_supervisor(library: Library) -> None:
    limit = _credit_limit(library)
    assert any(
        s.category == "billing_dispute"
        and "credit-authority" in s.policies
        and any(r.acceptable and r.requires_escalation and (r.amount or 0) > limit for r in s.resolutions)
        for s in library.scenarios.values()
    )


def test_upsell_scenarios_carry_the_disclosure_policy(library: Library) -> None:
    upsells = [s for s in library.scenarios.values() if s.upsell is not None]
    assert any(s.category == "upsell" for s in upsells)
    for s in upsells:
        assert "required-disclosures" in s.policies, s.id


def test_cancellation_offers_retention_and_lets_the_customer_go(library: Library) -> None:
    cancellations = [s for s in library.scenarios.values() if s.category == "cancellation"]
    assert cancellations
    for s in cancellations:
        assert sum(r.acceptable for r in s.resolutions) >= 2, s.id
        assert "cancellation-rights" in s.policies, s.id


def test_technical_fault_goes_to_tier_two(library: Library) -> None:
    assert any(
        s.category == "technical"
        and "technical-escalation" in s.policies
        and any(r.acceptable and r.requires_escalation for r in s.resolutions)
        for s in library.scenarios.values()
    )


def test_order_lost_in_shipping(library: Library) -> None:
    assert any(s.category == "order" and "shipping" in s.tags for s in library.scenarios.values())


def test_elderly_confused_customer(library: Library) -> None:
    assert any(s.persona.temperament == "confused" and (s.persona.age or 0) >= 75 for s in library.scenarios.values())


def test_refused_verification_has_a_way_forward(library: Library) -> None:
    refusers = [s for s in library.scenarios.values() if "refuses-verification" in s.tags]
    assert refusers
    for s in refusers:
        assert s.identity_required and s.lines.refuse_verification
        # Something acceptable must be reachable without the standard verification.
        assert any(r.acceptable and not r.when.requires_verified for r in s.resolutions), s.id


def test_abusive_flow_warns_before_ending(library: Library) -> None:
    abusive = [s for s in library.scenarios.values() if s.category == "abusive"]
    assert abusive
    for s in abusive:
        assert "abuse-handling" in s.policies
        assert s.flow is not None
        warned_then_ended = [
            path for path in _paths_to_end(s.flow, "agent_ended") if any(Act.WARNING in t.acts for t in path)
        ]
        assert warned_then_ended, f"{s.id}: no path warns before the agent ends the call"


def test_outbound_follow_up(library: Library) -> None:
    outbound = [s for s in library.scenarios.values() if s.direction == "outbound"]
    assert outbound
    for s in outbound:
        assert "outbound-calls" in s.policies, s.id


# --- per scenario ---------------------------------------------------------------------------------


def test_rubric_and_policies_exist(library: Library, scenario: Scenario) -> None:
    assert scenario.rubric in library.rubrics
    assert [p.id for p in library.policies_for(scenario)] == scenario.policies
    assert len(set(scenario.policies)) == len(scenario.policies)


def test_acceptable_and_unacceptable_resolutions(scenario: Scenario) -> None:
    assert any(r.acceptable for r in scenario.resolutions)
    assert any(not r.acceptable for r in scenario.resolutions)


def test_hidden_facts_need_a_real_question(scenario: Scenario) -> None:
    assert scenario.hidden_facts
    for h in scenario.hidden_facts:
        assert Act.QUESTION in h.reveal_when.acts, h.id
        assert h.reveal_when.keywords, h.id
        assert 1 <= len(h.replies) <= 3, h.id


def test_no_trigger_fires_on_everything(scenario: Scenario) -> None:
    for where, trigger in _triggers(scenario):
        assert trigger.acts or trigger.keywords, f"{where} matches every turn"


def test_keywords_match_on_word_boundaries(scenario: Scenario) -> None:
    """A keyword starting or ending in punctuation ('$10') can never match between word boundaries."""
    for where, trigger in _triggers(scenario):
        for keyword in trigger.keywords:
            assert keyword == keyword.strip().lower(), f"{where}: {keyword!r}"
            assert re.match(r"\w", keyword) and re.search(r"\w$", keyword), f"{where}: {keyword!r}"


def test_identity_can_be_verified(scenario: Scenario) -> None:
    verifiers = {f.id for f in scenario.account if f.verifier}
    if scenario.identity_required:
        assert verifiers
    if scenario.identity_required and not scenario.lines.refuse_verification:
        for line in scenario.lines.verification:
            assert set(PLACEHOLDER.findall(line)) & verifiers, f"verification line names no verifier: {line!r}"


def test_placeholders_resolve(scenario: Scenario) -> None:
    known = set(scenario.facts_by_id) | IMPLICIT_PLACEHOLDERS
    for where, text in _customer_texts(scenario):
        for name in PLACEHOLDER.findall(text):
            assert name in known, f"{where}: unknown placeholder {{{name}}}"


def test_lines_vary_between_plays(scenario: Scenario) -> None:
    authored = scenario.lines.model_fields_set
    for situation in AUTHORED_SITUATIONS:
        assert situation in authored, f"lines.{situation} left to the generic default"
    for situation, lines in scenario.lines.model_dump().items():
        if situation in authored and lines:
            assert 2 <= len(lines) <= 4 or situation == "verification", f"lines.{situation}: {len(lines)} variants"
            assert len(set(lines)) == len(lines), f"lines.{situation} repeats itself"


def test_flow_has_no_unreachable_nodes(flow_scenario: tuple[Scenario, Flow]) -> None:
    _, flow = flow_scenario
    assert reachable_nodes(flow) == {n.id for n in flow.nodes}


def test_flow_end_nodes_are_final_and_say_something(flow_scenario: tuple[Scenario, Flow]) -> None:
    _, flow = flow_scenario
    assert any(n.end is not None for n in flow.nodes) or any(n.branches for n in flow.nodes)
    for node in flow.nodes:
        if node.end is not None:
            assert not node.branches, f"end node '{node.id}' has branches that can never be taken"
            assert node.say, f"end node '{node.id}' ends the contact in silence"


def test_money_respects_authority(library: Library, scenario: Scenario) -> None:
    limit = _credit_limit(library)
    if "credit-authority" not in scenario.policies:
        return
    for r in scenario.resolutions:
        if r.acceptable and r.amount is not None and r.amount > limit:
            assert r.requires_escalation, f"{r.id}: ${r.amount} is over the ${limit} limit without escalation"


def test_escalating_resolutions_end_escalated(scenario: Scenario) -> None:
    for r in scenario.resolutions:
        if r.requires_escalation and r.acceptable:
            assert r.end_state == "escalated", r.id


def test_recorded_line_only_on_the_phone(scenario: Scenario) -> None:
    assert ("recorded-line" in scenario.policies) == (scenario.channel == "phone")


def test_fact_values_fit_their_kind(scenario: Scenario) -> None:
    for fact in scenario.account:
        if fact.kind == "amount":
            assert isinstance(fact.value, int | float), fact.id
        elif fact.kind == "date":
            assert ISO_DATE.match(str(fact.value)), fact.id
        elif fact.kind == "email":
            assert "@" in str(fact.value), fact.id


def test_time_target_is_realistic(scenario: Scenario) -> None:
    low, high = (180, 900) if scenario.channel == "phone" else (300, 1800)
    assert low <= scenario.time_target_seconds <= high


def test_resolution_and_fact_references_name_this_scenario(scenario: Scenario) -> None:
    hidden = {h.id for h in scenario.hidden_facts}
    for where, trigger in _triggers(scenario):
        assert set(trigger.requires_facts) <= hidden, where


# --- policies -------------------------------------------------------------------------------------


@pytest.fixture(params=POLICY_IDS)
def policy(request: pytest.FixtureRequest, library: Library) -> Policy:
    return library.policies[request.param]


def test_policy_regexes_compile(policy: Policy) -> None:
    for rule in policy.rules:
        for pattern in (*rule.phrases, *rule.triggers):
            re.compile(pattern, re.IGNORECASE)


def test_policy_rule_ids_unique(library: Library) -> None:
    ids = [r.id for p in library.policies.values() for r in p.rules]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("policy_id", "rule_id", "text", "matches"),
    [
        ("outbound-calls", "outbound-introduction", "Hi, this is Sam from Crestline.", True),
        ("outbound-calls", "outbound-introduction", "Hello, can you hear me?", False),
        ("outbound-calls", "outbound-reason", "I'm calling about your outage credit.", True),
        ("cancellation-rights", "no-obstruction", "I'm afraid you can't cancel over the phone.", True),
        ("cancellation-rights", "no-obstruction", "I can cancel that for you today.", False),
        ("technical-escalation", "tier-two-on-line-fault", "I'll open a ticket with our tier 2 team.", True),
        ("vulnerable-customers", "medical-priority", "I've added a medical priority flag to the account.", True),
        ("vulnerable-customers", "no-pressure-selling", "This price is only today, so decide now.", True),
        ("payment-arrangements", "no-threats", "Pay it all today or we'll cut you off.", True),
        ("payment-arrangements", "confirm-arrangement", "Your first payment is due on the 1st.", True),
        ("payment-arrangements", "confirm-arrangement", "The next one is due December 15.", True),
        ("payment-arrangements", "confirm-arrangement", "You have 3 lines on 2 accounts.", False),
    ],
)
def test_new_policy_phrases_match_what_they_mean(
    library: Library, policy_id: str, rule_id: str, text: str, matches: bool
) -> None:
    rule = next(r for r in library.policies[policy_id].rules if r.id == rule_id)
    found = any(re.search(p, text, re.IGNORECASE) for p in rule.phrases)
    assert found is matches


@pytest.mark.parametrize("path", sorted(SCENARIOS_DIR.rglob("*.yaml")), ids=lambda p: p.name)
def test_editor_schema_accepts_shipped_files(path: Path) -> None:
    """schema.json (what editors validate against) agrees with the loader on every shipped file."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCENARIOS_DIR / "schema.json").read_text(encoding="utf-8"))
    data = to_plain(parse_yaml(path.read_text(encoding="utf-8")))
    errors = [e.message[:200] for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_scenario_files_carry_the_editor_modeline() -> None:
    for path in SCENARIO_FILES:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema.json"), path.name


def test_scenario_files_stay_small() -> None:
    for path in SCENARIO_FILES:
        assert Path(path).stat().st_size < 64 * 1024, path.name


# --- playing the library with the scripted customer ----------------------------------------------
# A good trainee, turn by turn, for every scenario: the library is only useful if the scripted
# customer can be satisfied by good practice and refuses the classic mistakes. Seeds vary the
# customer's lines, so every variant combination is exercised over a few plays.

GREETING = "Thank you for calling Crestline, my name is Sam, this call may be recorded. How can I help?"

GOOD_AGENT: dict[str, list[str]] = {
    "billing-double-charge": [
        GREETING,
        "I'm sorry about that. Can I have your account number and postcode to verify your identity?",
        "Which dates and amounts do you see on your statement?",
        "Have you called us about this before?",
        "I'll reverse the duplicate charge of $59.99 from March 3, the refund takes 3 to 5 business days.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "angry-repeat-caller": [
        GREETING,
        "I'm really sorry, that's not acceptable, I understand how frustrating this is.",
        "Can I have your account number and zip code to verify your identity?",
        "What have you already tried so far?",
        "Were you at home on the 14th when the technician was due?",
        "I can book the first priority technician appointment, Wednesday November 25 from 8 to 10, "
        "and apply a $20 credit for the missed visit.",
        "Is there anything else I can help with? Thank you for your patience.",
    ],
    "late-fee-supervisor": [
        GREETING,
        "I'm sorry to hear that. Can I have your account number and the last four of the card to verify?",
        "How do you usually pay, are you on autopay?",
        "Have you paid the balance since then?",
        "Those fees total $70, which is above what I can credit, so I'm going to escalate this to my "
        "supervisor and transfer you now.",
    ],
    "upsell-data-overage": [
        GREETING,
        "Sure, can I have your mobile number and PIN to verify your account?",
        "You went over your 10GB data allowance, so there's a $15 overage charge.",
        "As a one-time courtesy I can credit the $15 overage.",
        "What do you mostly use your data for?",
        "You might like our Unlimited Plus plan. It's $65 a month, no contract, cancel anytime.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "cancellation-retention": [
        GREETING,
        "I can help with that. Can I have your account number and service address to verify?",
        "May I ask why you're thinking of leaving?",
        "How much do you watch the TV channels?",
        "I can offer you our internet-only Gig plan at $70 a month for 12 months instead.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "technical-tier2-fiber": [
        GREETING,
        "I'm sorry you're without service. Can I have your account number and date of birth to verify?",
        "What lights do you see on the box on the wall?",
        "Have you restarted the router already?",
        "This is a line fault, so I'm escalating it to our tier 2 team with ticket T2-558120, "
        "booking a technician for today between 1 and 5, and adding 20 GB of free hotspot data for your meeting.",
    ],
    "order-lost-chat": [
        "Hi, thanks for contacting Harbor & Pine, I'm Sam. How can I help?",
        "Sorry about that! Can I have your order number and email to verify?",
        "When do you need it by?",
        "Have you checked with neighbors or the mail room?",
        "I'll send a replacement with free express shipping, arriving Thursday November 26.",
        "Is there anything else I can help with? Thanks for contacting us.",
    ],
    "elderly-confused-bill": [
        GREETING,
        "I'm sorry for the worry, you haven't done anything wrong. Could I have your account number "
        "and zip code to verify your account?",
        "Your bill went up because a discount for the first year has finished.",
        "What do you use the internet for?",
        "Would the bill be hard to afford at the moment?",
        "I can move you to our Internet Essentials plan, which is $39.99 a month with no contract, "
        "and it will save you money.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "refuses-verification": [
        GREETING,
        "Can I have your date of birth to verify your identity?",
        "I understand. I ask to protect your account from fraud and keep your privacy safe.",
        "Can I send a one-time code by text to the phone we have on file?",
        "The $18 increase is the annual price adjustment of $8 plus a $10 equipment fee.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "abusive-equipment-fee": [
        GREETING,
        "I'm sorry you've been charged for something you returned, I understand that's frustrating.",
        "I want to help, but if the abusive language continues I will have to end this call.",
        "I understand you're upset and I do want to fix this for you.",
        "Can I have your account number and zip code to verify?",
        "Do you have the receipt or tracking number from when you sent it back?",
        "I'll remove the $30 fee from your account.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "outbound-credit-followup": [
        "Hi, this is Sam calling from Crestline, following up on your outage complaint.",
        "Before I go on, can I confirm your account number and date of birth?",
        "The $85 credit has been approved and will show on your December statement. The technician is"
        " booked for Tuesday morning, does that work for you?",
        "I can reschedule to Wednesday between 1 and 3 in the afternoon.",
        "Is there anything else I can help with? Thank you for your time.",
    ],
    "plan-downgrade-chat": [
        "Hi, thanks for contacting Crestline, I'm Sam. How can I help?",
        "Happy to help. Can I have your account number and PIN to verify?",
        "Which line would you like to remove?",
        "Does she want to keep the number?",
        "The new price is $125 a month from December 1, and the remaining device balance of $240 on "
        "that line becomes due on your next bill.",
        "Is there anything else I can help with? Thanks for contacting us.",
    ],
    "unrecognised-charge-email": [
        "Dear Robert, thank you for contacting us. To protect your account, could you please confirm "
        "your account number and ZIP code?",
        "Does anyone else in your household use the TV or have access to it?",
        "I have refunded the $29.98, removed the add-on, and recommend a purchase PIN on the TV box.",
        "Is there anything else I can help with? Thank you for contacting us.",
    ],
    "payment-arrangement": [
        GREETING,
        "I'm so sorry you're going through this. Can I have your account number and service address to verify?",
        "When do you get paid?",
        "How much can you afford each time?",
        "I can set up a payment arrangement: three instalments of $70.80 due on December 1st, "
        "December 15th and January 1st, and the disconnection is cancelled.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "outage-medical-priority": [
        GREETING,
        "I'm sorry, that's a long time without power. Can I have your account number and address to verify?",
        "Is there anyone in the home who depends on medical equipment?",
        "I'm adding a medical priority flag and escalating to our emergency team now. If she has "
        "trouble breathing, call 911.",
    ],
    "address-change-move": [
        GREETING,
        "Congratulations on the move! Can I have your account number and current address to verify?",
        "What's the new address?",
        "When are you moving?",
        "I can transfer your service and book the installation for Saturday December 5 between 8 and 10.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "estimated-meter-bill": [
        GREETING,
        "I'm sorry about the surprise. Can I have your account number and the last four of your phone to verify?",
        "This month's reading was estimated. Do you have a current meter reading?",
        "Is there anything that stops the reader getting to the meter, like a locked gate?",
        "I'll rebill on the actual reading; the corrected bill will be $131.20 within 2 business days.",
        "Is there anything else I can help with? Thank you for calling.",
    ],
    "slow-wifi-chat": [
        "Hi, thanks for contacting Crestline, I'm Sam. How can I help?",
        "Sorry about the speeds. Can I have your account number and email to verify?",
        "Where is the router located compared to where you test?",
        "Did you test over wifi or with an ethernet cable?",
        "The line is giving 512 Mbps at the modem, so the drop is the wifi signal through two floors."
        " Try moving the router closer or testing with a cable.",
        "Is there anything else I can help with? Thanks for contacting us.",
    ],
    "installer-damage-email": [
        "Dear Nadia, I am very sorry for the damage. To protect your account, could you confirm your "
        "account number and ZIP code?",
        "Could you please send us the plumber's invoice and photos of the damage?",
        "I have escalated this to our claims team under reference CLM-118027; they will contact you "
        "within 2 business days.",
    ],
    "sim-swap-fraud": [
        GREETING,
        "I'm so sorry, I understand this is frightening, let's act fast.",
        "Can I have your account number and PIN, and the amount of your last payment to verify?",
        "Did you visit a store or request a new SIM card?",
        "I'm putting a port freeze and number lock on now and escalating to our fraud team.",
    ],
    # Spanish scenarios (language: es): a good trainee in Spanish, in words of its own (not the trigger examples).
    "es-billing-double-charge": [
        "Gracias por llamar a Crestline, le atiende Sam, esta llamada puede ser grabada. ¿En qué le ayudo?",
        "Lamento mucho el problema. ¿Me puede dar su número de cliente y el código postal para verificarla?",
        "¿Qué fechas y qué importes le aparecen en el extracto?",
        "Le devuelvo el cargo duplicado de 39 euros del 5 de abril; el reembolso tarda de 3 a 5 días hábiles.",
        "¿Puedo ayudarle en algo más? Gracias por llamar, que tenga un buen día.",
    ],
    "es-fibre-outage-technician": [
        "Gracias por llamar a Crestline, le atiende Sam, esta llamada puede ser grabada. ¿En qué le ayudo?",
        "Siento mucho que lleve dos días sin conexión, entiendo que es muy frustrante.",
        "Para verificar la cuenta, ¿me da su número de cliente y el código postal, por favor?",
        "¿Qué luces ve encendidas ahora mismo en el router?",
        "Le programo la visita de un técnico a su domicilio mañana por la mañana para revisar la fibra.",
        "¿Hay algo más en lo que pueda ayudarle? Gracias por su paciencia.",
    ],
}

TRAPS: list[tuple[str, list[str], str]] = [
    # Spanish: sending the customer to her bank is refused; restarting the router again is refused.
    (
        "es-billing-double-charge",
        [
            "Buenos días, le atiende Sam.",
            "¿Me confirma su número de cliente y el código postal, por favor?",
            "Para eso tiene que reclamar el cargo a su banco.",
        ],
        "rejected:call-bank",
    ),
    (
        "es-fibre-outage-technician",
        [
            "Buenos días, le atiende Sam.",
            "¿Me confirma su número de cliente y el código postal, por favor?",
            "Reinicie el router y espere diez minutos.",
        ],
        "rejected:restart-again",
    ),
    # An apology that also asks for verification must not be swallowed by a flow branch.
    (
        "angry-repeat-caller",
        [GREETING, "I'm so sorry about this, that's not good enough. Can I have your account number and zip code?"],
        "verified:True",
    ),
    (
        "sim-swap-fraud",
        [GREETING, "I'm so sorry, that sounds frightening. Can I have your account number and PIN?"],
        "verified:True",
    ),
    (
        "outbound-credit-followup",
        ["Hi, this is Sam calling from Crestline about your outage. Can I confirm your account number first?"],
        "verified:True",
    ),
    (
        "abusive-equipment-fee",
        [
            GREETING,
            "I understand you're upset and I'm sorry about the fee.",
            "If the abusive language continues I will have to end this call.",
            "As I warned you, I'm going to end this call now. Goodbye.",
        ],
        "end:agent_ended",
    ),
    (
        "refuses-verification",
        [
            GREETING,
            "Can I have your date of birth to verify?",
            "I still need your date of birth to verify you.",
            "I'm sorry, I understand why you're wary.",
            "In general, bills typically go up in November because of the annual price adjustment, "
            "$8 this year, which is published on our website.",
        ],
        "accepted:general-info-only",
    ),
    (
        "cancellation-retention",
        [
            GREETING,
            "Can I have your account number and address to verify?",
            "May I ask why you're leaving?",
            "I understand. I'll process the cancellation now; your final bill will follow and please "
            "return the equipment.",
        ],
        "accepted:process-cancellation",
    ),
    (
        "cancellation-retention",
        [
            GREETING,
            "I'm afraid you can't cancel over the phone.",
            "Sorry, you cannot cancel without a letter.",
        ],
        "end:customer_hung_up",
    ),
    (
        "elderly-confused-bill",
        [
            GREETING,
            "Your promo pricing ended and the bill is now prorated.",
            "As I said, the promo ended.",
            "I'm sorry, I didn't mean to rush you.",
            "It was a special discount for the first year, and it has ended.",
        ],
        "node:understands",
    ),
    (
        "angry-repeat-caller",
        [
            GREETING,
            "Please calm down sir.",
            "I'm sorry, you're right, this has gone on far too long.",
        ],
        "node:heard",
    ),
    (
        "outbound-credit-followup",
        [
            "Can I have your date of birth please?",
            "I need your date of birth to continue.",
        ],
        "end:customer_hung_up",
    ),
    (
        "sim-swap-fraud",
        [
            GREETING,
            "I can send a verification code to your phone.",
            "We can use your account PIN and your last payment amount instead.",
        ],
        "node:steadier",
    ),
    (
        "upsell-data-overage",
        [
            GREETING,
            "Can I have your number and PIN?",
            "What do you use your data for?",
            "You should upgrade to our unlimited plan.",
        ],
        "upsell:pitched_early",
    ),
    (
        "late-fee-supervisor",
        [
            GREETING,
            "Can I have your account number and card last four?",
            "I can waive one of the fees for you.",
        ],
        "rejected:one-fee-only",
    ),
    (
        "technical-tier2-fiber",
        [
            GREETING,
            "Can I have your account number and date of birth?",
            "Please restart the router and unplug it for 30 seconds.",
        ],
        "rejected:reboot-again",
    ),
    (
        "order-lost-chat",
        [
            "Hi, I'm Sam.",
            "Please contact UPS and file a claim with them.",
        ],
        "rejected:contact-carrier",
    ),
]


@pytest.fixture(scope="module")
def engine() -> ScriptedEngine:
    return ScriptedEngine()


def _play(engine: ScriptedEngine, sc: Scenario, script: list[str], *, seed: int) -> tuple[CustomerState, str | None]:
    step = engine.reset(sc, seed=seed)
    state = step.state
    for line in script:
        step = engine.step(sc, state, AgentTurn(text=line))
        state = step.state
        if step.end_state is not None:
            break
    return state, step.end_state


def test_every_scenario_has_a_good_agent_script(library: Library) -> None:
    assert set(GOOD_AGENT) == set(library.scenarios)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scenario_id", sorted(GOOD_AGENT))
def test_good_practice_resolves_the_contact(
    library: Library, engine: ScriptedEngine, scenario_id: str, seed: int
) -> None:
    sc = library.scenarios[scenario_id]
    state, end = _play(engine, sc, GOOD_AGENT[scenario_id], seed=seed)
    acceptable = {r.id for r in sc.resolutions if r.acceptable}
    assert end in ("resolved", "escalated"), (end, state.accepted, state.rejected)
    assert acceptable & set(state.accepted)
    assert not state.rejected
    assert state.verified or not sc.identity_required


@pytest.mark.parametrize(("scenario_id", "script", "expected"), TRAPS, ids=[f"{t[0]}-{t[2]}" for t in TRAPS])
def test_mistakes_and_branches_play_out(
    library: Library, engine: ScriptedEngine, scenario_id: str, script: list[str], expected: str
) -> None:
    sc = library.scenarios[scenario_id]
    state, end = _play(engine, sc, script, seed=2)
    what, value = expected.split(":", 1)
    observed = {
        "end": end,
        "node": state.node,
        "upsell": state.upsell,
        "verified": str(state.verified),
        "accepted": value if value in state.accepted else state.accepted,
        "rejected": value if value in state.rejected else state.rejected,
    }[what]
    assert observed == value
