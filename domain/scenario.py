"""Scenario: one simulated contact a trainee practises, authored by trainers in YAML.

A scenario holds the ground truth the accuracy scorer compares against
(``account``), what the trainee must find out (``hidden_facts``), what the
customer will accept (``resolutions``), the customer's persona and lines, and
an optional branching ``flow`` that trainers write without Python.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from domain.acts import Act
from domain.base import StrictModel
from domain.languages import LANGUAGE_PATTERN

Identifier = str  # lowercase, digits, '-' and '_'; checked by ``_check_id``

Category = Literal[
    "complaint",
    "billing_dispute",
    "upsell",
    "cancellation",
    "technical",
    "order",
    "account",
    "abusive",
    "outbound",
]
Temperament = Literal["calm", "friendly", "frustrated", "angry", "confused", "anxious", "abusive", "suspicious"]
EndState = Literal["resolved", "escalated", "transferred", "customer_hung_up", "agent_ended", "timed_out"]
FactKind = Literal["text", "id", "amount", "date", "plan", "phone", "email", "address", "number"]


MAX_ID_LENGTH = 40  # ids end up inside session ids, file names and database keys


def _check_day(value: str | None) -> str | None:
    """A YYYY-MM-DD string that is a real day (the pattern alone lets "2026-02-30" through)."""
    if value is not None:
        date.fromisoformat(value)
    return value


def _check_id(value: str) -> str:
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(f"id {value!r} must be lowercase letters, digits, '-' or '_'")
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"id is {len(value)} characters long; the limit is {MAX_ID_LENGTH}")
    return value


class Persona(StrictModel):
    """Who the customer is and how they behave; drives the simulator's starting state."""

    name: str
    temperament: Temperament = "calm"
    patience: int = Field(default=6, ge=1, le=10, description="How many unhelpful agent turns they tolerate, roughly.")
    trust: float = Field(default=0.5, ge=0, le=1, description="Starting trust in the company, 0..1.")
    anger: float = Field(default=0.3, ge=0, le=1, description="Starting anger, 0 (calm) .. 1 (furious).")
    patience_range: tuple[int, int] | None = Field(
        default=None, description="Seeded sessions draw patience from this range (inclusive) instead."
    )
    anger_range: tuple[float, float] | None = Field(
        default=None, description="Seeded sessions draw the starting anger from this range instead."
    )
    temper: tuple[float, float] | None = Field(
        default=None, description="Range of how fast anger moves (1.0 = the standard mood rules); drawn per seed."
    )
    age: int | None = Field(default=None, ge=0, le=120)
    background: str = ""
    voice: str | None = Field(default=None, description="TTS voice name; engine default when empty.")
    speaking_rate: float = Field(default=1.0, gt=0.25, le=3.0)

    @model_validator(mode="after")
    def _ranges_ordered(self) -> Persona:
        for name, lo_ok, hi_ok in (("patience_range", 1, 10), ("anger_range", 0, 1), ("temper", 0.2, 3)):
            rng = getattr(self, name)
            if rng is not None and not (lo_ok <= rng[0] <= rng[1] <= hi_ok):
                raise ValueError(f"{name} must be [low, high] with {lo_ok} <= low <= high <= {hi_ok}")
        return self


class Fact(StrictModel):
    """One piece of account ground truth (what the CRM shows once identity is verified)."""

    id: Identifier
    label: str
    value: str | int | float
    kind: FactKind = "text"
    aliases: list[str] = Field(default_factory=list, description="Other ways the value is said.")
    verifier: bool = Field(default=False, description="Can be used to verify identity (e.g. postcode, last 4 digits).")
    sensitive: bool = Field(default=False, description="Must not be disclosed before identity is verified.")
    customer_knows: bool | None = Field(
        default=None,
        description="Whether the customer knows this value and gives it when asked. Unset: verifiers and "
        "sensitive account details yes, the company's side (offers, references, limits) no.",
    )

    _v_id = field_validator("id")(_check_id)

    @property
    def known_to_customer(self) -> bool:
        """What the customer can answer about (explicit ``customer_knows``, else verifier or sensitive)."""
        return self.customer_knows if self.customer_knows is not None else (self.verifier or self.sensitive)


class Trigger(StrictModel):
    """When something happens, judged on one agent turn.

    ``examples`` are phrasings of what the agent would say (several, varied): a turn
    matches by meaning when it is close to one of them (cosine of sentence vectors at
    least ``threshold``, default ``language.similarity.MATCH_THRESHOLD``). Keywords then
    become an optional extra: a keyword in the turn lowers the bar to
    ``KEYWORD_THRESHOLD`` but never matches on its own. Without ``examples`` the old
    rule holds: ``keywords`` matches when the turn contains any listed phrase
    (case-insensitive, on word boundaries). ``acts`` matches when the turn carries any of
    the listed acts (a ``question`` act also accepts any sentence shaped as a question).
    Acts and meaning/keywords must both match; with neither given the trigger always
    matches. ``requires_verified`` also
    demands that identity was verified earlier, ``requires_facts`` that these hidden
    facts were already revealed, ``max_anger`` that the customer has calmed to at most that.
    """

    acts: list[Act] = Field(default_factory=list)
    examples: list[str] = Field(
        default_factory=list, description="Example agent phrasings; a turn close in meaning to one matches."
    )
    threshold: float | None = Field(
        default=None, ge=0.2, le=0.95, description="Cosine needed to match an example (default: calibrated)."
    )
    keywords: list[str] = Field(default_factory=list)
    requires_verified: bool = False
    requires_facts: list[Identifier] = Field(
        default_factory=list, description="Hidden facts that must be revealed first."
    )
    max_anger: float | None = Field(default=None, ge=0, le=1)


class HiddenFact(StrictModel):
    """Something the customer knows but says only when asked the right question."""

    id: Identifier
    description: str = Field(description="What the fact is, for trainers and the scorer.")
    reveal_when: Trigger
    replies: list[str] = Field(min_length=1, description="Customer lines that reveal it; one is picked per play.")
    required: bool = Field(default=True, description="Must be uncovered before the issue can be resolved.")

    _v_id = field_validator("id")(_check_id)


class KnownFact(StrictModel):
    """Something the customer knows and says plainly when asked: no reveal, no progress, just an answer.

    Hidden facts are what the trainee must dig for; known facts keep the customer from saying
    "Okay." to an ordinary question ("Is anything still owing?" → "No, it's all paid.").
    """

    id: Identifier
    says: str = Field(description="The customer's answer as a statement, in character (no leading yes/no).")
    asked: list[str] = Field(default_factory=list, description="Questions the statement answers (any kind).")
    yes_to: list[str] = Field(default_factory=list, description="Yes/no questions whose true answer is yes.")
    no_to: list[str] = Field(default_factory=list, description="Yes/no questions whose true answer is no.")

    _v_id = field_validator("id")(_check_id)

    @model_validator(mode="after")
    def _has_questions(self) -> KnownFact:
        if not (self.asked or self.yes_to or self.no_to):
            raise ValueError("a known fact needs at least one question in asked, yes_to or no_to")
        return self


class OfferTerms(StrictModel):
    """What an offer must meet for the customer to take it (typed goal constraints).

    Checked on the offer the simulator extracts from the trainee's turn: an amount said
    below ``amount_at_least`` is partial, a wait longer than ``max_wait_days`` or a date
    after ``by_date`` is too late, dates all outside ``dates`` name the wrong item, and
    none of ``must_say`` (or of ``must_also_say``) said leaves out what was needed (a disclosure, the right slot,
    the term beside the price). Unset
    fields are not checked; ``amount_at_least`` defaults to the resolution's ``amount``.
    """

    amount_at_least: float | None = Field(default=None, ge=0, description="Smallest amount that meets the need.")
    max_wait_days: int | None = Field(default=14, ge=0, description="Longest wait the customer accepts, in days.")
    by_date: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Latest acceptable date (YYYY-MM-DD)."
    )
    dates: list[str] = Field(
        default_factory=list,
        description="The item(s) the offer must be about, as YYYY-MM-DD (e.g. the duplicate charge).",
    )
    must_say: list[str] = Field(
        default_factory=list,
        description="Phrases of which the offer must contain at least one (a required disclosure, the right slot).",
    )
    must_also_say: list[str] = Field(
        default_factory=list,
        description=(
            "A second disclosure: phrases of which the offer must also contain at least one (the term beside the "
            "price: a loyalty price without its 12 months is only half told)."
        ),
    )

    missing_reply: str | None = Field(
        default=None,
        description="What the customer asks when a disclosure of must_say or must_also_say is left out.",
    )

    _v_by_date = field_validator("by_date")(_check_day)


class Resolution(StrictModel):
    """An outcome the agent can offer. Unacceptable ones are what the customer refuses."""

    id: Identifier
    description: str
    acceptable: bool = True
    when: Trigger = Field(description="How the simulator recognises the agent offering it.")
    amount: float | None = Field(
        default=None, ge=0, description="Credit/refund amount, checked against authority limits."
    )
    requires_escalation: bool = False
    terms: OfferTerms = Field(default_factory=OfferTerms, description="What the offer must meet (acceptable ones).")
    replies: list[str] = Field(min_length=1, description="Customer lines when it is offered.")
    end_state: EndState | None = Field(default="resolved", description="None: the call goes on after the reply.")

    _v_id = field_validator("id")(_check_id)


class WrongExplanation(StrictModel):
    """A cause of the problem that is false in this scenario, and that trainees often give.

    A trainer lists the words that state it; an offer that states it (not negated, not asked) is refused with
    ``reply``, even when the remedy is right: "Someone logged in to your account online" tells a customer whose
    son bought the add-on on the TV box that he was hacked, and sends him to change passwords he need not.
    """

    claim: str = Field(description="What the wrong explanation says, in the trainer's words.")
    phrases: list[str] = Field(
        min_length=1,
        description="Words that state it (matched whole, case-insensitively; a negated or asked one does not count).",
    )
    reply: str = Field(description="What the customer says when told it.")


class Upsell(StrictModel):
    """An upsell chance: accepted only when pitched after the issue is handled and with the disclosure said."""

    id: Identifier
    product: str
    price: float = Field(ge=0)
    pitch: Trigger
    disclosure_keywords: list[str] = Field(
        min_length=1, description="Terms the agent must state (price, contract, cancellation)."
    )
    accept_replies: list[str] = Field(min_length=1)
    decline_replies: list[str] = Field(min_length=1)
    ask_terms_replies: list[str] = Field(min_length=1, description="When pitched without the disclosure.")

    _v_id = field_validator("id")(_check_id)


class CustomerLines(StrictModel):
    """Authored customer lines by situation. ``{placeholders}`` are filled from account facts ids."""

    opening: list[str] = Field(min_length=1)
    verification: list[str] = Field(default_factory=lambda: ["Sure, it's {account_id}."])
    refuse_verification: list[str] = Field(default_factory=list)
    unverified_disclosure: list[str] = Field(
        default_factory=lambda: ["Hang on, you haven't even checked who I am. Is that normal?"]
    )
    angrier: list[str] = Field(default_factory=lambda: ["That's not good enough."])
    calmer: list[str] = Field(default_factory=lambda: ["Okay. Thank you for listening."])
    neutral: list[str] = Field(default_factory=lambda: ["Okay."])
    not_understood: list[str] = Field(default_factory=lambda: ["Sorry, what do you mean?"])
    ask_supervisor: list[str] = Field(default_factory=lambda: ["I want to speak to your supervisor."])
    hang_up: list[str] = Field(default_factory=lambda: ["Forget it. I'm done."])
    on_hold: list[str] = Field(default_factory=lambda: ["Fine, I'll hold."])
    reject_offer: list[str] = Field(default_factory=lambda: ["No, that doesn't fix my problem."])
    escalated: list[str] = Field(default_factory=lambda: ["Alright, put me through."])
    transferred: list[str] = Field(
        default_factory=lambda: [
            "Another department? I've already explained all of this once. Fine, put me through.",
            "You're passing me on? I thought you could sort this out yourself.",
        ],
        description="When the agent transfers a contact to another team that this customer's problem does not "
        "belong to (a scenario whose problem is another team's has an acceptable resolution ending 'transferred').",
    )
    closing: list[str] = Field(default_factory=lambda: ["No, that's everything. Bye."])


class Branch(StrictModel):
    """An authored edge of the flow: when the trigger fires in this node, say a line and move."""

    when: Trigger
    goto: Identifier
    say: list[str] = Field(default_factory=list)
    anger: float = Field(default=0.0, ge=-1, le=1, description="Change in anger when taken.")


class Node(StrictModel):
    """A state of the authored flow. A node with ``end`` finishes the contact when entered."""

    id: Identifier
    say: list[str] = Field(default_factory=list, description="Customer lines on entering the node.")
    branches: list[Branch] = Field(default_factory=list)
    end: EndState | None = None

    _v_id = field_validator("id")(_check_id)


class Flow(StrictModel):
    """An authored overlay on the customer's generic behaviour.

    The customer starts in node ``start`` (its ``say`` replaces ``lines.opening`` when
    given). On each agent turn the current node's branches are tried in order; the
    first whose trigger matches is taken: the customer says the branch's ``say`` (or
    else the target node's ``say``), anger changes by ``anger``, and a target node
    with ``end`` ends the contact. When no branch matches, the generic behaviour
    (hidden facts, resolutions, mood) answers the turn.
    """

    start: Identifier
    nodes: list[Node] = Field(min_length=1)


class Brief(StrictModel):
    """What the trainee knows going in (the screen-pop before the call connects)."""

    customer_name: str
    reason: str
    notes: str = ""


class Scenario(StrictModel):
    version: int = Field(ge=1)
    kind: Literal["scenario"] = "scenario"
    id: Identifier
    title: str
    category: Category
    channel: Literal["phone", "chat", "email"] = "phone"
    language: str = Field(
        default="en",
        pattern=LANGUAGE_PATTERN,
        description=(
            "Language of the contact (ISO 639-1, e.g. 'en', 'es'): the customer speaks it, trigger examples are "
            "written in it, and the scorer judges only the criteria that support it."
        ),
    )
    direction: Literal["inbound", "outbound"] = "inbound"
    opens: Literal["agent", "customer"] | None = Field(
        default=None,
        description="Who speaks first; default: the agent on inbound phone calls, the customer otherwise.",
    )
    difficulty: int = Field(ge=1, le=5)
    skills: list[str] = Field(default_factory=list, description="Rubric criteria this scenario exercises most.")
    description: str = ""
    time_target_seconds: int = Field(default=360, gt=0)
    rubric: Identifier = "default"
    policies: list[Identifier] = Field(default_factory=list)
    brief: Brief
    persona: Persona
    goal: str = Field(description="What the customer wants out of the contact.")
    account: list[Fact] = Field(default_factory=list)
    identity_required: bool = Field(
        default=True, description="Agent must verify identity before discussing the account."
    )
    call_date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description=(
            "The day the contact takes place (YYYY-MM-DD). With it the customer reads a named day or month "
            '("on your February bill") as a wait and refuses one longer than the resolution allows.'
        ),
    )
    hidden_facts: list[HiddenFact] = Field(default_factory=list)
    knows: list[KnownFact] = Field(
        default_factory=list, description="Plain facts the customer answers when asked (not hidden facts)."
    )
    resolutions: list[Resolution] = Field(min_length=1)
    wrong_explanations: list[WrongExplanation] = Field(
        default_factory=list,
        description="Causes of the problem that are false here; an offer that gives one is refused.",
    )
    upsell: Upsell | None = None
    lines: CustomerLines
    flow: Flow | None = None
    tags: list[str] = Field(default_factory=list)

    _v_id = field_validator("id")(_check_id)
    _v_call_date = field_validator("call_date")(_check_day)

    @field_validator("resolutions")
    @classmethod
    def _has_an_acceptable_resolution(cls, resolutions: list[Resolution]) -> list[Resolution]:
        if not any(r.acceptable for r in resolutions):
            raise ValueError("at least one resolution must be acceptable")
        return resolutions

    @property
    def agent_opens(self) -> bool:
        """Whether the agent speaks first (an inbound phone call is answered by the agent)."""
        if self.opens is not None:
            return self.opens == "agent"
        return self.channel == "phone" and self.direction == "inbound"

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.account if f.id == fact_id), None)

    @property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.account}
