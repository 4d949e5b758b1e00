"""Whether the agent calls each amount what the customer knows it to be.

A customer told "the $10 is a late fee" when their letter says equipment fee, or "an $8 equipment fee"
when the equipment fee is $10, hears a wrong explanation even though every figure is one of theirs.
So an amount said with the kind of charge it is ("$10 late fee", "a late fee of $10", "the $15 is a
network maintenance fee") is checked against the kinds the customer knows for that amount, taken from
the resolution's own words, its examples, the account (a field's label and value) and what the
customer knows. Kinds are a closed vocabulary of the charges on a telecom or utility bill with their
everyday synonyms ("box", "modem", "router" are equipment). A label outside the vocabulary, an amount
the customer knows no kind for, or a label that names two kinds at once ("$18 in price adjustment and
equipment fees") is never judged: only a clear mismatch is. An account field named for its own kind
("Monthly charge", "Transfer fee") adds that kind, unless the name is only a modifier ("monthly").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from domain.scenario import Resolution, Scenario
from language.numbers import amounts

KINDS: dict[str, tuple[str, ...]] = {
    "equipment": (
        "equipment", "box", "modem", "router", "hardware", "device", "rental", "set-top", "decoder", "gateway",
        "receiver",
    ),
    "late payment": ("late", "late payment", "overdue", "penalty", "recargo por demora"),
    "price adjustment": (
        "price adjustment", "annual adjustment", "yearly adjustment", "price rise", "price increase",
        "annual increase", "yearly increase", "annual price", "price change", "rate increase", "inflation",
    ),
    "overage": ("overage", "data overage", "excess data", "extra data", "over-limit", "over limit", "usage"),
    "maintenance": ("maintenance", "network"),
    "activation": ("activation", "setup", "set-up", "connection", "alta"),
    "installation": ("installation", "install", "installer", "call-out", "callout", "engineer", "technician"),
    "cancellation": ("cancellation", "early termination", "termination", "exit", "cancel"),
    "reconnection": ("reconnection", "reconnect"),
    "paper billing": ("paper", "paper bill", "paper billing", "paper statement"),
    "administration": ("admin", "administration", "administrative", "processing", "handling"),
    "tax": ("tax", "taxes", "vat", "regulatory", "government"),
    "roaming": ("roaming", "international"),
    "insurance": ("insurance", "protection", "cover"),
    "delivery": ("delivery", "shipping", "postage", "courier"),
    "discount": ("discount", "promotion", "promo", "introductory", "intro"),
    "upgrade": ("upgrade",),
}  # fmt: skip
"""Each kind of charge and the words people use for it; the longest phrase that fits wins."""
_HEAD = (
    r"(?:fees?|charges?|costs?|adjustments?|rates?|rises?|increases?|surcharges?|payments?|penalt(?:y|ies)|cargos?|"
    r"balances?)"
)
_MODIFIER = (
    r"(?:monthly|annual|yearly|one-time|one-off|new|extra|additional|small|standard|flat|separate|recurring|"
    r"weekly|daily|usual|regular|mandatory|optional|government|published|\d{4})"
)
_OWN_KIND = re.compile(r"^(?:[\w-]+\s+)?([a-z][\w-]{3,})\s+(?:fee|charge|surcharge|deposit)s?$", re.I)
"""An account field that names its own kind of charge: "Transfer fee", "Early termination fee"."""


@dataclass(frozen=True)
class _Vocabulary:
    """The kinds of charge one scenario's customer can tell apart, and the patterns that find them said."""

    synonyms: dict[str, str]
    after: re.Pattern[str]
    """A kind said right after the amount: "$10 late fee", "the $15 is a network fee", "$10 for the box"."""
    before: re.Pattern[str]
    """A kind said just before it: "a late fee of $10", "equipment rental: $10"."""
    another: re.Pattern[str]
    """The label goes on to name a second kind: it describes a total, not one charge."""
    phrases: tuple[tuple[re.Pattern[str], str], ...] = ()
    """Each synonym as a whole phrase, longest first, with its kind (compiled once: a reply reads many labels)."""

    def kind_of(self, label: str) -> str | None:
        words = label.lower()
        for pattern, kind in self.phrases:
            if pattern.search(words):
                return kind
        return None


@lru_cache(maxsize=64)
def _vocabulary(extra: tuple[str, ...] = ()) -> _Vocabulary:
    """The common kinds plus ``extra`` kinds a scenario's account names (each its own single word)."""
    synonyms = {word: kind for kind, words in KINDS.items() for word in words}
    synonyms |= {word: word for word in extra if word not in synonyms}
    words = "|".join(sorted((re.escape(w) for w in synonyms), key=len, reverse=True))
    phrase = rf"(?:(?:{_MODIFIER}\s+){{0,2}}(?:{words})(?:\s+{_HEAD})?)"
    return _Vocabulary(
        synonyms,
        re.compile(
            r"(?:\s*-?\s*(?:dollars?|bucks|euros?|pounds?)\b)?"  # "a nine-dollar fee", "ten dollars for the box"
            r"\s*(?:(?:is|was|'s|are|were)\s+(?:just\s+|only\s+|all\s+|simply\s+|actually\s+|really\s+)?"
            r"(?:for\s+)?(?:a|an|the|your|our|that|this)?\s*|for\s+(?:the|your|a|an)\s+|(?:in|of)\s+)?"
            rf"(?P<label>{phrase})\b(?P<rest>[^.;!?]{{0,40}})",
            re.I,
        ),
        re.compile(
            rf"(?P<label>{phrase})\s*(?:{_HEAD}\s*)?(?:of|at|is|was|:|=|de)\s*(?:about\s+|just\s+|only\s+)?"
            r"[$£€]?\s*$",
            re.I,
        ),
        re.compile(rf"^\s*(?:{_HEAD}\s+)?(?:and|plus|&|,|/|or|y)\s+(?:the\s+|an?\s+)?(?:{words})\b", re.I),
        tuple(
            (re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"), synonyms[phrase])
            for phrase in sorted(synonyms, key=len, reverse=True)
        ),
    )


_LEADING_NOISE = re.compile(r"^(?:the|a|an|your|our|this|that|one-time|monthly|new|extra|additional)\s+", re.I)


@dataclass(frozen=True)
class Mislabel:
    """An amount said as a kind of charge the customer knows it is not."""

    amount: float
    said_kind: str
    known_kinds: tuple[str, ...]
    """The kinds the customer knows for that amount (empty: the kind belongs to another amount)."""
    kind_amounts: tuple[float, ...]
    """The amounts the customer knows for the kind the agent named."""


def labelled_amounts(text: str, *, extra: tuple[str, ...] = ()) -> list[tuple[float, str]]:
    """Each amount in ``text`` said with one kind of charge, as (amount, kind); ``extra``: the scenario's kinds."""
    vocab = _vocabulary(extra)
    found: list[tuple[float, str]] = []
    for a in amounts(text):
        after = vocab.after.match(text, a.span[1])
        label: str | None = None
        if after is not None and not vocab.another.match(after.group("rest")):
            label = _LEADING_NOISE.sub("", after.group("label"))
        else:
            before = vocab.before.search(text[max(0, a.span[0] - 60) : a.span[0]])
            if before is not None:
                label = before.group("label")
        kind = vocab.kind_of(label) if label else None
        if kind is not None:
            found.append((round(a.value, 2), kind))
    return found


def account_kinds(labels: Iterable[str]) -> tuple[str, ...]:
    """Kinds of charge the account's own fields name ("Transfer fee" → "transfer") beyond the common ones."""
    common = _vocabulary().synonyms
    found = []
    for label in labels:
        m = _OWN_KIND.match(label.strip())
        if m is not None and m.group(1).lower() not in common and not re.fullmatch(_MODIFIER, m.group(1), re.I):
            found.append(m.group(1).lower())
    return tuple(sorted(set(found)))


def _account_pairs(account: Iterable[tuple[str, str]], extra: tuple[str, ...]) -> Iterable[tuple[float, str]]:
    vocab = _vocabulary(extra)
    for label, value in account:
        try:
            amount = round(float(value), 2)
        except ValueError:
            continue
        kind = vocab.kind_of(label)
        if kind is not None:
            yield amount, kind


@dataclass(frozen=True)
class _Known:
    kinds: dict[float, frozenset[str]]
    """Each amount the customer knows a kind for, with those kinds."""


@lru_cache(maxsize=256)
def _known(texts: tuple[str, ...], account: tuple[tuple[str, str], ...], extra: tuple[str, ...]) -> _Known:
    pairs = [*(p for t in texts for p in labelled_amounts(t, extra=extra)), *_account_pairs(account, extra)]
    kinds: dict[float, set[str]] = {}
    for value, kind in pairs:
        kinds.setdefault(value, set()).add(kind)
    return _Known({v: frozenset(k) for v, k in kinds.items()})


def _account_amounts(sc: Scenario) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The account's amount fields as (label, value), and the kinds of charge their labels add."""
    account = tuple((f.label, str(f.value)) for f in sc.account if f.kind == "amount")
    return account, account_kinds(label for label, _ in account)


def mislabelled(sc: Scenario, res: Resolution, text: str) -> list[Mislabel]:
    """Amounts in the agent's ``text`` named as a kind of charge the customer knows they are not.

    An amount with known kinds must be called one of them. Any other amount must not be called a kind
    that belongs to another of their amounts: "the whole $18 is the price adjustment" and "a nine-dollar
    price adjustment" are both wrong when the adjustment is $8. A kind the customer knows no amount for
    is never judged.
    """
    # Every acceptable resolution states the truth about the account: the equipment fee is $10 in all of them.
    remedies = [r for r in sc.resolutions if r.acceptable or r.id == res.id]
    texts = (
        *(t for r in remedies for t in (r.description, *r.when.examples)),
        sc.description,
        *(h.description for h in sc.hidden_facts),
    )
    account, extra = _account_amounts(sc)
    known = _known(texts, account, extra)
    if not known.kinds:
        return []
    wrong: list[Mislabel] = []
    for value, kind in labelled_amounts(text[:3000], extra=extra):
        own = known.kinds.get(value, frozenset())
        if kind in own:
            continue
        holders = tuple(sorted(v for v, kinds in known.kinds.items() if kind in kinds))
        if own or holders:
            wrong.append(Mislabel(value, kind, tuple(sorted(own)), holders))
    return wrong


_OFF_THE = re.compile(r"\b(?:off|against|towards?)\s+(?:the|your|that|this|a|any)\s+", re.I)
_CHARGE_NAMED = re.compile(rf"(?P<label>[\w-]+(?:\s+[\w-]+)?)\s+{_HEAD}\b", re.I)
""""<kind> fee" in the scenario's own words: a charge it speaks of."""
_CHARGE_AFTER = re.compile(rf"(?P<label>(?:[\w-]+\s+){{0,2}}?[\w-]+)\s+{_HEAD}\b", re.I)
"""The charge right after "off the": "$20 off the call-out charge"."""


@lru_cache(maxsize=64)
def _charges_known(
    texts: tuple[str, ...], account: tuple[tuple[str, str], ...], extra: tuple[str, ...]
) -> frozenset[str]:
    """Every kind of charge the scenario speaks of as a charge: labelled amounts, account fields, "<kind> fee"."""
    vocab = _vocabulary(extra)
    kinds = {kind for _, kind in _account_pairs(account, extra)}
    kinds |= {kind for t in texts for _, kind in labelled_amounts(t, extra=extra)}
    for t in texts:
        for m in _CHARGE_NAMED.finditer(t):
            kind = vocab.kind_of(m.group("label"))
            if kind is not None:
                kinds.add(kind)
    return frozenset(kinds)


def charge_not_theirs(sc: Scenario, text: str) -> str | None:
    """A charge the remedy is taken off that the customer never had ("$20 off the call-out charge"), if any.

    A discount on a charge that is not on their account, in their story or in any remedy is a substitute
    for the credit they were owed, however well the amount fits.
    """
    account, extra = _account_amounts(sc)
    vocab = _vocabulary(extra)
    head = text[:3000]
    said = [
        (after.group("label"), kind)
        for m in _OFF_THE.finditer(head)
        if (after := _CHARGE_AFTER.match(head, m.end()))
        if (kind := vocab.kind_of(after.group("label"))) is not None
    ]
    if not said:
        return None
    texts = (
        sc.description,
        *(h.description for h in sc.hidden_facts),
        *(t for h in sc.hidden_facts for t in h.replies),
        *(k.says for k in sc.knows),
        *(t for r in sc.resolutions for t in (r.description, *r.when.examples)),
    )
    known = _charges_known(texts, account, extra)
    return next((label for label, kind in said if kind not in known), None)
