"""A generated benchmark corpus for redaction: conversations with every sensitive value and every number
that must stay marked by character span, so recall and false redactions are counted exactly.

The generator is seeded and deterministic. It writes card numbers of several brands in many spellings
(digits, groups, dashes, spoken digits, "oh", "double", tens pairs, "thousand/hundred"), read-backs by the
agent, cards split across two turns, expiry dates and CVVs asked for or read straight after the card, SSNs,
phone numbers and e-mail addresses; and beside them amounts, order, tracking and case numbers, dates, times
and counts that a reviewer needs and that must not be redacted. ``score_corpus`` runs
:func:`importers.redaction.turn_spans` over it. bench/bench_redaction.py prints the figures; a test holds
the floors (card recall >= 99 %, overall >= 95 %, false redactions <= 1 %).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from importers.redaction import turn_spans
from importers.redaction_spans import luhn_ok

_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip


@dataclass
class Marked:
    """One value in a turn: sensitive (``kind`` set) or one that must stay (``kind`` None)."""

    start: int
    end: int
    kind: str | None
    text: str


@dataclass
class Turn:
    speaker: str
    text: str = ""
    marks: list[Marked] = field(default_factory=list)

    def add(self, piece: str, kind: str | None = None, *, mark: bool = False) -> Turn:
        start = len(self.text)
        self.text += piece
        if kind is not None or mark:
            self.marks.append(Marked(start, len(self.text), kind, piece))
        return self


Conversation = list[Turn]


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("34", 15), ("6011", 16), ("4", 13)])
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


def _not_card(rng: random.Random) -> str:
    card = _card(rng)
    return card[:-1] + str((int(card[-1]) + rng.randint(1, 9)) % 10)


def _spoken_digits(digits: str, rng: random.Random) -> str:
    zero = rng.choice(["zero", "oh"])
    words: list[str] = []
    i = 0
    while i < len(digits):
        d = digits[i]
        if i + 1 < len(digits) and digits[i + 1] == d and rng.random() < 0.3:
            words.append(f"double {zero if d == '0' else _DIGIT_WORDS[int(d)]}")
            i += 2
            continue
        words.append(zero if d == "0" else _DIGIT_WORDS[int(d)])
        i += 1
    return " ".join(words)


def _pair(two: str) -> str:
    n = int(two)
    if two[0] == "0":
        return f"oh {_DIGIT_WORDS[n]}"
    if n < 20:
        return _TEENS[n - 10]
    return _TENS[n // 10] + ("" if n % 10 == 0 else f" {_DIGIT_WORDS[n % 10]}")


def _spell_card(card: str, rng: random.Random) -> str:
    groups = [card[i : i + 4] for i in range(0, len(card), 4)]
    style = rng.randrange(8)
    if style == 0:
        return card
    if style == 1:
        return " ".join(groups)
    if style == 2:
        return "-".join(groups)
    if style == 3:
        return _spoken_digits(card, rng)
    if style == 4:
        return ", ".join(_spoken_digits(g, rng) for g in groups)
    if style == 5 and len(card) % 2 == 0 and all(card[i] != "0" for i in range(0, len(card), 2)):
        return ", ".join(" ".join(_pair(g[j : j + 2]) for j in range(0, len(g), 2)) for g in groups)
    if style == 6:
        return " ".join(g if k % 2 == 0 else _spoken_digits(g, rng) for k, g in enumerate(groups))
    return "... ".join(groups)


def _expiry(rng: random.Random) -> str:
    month, year = rng.randint(1, 12), rng.randint(25, 33)
    style = rng.randrange(6)
    if style == 0:
        return f"{month:02d}/{year}"
    if style == 1:
        return f"{month}/{year}"
    if style == 2:
        return f"{month:02d}/20{year}"
    if style == 3:
        return f"{_pair(f'{month:02d}')} {_pair(str(year))}"
    if style == 4:
        return f"{_MONTHS[month - 1]} 20{year}"
    return f"{_MONTHS[month - 1]} twenty {_pair(str(year))}"


def _cvv(rng: random.Random) -> str:
    code = "".join(rng.choice("0123456789") for _ in range(rng.choice([3, 3, 3, 4])))
    style = rng.randrange(3)
    if style == 0:
        return code
    if style == 1:
        return _spoken_digits(code, rng)
    return " ".join(code)


def _keep_value(rng: random.Random) -> tuple[str, str]:
    """An ordinary number a reviewer needs, in a sentence: (prefix, value)."""
    amount = f"{rng.randint(5, 1999)}"
    options = [
        ("you were charged $", f"{amount}.{rng.randint(0, 99):02d}"),
        ("the bill was ", f"{amount} dollars"),
        ("my order number is ", "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 10)))),
        ("the tracking number is 1Z", "".join(rng.choice("0123456789ABCDEF") for _ in range(16))),
        ("case number ", f"{rng.randint(100, 999)}-{rng.randint(10000, 99999)}"),
        ("order ", _not_card(rng)),
        ("it was delivered on ", f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2024"),
        ("I called at ", f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d}"),
        ("it took ", f"{rng.randint(2, 30)} days"),
        ("I ordered ", f"{rng.randint(2, 9)} items"),
        ("the invoice number is ", "".join(rng.choice("0123456789") for _ in range(9))),
        ("a credit of ", f"{amount} dollars"),
        ("my account number is ", "".join(rng.choice("0123456789") for _ in range(8))),
    ]
    return rng.choice(options)


def _conversation(rng: random.Random, kind: int) -> Conversation:
    card = _card(rng)
    spelled = _spell_card(card, rng)
    agent = Turn("agent")
    cust = Turn("customer")
    if kind == 0:  # card, then expiry and CVV asked for
        agent.add(rng.choice(["Can I have the card number?", "What's the long number on the card?", "Card number?"]))
        cust.add(rng.choice(["Sure, it's ", "It's ", "", "Yeah, "])).add(spelled, "CARD").add(".")
        ask = Turn("agent").add(rng.choice(["And the expiration date?", "When does it expire?", "Expiry date please."]))
        exp = Turn("customer").add(rng.choice(["It's ", "", "It expires "])).add(_expiry(rng), "EXPIRY")
        exp.add(rng.choice([".", "", " I think."]))
        ask2 = Turn("agent").add(rng.choice(["And the security code on the back?", "The three digit code?", "CVV?"]))
        code = Turn("customer").add(rng.choice(["", "It's ", "Okay, "])).add(_cvv(rng), "CVV")
        return [agent, cust, ask, exp, ask2, code]
    if kind == 1:  # everything in one breath, straight after the card
        agent.add("Go ahead with the card details.")
        cust.add("It's ").add(spelled, "CARD").add(rng.choice([", ", " ", ", exp ", " expires "]))
        cust.add(_expiry(rng) if rng.random() < 0.7 else f"{rng.randint(1, 12):02d}{rng.randint(25, 33)}", "EXPIRY")
        cust.add(rng.choice([", ", " and ", ", CVV ", " security code "])).add(_cvv(rng), "CVV").add(".")
        return [agent, cust]
    if kind == 2:  # read-back by the agent
        agent.add("Let me read that back: ").add(spelled, "CARD").add(rng.choice([", correct?", ". Is that right?"]))
        return [Turn("customer").add("My card number is ").add(_spell_card(card, rng), "CARD"), agent]
    if kind == 3:  # split across two turns
        cut = rng.choice([4, 8, 12]) if len(card) == 16 else 10
        first, second = card[:cut], card[cut:]
        turns = [Turn("agent").add("What's the card number?")]
        turns.append(Turn("customer").add("It's ").add(" ".join(first[i : i + 4] for i in range(0, cut, 4)), "CARD"))
        if rng.random() < 0.5:
            turns.append(Turn("agent").add(rng.choice(["Mm-hm.", "Okay.", "Go on."])))
        turns.append(Turn("customer").add(" ".join(second[i : i + 4] for i in range(0, len(second), 4)), "CARD"))
        return turns
    if kind == 4:  # after a CVV question, money talk must stay
        agent.add("Can you read me the CVV on the back?")
        amount, other = rng.randint(100, 999), rng.randint(100, 999)
        cust.add("Wait, the charge was ").add(f"{amount} dollars", mark=True).add(", not ").add(str(other), mark=True)
        return [agent, cust]
    if kind == 5:  # other personal data
        choice = rng.randrange(4)
        if choice == 0:
            area, mid, end = rng.randint(200, 989), rng.randint(200, 999), rng.randint(1000, 9999)
            cust.add("You can call me back at ").add(
                rng.choice([f"({area}) {mid}-{end}", f"{area}-{mid}-{end}"]), "PHONE"
            )
        elif choice == 1:
            name = rng.choice(["jane.doe", "bob_smith", "k.lee+billing", "mary77"])
            cust.add("My email is ").add(f"{name}@{rng.choice(['example.com', 'mail.co.uk', 'corp.org'])}", "EMAIL")
        elif choice == 2:
            ssn = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
            cust.add("My social is ").add(ssn, "SSN")
        else:
            agent.add("What's the best number to reach you?")
            cust.add(_spoken_digits("".join(rng.choice("23456789") for _ in range(10)), rng), "PHONE")
        return [agent, cust]
    # kind 6: ordinary numbers that must stay, sometimes in a call that also mentions a card
    prefix, value = _keep_value(rng)
    cust.add(prefix[0].upper() + prefix[1:]).add(value, mark=True).add(".")
    if rng.random() < 0.3:
        return [Turn("agent").add("Which card did you pay with?"), cust]
    return [cust]


def generate_corpus(*, n: int = 600, seed: int = 16) -> list[Conversation]:
    """``n`` conversations, a mix of the seven kinds (ordinary numbers weighted most)."""
    rng = random.Random(seed)
    weights = [3, 2, 2, 2, 1, 2, 5]
    return [_conversation(rng, rng.choices(range(7), weights)[0]) for _ in range(n)]


@dataclass
class CorpusScore:
    lines: int
    found: Counter[str]
    total: Counter[str]
    kept_total: int
    false_redactions: int
    missed: list[str]
    over: list[str]

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            return sum(self.found.values()) / max(1, sum(self.total.values()))
        return self.found[kind] / max(1, self.total[kind])

    @property
    def false_redaction_rate(self) -> float:
        return self.false_redactions / max(1, self.kept_total)


def score_corpus(corpus: list[Conversation]) -> CorpusScore:
    """Recall per kind (a value counts when every letter and digit of it is covered) and false redactions."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    kept = false = lines = 0
    missed: list[str] = []
    over: list[str] = []
    for conversation in corpus:
        spans_per_turn = turn_spans([t.text for t in conversation], [t.speaker for t in conversation])
        for turn, spans in zip(conversation, spans_per_turn, strict=True):
            lines += 1
            covered = bytearray(len(turn.text))
            for s in spans or []:
                covered[s.start : s.end] = b"\x01" * (s.end - s.start)
            for mark in turn.marks:
                chars = [i for i in range(mark.start, mark.end) if turn.text[i].isalnum()]
                if mark.kind is None:
                    kept += 1
                    if any(covered[i] for i in chars):
                        false += 1
                        over.append(turn.text)
                    continue
                total[mark.kind] += 1
                if all(covered[i] for i in chars):
                    found[mark.kind] += 1
                else:
                    missed.append(f"{mark.kind}: {turn.text}")
    return CorpusScore(lines, found, total, kept, false, missed, over)
