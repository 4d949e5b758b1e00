"""Plain answers from what the customer knows, for a question no hidden fact or branch took.

A real caller answers "What's your postcode?", "Is anything still owing?" or "Which plan are
you on?" with the value, a yes or a no, or "I don't know" — not "Okay." This module builds,
once per scenario, a keyed example bank of what the persona can be asked about:

- account facts the customer knows (``Fact.known_to_customer``): "What is your <label>?";
- the company's side of the account (offers, references, limits): matched so that a question
  about it gets "I don't know" instead of a near-miss customer value;
- the scenario's ``knows`` items (statements with yes/no polarity);
- the persona's name;
- hidden facts, which answer only once they are revealed ("Like I said, ...").

A question is matched by meaning (``language.similarity`` through :class:`~simulator.triggers.Heard`)
and answered from the closest key above :data:`ANSWER_THRESHOLD`. Two rules keep this path from
leaking what the trainee must dig for: an account value that an unrevealed hidden fact describes
is not answerable until the fact is revealed, and a question that comes close to an unrevealed
hidden fact (:data:`NEAR_HIDDEN`) gets no answer from here at all — revealing stays with the
trigger mechanism (``ScriptedEngine._reveal``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from domain.scenario import Fact, Scenario
from language.numbers import dates, identifiers, numbers
from simulator.hearing import FACT_DESCRIPTION_AS_EXAMPLE, REVEAL_THRESHOLD
from simulator.state import CustomerState
from simulator.text import display_value, mentioned_facts, normalise
from simulator.triggers import Heard

ANSWER_THRESHOLD = 0.7
"""Cosine at or above which a question is about a known item. A label phrased as a question matches
its rewordings at 0.75-0.99 with the bundled encoder, but a shared noun alone reaches 0.6-0.69
("What did you order?" vs "What is your order total?"), so the bar sits above that."""
WH_KINDS: dict[str, frozenset[str]] = {
    "when": frozenset({"date"}),
    "how_much": frozenset({"amount", "number", "text"}),
    "how_many": frozenset({"number", "text", "amount"}),
    "how_long": frozenset({"text", "number", "date"}),
    "where": frozenset({"address", "text"}),
}
"""The value kinds a wh-word can ask for: "When ...?" is never answered with an amount."""
AUTHORED_THRESHOLD = REVEAL_THRESHOLD
"""The bar for authored questions (``knows`` items, name and contact phrasings): the same as a hidden fact's."""
NEAR_HIDDEN = REVEAL_THRESHOLD - 0.15
"""A question this close to an unrevealed hidden fact is left to the reveal trigger (no answer here),
unless a known item is clearly closer (:data:`CLEARLY_CLOSER`)."""
CLEARLY_CLOSER = 0.05
POLARITY_MARGIN = 0.08
POLARITY_SCORE = 0.7
"""A "Yes." / "No." in front of the statement needs its polarity's examples at least this close and
:data:`POLARITY_MARGIN` closer than the other polarity's: sentence vectors barely see negation ("Do you
owe anything?" sits near "Have you paid?"), so an unsure match gets the statement alone, which is true."""

_PROPOSAL = re.compile(
    r"^(?:\W*(?:so|okay|ok|right|now|and|then|great|perfect|alright)\W+)*"
    r"(?:would you (?:like|prefer|want|be (?:happy|ok|okay|comfortable|able|willing))|do you want|"
    r"shall i|should i|can i|could i|may i|would it|would that|does that|is that|is it ok|is it alright|"
    r"are you (?:happy|ok|okay|comfortable|able|willing|still there)|can you (?:hear|hold|bear)|"
    r"how does that|how would|how are you|how's that|what do you think|do you mind|"
    r"would you mind|is there anything else|anything else)\b",
    re.I,
)
"""Proposals, permissions and check-ins ask for a decision, not a fact: never "I don't know"."""
_INFO_WH = frozenset({"what", "when", "where", "which", "who", "why", "how", "how_much", "how_many", "how_long"})
_AUTHORED_ONLY_WH = frozenset({"why"})
"""A "Why ...?" asks the customer's reasons: only an authored ``knows`` item (or a revealed fact) answers
it; an account value ("Why is the bill so high?" -> "It's $287.45.") or "I don't know" would be wrong."""
_AUTHORED_KINDS = frozenset({"known", "known_yes", "known_no", "revealed"})

DONT_KNOW_CALM = ("I'm sorry, I don't know that.", "I'm not sure, I'm afraid.", "I really don't know, sorry.")
DONT_KNOW_HEATED = ("I don't know that.", "No idea, honestly.", "Not offhand, no.")
ON_FILE = ("Use the one you have on file.", "The one on the account is fine.")
"""Contact details the account does not hold: the customer points at what the company has."""
_HEATED = frozenset({"frustrated", "angry", "abusive", "suspicious"})


@dataclass(frozen=True)
class Item:
    """One thing the customer may be asked about, and what they say."""

    key: str
    examples: tuple[str, ...]
    kind: str
    """``account`` | ``company`` | ``known_yes`` | ``known_no`` | ``known`` | ``name`` | ``contact`` | ``revealed``."""
    ref: str
    """The fact, known-fact or hidden-fact id behind it."""


@dataclass(frozen=True)
class Answer:
    """The customer's answer: options to pick one line from, under a situation key, and why."""

    intent: str
    key: str
    options: tuple[str, ...]
    note: str


@dataclass
class Knowledge:
    """A scenario's askable items, built once per scenario (see :func:`knowledge`)."""

    items: dict[str, Item] = field(default_factory=dict)
    covered: dict[str, list[str]] = field(default_factory=dict)
    """Account fact id → hidden facts that describe its value (answerable only once those are revealed)."""

    @property
    def bank(self) -> dict[str, list[str]]:
        return {k: list(i.examples) for k, i in self.items.items()}


def _question_forms(label: str) -> tuple[str, ...]:
    low = label[0].lower() + label[1:] if label else label
    return (label, f"What is your {low}?", f"Can you tell me the {low}?")


def covered_by_hidden(sc: Scenario, fact: Fact) -> list[str]:
    """Hidden facts whose description or replies say this account value (their reveal must come first)."""
    covered = []
    for hidden in sc.hidden_facts:
        text = normalise(" ".join([hidden.description, *hidden.replies]))
        if mentioned_facts(text, [fact]):
            covered.append(hidden.id)
    return covered


_CACHE: dict[int, tuple[Scenario, Knowledge]] = {}


def knowledge(sc: Scenario) -> Knowledge:
    """Everything the persona can be asked about (cached per scenario object; scenarios are read-only)."""
    hit = _CACHE.get(id(sc))
    if hit is not None and hit[0] is sc:
        return hit[1]
    kn = Knowledge()
    kn.covered = {f.id: ids for f in sc.account if (ids := covered_by_hidden(sc, f))}
    for fact in sc.account:
        kind = "account" if fact.known_to_customer else "company"
        kn.items[f"{kind}:{fact.id}"] = Item(f"{kind}:{fact.id}", _question_forms(fact.label), kind, fact.id)
    for known in sc.knows:
        for kind, examples in (("known", known.asked), ("known_yes", known.yes_to), ("known_no", known.no_to)):
            if examples:
                key = f"{kind}:{known.id}"
                kn.items[key] = Item(key, tuple(examples), kind, known.id)
    kn.items["name:customer"] = Item(
        "name:customer",
        ("What is your name?", "Who am I speaking with?", "Can I take your name?", "Who's calling, please?"),
        "name",
        "customer_name",
    )
    kn.items["contact:on_file"] = Item(
        "contact:on_file",
        (
            "What's the best phone number to reach you on?",
            "Which email address should we use for you?",
            "Is there a number the technician can call you on?",
            "What contact details should we use?",
        ),
        "contact",
        "contact",
    )
    for hidden in sc.hidden_facts:
        examples = [*hidden.reveal_when.examples, hidden.description]
        kn.items[f"revealed:{hidden.id}"] = Item(f"revealed:{hidden.id}", tuple(examples), "revealed", hidden.id)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(sc)] = (sc, kn)
    return kn


def spoken_value(fact: Fact) -> str:
    """The value as a person says it: "$59.99", "March 3" for 2026-03-03 (a time or window kept)."""
    value = display_value(fact)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(.*)$", value) if fact.kind == "date" else None
    if m is None:
        return value
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return value
    return f"{calendar.month_name[day.month]} {day.day}{m.group(4)}"


def is_information_question(heard: Heard) -> bool:
    """Whether the turn asks for a fact (wh-, request or yes/no) rather than proposing or checking in."""
    q = heard.question
    if not q.is_question:
        return False
    sentence = normalise(q.sentence or heard.raw)
    if _PROPOSAL.match(sentence):
        return False
    if q.kind == "wh":
        return q.wh in _INFO_WH
    return True


def _value_answer(fact: Fact, heard: Heard) -> tuple[str, ...]:
    value = spoken_value(fact)
    if heard.question.kind != "yes_no":
        return (f"It's {value}.",)
    if mentioned_facts(heard.norm, [fact]):
        return ("Yes, that's right.", f"Yes, {value}.")
    if numbers(heard.raw) or dates(heard.raw) or identifiers(heard.raw):
        return (f"No, it's {value}.", f"No. It's {value}.")
    return (f"It's {value}.",)


def _wh_fits(sc: Scenario, fact_id: str, heard: Heard) -> bool:
    fact = sc.fact(fact_id)
    kinds = WH_KINDS.get(heard.question.wh or "")
    return fact is not None and (kinds is None or fact.kind in kinds)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text


def answer_question(sc: Scenario, st: CustomerState, heard: Heard) -> Answer | None:
    """The customer's plain answer to an information question, or None to leave the turn as it was.

    Parameters
    ----------
    sc : Scenario
        The scenario (its account, ``knows`` items, persona and hidden facts).
    st : CustomerState
        Which hidden facts are already revealed.
    heard : Heard
        The agent's turn; only information questions are answered (see :func:`is_information_question`).

    Returns
    -------
    Answer or None
        The value, a yes/no with the statement, "like I said" for a revealed fact, or "I don't know";
        None when the turn is no information question or comes close to an unrevealed hidden fact.
    """
    if not is_information_question(heard):
        return None
    unrevealed = [h for h in sc.hidden_facts if h.id not in st.revealed]
    near = 0.0
    for hidden in unrevealed:
        extra = [hidden.description] if FACT_DESCRIPTION_AS_EXAMPLE else []
        near = max(near, heard.closeness([*hidden.reveal_when.examples, *extra])[0])
    kn = knowledge(sc)
    matches = heard.matches(kn.bank)
    hidden_first = {f for f, hidden in kn.covered.items() if any(h not in st.revealed for h in hidden)}
    usable = {}
    for key, match in matches.items():
        item = kn.items[key]
        if (item.kind == "revealed" and item.ref not in st.revealed) or (
            item.kind == "account" and item.ref in hidden_first
        ):
            if match.score >= ANSWER_THRESHOLD and match.score >= max(m.score for m in matches.values()):
                return None  # about something still hidden: not this path's to say, nor to deny
            continue
        if item.kind in ("account", "company") and not _wh_fits(sc, item.ref, heard):
            continue
        if heard.question.wh in _AUTHORED_ONLY_WH and item.kind not in _AUTHORED_KINDS:
            continue
        bar = ANSWER_THRESHOLD if item.kind in ("account", "company") else AUTHORED_THRESHOLD
        if match.score >= bar:
            usable[key] = match
    best = max(usable.values(), key=lambda m: m.score, default=None)
    if near >= NEAR_HIDDEN and (best is None or best.score < near + CLEARLY_CLOSER):
        return None  # close to something still hidden: neither answer nor deny
    if best is None and heard.question.wh in _AUTHORED_ONLY_WH:
        return None  # a reason nobody authored: the scenario's own lines answer it, not "I don't know"
    if best is None:
        low = max(matches.values(), key=lambda m: m.score, default=None)
        why = f"best known item {low.key} at {low.score:.2f}" if low is not None else "nothing known"
        return Answer(
            "dont_know",
            "dont_know",
            DONT_KNOW_HEATED if sc.persona.temperament in _HEATED else DONT_KNOW_CALM,
            f"answered 'I don't know': {why}, below its bar",
        )
    item = kn.items[best.key]
    note = f"answered from {best.key} (closest to '{best.example}' at {best.score:.2f})"
    if item.kind in ("account", "company"):
        fact = sc.fact(item.ref)
        if fact is None or item.kind == "company":
            options = DONT_KNOW_HEATED if sc.persona.temperament in _HEATED else DONT_KNOW_CALM
            return Answer("dont_know", "dont_know", options, f"{note}: the company's side, not the customer's")
        return Answer("answer", f"answer:{fact.id}", _value_answer(fact, heard), note)
    if item.kind == "contact":
        contact = [f for f in sc.account if f.known_to_customer and f.kind in ("phone", "email", "address")]
        if not contact:
            return Answer("answer", "answer:contact", ON_FILE, note)
        fact = max(contact, key=lambda f: heard.closeness(list(_question_forms(f.label)))[0])
        return Answer("answer", f"answer:{fact.id}", _value_answer(fact, heard), note)
    if item.kind == "name":
        return Answer("answer", "answer:name", (f"It's {sc.persona.name}.", f"{sc.persona.name}."), note)
    if item.kind == "revealed":
        hidden = next(h for h in sc.hidden_facts if h.id == item.ref)
        return Answer(
            "answer", f"answer:{hidden.id}", tuple(f"Like I said, {_lower_first(r)}" for r in hidden.replies), note
        )
    known = next(k for k in sc.knows if k.id == item.ref)
    prefix = ""
    if heard.question.kind == "yes_no" and item.kind in ("known_yes", "known_no"):
        other = "known_no" if item.kind == "known_yes" else "known_yes"
        rival = usable.get(f"{other}:{known.id}")
        if best.score >= POLARITY_SCORE and (rival is None or best.score - rival.score >= POLARITY_MARGIN):
            prefix = "Yes. " if item.kind == "known_yes" else "No. "
    return Answer("answer", f"answer:{known.id}", (prefix + known.says,), note)
