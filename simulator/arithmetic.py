"""Sums and differences the agent states, checked against the figures said beside them.

"Fifty-nine ninety-nine twice, that's $119.98, and I've refunded the difference, $59.89" names only
figures that look right one by one; the slip is in the sum. A customer with the bill in hand hears it.
So a figure stated as a result ("that's", "comes to", "altogether", "the difference", "saves you",
"a twenty-dollar jump") must follow from the figures in its sentence and the one before: the same
figure, a sum or difference of two or three of them or of the account's own figures ("sixty less than
you pay now"), or two to four times one when the words say it repeats ("thirty-five each").
A result that the resolution or the account names itself ("comes to $125 a month") is taken as said,
and with nothing to work from nothing is judged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from domain.scenario import Resolution, Scenario
from language.numbers import amounts, parse_number_words
from language.text import sentences as split_sentences

_CENT = 0.005
_RESULT_BEFORE = re.compile(
    r"\b(?:that'?s|that is|which is|comes? (?:down |up )?to|came to|adds? up to|totals?|totalling|in total|"
    r"altogether|brings? (?:it|that|this|the \w+|your \w+) (?:down |up )?to|works? out (?:to|at)|"
    r"the difference(?: of| is)?|a (?:difference|saving|jump|increase|drop|rise) of|saves? you|saving you|"
    r"(?:went|goes|gone) (?:up|down) by|so you (?:save|pay)|you(?:'ll|'d| will| would)? save)\W{0,3}$",
    re.I,
)
_RESULT_AFTER = re.compile(r"^[\s-]*(?:dollar\s+)?(?:jump|increase|rise|drop|saving|difference|hike)\b", re.I)
_BARE_NUMBER = re.compile(r"\W{0,3}(?P<words>[a-z]+(?:[- ][a-z]+){0,2}|\d+(?:\.\d{1,2})?)\b", re.I)
_UNIT_AFTER = re.compile(
    r"^\s*(?:months?|days?|hours?|weeks?|years?|minutes?|gb|gigs?|mbps|times|payments?|lines?|percent|%)\b", re.I
)
_MONEY_TALK = re.compile(r"\b(?:fees?|charges?|credits?|bill|refund\w*|each|dollars?|bucks)\b", re.I)
_EACH = re.compile(
    r"\b(?:each|apiece|twice|a piece|both|times|payments of|instal?lments of|"
    r"(?:two|three|four) (?:\w+ )?(?:fees|charges|payments|months))\b|\d\s*x\b",
    re.I,
)


@dataclass(frozen=True)
class WrongSum:
    """A figure stated as a result that the figures beside it do not give."""

    said: str
    value: float


_HOUR = r"(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TIME_RANGE = re.compile(
    rf"\b{_HOUR}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:to|-|–|and)\s*{_HOUR}\s*(?:am|pm|a\.m\.|p\.m\.)?\b", re.I
)


def _operands(sentence: str) -> list[float]:
    """Money figures and number words of the sentence, without quantities ("10 GB", "12 months") or hours."""
    sentence = _TIME_RANGE.sub(" ", sentence)
    found = [a.value for a in amounts(sentence) if not _UNIT_AFTER.match(sentence[a.span[1] :])]
    for word in re.finditer(r"\b[a-z]+(?:-[a-z]+)*\b", sentence.lower()):
        value = parse_number_words(word.group(0).replace("-", " "))
        if value is not None and value >= 2 and not _UNIT_AFTER.match(sentence[word.end() :]):
            found.append(float(value))
    return found


def _derivable(value: float, operands: list[float], *, repeated: bool) -> bool:
    """Whether ``value`` follows from ``operands``; multiples only when the words say a figure repeats.

    A round figure may stand for one a cent off ("sixty dollars less" for $129.99 against $70).
    """
    if value == int(value):
        return any(_derivable(value + d, operands, repeated=repeated) for d in (-0.01, 0.01)) or _exactly(
            value, operands, repeated=repeated
        )
    return _exactly(value, operands, repeated=repeated)


def _exactly(value: float, operands: list[float], *, repeated: bool) -> bool:
    for a in operands:
        if abs(a - value) < _CENT or (repeated and any(abs(k * a - value) < _CENT for k in (2, 3, 4))):
            return True
    for a, b in itertools.combinations(operands, 2):
        if abs(a + b - value) < _CENT or abs(abs(a - b) - value) < _CENT:
            return True
    for a, b, c in itertools.combinations(operands, 3):
        if abs(a + b + c - value) < _CENT or abs(a + b - c - value) < _CENT or abs(abs(a - b - c) - value) < _CENT:
            return True
    return False


def named_amounts(sc: Scenario, res: Resolution) -> set[float]:
    """Every amount the account or the resolution names: figures the customer already knows."""
    values = {a.value for a in amounts(res.description)}
    for fact in sc.account:
        if fact.kind == "amount":
            try:
                values.add(float(str(fact.value).replace("$", "").replace(",", "")))
            except ValueError:
                continue
        values |= {a.value for a in amounts(str(fact.value))}
    return values


def _results(sentence: str) -> list[tuple[float, str, tuple[int, int]]]:
    """Figures the sentence states as a result, with the words and the span they were said in."""
    found = []
    money = amounts(sentence)
    for a in money:
        start, end = a.span
        if _RESULT_BEFORE.search(sentence[max(0, start - 40) : start]) or _RESULT_AFTER.match(sentence[end:]):
            found.append((a.value, a.text, a.span))
    if money or _MONEY_TALK.search(sentence):  # "come to seventy": a bare figure after a result word
        for cue in re.finditer(
            r"\b(?:comes? (?:down |up )?to|came to|adds? up to|altogether|saves? you|"
            r"you(?:'ll|'d| will| would)? save)\b",
            sentence,
            re.I,
        ):
            bare = _BARE_NUMBER.match(sentence, cue.end())
            if bare is None or _UNIT_AFTER.match(sentence[bare.end() :]):
                continue
            words = bare.group("words")
            value: float | None = None
            if words[0].isdigit():
                value = float(words)
            else:
                # "twenty a month": the longest run of leading words that reads as a number
                parts = re.split(r"(?<=\w)(?=[- ])", words)
                for n in range(len(parts), 0, -1):
                    words = "".join(parts[:n])
                    if (read := parse_number_words(words.replace("-", " "))) is not None:
                        value = float(read)
                        break
            if value is not None and not any(s <= bare.start("words") < e for _, _, (s, e) in found):
                start_at = bare.start("words")
                found.append((value, words, (start_at, start_at + len(words))))
    return found


_FROM = re.compile(r"\b(?:from|up from|down from)\W{0,3}$", re.I)
_TO = re.compile(r"^\W{0,3}(?:a month\W{0,3}|per month\W{0,3})?(?:to|up to|down to)\W{0,3}$", re.I)
_SET_BESIDE = re.compile(r"\b(?:instead of|rather than|compared (?:to|with)|versus|vs\.?)\b", re.I)
_SAVING = re.compile(r"\bsav(?:e|es|ed|ing)\b", re.I)


def _said_change(sentence: str, result: tuple[int, int], named: set[float]) -> set[float] | None:
    """What a change stated in the sentence must be: the gap between the two prices it sets side by side.

    "From $44.99 to $69.99, a twenty-dollar jump", "$39.99 instead of $69.99, you'll save $25": the gap is
    there to check, so a figure the account happens to name ($25, the lost discount) is no excuse. A saving
    beside one new price is against the account's own prices ("$39.99, that saves you twenty"). None when the
    sentence sets nothing side by side.
    """
    money = [a for a in amounts(sentence) if a.span != result and not _UNIT_AFTER.match(sentence[a.span[1] :])]
    for x, y in itertools.pairwise(money):
        between = sentence[x.span[1] : y.span[0]]
        if (_FROM.search(sentence[max(0, x.span[0] - 12) : x.span[0]]) and _TO.match(between)) or _SET_BESIDE.search(
            between
        ):
            return {abs(x.value - y.value)}
    if len(money) == 1 and _SAVING.search(sentence):
        price = money[0].value
        gaps = {n - price for n in named if n > price + 1}
        return gaps or None
    return None


def _close(value: float, expected: set[float]) -> bool:
    """Equal to one of ``expected``, a round figure allowed to stand for one a couple of cents off."""
    slack = 0.021 if value == int(value) else _CENT
    return any(abs(value - e) <= slack for e in expected)


_A_YEAR = re.compile(
    r"^[^.;!?]{0,40}?\b(?:(?:this|a|per|each|every|in a|over a|over the|in the first|the first) year|annually|"
    r"yearly|over (?:twelve|12) months|across the year)\b",
    re.I,
)
_SAVED = re.compile(r"\b(?:sav(?:e|es|ed|ing)|back in your pocket|less|cheaper|off your bill|knock\w* off)\b", re.I)
_OVER = re.compile(r"\b(?:over|more than|upwards of|north of)\W{0,3}$", re.I)
_ROUGHLY = re.compile(r"\b(?:about|around|roughly|nearly|almost|close to|just under|some)\W{0,3}$", re.I)


def yearly_saving_said(text: str, span: tuple[int, int]) -> bool:
    """Whether the amount at ``span`` is said as a saving over a year ("$719.88 back in your pocket this year")."""
    start = max(text.rfind(".", 0, span[0]), text.rfind("!", 0, span[0]), text.rfind("?", 0, span[0])) + 1
    end = len(text) if (stop := re.search(r"[.!?](?:\s|$)", text[span[1] :])) is None else span[1] + stop.start()
    return bool(_A_YEAR.match(text[span[1] :]) and _SAVED.search(text[start:end]))


def _yearly_saving(sentences: list[str], named: set[float]) -> WrongSum | None:
    """A saving over a year that twelve months of the monthly gap do not give ("over nine hundred dollars this
    year" for $129.99 against $70, which is $719.88).

    "Over" must be below the yearly gap, "about" within a tenth of it, a bare figure within a dollar.
    """
    for i, sentence in enumerate(sentences):
        for a in amounts(sentence):
            start, end = a.span
            if not _A_YEAR.match(sentence[end:]) or not _SAVED.search(sentence):
                continue
            context = (sentences[i - 1] + " " if i > 0 else "") + sentence[:start] + " " + sentence[end:]
            said = [m.value for m in amounts(context) if not _UNIT_AFTER.match(context[m.span[1] :])]
            monthly = [x for x in said + sorted(named) if 0 < x < a.value]
            gaps = {12 * abs(x - y) for x, y in itertools.combinations(monthly, 2) if abs(x - y) >= 1}
            if not gaps:
                continue
            before = sentence[max(0, start - 20) : start]
            if _OVER.search(before):
                fits = any(g > a.value for g in gaps)
            elif _ROUGHLY.search(before):
                fits = any(abs(g - a.value) <= 0.1 * g for g in gaps)
            else:
                fits = any(abs(g - a.value) <= 1.0 for g in gaps)
            if not fits:
                return WrongSum(a.text, a.value)
    return None


def wrong_sum(sc: Scenario, res: Resolution, text: str) -> WrongSum | None:
    """The first figure stated as a result that neither follows from the figures beside it nor is named."""
    sentences = split_sentences(text[:3000])
    named = named_amounts(sc, res)
    if (slip := _yearly_saving(sentences, named)) is not None:
        return slip
    for i, sentence in enumerate(sentences):
        for value, said, (start, end) in _results(sentence):
            if _A_YEAR.match(sentence[end:]):
                continue  # a saving over the year (``_yearly_saving``), not a monthly gap
            change = _said_change(sentence, (start, end), named)
            if change is not None and not _close(value, change):
                return WrongSum(said, value)
            if any(abs(value - n) < _CENT for n in named):
                continue
            context = (sentences[i - 1] + " " if i > 0 else "") + sentence[:start] + " " + sentence[end:]
            said_beside = _operands(context)
            if not said_beside:
                continue
            operands = said_beside + sorted(named)  # "sixty less than you pay now": the bill is on the account
            repeated = _EACH.search(context) is not None
            if not repeated and len(said_beside) == 1 and value > said_beside[0]:
                continue  # "$80 ... comes to $160" with nothing saying how often: not enough to judge
            if not _derivable(value, operands, repeated=repeated):
                return WrongSum(said, value)
    return None


_FEE_WORD = re.compile(r"\b(?:fee|charge|penalty|surcharge|cargo|tasa|penalización)s?\b", re.I)
_FEE_GAP = re.compile(r"^\s*(?:dollars?|bucks|euros?)?\s*(?:[\w-]+\s+){0,3}$", re.I)
"""Between a figure and its fee word, a few words at most: "$35 line removal fee", "forty-nine ninety-nine plan change
fee"."""
_WAIVED = re.compile(
    r"\b(?:no|waiv\w*|remov(?:e|ed|ing)|refund\w*|revers\w*|credit\w*|(?<!-)off|doesn'?t apply|won'?t|not|sin|"
    r"anul\w*)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|plus|so|then)\b", re.I)


def _fee_waived(sentence: str, start: int, end: int) -> bool:
    """Whether the words round a fee, in its own clause, take it off ("no $35 fee", "the $150 fee is waived")."""
    before = sentence[max(0, start - 40) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = sentence[end : end + 30]
    if (cut := _CLAUSE_BREAK.search(after)) is not None:
        after = after[: cut.start()]
    return bool(_WAIVED.search(before) or _WAIVED.search(after))


def new_fee(sc: Scenario, res: Resolution, text: str) -> str | None:
    """A fee put on the customer that neither the account nor the resolution knows ("a $10 closure fee").

    A fee named in order to take it off ("the $150 fee is waived") is no new charge. The figure may be said in
    words ("a forty-nine ninety-nine plan change fee"); the words that take it off are looked for in the fee's own
    clause, so "I've refunded the $29.98 ... a one-time $4.99 setup fee" still adds a fee.
    """
    named = named_amounts(sc, res)
    for sentence in split_sentences(text[:3000]):
        for word in _FEE_WORD.finditer(sentence):
            offset = max(0, word.start() - 60)
            head = sentence[offset : word.start()]
            found = [a for a in amounts(head) if _FEE_GAP.match(head[a.span[1] :])]
            if not found:
                continue
            figure = found[-1]
            if any(abs(figure.value - n) < _CENT for n in named):
                continue
            begin = offset + figure.span[0]
            if _fee_waived(sentence, begin, word.end()):
                continue
            begin -= sentence[:begin].endswith("$")
            return sentence[begin : word.end()]
        for figure in amounts(sentence):
            lead = _CHARGED_YOU.search(sentence[max(0, figure.span[0] - 30) : figure.span[0]])
            if lead is None or any(abs(figure.value - n) < _CENT for n in named):
                continue
            if _fee_waived(sentence, figure.span[0], figure.span[1]):
                continue
            return (lead.group(0) + sentence[figure.span[0] : figure.span[1]]).strip()
    return None


_CHARGED_YOU = re.compile(
    r"\b(?:(?:we|i|they)(?:'ll| will| would|'d)? (?:have to )?(?:charge|bill|invoice) you(?: for (?:it|them|the \w+))?"
    r"(?: a fee of| an? \w+ fee of)?|you(?:'ll| will) be (?:charged|billed)(?: a fee of)?)\s+\$?$",
    re.I,
)
""""...we'll charge you $200": a charge said with the verb, not the word "fee"."""
