"""Policy compliance: the scenario's policy packs (practice) or the rubric's packs (real calls).

Order matters: identity must be verified *before* account details are disclosed, so every check
walks the turns in order and cites the offending turn. Violations carry the rule id and severity;
the engine turns critical ones into auto-fails as the rubric says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from domain.policy import Policy, PolicyRule
from scoring import policy_procedures as procedures
from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp
from scoring.facts import FactMatcher, scenario_facts
from scoring.policy_rules import (
    ABOUT_ACCOUNT,
    APPROVAL,
    CORRECTION,
    DISCLOSURE_HINT,
    END_CALL,
    VERIFY_QUESTION,
    VOLUNTEERED_ID,
    any_of,
)
from scoring.text import date_mentions, money_mentions, snippet

_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_CONDITIONAL = re.compile(r"\b(?:if|unless|should (?:the|that|this))\b", re.IGNORECASE)  # a warning, not the end
PENALTY = {"minor": 10.0, "major": 25.0, "critical": 50.0}
CLOSING_WINDOW = 3  # the closing phrases must be in the last agent turns


@dataclass(frozen=True)
class Violation:
    policy: str
    rule: str
    severity: str
    turn: int | None
    quote: str
    message: str
    description: str = ""
    kind: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "policy": self.policy,
            "rule": self.rule,
            "severity": self.severity,
            "turn": self.turn,
            "quote": self.quote,
            "message": self.message,
        }


MakeViolation = Callable[[int | None, str, str], Violation]
_PROCEDURES: dict[str, Callable[[Contact, PolicyRule], object]] = {
    "ordered_steps": procedures.ordered_steps,
    "not_unless_asked": procedures.not_unless_asked,
    "transfer_iff": procedures.transfer_iff,
}


def score(contact: Contact) -> Outcome:
    if not contact.policies:
        return Outcome.not_applicable("no policy packs apply (no scenario policies and none in the rubric)")
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    violations: list[Violation] = []
    checked: list[str] = []
    not_evaluated: list[str] = []
    passed_notes: list[tuple[int, str]] = []
    for policy in contact.policies:
        for rule in policy.rules:
            if contact.channel not in rule.applies_to_channels:
                continue
            triggered_at = _trigger_turn(contact, rule)
            if rule.kind not in _PROCEDURES and rule.triggers and triggered_at is None:
                continue  # not triggered: the rule is not about this contact, whatever the facts
            cond = procedures.conditions(contact, rule)
            if cond.missing:
                not_evaluated.append(f"{rule.id} (needs fact: {', '.join(cond.missing)})")
                continue
            if not cond.applies:
                continue
            if rule.kind in _PROCEDURES:
                found = _PROCEDURES[rule.kind](contact, rule)
                if found == "not triggered":
                    continue
                checked.append(rule.id)
                if isinstance(found, tuple):
                    turn, message = found
                    quote = contact.texts[turn] if turn is not None else ""
                    violations.append(
                        Violation(policy.id, rule.id, rule.severity, turn, quote, message, rule.description, rule.kind)
                    )
                continue
            checked.append(rule.id)
            violations.extend(_check(contact, policy, rule, triggered_at, passed_notes))
    upsell = _upsell_disclosure(contact)
    if upsell is not None:
        checked.append(upsell[0])
        violations.extend(upsell[1])
    if not checked:
        out_na = Outcome.not_applicable("no policy rule applied to this contact (channel or triggers)")
        if not_evaluated:
            out_na.reasons.append("not evaluated (missing facts): " + "; ".join(not_evaluated))
        out_na.metrics["rules_not_evaluated"] = not_evaluated
        return out_na
    out = Outcome(score=None)
    by_rule: dict[tuple[str, str], Violation] = {}
    for v in violations:
        by_rule.setdefault((v.policy, v.rule), v)
        if v.turn is not None:
            out.cite(v.turn, v.quote)
        out.reasons.append(f"[{v.severity}] {v.rule}: {v.description.rstrip('.')} ({v.message})")
        out.tips.append(Tip(PENALTY[v.severity] * 1.2, _tip(v), v.turn))
    penalty = sum(PENALTY[v.severity] for v in by_rule.values())
    out.score = round(clamp(100.0 - penalty), 1)
    if not_evaluated:
        out.reasons.append("not evaluated, so not counted as kept (missing facts): " + "; ".join(not_evaluated))
    if not violations:
        out.reasons.append(f"all {len(checked)} evaluated policy rules kept")
        for turn, text in passed_notes[:3]:
            out.cite(turn, text)
    out.metrics = {
        "rules_checked": checked,
        "rules_not_evaluated": not_evaluated,
        "violations": [v.as_dict() for v in violations],
        "policies": [p.id for p in contact.policies],
    }
    return out


_TIPS = {
    "verify_before_disclose": "Verify the caller's identity before you mention anything on the account",
    "authority_limit": "Escalate credits or refunds above your authority to a supervisor instead of offering them",
    "escalation": "When the customer asks for a supervisor or the case needs it, offer the escalation or a call-back",
    "closing": "Before ending, ask whether there is anything else and thank the customer",
    "abuse_handling": "Give one clear warning about abusive language before ending a call",
}


def _tip(v: Violation) -> str:
    """An instruction a trainee can act on, with what happened in brackets."""
    lead = _TIPS.get(v.kind) or v.description.rstrip(".")
    return f"{lead} ({v.message})."


def _upsell_disclosure(contact: Contact) -> tuple[str, list[Violation]] | None:
    """A scenario's upsell, once pitched, needs every one of its disclosure terms (price, term, contract)."""
    sc = contact.scenario
    if sc is None or sc.upsell is None:
        return None
    up = sc.upsell
    pitch = any_of(tuple(rf"\b{re.escape(k)}\b" for k in up.pitch.keywords)) if up.pitch.keywords else None
    if pitch is None:
        return None
    pitched = next((i for i in contact.agent if pitch.search(contact.texts[i])), None)
    rule_id = f"{up.id}-disclosure"
    if pitched is None:
        return None
    said = " ".join(contact.texts[i] for i in contact.agent if i >= pitched)
    missing = [k for k in up.disclosure_keywords if not re.search(rf"\b{re.escape(k)}\b", said, re.IGNORECASE)]
    if not missing:
        return rule_id, []
    violation = Violation(
        policy=f"scenario:{sc.id}",
        rule=rule_id,
        severity="critical",
        turn=pitched,
        quote=contact.texts[pitched],
        message=f"pitched the {up.product} at turn {pitched} without stating: {', '.join(missing)}",
        description=f"When offering the {up.product}, state its price and terms before the customer agrees",
        kind="required_phrase",
    )
    return rule_id, [violation]


def _trigger_turn(contact: Contact, rule: PolicyRule) -> int | None:
    if not rule.triggers:
        return None
    rx = any_of(tuple(rule.triggers))
    if rx is None:
        return None
    return next((i for i, t in enumerate(contact.texts) if contact.speakers[i] != "system" and rx.search(t)), None)


def _check(
    contact: Contact, policy: Policy, rule: PolicyRule, triggered_at: int | None, notes: list[tuple[int, str]]
) -> list[Violation]:
    def violation(turn: int | None, quote: str, message: str) -> Violation:
        return Violation(policy.id, rule.id, rule.severity, turn, quote, message, rule.description, rule.kind)

    phrases = any_of(tuple(rule.phrases))
    texts = contact.texts
    if rule.kind == "verify_before_disclose":
        return _verify_before_disclose(contact, phrases, violation, notes)
    if rule.kind == "required_phrase":
        if phrases is None:
            return []
        pool = list(contact.agent)
        hits = [i for i in pool if phrases.search(texts[i])]
        if rule.within_agent_turns is not None:
            early = pool[: rule.within_agent_turns]
            if any(i in early for i in hits):
                notes.append((hits[0], texts[hits[0]]))
                return []
            if hits:
                return [
                    violation(
                        hits[0],
                        texts[hits[0]],
                        f"said only at turn {hits[0]}, required within the first {rule.within_agent_turns} agent turns",
                    )
                ]
            first = pool[0]
            return [violation(first, texts[first], "never said")]
        if hits:
            notes.append((hits[0], texts[hits[0]]))
            return []
        at = triggered_at if triggered_at is not None else pool[0]
        return [violation(at, texts[at], "never said")]
    if rule.kind == "forbidden_phrase":
        out: list[Violation] = []
        if phrases is None:
            return out
        for i in contact.agent:
            m = phrases.search(texts[i])
            if m:
                out.append(violation(i, snippet(texts[i], m.start(), m.end()), f"said '{m.group(0)}' at turn {i}"))
        return out
    if rule.kind == "authority_limit":
        return _authority(contact, rule, phrases, violation)
    if rule.kind == "escalation":
        start = triggered_at if triggered_at is not None else 0
        after = [i for i in contact.agent if i >= start]
        pressed = [i for i in contact.controls("escalate") if i >= start]
        if pressed:  # the Escalate control is the escalation itself
            notes.append((pressed[0], texts[pressed[0]]))
            return []
        if phrases is not None and any(phrases.search(texts[i]) for i in after):
            hit = next(i for i in after if phrases.search(texts[i]))  # type: ignore[union-attr]
            notes.append((hit, texts[hit]))
            return []
        at = after[0] if after else start
        return [violation(at, texts[at], f"asked at turn {start}, none offered")]
    if rule.kind == "closing":
        if phrases is None:
            return []
        last = list(contact.agent)[-CLOSING_WINDOW:]
        if any(phrases.search(texts[i]) for i in last):
            return []
        return [violation(last[-1], texts[last[-1]], "not in the closing turns")]
    if rule.kind == "abuse_handling":
        ended = next(
            (
                i
                for i in contact.agent
                if END_CALL.search(texts[i])
                and not _CONDITIONAL.search(texts[i])
                and not (phrases is not None and phrases.search(texts[i]))
            ),
            None,
        )
        if ended is None:
            return []
        warned = phrases is not None and any(phrases.search(texts[i]) for i in contact.agent if i < ended)
        if warned:
            return []
        return [violation(ended, texts[ended], "ended the call over abuse without a warning first")]
    return []


def _verify_before_disclose(
    contact: Contact, phrases: re.Pattern[str] | None, violation: MakeViolation, notes: list[tuple[int, str]]
) -> list[Violation]:
    sc = contact.scenario
    if sc is not None and not sc.identity_required:
        return []
    texts = contact.texts
    question = next(
        (
            i
            for i in contact.agent
            if (phrases is not None and phrases.search(texts[i]))
            or (VERIFY_QUESTION and VERIFY_QUESTION.search(texts[i]))
        ),
        None,
    )
    verified_at: int | None = None
    if question is not None:
        verified_at = next((i for i in contact.customer if i > question), None)
        notes.append((question, texts[question]))
    volunteered = next((i for i in contact.customer if VOLUNTEERED_ID.search(texts[i])), None)
    if volunteered is not None and (verified_at is None or volunteered < verified_at):
        verified_at = volunteered
        notes.append((volunteered, texts[volunteered]))
    limit = verified_at if verified_at is not None else len(texts)
    disclosed: tuple[int, str] | None = None
    if sc is not None:
        facts = [f for f in scenario_facts(sc) if f.sensitive or f.verifier]
        disclosed = _first_fact_disclosure(contact, facts, limit)
    else:
        heard: set[object] = set()  # amounts and dates the customer said first are not disclosed by the agent
        customer = iter(contact.customer)
        next_customer = next(customer, None)
        for i in contact.agent:
            if i >= limit:
                break
            while next_customer is not None and next_customer < i:
                heard.update(m.value for m in money_mentions(texts[next_customer]))
                heard.update(m.value for m in date_mentions(texts[next_customer]))
                next_customer = next(customer, None)
            t = texts[i]
            about_account = " ".join(s for s in _SENTENCE.split(t) if ABOUT_ACCOUNT.search(s))
            money = [m for m in money_mentions(about_account) if m.value not in heard]
            dates = [m for m in date_mentions(about_account) if m.value not in heard]
            hint = DISCLOSURE_HINT.search(t)
            if hint or money or dates:
                said = hint.group(0) if hint else (money[0].quote if money else dates[0].quote)
                disclosed = (i, said)
                break
    if disclosed is None:
        return []
    turn, said = disclosed
    when = "identity was never verified" if verified_at is None else f"identity was verified only at turn {verified_at}"
    return [violation(turn, texts[turn], f"disclosed account details ('{said}') at turn {turn}; {when}")]


def _first_fact_disclosure(contact: Contact, facts: list[FactMatcher], limit: int) -> tuple[int, str] | None:
    """The first agent turn before ``limit`` stating a protected fact the customer had not said already."""
    known_to_customer: set[str] = set()
    customer_seen = 0
    customer = list(contact.customer)
    for i in contact.agent:
        if i >= limit:
            break
        while customer_seen < len(customer) and customer[customer_seen] < i:
            said_by_customer = contact.texts[customer[customer_seen]]
            known_to_customer.update(f.id for f in facts if f.find(said_by_customer))
            customer_seen += 1
        for fact in facts:
            if fact.id in known_to_customer:
                continue
            said = fact.find(contact.texts[i])
            if said:
                return i, f"{fact.label}: {said}"
    return None


def _authority(
    contact: Contact, rule: PolicyRule, phrases: re.Pattern[str] | None, violation: MakeViolation
) -> list[Violation]:
    assert rule.limit is not None
    texts = contact.texts
    out = []
    agent = list(contact.agent)
    for pos, i in enumerate(agent):
        t = texts[i]
        if phrases is None or not phrases.search(t):
            continue
        over = [m for m in money_mentions(t) if float(m.value) > rule.limit + 1e-9]  # type: ignore[arg-type]
        if not over:
            continue
        window = agent[max(0, pos - 2) : pos + 3]
        if any(APPROVAL.search(texts[j]) for j in window):
            continue
        if CORRECTION.search(t):
            continue  # reversing a duplicate or erroneous charge is a billing correction, not a goodwill credit
        out.append(
            violation(
                i,
                t,
                f"offered {over[0].quote} at turn {i}, above the ${rule.limit:g} authority limit without escalation",
            )
        )
    return out
