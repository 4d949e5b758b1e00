"""Policy rules that hold a real written policy: fact conditions, ordered steps, "not unless asked",
"transfer if and only if out of scope".

Per-call facts come from the transcript: ``metadata["facts"]`` (the same block accuracy reads) and
then top-level metadata keys, e.g. ``{"facts": {"tier": "gold", "checked_bags": 3}}``. A rule whose
condition names a fact the call does not carry is *not evaluated* — reported as such, never as kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.policy import FactCondition, PolicyRule
from scoring.context import Contact
from scoring.policy_rules import any_of


def call_facts(contact: Contact) -> dict[str, Any]:
    meta = contact.transcript.metadata
    facts: dict[str, Any] = {str(k).lower(): v for k, v in meta.items() if k != "facts"}
    raw = meta.get("facts")
    if isinstance(raw, Mapping):
        facts.update({str(k).lower(): v for k, v in raw.items()})
    return facts


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    m = re.search(r"-?\d+(?:\.\d+)?", str(value).replace(",", ""))
    return float(m.group(0)) if m else None


def _holds(cond: FactCondition, value: Any) -> bool:
    if cond.equals is not None:
        if isinstance(cond.equals, bool) or not isinstance(cond.equals, int | float):
            if str(value).strip().lower() != str(cond.equals).strip().lower():
                return False
        elif _number(value) != float(cond.equals):
            return False
    if cond.one_of is not None and str(value).strip().lower() not in {v.lower() for v in cond.one_of}:
        return False
    number = _number(value)
    for bound, test in (
        (cond.gt, float.__gt__),
        (cond.ge, float.__ge__),
        (cond.lt, float.__lt__),
        (cond.le, float.__le__),
    ):
        if bound is not None and (number is None or not test(number, float(bound))):
            return False
    return True


@dataclass(frozen=True)
class ConditionResult:
    applies: bool
    missing: tuple[str, ...] = ()


def conditions(contact: Contact, rule: PolicyRule) -> ConditionResult:
    if not rule.when:
        return ConditionResult(True)
    facts = call_facts(contact)
    missing = tuple(c.fact for c in rule.when if c.fact.lower() not in facts)
    if missing:
        return ConditionResult(False, missing)
    return ConditionResult(all(_holds(c, facts[c.fact.lower()]) for c in rule.when))


Finding = tuple[int | None, str]  # (turn to cite, message) of a violation


def ordered_steps(contact: Contact, rule: PolicyRule) -> Finding | str | None:
    """The last step (the act) must come after every earlier step, in order.

    Returns a violation, None (kept), or the string "not triggered" when the act never happened.
    """
    speakers = {"agent": contact.agent, "customer": contact.customer}
    final = rule.steps[-1]
    final_rx = any_of(tuple(final.phrases))
    act = next((i for i in speakers[final.speaker] if final_rx and final_rx.search(contact.texts[i])), None)
    if act is None:
        return "not triggered"
    after = -1
    for step in rule.steps[:-1]:
        rx = any_of(tuple(step.phrases))
        hit = next((i for i in speakers[step.speaker] if after < i < act and rx and rx.search(contact.texts[i])), None)
        if hit is None:
            return act, f"'{final.name}' at turn {act} without '{step.name}' before it (in order)"
        after = hit
    return None


def not_unless_asked(contact: Contact, rule: PolicyRule) -> Finding | None:
    offer = any_of(tuple(rule.phrases))
    ask = any_of(tuple(rule.customer_phrases))
    offered = next((i for i in contact.agent if offer and offer.search(contact.texts[i])), None)
    if offered is None:
        return None
    asked = next((i for i in contact.customer if i < offered and ask and ask.search(contact.texts[i])), None)
    if asked is None:
        return offered, f"offered at turn {offered} although the customer had not asked for it"
    return None


def transfer_iff(contact: Contact, rule: PolicyRule) -> Finding | None:
    transfer = any_of(tuple(rule.phrases))
    scope = any_of(tuple(rule.triggers))
    said = [i for i in contact.agent if transfer and transfer.search(contact.texts[i])]
    # a transfer made with the call control (a ``[transfer]`` record) is a transfer as much as one announced
    transferred = min([*said[:1], *contact.controls("transfer")[:1]], default=None)
    out_of_scope = next((i for i in contact.customer if scope and scope.search(contact.texts[i])), None)
    if transferred is not None and out_of_scope is None:
        return transferred, f"transferred at turn {transferred} although the request was in scope"
    if transferred is None and out_of_scope is not None:
        last = contact.agent[-1]
        return last, f"out-of-scope request at turn {out_of_scope} was never transferred"
    return None
