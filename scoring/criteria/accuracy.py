"""Accuracy: what the agent stated against the ground truth.

With a scenario the truth is its account facts plus the amounts of its resolutions and upsell;
for a real call, ``transcript.metadata["facts"]`` (label -> value) when a supervisor attached it.
Amounts, dates, account/order numbers, plan names and timeframes the agent states are compared;
a statement that matches nothing the truth knows (and that the customer did not say first) is named
as wrong, with the turn. A cause the scenario lists as a wrong explanation ("your account was hacked"),
stated as fact, is wrong too: the simulated customer refuses the same words
(``language.explanations``). Without any truth the criterion is not applicable rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from language.explanations import stated_wrong_explanation
from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp
from scoring.facts import FactMatcher, metadata_facts, scenario_facts
from scoring.text import date_mentions, digit_runs, money_mentions, timeframe_mentions

WRONG_PENALTY = 15.0
_LIMIT_TALK = re.compile(r"\b(?:up to|limit|maximum|max|only able to|authori[sz]ed to)\b", re.IGNORECASE)


@dataclass
class Truth:
    amounts: set[float] = field(default_factory=set)
    stated_amounts: set[float] = field(default_factory=set)  # in a fact as written (sums are derived)
    dates: set[tuple[int, int]] = field(default_factory=set)
    digits: set[str] = field(default_factory=set)
    timeframes: set[tuple[float, float, str]] = field(default_factory=set)
    plans: list[tuple[str, str]] = field(default_factory=list)  # (stem pattern source, full value)
    facts: tuple[FactMatcher, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.amounts or self.dates or self.digits or self.timeframes or self.plans)


def _truth(contact: Contact) -> Truth | None:
    sc = contact.scenario
    if sc is not None:
        facts = scenario_facts(sc)
        extra = [r.amount for r in sc.resolutions if r.amount is not None]
        if sc.upsell is not None:
            extra.append(sc.upsell.price)
    else:
        raw = contact.transcript.metadata.get("facts")
        if not isinstance(raw, dict) or not raw:
            return None
        facts = metadata_facts(raw)
        extra = []
    truth = Truth(facts=facts)
    for f in facts:
        truth.amounts.update(f.amounts)
        truth.dates.update(f.dates)
        truth.digits.update(f.digits)
        for alias in (f.value,):
            truth.timeframes.update(m.value for m in timeframe_mentions(alias))  # type: ignore[misc]
        if f.kind == "plan":
            stem = re.sub(r"\s*\d[\d.,]*\s*", " ", f.value).strip()
            if stem:
                truth.plans.append((stem, f.value))
    truth.amounts.update(round(float(a), 2) for a in extra)
    base = sorted(truth.amounts)
    truth.stated_amounts = set(base)
    truth.amounts.update(round(a + b, 2) for a, b in combinations(base, 2))
    truth.amounts.update(round(2 * a, 2) for a in base)
    return truth


def _amount_known(value: float, truth: Truth) -> bool:
    if any(abs(value - a) < 0.005 for a in truth.amounts):
        return True
    # "sixty dollars" for 59.99: a rounded whole amount is not an error
    return value.is_integer() and any(abs(value - a) <= 0.5 for a in truth.amounts)


def score(contact: Contact) -> Outcome:
    truth = _truth(contact)
    if truth is None:
        return Outcome.not_applicable("no ground truth: no scenario and no metadata facts for this call")
    if truth.empty:
        return Outcome.not_applicable("the scenario has no checkable facts (amounts, dates, numbers, plans)")
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    out = Outcome(score=None)
    correct: list[tuple[int, str]] = []
    wrong: list[tuple[int, str, str]] = []
    customer_amounts: set[float] = set()
    customer_dates: set[tuple[int, int]] = set()
    customer_digits: set[str] = set()
    plan_rx = [(re.compile(rf"\b{re.escape(stem)}\s*(\d[\d.,]*)?", re.IGNORECASE), full) for stem, full in truth.plans]
    for i, text in enumerate(contact.texts):
        speaker = contact.speakers[i]
        if speaker == "customer":
            customer_amounts.update(float(m.value) for m in money_mentions(text))  # type: ignore[arg-type]
            customer_dates.update(m.value for m in date_mentions(text))  # type: ignore[misc]
            customer_digits.update(str(m.value) for m in digit_runs(text))
            continue
        if speaker != "agent" or not text:
            continue
        for m in money_mentions(text):
            value = float(m.value)  # type: ignore[arg-type]
            if _amount_known(value, truth):
                correct.append((i, m.quote))
            elif value in customer_amounts or _LIMIT_TALK.search(text):
                continue  # repeating the customer, or stating a policy limit: not a claim about the account
            elif truth.amounts:
                wrong.append(
                    (
                        i,
                        m.quote,
                        f"stated {m.quote}; no fact has that amount (nearest stated: {_nearest_amount(value, truth)})",
                    )
                )
        if truth.dates:
            for m in date_mentions(text):
                if m.value in truth.dates:
                    correct.append((i, m.quote))
                elif m.value not in customer_dates and m.value[0] in {d[0] for d in truth.dates}:  # type: ignore[index]
                    wrong.append((i, m.quote, f"stated the date '{m.quote}', which matches no date on the account"))
        if truth.digits:
            for m in digit_runs(text):
                digits = str(m.value)
                if digits in truth.digits:
                    correct.append((i, m.quote))
                elif digits not in customer_digits and _near_miss(digits, truth.digits):
                    wrong.append(
                        (i, m.quote, f"stated the number {m.quote}, which is close to but not the one on file")
                    )
        if truth.timeframes:
            for m in timeframe_mentions(text):
                if m.value in truth.timeframes:
                    correct.append((i, m.quote))
                elif any(m.value[2] == t[2] for t in truth.timeframes):  # type: ignore[index]
                    expected = ", ".join(sorted({f"{t[0]:g}-{t[1]:g} {t[2]}s" for t in truth.timeframes}))
                    wrong.append((i, m.quote, f"stated '{m.quote}'; the correct timeframe is {expected}"))
        if contact.scenario is not None and (untrue := stated_wrong_explanation(contact.scenario, text)):
            claim = untrue.explanation.claim.rstrip(".")
            wrong.append(
                (
                    i,
                    untrue.said,
                    f"explained the problem as '{untrue.said}', a cause the scenario marks as false ({claim})",
                )
            )
        for rx, full in plan_rx:
            for pm in rx.finditer(text):
                stated = pm.group(0).strip()
                if pm.group(1) and pm.group(1) not in full:
                    wrong.append((i, stated, f"named the plan '{stated}'; the account has '{full}'"))
                else:
                    correct.append((i, stated))
    checked = len(correct) + len(wrong)
    if checked == 0:
        return Outcome.not_applicable("the agent stated no amounts, dates, numbers or plans that can be checked")
    for i, _said, message in wrong:
        out.cite(i, contact.texts[i])
        out.reasons.append(f"turn {i}: {message}")
    if wrong:
        first = wrong[0]
        out.tips.append(
            Tip(
                WRONG_PENALTY * len(wrong) + 10,
                f"Check the account before stating figures: {first[2]}.",
                first[0],
            )
        )
    for i, _said in correct[:3]:
        out.cite(i, contact.texts[i])
    out.reasons.insert(0, f"{len(correct)} of {checked} checked statements match the account")
    share = len(correct) / checked
    out.score = round(clamp(100.0 * share - WRONG_PENALTY * len(wrong)), 1)
    out.metrics = {
        "correct": len(correct),
        "wrong": [{"turn": i, "said": s, "message": msg} for i, s, msg in wrong],
        "ground_truth": "scenario" if contact.scenario is not None else "metadata.facts",
    }
    return out


def _nearest_amount(value: float, truth: Truth) -> str:
    """The closest amount a fact actually states (never a derived sum, which no fact shows)."""
    singles = sorted(truth.stated_amounts or truth.amounts)
    best = min(singles, key=lambda a: abs(a - value))
    return f"${best:,.2f}"


def _near_miss(digits: str, known: set[str]) -> bool:
    """Same length and at most two digits different: a misread account or order number."""
    return any(len(k) == len(digits) and sum(a != b for a, b in zip(k, digits, strict=True)) <= 2 for k in known)
