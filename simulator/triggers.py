"""Judging ``domain.scenario.Trigger`` on one heard agent turn, split into its two halves.

``said`` is what the agent's words match (acts AND meaning, see ``Trigger``); ``ready`` is
whether the conversation has reached the point the trigger demands (verified, facts
revealed, calm enough). The engine answers "not yet" differently from "not that".

Meaning is judged with ``language.similarity``: the turn is encoded once (lazily, on the
first trigger with examples) and compared with each trigger's examples, which are encoded
once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from domain.acts import Act
from domain.scenario import Scenario, Trigger
from language.questions import QuestionType, classify_sentence, question_type
from language.similarity import KEYWORD_THRESHOLD, MATCH_THRESHOLD, MAX_SENTENCES, Match, example_bank
from language.text import contains_keyword, sentences
from simulator.hearing import requests_something
from simulator.state import CustomerState


@dataclass
class Heard:
    """An agent turn as the customer understood it (its sentence vectors computed on first use)."""

    raw: str
    norm: str
    acts: frozenset[Act]
    english: bool = True
    question: QuestionType = field(default_factory=lambda: QuestionType("none"))
    requests: bool = False
    """The turn asks for something without a question ("Please send me the receipts")."""
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, raw: str, norm: str, acts: frozenset[Act], *, english: bool = True) -> Heard:
        return cls(
            raw=raw,
            norm=norm,
            acts=acts,
            english=english,
            question=question_type(raw),
            requests=requests_something(raw) if english else False,
        )

    def closeness(self, examples: list[str], *, clauses: bool = False) -> tuple[float, str]:
        """Best cosine of this turn (or one of its sentences) to ``examples``, and the example.

        ``clauses`` also scores the asked clause of each question sentence on its own (see
        :func:`asked_clauses`): "So I'm not wasting your time, which fixes have been tried?" is asked
        by its last clause, and the preamble only dilutes it.
        """
        found = self.matches({"": examples}, clauses=clauses).get("")
        return (found.score, found.example) if found is not None else (0.0, "")

    def matches(self, examples: Mapping[str, Sequence[str]], *, clauses: bool = False) -> dict[str, Match]:
        """Best example per key of a keyed bank (the turn's vectors are computed once and reused)."""
        if not any(examples.values()) or not self.norm:
            return {}
        bank = example_bank(examples)
        if "vectors" not in self._cache:
            self._cache["vectors"] = bank.vectors(self.raw)
        vectors = self._cache["vectors"]
        if clauses:
            if "clauses" not in self._cache:
                from language.encoder import get_encoder

                parts = asked_clauses(self.raw)
                extra = get_encoder().encode(parts) if parts else None
                self._cache["clauses"] = vectors if extra is None else np.vstack([vectors, extra])
            vectors = self._cache["clauses"]
        return bank.match(self.raw, vectors=vectors)


_CLAUSE_SPLIT = re.compile(r"\s+[-\u2013\u2014]+\s+|[,;:]\s+")
MIN_CLAUSE_WORDS = 4


def asked_clauses(text: str) -> list[str]:
    """The last clause of each question sentence that has more than one ("..., which fixes were tried?").

    Only a clause that opens like a question by itself (not "..., aside from the two fees?") of
    :data:`MIN_CLAUSE_WORDS` words or more (a bare "right?" means nothing alone).
    """
    found = []
    for sentence in sentences(text[:2000])[:MAX_SENTENCES]:
        if not sentence.rstrip().endswith("?"):
            continue
        parts = [p for p in _CLAUSE_SPLIT.split(sentence) if p.strip()]
        last = parts[-1] if len(parts) > 1 else ""
        if len(last.split()) >= MIN_CLAUSE_WORDS and classify_sentence(last.rstrip("? ")).is_question:
            found.append(last)
    return found


ACT_FAMILIES: dict[Act, frozenset[Act]] = {
    Act.OFFER: frozenset({Act.OFFER, Act.ESCALATION, Act.EXPLANATION, Act.DISCLOSURE}),
    Act.EXPLANATION: frozenset({Act.EXPLANATION, Act.OFFER, Act.DISCLOSURE}),
    Act.ESCALATION: frozenset({Act.ESCALATION, Act.OFFER}),
}
"""For triggers with examples, acts that carry the same move: "I've escalated the ticket and booked
the visit" offers a resolution even when the classifier calls it an escalation. Keyword-only
triggers keep the exact act (the example meaning is what makes the looser act safe)."""


def acts_match(trigger: Trigger, heard: Heard) -> bool:
    if not trigger.acts:
        return True
    if any(a in heard.acts for a in trigger.acts):
        return True
    if trigger.examples and any(heard.acts & ACT_FAMILIES.get(a, frozenset()) for a in trigger.acts):
        return True
    # "Dates and amounts of the payments?" is a question even when the classifier files it elsewhere, and so is
    # "Please let us know what the repair will cost": a request in the imperative asks as much.
    return Act.QUESTION in trigger.acts and (heard.question.is_question or heard.requests)


def meaning_score(
    trigger: Trigger,
    heard: Heard,
    *,
    extra: tuple[str, ...] = (),
    default: float = MATCH_THRESHOLD,
    clauses: bool = False,
) -> float:
    """How well the turn says what ``trigger`` listens for, 0..1 (1 for a keyword-only match).

    ``extra`` adds phrasings to the trigger's examples (a hidden fact's description); ``default``
    is the bar when the trigger sets no ``threshold`` of its own.
    """
    keyword = any(contains_keyword(heard.norm, k) for k in trigger.keywords)
    if not trigger.examples:
        return 1.0 if (keyword or not trigger.keywords) else 0.0
    score, _ = heard.closeness([*trigger.examples, *extra], clauses=clauses)
    threshold = trigger.threshold if trigger.threshold is not None else default
    if score >= threshold or (keyword and score >= min(threshold, KEYWORD_THRESHOLD)):
        return score
    return 0.0


def said(trigger: Trigger, heard: Heard) -> bool:
    return acts_match(trigger, heard) and meaning_score(trigger, heard) > 0.0


def missing_for(trigger: Trigger, state: CustomerState) -> list[str]:
    """What the conversation still lacks for this trigger; empty when ready."""
    missing = []
    if trigger.requires_verified and not state.verified:
        missing.append("identity not verified")
    missing.extend(f"hidden fact '{f}' not revealed" for f in trigger.requires_facts if f not in state.revealed)
    if trigger.max_anger is not None and state.anger > trigger.max_anger + 1e-9:
        missing.append(f"customer still too angry ({state.anger:.2f} > {trigger.max_anger:.2f})")
    return missing


def fires(trigger: Trigger, heard: Heard, state: CustomerState) -> bool:
    return said(trigger, heard) and not missing_for(trigger, state)


def warm_banks(scenario: Scenario, *, with_description: bool = True) -> None:
    """Encode every example bank this scenario's triggers use, once, so the first question is not slow.

    The banks are the exact lists :func:`meaning_score` and the offer hearing ask for, so they are
    cache hits afterwards (``language.similarity.example_bank`` keys by content).
    """
    for fact in scenario.hidden_facts:
        if fact.reveal_when.examples:
            if with_description:
                example_bank({"": [*fact.reveal_when.examples, fact.description]})
            # the examples alone: an act-only flow edge asks whether the turn means a fact (``_means_something``)
            example_bank({"": list(fact.reveal_when.examples)})
    triggers = [r.when for r in scenario.resolutions]
    if scenario.flow is not None:
        triggers.extend(b.when for n in scenario.flow.nodes for b in n.branches)
    if scenario.upsell is not None:
        triggers.append(scenario.upsell.pitch)
    for trig in triggers:
        if trig.examples:
            example_bank({"": list(trig.examples)})
    for res in scenario.resolutions:
        if not res.acceptable and not res.when.examples:
            example_bank({"": [res.description]})
    good = [r.description for r in scenario.resolutions if r.acceptable]
    if good:  # what a plainly bad offer is set beside (``OfferHandling._plainly_bad``)
        example_bank({"": good})
