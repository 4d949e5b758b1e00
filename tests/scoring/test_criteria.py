"""Each criterion on small contacts built to show one behaviour."""

from __future__ import annotations

import pytest

from domain.loader import Library
from domain.policy import Policy
from domain.rubric import Rubric
from scoring import score_transcript, score_with_library
from scoring.criteria import clarity
from scoring.criteria.base import Outcome
from scoring.engine import judge_criterion
from tests.scoring.transcripts import MODEL_CALL, make


def _policy(**rule: object) -> Policy:
    return Policy.model_validate(
        {"version": 1, "id": "p", "title": "t", "rules": [{"id": "r", "description": "d", **rule}]}
    )


def _compliance(rubric: Rubric, turns: list[tuple[str, str]], policy: Policy, *, channel: str = "phone") -> Outcome:
    result = judge_criterion("policy_compliance", make(turns, channel=channel), rubric=rubric, policies=[policy])
    return Outcome(result.score, [(e.turn, e.quote) for e in result.evidence], result.reasons, result.metrics)


LIMIT = _policy(kind="authority_limit", limit=50, severity="critical", phrases=["refund|credit"])


@pytest.mark.parametrize(
    ("agent_line", "violates"),
    [
        ("I can credit $20 to your account.", False),
        ("I'll credit $75 to the account right now.", True),
        ("My supervisor has approved a $75 credit for you.", False),
        ("I'm refunding the duplicate $59.99 charge.", False),
    ],
)
def test_authority_limit(rubric: Rubric, agent_line: str, violates: bool) -> None:
    out = _compliance(rubric, [("customer", "I want money back."), ("agent", agent_line)], LIMIT)
    assert bool(out.metrics["violations"]) is violates
    if violates:
        assert out.evidence[0][0] == 1


ESCALATE = _policy(kind="escalation", triggers=[r"\bmanager\b"], phrases=["supervisor|manager"])


@pytest.mark.parametrize(
    ("turns", "violates"),
    [
        ([("customer", "Get me a manager."), ("agent", "Of course, I'll transfer you to my supervisor.")], False),
        ([("customer", "Get me a manager."), ("agent", "No. I can handle it.")], True),
        ([("customer", "Hi, my bill is wrong."), ("agent", "Let me look.")], None),
    ],
)
def test_escalation_only_when_triggered(rubric: Rubric, turns: list[tuple[str, str]], violates: bool | None) -> None:
    out = _compliance(rubric, turns, ESCALATE)
    if violates is None:
        assert out.score is None  # the only rule never applied: not applicable, not 100
    else:
        assert bool(out.metrics["violations"]) is violates


RECORDED = _policy(
    kind="required_phrase", phrases=["call (is|may be) recorded"], within_agent_turns=2, applies_to_channels=["phone"]
)


@pytest.mark.parametrize(
    ("position", "channel", "violates"),
    [(0, "phone", False), (1, "phone", False), (3, "phone", True), (None, "phone", True), (None, "chat", None)],
)
def test_required_phrase_within_agent_turns(
    rubric: Rubric, position: int | None, channel: str, violates: bool | None
) -> None:
    turns = []
    for k in range(5):
        turns.append(("customer", "ok"))
        turns.append(("agent", "This call may be recorded." if k == position else "Right, let me check that."))
    out = _compliance(rubric, turns, RECORDED, channel=channel)
    if violates is None:
        assert out.score is None
    else:
        assert bool(out.metrics["violations"]) is violates
        if violates and position is not None:
            assert out.evidence[0][0] == 2 * position + 1


def test_forbidden_phrase_cites_each_turn(rubric: Rubric) -> None:
    policy = _policy(kind="forbidden_phrase", phrases=["calm down", "i promise"])
    turns = [("customer", "x"), ("agent", "Calm down please."), ("customer", "y"), ("agent", "I promise it's fixed.")]
    out = _compliance(rubric, turns, policy)
    assert [e[0] for e in out.evidence] == [1, 3]
    assert out.score == 75  # one rule, counted once


@pytest.mark.parametrize(
    ("turns", "violates"),
    [
        (
            [
                ("customer", "you idiot"),
                ("agent", "If the language continues I will end this call."),
                ("customer", "idiot"),
                ("agent", "I'm ending this call now."),
            ],
            False,
        ),
        ([("customer", "you idiot"), ("agent", "I'm ending this call now.")], True),
    ],
)
def test_abuse_handling_needs_a_warning(rubric: Rubric, turns: list[tuple[str, str]], violates: bool) -> None:
    policy = _policy(kind="abuse_handling", triggers=[r"\bidiot\b"], phrases=["if the language continues"])
    assert bool(_compliance(rubric, turns, policy).metrics["violations"]) is violates


def test_closing_rule_looks_at_the_last_agent_turns(rubric: Rubric) -> None:
    policy = _policy(kind="closing", phrases=["anything else"])
    early = [("agent", "Anything else?"), *[("agent", "Okay.")] * 4]
    late = [("agent", "Hi."), ("agent", "Is there anything else?")]
    assert _compliance(rubric, early, policy).metrics["violations"]
    assert not _compliance(rubric, late, policy).metrics["violations"]


def test_real_call_heuristic_flags_balance_before_verification(rubric: Rubric) -> None:
    policy = _policy(kind="verify_before_disclose", severity="critical")
    bad = [
        ("customer", "What do I owe?"),
        ("agent", "Your balance is $84.20."),
        ("customer", "ok"),
        ("agent", "Can I have your account number?"),
        ("customer", "123456"),
    ]
    good = [
        ("customer", "What do I owe?"),
        ("agent", "Can I have your account number?"),
        ("customer", "123456"),
        ("agent", "Your balance is $84.20."),
    ]
    out = _compliance(rubric, bad, policy)
    assert out.metrics["violations"][0]["turn"] == 1
    assert not _compliance(rubric, good, policy).metrics["violations"]


@pytest.mark.parametrize(
    ("first_agent_turn", "score"),
    [
        ("Thank you for calling Acme, my name is Sam. How can I help you today?", 100),
        ("good morning you're through to brightline billing tom speaking how can i help", 100),
        ("Hello, you're through to Alex at Northwind. How can I help?", 100),
        ("Hi, you're through to the billing team at Northwind, how can I help?", 75),
        ("Acme.", 25),
        ("yeah?", 0),
    ],
)
def test_opening_elements(rubric: Rubric, first_agent_turn: str, score: float) -> None:
    result = judge_criterion("opening", make([("agent", first_agent_turn), ("customer", "hi")]), rubric=rubric)
    assert result.score == score


@pytest.mark.parametrize(
    ("last_agent_turns", "score"),
    [
        (["So I've reversed the charge and you'll see it in 3 days. Anything else?", "Thanks for calling, bye."], 100),
        (["Okay.", "Bye."], 0),
        (["Okay.", "Take care, bye."], 0),  # issue 14: a farewell is not thanks (was 25)
        (["Okay.", "Okay."], 0),
    ],
)
def test_closing_elements(rubric: Rubric, last_agent_turns: list[str], score: float) -> None:
    turns = [("agent", "Hello."), ("customer", "Hi."), *[("agent", t) for t in last_agent_turns]]
    assert judge_criterion("closing", make(turns), rubric=rubric).score == score


def test_clarity_penalises_jargon_and_is_used_when_the_rubric_lists_it(rubric: Rubric) -> None:
    spec = rubric.criteria["empathy"]
    with_clarity = rubric.model_copy(update={"criteria": {"clarity": spec.model_copy(update={"weight": 1.0})}})
    plain = make([("customer", "my internet is down"), ("agent", "I'll send an engineer to fix the line on Monday.")])
    jargon = make(
        [
            ("customer", "my internet is down"),
            ("agent", "As per the SLA the ONT provisioning on the backend node requires DHCP reconfiguration."),
        ]
    )
    a = judge_criterion("clarity", plain, rubric=with_clarity)
    b = judge_criterion("clarity", jargon, rubric=with_clarity)
    assert a.score is not None and b.score is not None and a.score > b.score + 20
    assert b.evidence[0].turn == 1 and "ont" in b.metrics["jargon"]


def test_clarity_uses_its_own_textstat_instance() -> None:
    import textstat

    textstat.set_lang("de")
    try:
        ts = clarity._textstat()
        assert ts is not textstat.textstat
        assert ts.syllable_count("information") == 4
    finally:
        textstat.set_lang("en_US")


def test_same_call_in_chat_skips_phone_only_rules(rubric: Rubric, real_call_policies: list[Policy]) -> None:
    phone = score_transcript(make(MODEL_CALL), rubric=rubric, policies=real_call_policies)
    chat = score_transcript(make(MODEL_CALL, channel="chat"), rubric=rubric, policies=real_call_policies)
    assert "recorded-line-notice" in phone.criteria["policy_compliance"].metrics["rules_checked"]
    assert "recorded-line-notice" not in chat.criteria["policy_compliance"].metrics["rules_checked"]


@pytest.mark.parametrize(
    ("agent_line", "violates"),
    [
        ("Okay, the $59.99 you mentioned, let me look into it. Can I have your account number?", False),
        ("Our premium plan is $10 a month. Can I have your account number?", False),
        ("I see you were charged $84.20 on March 3. Can I have your account number?", True),
    ],
)
def test_real_call_heuristic_ignores_what_the_customer_said_and_non_account_talk(
    rubric: Rubric, agent_line: str, violates: bool
) -> None:
    policy = _policy(kind="verify_before_disclose", severity="critical")
    turns = [("customer", "I was charged $59.99 twice."), ("agent", agent_line), ("customer", "ACC-1234")]
    assert bool(_compliance(rubric, turns, policy).metrics["violations"]) is violates


@pytest.mark.parametrize(
    ("pitch", "violates"),
    [
        ("You could upgrade to Unlimited Plus, it's $65 a month with no contract.", False),
        ("You could upgrade to Unlimited Plus for $65.", True),
        ("Okay, I've noted that.", False),
    ],
)
def test_scenario_upsell_needs_every_disclosure_term(library: Library, pitch: str, violates: bool) -> None:
    if "upsell-data-overage" not in library.scenarios:
        pytest.skip("upsell scenario not in this library")
    turns = [("agent", "Hello, this call may be recorded."), ("customer", "I keep paying overage charges."),
             ("agent", pitch), ("customer", "ok"), ("agent", "Anything else? Thanks for calling.")]  # fmt: skip
    card = score_with_library(make(turns), library=library, scenario_ref="upsell-data-overage")
    rules = {v["rule"] for v in card.criteria["policy_compliance"].metrics["violations"]}
    assert ("unlimited-plus-disclosure" in rules) is violates


@pytest.mark.parametrize("first", ["ID please, and what's the problem?", "Ok, what is the problem?"])
def test_id_and_ok_are_not_a_company_name(rubric: Rubric, first: str) -> None:
    result = judge_criterion("opening", make([("agent", first), ("customer", "hi")]), rubric=rubric)
    assert result.metrics["elements"]["company"] is False


def test_a_farewell_is_not_thanks(rubric: Rubric) -> None:
    turns = [("agent", "Hello."), ("customer", "Hi."), ("agent", "Have a great day, take care.")]
    assert judge_criterion("closing", make(turns), rubric=rubric).metrics["elements"]["thanks"] is False


def test_anything_else_asked_earlier_still_counts(rubric: Rubric) -> None:
    turns = [
        ("agent", "Hello, how can I help?"),
        ("customer", "My bill is wrong."),
        ("agent", "Fixed. Is there anything else I can help with?"),
        ("customer", "Yes, my address changed."),
        ("agent", "What's the new one?"),
        ("customer", "12 High Street."),
        ("agent", "Updated."),
        ("customer", "Great."),
        ("agent", "Done."),
        ("customer", "Bye."),
        ("agent", "Bye."),
    ]
    assert judge_criterion("closing", make(turns), rubric=rubric).metrics["elements"]["anything_else"] is True


def test_accuracy_never_cites_a_sum_as_if_a_fact_showed_it(rubric: Rubric) -> None:
    facts = {"Charge": "$59.99"}
    turns = [("customer", "Hi."), ("agent", "I'll refund $100.00 now.")]
    result = judge_criterion("accuracy", make(turns, facts=facts), rubric=rubric)
    assert not any("119.98" in r for r in result.reasons)
    assert any("$59.99" in r for r in result.reasons)


def test_accuracy_names_a_cause_the_scenario_marks_as_false(library: Library, rubric: Rubric) -> None:
    sc = library.scenario("estimated-meter-bill")
    right = "I've re-billed you on your reading of 48,213, so the corrected bill is $131.20."
    turns = [("customer", "Why has my bill doubled?"), ("agent", right)]
    clean = judge_criterion("accuracy", make(turns), rubric=rubric, scenario=sc)
    assert not clean.metrics["wrong"]
    turns[1] = ("agent", "The E on your bill stands for excess usage. " + right)
    result = judge_criterion("accuracy", make(turns), rubric=rubric, scenario=sc)
    assert [w["said"] for w in result.metrics["wrong"]] == ["stands for excess"]
    assert result.score is not None and clean.score is not None and result.score < clean.score
    assert any("marks as false" in r for r in result.reasons)
