"""The offer in a trainee's turn, and whether it meets what the customer needs.

``extract_offer`` reads amounts, dates and waits with ``language.numbers`` plus a few
closed-class cues (partial: "half", "one of the fees"; promises outside authority:
"I guarantee", "personally"; extras outside authority: "three free months", "15% off").
``check_offer`` compares it with the resolution's typed ``OfferTerms`` and returns what is
wrong, worded the way the customer would object.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from domain.acts import Act
from domain.scenario import Resolution, Scenario
from language.commitment import Catch, catches, kept_as_credit, skips_verification
from language.explanations import stated_wrong_explanation
from language.numbers import (
    WEEKDAYS,
    amounts,
    dates,
    identifiers,
    numbers,
    parse_number_words,
    parse_spanish_number_words,
)
from language.text import spell_out_shorthand
from simulator.arithmetic import new_fee, wrong_sum
from simulator.burden import left_to_customer, unwanted_chore
from simulator.call_calendar import late_end, late_landing, weekday_clash
from simulator.explained import explained_quantities, jargon, unexplained
from simulator.figures import is_threshold, money_text, wrong_figures
from simulator.narrowed import (
    KEPT_IN_USE,
    cancellation_strings,
    cancels_service,
    dropped_step,
    later_call,
    negated_term,
    part_kept,
    return_burden,
    still_billed,
    whole_period,
)
from simulator.undermined import (
    asks_card_data,
    countermanded,
    may_recur,
    unsafe_channel,
    unwanted_phone_call,
    weak_secret,
)
from simulator.wrong_thing import (
    misplaced,
    moved_instead,
    remote_instead,
    reopened_instead,
    wrong_email,
    wrong_product,
    wrong_reference,
    wrong_thing,
)

_PARTIAL = re.compile(
    r"\b(?:half|halfway|(?<!the )part of (?:it|the)(?! (?:month|billing|period|cycle|days?)\b)|some of (?:it|the)|"
    r"one of the (?:fees|charges|payments)|"
    # "only one payment a month from here on" says how often, not how much is refunded
    r"(?:just|only) (?:the )?one(?! (?:[\w-]+ ){0,3}(?:a|per|each|every) (?:month|cycle|bill|billing))|"
    r"(?:leave|keep) the other|"
    # "$8 of it is the price adjustment" breaks a figure down: "$5 of it back" gives part of it
    r"(?<!all )\b(?:\$\d[\d.,]*|\w+ dollars?|\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+of it\b"
    r"(?!\s+(?:is|was|are|were|comes?|came|goes|went|being|'s)\b)|"
    r"(?<!bill is )(?<!bill is just )(?<!bill's )(?<!bill's just )(?<!invoice is )\bthe pro-?rated amount|"
    r"instead of (?:refunding|a refund|removing|reversing|fixing|the refund)|"
    r"towards? (?:a |an |the |your )?(?:next|new|future)|"
    # "only the November $14.99 will actually come back": the rest of it won't
    r"\bonly (?:the )?(?:[\w$.,-]+ ){1,3}(?:will|would|is going to|can) (?:actually |really )?"
    r"(?:come back|be (?:refunded|credited|returned|reimbursed|reversed))|"
    # a refund paid back in parts: "credited over your next three billing cycles"
    r"\b(?:credit|refund|pa(?:y|id) back|return|reimburs)\w*\s+(?:back\s+)?(?:over|across|spread over)\s+"
    r"(?:your |the )?(?:next |following |coming )?(?:\w+ )?(?:billing cycles|bills|months|statements|instal?lments))",
    re.I,
)
_PROMISE = re.compile(
    r"\b(?:i (?:can )?guarantee|guarantee (?:you|that|it)|i promise|promise you|"
    r"personally (?:guarantee|ensure|make sure)|(?:they|it|the \w+)(?:'ll| will) definitely|"
    r"you have my word|never (?:be charged|happen) again|100 ?(?:%|percent)|for life|forever|"
    r"every month from now on|from now on every|"
    # a blanket repayment of losses no one can authorise: "we'll reimburse anything the fraudster takes"
    r"(?:reimburse|refund|cover|pay (?:you )?back|compensate you for)\s+(?:you\s+(?:for\s+)?)?"
    r"(?:anything|everything|whatever|any (?:money|loss(?:es)?|amount))\b[^.;!?]{0,40}\b(?:takes?|took|taken|lose|lost|"
    r"steals?|stole|stolen|spends?|spent)\b|"
    r"(?:te|le|se lo|se la) (?:garantizo|prometo)|(?:le|te) aseguro que)\b",
    re.I,
)
_TERM_GUARANTEE = re.compile(
    r"\b(?:guaranteed?|locked(?: in)?|fixed)\s+(?:for|until|through|over)\s+(?:a|an|the|one|two|\d+|twelve|six|"
    r"eighteen|twenty-four)\b",
    re.I,
)
"""A price "guaranteed for a year" states the offer's term; it is not a promise beyond authority."""
_EXTRA = re.compile(
    r"\b(?:(?:\w+ )?free months?|months? (?:of service )?free|free (?:service|for life)|\d+ ?% (?:off|discount)|"
    r"(?:free|complimentary) (?:\w+ ){0,2}(?:channels?|packages?|upgrades?|subscriptions?|add-?ons?)|"
    r"discount code|gift card|voucher|"
    r"(?:waive|write off|wipe|forgive|cancel)\b[^.?!]{0,50}\b(?:too|as well|on top(?: of that)?))\b",
    re.I,
)
_WAIT = re.compile(
    r"\b(?:takes?|take about|within|in|wait(?: another)?|up to|about|around|allow|eta|expect(?: it)?|usually|"
    r"normally|generally|that's|it's|that is|it is|"
    r"typically|roughly|approximately|another|in the next|en|dentro de|entre|unos|tarda|tardará|de)\s+"
    r"(?:(?P<lo>\d+\b|[a-z]+\b)\s*(?:to|-|or|a)\s*)?"
    r"(?P<n>\d+|[a-z]+ y [a-z]+|[a-záéíóú]+(?:[ -](?!business|working|calendar)[a-z]+)?)\s*"
    r"(?:(?:business|working|calendar)\s+)?(?P<unit>days?|weeks?|months?|hours?|hrs?|días|semanas?|horas?|meses|"
    r"billing cycles?|bills?)\b",
    re.I,
)
_VAGUE_WAIT = re.compile(
    r"\b(?:(?:next|coming|following) )?(?P<w>couple of weeks|few weeks|couple of days|few days|several days|"
    r"couple of (?:billing cycles|bills)|few (?:billing cycles|bills)|(?<=next )billing cycle|"
    r"next month's (?:billing )?cycle|"
    r"(?<=following )billing cycle|"
    r"several weeks|next week|week or two|la semana que viene|la próxima semana|dentro de unos días)\b",
    re.I,
)
_VAGUE_DAYS = {
    "couple of weeks": 14, "few weeks": 21, "couple of days": 2, "few days": 3, "several days": 5,
    "several weeks": 21, "next week": 7, "week or two": 14, "la semana que viene": 7, "la próxima semana": 7,
    "dentro de unos días": 3, "couple of billing cycles": 60, "billing cycle": 30, "next month's cycle": 30,
    "next month's billing cycle": 30, "couple of bills": 60,
    "few billing cycles": 90, "few bills": 90,
}  # fmt: skip
"""Waits said without a number ("in the next couple of weeks"), in days."""
_SOON = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|same[- ]day|right away|immediately|now|"
    r"within (?:24|twenty-four) hours|hoy|mañana)\b",
    re.I,
)
"""A resolution whose own description says it happens today allows no wait of days."""
_CONDITION = re.compile(
    r"(?:\bbut|\bhowever|\bexcept|\bas long as|\bprovided|\bonly if)\b,? (?:you(?:'ll| will)? (?:need|have) to|"
    r"it(?:'ll| will) (?:be|take|still)|(?:the )?\w+ will still|only|there(?:'s| is) (?:a|just)|not |"
    r"(?:the )?(?:[^.;!?]|\.(?=\d)){0,40}\bwill still (?:go out|come out|be taken|be charged|be collected|be debited))",
    re.I,
)
_ELSEWHERE = re.compile(
    r"\b(?:contact|call|ring|phone|reach out to|get in touch with|speak to|claim (?:it )?(?:from|with|on)) "
    r"your (?:\w+ ){0,2}(?:bank|insurer|insurance(?: provider| company)?|provider|landlord|contractor|card issuer)",
    re.I,
)
"""Sending the customer to someone else: a deflection unless the agent also does something themselves."""
_OWN_ACTION = re.compile(
    r"\b(?:i|we)(?:'ve| have|'ll| will|'m| am)\b|"
    r"\b(?:done|locked|frozen|opened|escalated|applied|protected|processed|arranged|booked|refunded|removed)\b",
    re.I,
)
_DEFLECT = re.compile(
    r"\b(?:we(?: are|'re)(?: not|n't) (?:liable|responsible)|we are not (?:liable|responsible)|"
    r"not our (?:fault|responsibility|problem)|"
    r"\bpay (?:the|it|that|this)\b[^.?!]{0,60}"
    r"\b(?:then|and|before|first|afterwards|later|once)\b[^.?!]{0,40}\bdispute)",
    re.I,
)
"""The customer is sent elsewhere or told to pay and fight it: not the company fixing it."""
_NOT_MYSELF = re.compile(
    r"(?:rather than|instead of|more than|beyond|above|over|up to|only|limit|can't|cannot|can not|not able to|"
    r"unable to|isn't something)"
    r"[^.?!]{0,40}$",
    re.I,
)
_PER_PERIOD = re.compile(r"(?:\d\s*(?:gb|mb|gigs?)|\bdata|\bminutes|\btexts|\btimes|\busage)\s*$", re.I)
_SELF_AUTHORISED = re.compile(
    r"\b(?:waiv|remov|refund|credit|revers|approv|take|took|wip|writ|pay|paid|reimburs|cover|give|gave|knock)\w*\b"
    r"[^.;!?]{0,90}\bmyself\b|"
    r"\bmyself\b[^.;!?]{0,12}\b(?:waiv|remov|refund|credit|approv)|"
    r"no need (?:for|to) (?:a |my )?(?:supervisor|manager|escalat|transfer)",
    re.I,
)
_UNIT_DAYS = {
    "day": 1, "week": 7, "month": 30, "hour": 1 / 24, "hr": 1 / 24,
    "día": 1, "semana": 7, "hora": 1 / 24, "mese": 30, "billing cycle": 30, "bill": 30,
}  # fmt: skip
_DEFERRED = re.compile(
    r"\b(?:(?:the )?end of (?:the |this )?(?P<eq>quarter)|(?:the )?end of next (?P<em>month)|"
    r"(?:next|the following|the coming) (?P<q>quarter|year|fiscal year)|in the new (?P<ny>year))\b",
    re.I,
)
"""A remedy put off to a later period ("next quarter"): a wait in days, checked like any other."""
_DURATION = re.compile(
    r"\b(?:for|over|throughout|during|until|till|(?:rest|remainder|whole|length|course) of|across)\s+(?:the\s+)?$", re.I
)
_DEFERRED_DAYS = {"eq": 45, "em": 45, "q": 90, "ny": 30}
_CUSTOMER_DEADLINE = re.compile(
    r"\b(?:return|needs? to be (?:back|returned|sent back)|be back within|returned within|"
    r"send (?:back|it back|them back)|post (?:back|it)|drop (?:off|it)|bring (?:back|it)|you have|"
    r"you've got|grace period|cooling-off|to (?:return|send))\b[^.;!?]{0,40}$",
    re.I,
)
"""A deadline the customer is given ("return the equipment within 30 days") is no wait for the remedy."""
_GIFT = re.compile(
    r"\b(?:free(?!\s+to\b)|waiv\w*|write\w* off|wip\w+ (?:off|out)|knock\w*\b(?:\s+\w+){0,5}\s+off|credit\w*|"
    r"refund\w*|complimentary|(?<!wait )(?<!waiting )(?<!rely )(?<!depend )(?<!count )on (?:us|the house)|"
    r"(?:\d+|\w+) ?(?:%|percent|per cent) off|half (?:price|off)|goodwill|"
    r"as a (?:thank-you|thank you|gesture)|wip(?:e|ed|ing)\b|at no (?:cost|charge)|no charge|"
    r"keep (?:both|the (?:equipment|modem|box|router|phone|device|old|item|pair|order|goods))" + KEPT_IN_USE + r"|"
    r"gift (?:card|voucher|certificate)|throw\w* in|bump\w*(?! (?:this|it|your case|you|the case|that)(?: up)? to)|"
    r"regal\w*|gratis|"
    r"gratuit\w*|devol\w*)\b",
    re.I,
)
"""Words that give something away; each giveaway must be one the resolution itself makes."""
_SEGMENT = re.compile(
    r"[.;!?]\s+|,\s*(?:and|plus|y)?\s*|\s+(?:and|plus)\s+(?=(?:i|we|you|also|throw|give|take|knock|waive|let|credit|refund|wipe|add|put|make)\b)|"
    r"\s+y\s+(?=(?:además|también|le|les|te)\b)",
    re.I,
)
_BLAME = re.compile(
    r"\b(?:(?:that|this|which|the)(?: [\w-]+)?|it)(?:'s| is| one's| was) "
    r"(?:all |completely |entirely |totally |fully )?on us\b",
    re.I,
)
""""That's on us" owns the fault; it gives nothing away."""
_OWN_MONEY = re.compile(r"\b(?:any|remaining|leftover|left-over)\s+(?:credit|balance)\b|\bleft over\b", re.I)
"""The customer's own money handed back (a leftover credit on a closed account) is no giveaway."""
_NEGATED = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|not|unable to|isn't|no way to|"
    r"(?:more than|above|beyond|over|outside|exceeds?)(?: what| the limit| the \w+)? (?:i|we))\b"
    r"[^,;]{0,25}$",
    re.I,
)
_ADDITIVE = re.compile(
    r"\b(?:too|as well|on top(?: of (?:that|it))?|while i'?m at it|throw\w* in|"
    r"for (?:the|your) (?:trouble|stress|hassle|inconvenience|bother)|no problem|además|también)\b",
    re.I,
)
"""Words that mark a giveaway as an extra on top of the remedy."""
_PLAIN = frozenset({
    "your", "you", "the", "and", "that", "this", "with", "will", "have", "also", "well", "problem", "trouble",
    "while", "at", "it", "too", "for", "from", "into", "onto", "just", "then", "there", "their", "them", "they",
    "what", "which", "would", "could", "should", "can", "i'll", "we'll", "you'll", "i've", "we've", "you've",
    "give", "given", "giving", "get", "got", "put", "make", "made", "take", "taken", "our", "ours", "my", "mine",
    "me", "back", "right", "now", "today", "here", "account", "bill", "bills", "next", "months", "month", "year",
    "years", "whole", "entire", "full", "total", "other", "inconvenience", "hassle", "stress", "sorry", "extra",
    "as", "some", "any", "all", "one", "two", "three", "four", "five", "six", "twelve", "tres", "cuatro", "cinco",
    "seis", "siete", "ocho", "nueve", "diez", "doce", "meses", "años", "próximo", "próximos", "para", "como",
    "esto", "este", "esta", "todo", "toda", "usted", "cuenta", "factura"
})  # fmt: skip


def _anchors(segment: str) -> set[str]:
    """Content stems of a segment: what a giveaway is of ("channel", "internet", "hotspot")."""
    words = re.findall(r"(?<!['\w])[a-záéíóúñ]{4,}(?!['\w])", _GIFT.sub(" ", segment.lower()))
    return {w[:5] for w in words if w not in _PLAIN}


_MONEY_BACK_CUE = re.compile(r"^(?:credit|refund|waiv|revers|remov|write|writ|knock|take|devol)", re.I)
"""Money given back as credit, refund, waiver or removal is one kind of giveaway."""
_COSTLESS = re.compile(
    r"^(?:free|at no (?:cost|charge)|no charge|complimentary|on (?:us|the house)|gratis|gratuit)", re.I
)
_NO_FEE = re.compile(r"\bno (?:\w+ )?(?:fees?|charges?|cost)\b|\bfree of charge\b|\bsin (?:coste|cargo)\b", re.I)
"""A remedy that costs the customer nothing ("no transfer fee") licenses saying so in other words ("free")."""


def _cue(word: str) -> str:
    """What kind of giveaway a gift word is: every way of saying "it costs you nothing" is one kind."""
    if _COSTLESS.match(word):
        return "free"
    return "money back" if _MONEY_BACK_CUE.match(word) else word.lower()[:4]


_GIFT_REACH = 45
_GIFT_REACH_BEFORE = 15
"""How far after (before) its giveaway word a figure may sit and still be what is given ("$240 waived")."""


_FREE_SPELL = re.compile(
    r"(?P<gift>\bfree\b[^.;!?]{0,20}\b(?:until|till|through|for (?:a|one|two|three|\d+|the next|another) "
    r"(?:\w+ )?(?:months?|weeks?|years?))\b|\b(?:months?|weeks?|year) (?:for )?free\b|"
    r"\b(?:running|on|active|connected) (?:for )?free\b)",
    re.I,
)
"""Service run on for nothing: "I've kept the TV running for free until March", "a month free"."""
_THEIR_COSTS_PAID = re.compile(
    r"\b(?:i|we)(?:'ll| will| can| could|'d| would)?(?: also| even| happily| gladly)? (?P<gift>(?:pay|cover|"
    r"reimburse) (?:for |off )?(?:your|the) (?:[\w-]+ ){0,3}(?:installation|set-?up|switching|connection|"
    r"activation) (?:fees?|costs?|charges?))\b",
    re.I,
)
"""Someone else's charges paid: "I'll also pay your FiberOne installation fee"."""


def unearned_gifts(res: Resolution, text: str, *, also: Sequence[Resolution] = ()) -> list[str]:
    """Segments of ``text`` that give away something the resolution does not (over the agent's authority).

    The resolution's description and authored examples say what may be given; a giveaway there
    ("a $20 missed-appointment credit", "20 GB free hotspot data") licenses the same thing in the
    offer, matched by amount or by the thing given. Anything else handed out ("and I'll waive your
    whole $240 balance too", "give you the channel free for a year") goes beyond the remedy and,
    since the policy names no such gift, beyond what the agent may give. A giveaway with nothing
    to match ("I'll refund it") is left to the other checks. ``also`` are the scenario's other
    acceptable resolutions within front-line authority: what they give, the agent may give too.
    """
    licensed = " ".join(t for r in (res, *also) for t in (r.description, *r.when.examples))
    windows = [licensed[max(0, m.start() - 70) : m.end() + 70] for m in _GIFT.finditer(licensed)]
    stems: set[str] = set()
    money: set[float] = set()
    for w in windows:
        stems |= _anchors(w) | {x[:5] for x in re.findall(r"[a-záéíóúñ]{4,}", w.lower()) if x not in _PLAIN}
        money |= {a.value for a in amounts(w)}
    cues = {_cue(m.group(0)) for m in _GIFT.finditer(licensed)}
    if _NO_FEE.search(licensed):
        cues.add("free")
    # Giveaways whose words carry no figure to compare: each is over the remedy unless the remedy says the same.
    # A remedy that itself gives something free ("20 GB free hotspot data") licenses a free spell said any way.
    gives_free = any(_cue(m.group(0)) == "free" for m in _GIFT.finditer(licensed))
    unlicensed = [
        p
        for p, free_given in ((_FREE_SPELL, gives_free), (_THEIR_COSTS_PAID, False))
        if not (free_given or p.search(licensed))
    ]
    found = [
        m.group("gift")
        for pattern in unlicensed
        for m in pattern.finditer(text[:2000])
        if not _NEGATED.search(text[max(0, m.start() - 30) : m.start()])
    ]
    for segment in _SEGMENT.split(_BLAME.sub(" ", text[:2000])):
        gift = _GIFT.search(segment or "")
        if gift is None or _NEGATED.search(segment[: gift.start()]) or _OWN_MONEY.search(segment):
            continue
        # a price said in the same breath ("Internet 500 at fifty-five a month - no charge for the transfer") is
        # not what is given away: only figures near the giveaway word count
        said = [a.value for a in amounts(segment) if -_GIFT_REACH_BEFORE <= a.span[0] - gift.start() <= _GIFT_REACH]
        if not said:
            # "I'll credit you a full month, $80": the figure may sit just after the giveaway's own clause.
            at = text.find(segment)
            said = [a.value for a in amounts(text[at + gift.start() : at + len(segment) + 25])] if at >= 0 else []
        anchors = _anchors(segment)
        if said:
            # An amount under what the resolution gives is a partial offer (checked elsewhere), not a gift.
            licensed_amount = any(abs(x - m) <= max(0.011, 0.01 * m) for x in said for m in money)
            if not licensed_amount and (not money or max(said) > max(money)):
                found.append(segment.strip())
        elif anchors & stems:
            continue
        elif _ADDITIVE.search(segment) or _cue(gift.group(0)) not in cues:
            found.append(segment.strip())
    return found


_MULTIPLE = re.compile(r"\b(two|both|three|2|3) (?:x )?\$?$")
_BARE_REFUND = re.compile(
    r"\b(?:refund(?:ing)?|credit(?:ing)?|reimburs(?:e|ing)|(?:give|giving|pay|paying) (?:you )?back|"
    r"(?:le |les )?devuelvo|(?:le |les )?devolvemos|(?:le |les )?reembolso|(?:le |les )?abono|(?:le )?reintegro)"
    r"\s+(?:you\s+|usted\s+)?(?P<n>\d{1,5}(?:[.,]\d\d)?)\b(?!\s*(?:%|percent|por ciento|days?|d[ií]as|hours?|horas|"
    r"weeks?|semanas|months?|meses|gb|gigs?|mbps|business|working|h[aá]biles|laborables|of\b|de\b|x\b|times|veces))",
    re.I,
)
"""A bare number straight after a refund verb is money ("le devuelvo 29", "I'll refund 20"): without this an
amount said without a currency mark escapes the amount check."""
_TIMES = {"two": 2, "both": 2, "2": 2, "three": 3, "3": 3}


@dataclass(frozen=True)
class Offer:
    """What the trainee offered in one turn, as far as the words say."""

    amounts: tuple[float, ...] = ()
    refunded_bare: tuple[float, ...] = ()
    """Numbers said without a currency mark straight after a refund verb ("le devuelvo 29"): the sum given back."""
    dates: tuple[tuple[int | None, int | None, int | None], ...] = ()
    """(day, month, year) of each date said."""
    wait_days: int | None = None
    partial: bool = False
    promise: bool = False
    extra: bool = False
    condition: bool = False
    """A catch attached to the offer ("..., but you'll need to keep the add-on")."""
    deflected: bool = False
    """The customer is told to take it to someone else, or to pay and dispute it later."""
    self_authorised: bool = False
    """The agent does alone what needs someone else's authority ("I've removed both fees myself")."""
    catches: tuple[Catch, ...] = ()
    """Clauses that take the offer back: conditions, contradictions, stalls, substitutes, over-promises."""
    as_credit: str | None = None
    """Words keeping the money as account credit ("as credit on your April bill")."""
    windows: tuple[tuple[float, float], ...] = ()
    """Time windows said ("between 1 and 5 PM" → (13, 17)), in hours of the day."""
    days: frozenset[str] = frozenset()
    """Days named: weekday names, "today", "tomorrow" and "d/m" for calendar dates."""
    evidence: list[str] = field(default_factory=list)
    text: str = ""


_HOUR = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)"
_MARK = r"(a\.?m\.?|p\.?m\.?|in the morning|in the afternoon|in the evening|at night|o'clock)"
_WINDOW = re.compile(
    rf"(?<![$\d.,])\b(?:between\s+)?{_HOUR}(?::(\d\d))?\s*{_MARK}?\s*(?:-|\u2013|to|and|until|till)\s*{_HOUR}"
    rf"(?::(\d\d))?\s*{_MARK}?(?!\s*(?:business |working |calendar )?(?:days?|weeks?|months?|hours?|minutes?|mins?|"
    rf"gb|gigs?|mbps|%|percent|dollars?|payments?|instal|times|lines?|rooms?|floors?|boxes|\.\d|,\d))",
    re.I,
)
_HOUR_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "noon": 12, "midday": 12,
}  # fmt: skip
_BARE_DAY = re.compile(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", re.I)
""""The 30th": a day of the month said with no month."""
_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|later on)\b", re.I)
_PM_CONTEXT = re.compile(r"\b(?:afternoon|evening|tonight)\b", re.I)


def _hour(word: str, mark: str | None, *, default_pm: bool) -> float | None:
    h = _HOUR_WORDS.get(word.lower()) if not word.isdigit() else int(word)
    if h is None or not 0 <= h <= 24:
        return None
    m = (mark or "").lower()
    pm = m.startswith("p") or "afternoon" in m or "evening" in m or "night" in m
    am = m.startswith("a") or "morning" in m
    if pm and h < 12:
        return h + 12.0
    if am or h > 12 or not (pm or default_pm):
        return 0.0 if am and h == 12 else float(h)
    return h + 12.0 if 1 <= h <= 6 else float(h)


def time_windows(text: str) -> tuple[tuple[float, float], ...]:
    """Appointment windows said in ``text`` as (start, end) hours: "8 to 10 AM" → (8, 10), "one to five" → (13, 17)."""
    found = []
    for m in _WINDOW.finditer(text[:2000]):
        start_w, _, start_mark, end_w, _, end_mark = m.groups()
        afternoon = bool(_PM_CONTEXT.search(text[max(0, m.start() - 40) : m.end() + 25]))
        end = _hour(end_w, end_mark, default_pm=afternoon or not end_mark)
        if end is None:
            continue
        # "1 and 5 PM": the end's mark covers an unmarked start that comes before it on the same half of the day.
        start_mark = start_mark or (end_mark if end_mark else None)
        start = _hour(start_w, start_mark, default_pm=afternoon or not start_mark)
        if start is None:
            continue
        if start > end and start - 12 >= 0 and not m.group(3):
            start -= 12  # "10 to 2 PM"
        if start >= end:
            continue
        found.append((start, end))
    return tuple(found)


_WEEKDAY_SAID = {d: re.compile(rf"(?<!before )(?<!by )(?<!until )(?<!till )\b{d}\b") for d in WEEKDAYS}
"""Each weekday named as the day itself ("before Saturday" is a bound on the day)."""


def days_named(text: str) -> frozenset[str]:
    """Days a turn names: weekdays, "today" (this afternoon, tonight...), "tomorrow", "d/m" calendar dates."""
    low = text[:2000].lower()
    # "before Saturday" is a bound on the day, not the day itself.
    named = {d for d, said in _WEEKDAY_SAID.items() if said.search(low)}
    if _TODAY.search(low):
        named.add("today")
    if re.search(r"\btomorrow\b", low):
        named.add("tomorrow")
    # Spanish: "mañana" alone is tomorrow, "por la mañana" the morning, "pasado mañana" the day after
    if re.search(r"\bpasado\s+ma[nñ]ana\b", low):
        named.add("day after tomorrow")
    if re.search(r"(?<!\bla )(?<!\bpasado )\bma[nñ]ana\b", low):
        named.add("tomorrow")
    found = {f"{d.day}/{d.month}" if d.month else f"{d.day}/?" for d in dates(text[:2000])}
    found |= {f"{int(n)}/?" for n in _BARE_DAY.findall(low) if 1 <= int(n) <= 31}
    named |= {d for d in found if not (d.endswith("?") and any(f.startswith(d[:-1]) and f != d for f in found))}
    return frozenset(named)


def wrong_time(res: Resolution, offer: Offer) -> str | None:
    """What is wrong with the offer's day or window against the time the resolution names, if anything.

    Checked only when the resolution names an appointment (a window, a weekday or "today"): the
    offer must not name only other days, nor only windows that miss the resolution's.
    """
    want_windows = time_windows(res.description)
    want_days = days_named(res.description)
    if not want_windows and not (want_days & {*WEEKDAYS, "today", "tomorrow"}):
        return None
    if (
        want_windows
        and offer.windows
        # "8 to 12" is not the promised 8-10 slot, though the two overlap.
        and not any(abs(s - ws) < 0.5 and abs(e - we) < 0.5 for s, e in offer.windows for ws, we in want_windows)
    ):
        return "window"
    said = offer.days
    if not said or said & want_days:
        return None
    weekdays_said = said & set(WEEKDAYS)
    if want_days & set(WEEKDAYS) and weekdays_said:
        return "day"
    if "today" in want_days and (weekdays_said or "tomorrow" in said):
        return "day"
    if "tomorrow" in want_days and (weekdays_said or "day after tomorrow" in said):
        return "day"
    want_dates = {d for d in want_days if "/" in d}
    dates_said = {d for d in said if "/" in d}
    if want_dates and dates_said:
        want_numbers = {d.split("/")[0] for d in want_dates}
        if not any(d.split("/")[0] in want_numbers and (d.endswith("?") or d in want_dates) for d in dates_said):
            return "day"
    return None


_BY_HOUR = re.compile(
    rf"\b(?:by|before|no later than|until|till)\s+{_HOUR}(?::(\d\d))?(?:\s*{_MARK})?(?:\s+at the (?:latest|outside))?",
    re.I,
)


_UNPROMISED = re.compile(r"\b(?:can'?t|cannot|not|no|won'?t|never)\b[^.;!?]*$", re.I)
"""An hour said as what cannot be promised ("I can't promise they'll be finished before 2")."""


def hour_off_window(res: Resolution, text: str) -> str | None:
    """An hour promised against the resolution's window that is not its end ("worst case they're with you by six").

    Later than the window is a promise the company never made; earlier narrows the window into a
    guarantee; cover that stops "until noon" ends before the window opens.
    """
    windows = time_windows(res.description)
    if not windows:
        return None
    head = text[:2000]
    spans = [m.span() for m in _WINDOW.finditer(head)]
    afternoon = bool(_PM_CONTEXT.search(head)) or any(s >= 12 for s, _ in windows)
    for m in _BY_HOUR.finditer(head):
        if any(a <= m.start() < b for a, b in spans) or _UNPROMISED.search(head[max(0, m.start() - 40) : m.start()]):
            continue
        hour = _hour(m.group(1), m.group(3), default_pm=afternoon and m.group(1).lower() not in {"noon", "midday"})
        if hour is None:
            continue
        if not any(abs(hour - end) < 0.5 for _, end in windows):
            return m.group(0).strip()
    return None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    english = parse_number_words(word)
    return english if english is not None else parse_spanish_number_words(word)


def _before_myself(text: str, start: int) -> str:
    """The words before "myself" in a self-authorising match ("... above what I can approve myself")."""
    at = text.lower().find("myself", start)
    at = at if at >= 0 else start
    return text[max(0, at - 60) : at]


_NOT_A_WAIT = re.compile(
    r"(?:\b(?:calls?|contacts?|times|visits?|charges?|attempts?|drops?|outages?|payments?)\s*|\bnot\s*)$", re.I
)
""""Three calls in ten days" counts how often; "not in a week" rules a wait out: neither is a wait."""
_NEGATED_PROMISE = re.compile(r"(?:\bnot|n't|\bnever|\bno)\b[^.;!?]{0,12}$", re.I)


def stated_waits(text: str) -> list[tuple[int, str]]:
    """Every wait ``text`` states before the remedy happens, in days, with the words that state it."""
    waits: list[tuple[int, str]] = []
    for m in _WAIT.finditer(text):
        if _PER_PERIOD.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "more than 10 GB in a month" is a rate, not a wait
        if _CUSTOMER_DEADLINE.search(text[max(0, m.start() - 60) : m.start()]):
            continue  # "return the equipment within 30 days" is the customer's deadline
        if _NOT_A_WAIT.search(text[max(0, m.start() - 25) : m.start()]):
            continue
        n = _number(m.group("n").lower())
        if n is not None:
            days = n * _UNIT_DAYS[m.group("unit").lower().rstrip("s")]
            if re.search(r"business|working|hábiles|laborables", text[m.start() : m.end() + 12], re.I):
                days = days * 7 / 5  # five business days are a calendar week
            waits.append((math.ceil(days), m.group(0)))
    for m in _VAGUE_WAIT.finditer(text):
        if re.search(r"\bnot\s+(?:until\s+|till\s+)?$", text[max(0, m.start() - 12) : m.start()], re.I):
            continue  # "today, not next week"
        waits.append((_VAGUE_DAYS[m.group("w").lower()], m.group(0)))
    for m in _DEFERRED.finditer(text):
        if _DURATION.search(text[max(0, m.start() - 25) : m.start()]):
            continue  # "$70 a month for the next year" is how long it lasts, not when it starts
        key, unit = next((k, v) for k, v in m.groupdict().items() if v)
        waits.append((365 if "year" in unit.lower() and key == "q" else _DEFERRED_DAYS[key], m.group(0)))
    return waits


@lru_cache(maxsize=512)
def _described_wait(description: str) -> int | None:
    """The wait a resolution's own description promises, in days ("today" and "within 24 hours" are 1)."""
    waits = [days for days, _ in stated_waits(description)]
    if waits:
        return max(1, max(waits))
    return 1 if _SOON.search(description) else None


def extract_offer(text: str, acts: frozenset[Act] = frozenset()) -> Offer:
    """The offer's amounts, dates, longest stated wait and red flags."""
    text = spell_out_shorthand(text[:2000])
    waits = stated_waits(text)
    evidence = [said for _, said in waits]
    partial = _PARTIAL.search(text)
    promise = next(
        (p for p in _PROMISE.finditer(text) if not _NEGATED_PROMISE.search(text[max(0, p.start() - 20) : p.start()])),
        None,
    )
    extra = _EXTRA.search(text)
    # "..., but you'll need to keep the add-on" is a catch; a sentence opening "But there's a smaller plan" is not.
    condition = next(
        (c for c in _CONDITION.finditer(text) if not re.search(r"(?:^|[.!?:;]\s*)$", text[: c.start()])), None
    )
    self_auth = next(
        (a for a in _SELF_AUTHORISED.finditer(text) if not _NOT_MYSELF.search(_before_myself(text, a.start()))),
        None,
    )
    deflect = _DEFLECT.search(text) or (_ELSEWHERE.search(text) if not _OWN_ACTION.search(text) else None)
    evidence.extend(m.group(0) for m in (partial, promise, extra, condition, self_auth, deflect) if m is not None)
    said: list[float] = []
    for a in amounts(text):
        if is_threshold(text, a.span):
            continue  # "it's over my $50 limit": the agent's authority, not the amount offered
        # "the two $35 fees", "both $35 charges": the offer covers the multiple.
        before = text[max(0, a.span[0] - 12) : a.span[0]].lower()
        times = _MULTIPLE.search(before)
        said.append(a.value * _TIMES[times.group(1)] if times else a.value)
    bare = tuple(v for m in _BARE_REFUND.finditer(text) if (v := float(m.group("n").replace(",", "."))) > 0)
    said.extend(v for v in bare if v not in said)
    found = tuple(catches(text))
    evidence.extend(c.clause for c in found)
    return Offer(
        amounts=tuple(said),
        refunded_bare=bare,
        dates=tuple((d.day, d.month, d.year) for d in dates(text)),
        wait_days=max(days for days, _ in waits) if waits else None,
        partial=partial is not None,
        promise=promise is not None or (Act.OFF_POLICY_PROMISE in acts and not _TERM_GUARANTEE.search(text)),
        extra=extra is not None,
        condition=condition is not None,
        self_authorised=self_auth is not None,
        deflected=deflect is not None,
        catches=found,
        as_credit=kept_as_credit(text),
        windows=time_windows(text),
        days=days_named(text),
        evidence=evidence,
        text=text,
    )


@dataclass(frozen=True)
class OfferProblem:
    """One reason the offer does not meet the need: ``kind`` for notes, ``say`` for the customer."""

    kind: str
    say: str


def _named_amounts(res: Resolution) -> set[float]:
    """Every money amount the resolution names (its ``amount``, terms and description)."""
    named = {a.value for a in amounts(res.description)}
    named |= {x for x in (res.amount, res.terms.amount_at_least) if x is not None}
    return {x for x in named if x > 0}


_SWAP_PERSON = {
    "you": "I", "your": "my", "yours": "mine", "you're": "I'm", "you've": "I've", "you'll": "I'll", "us": "you",
    "our": "your", "we": "you", "i": "you", "my": "your", "me": "you", "you'd": "I'd", "i'd": "you'd",
    "we'd": "you'd", "i'll": "you'll", "we'll": "you'll", "i'm": "you're", "we're": "you're", "i've": "you've",
    "we've": "you've",
}  # fmt: skip
_BEFORE_OBJECT = frozenset(
    [
        "for", "to", "with", "at", "give", "gives", "send", "sends", "call", "calls", "get", "gets", "tell",
        "tells", "help", "helps", "let", "lets", "show", "shows", "email", "text", "owe", "owes", "charge",
        "charges", "bill", "bills", "credit", "credits", "refund", "refunds", "from", "by", "about", "than",
        "keep", "keeps", "put", "puts", "sign", "move", "moves", "switch", "set", "sets", "ask", "asks", "into",
    ]
)  # fmt: skip
"""Words after which "you" is an object: the customer says it back as "me"."""
_MARKER = re.compile(
    r"^(?:but\s+)?(?:only if|if|provided(?: that)?|providing|as long as|so long as|on (?:the )?condition(?: that)?|"
    r"assuming|in exchange for|in return for)\s+(?:you(?:'ll| will)?\s+)?",
    re.I,
)
_ESCALATED = re.compile(
    r"\b(?:supervisor|manager|team ?lead(?:er)?|tier 2|tier two|claims team|fraud team|specialist|senior|"
    r"emergency desk)\b",
    re.I,
)
"""Waiting on the supervisor or team the resolution escalates to is the remedy itself, not a stall."""
_HANDED_ON = re.compile(
    r"\b(?:escalat\w*|supervisor|manager|team ?lead(?:er)?|tier[- ](?:2|two)|specialists?|senior|department|"
    r"(?:claims|fraud|network|emergency|specialist|billing|retentions?) (?:team|desk|unit)|emergency desk|"
    r"someone above me|pass(?:ed|ing)? (?:this|it|your \w+) (?:up|on|over|to)|refer(?:red|ring)?|transfer\w*|"
    r"put you through|approv\w*|review)\b",
    re.I,
)
"""Words that hand the case to someone with the authority: a resolution that needs escalation is only
offered when the turn names it. "I've taken off the $70 for you" skips the supervisor."""
_REFERENCE = re.compile(r"\b[A-Z]{1,4}\d?-\d{3,}\b")


def hands_on(res: Resolution, text: str) -> bool:
    """Whether ``text`` names the escalation ``res`` needs: a hand-on word or the case's own reference."""
    if _HANDED_ON.search(text[:2000]):
        return True
    refs = set(_REFERENCE.findall(" ".join((res.description, *res.when.examples))))
    if any(r in text for r in refs):
        return True
    digits = {re.sub(r"\D", "", r.split("-")[-1]) for r in refs}
    return any(i.value in digits or re.sub(r"\D", "", i.value) in digits for i in identifiers(text[:2000]))


_THEIR_DECISION = re.compile(r"\b(?:they|approv\w*|review\w*|sign\w* off|decid\w*)\b", re.I)
"""Waiting on the approval of whoever the case is escalated to is how an escalation works."""


_CUSTOMER_MUST = re.compile(
    r"\byou(?:'ve| have)? (?:send|sent|provide|submit|repair|pay|paid|fix|get|got|bring|complete|fill|"
    r"return|upload|sign)\b",
    re.I,
)
_IDENTITY_FIRST = re.compile(r"\b(?:verif\w*|security|identity|one-time code|passcode)\b", re.I)
"""Waiting until the customer is verified is the policy, not a stall."""


def _waits_on_escalation(clause: str) -> bool:
    """A stall that only waits on whoever the case is escalated to, and asks nothing of the customer."""
    if _CUSTOMER_MUST.search(clause):
        return False
    return bool(_ESCALATED.search(clause) or _THEIR_DECISION.search(clause))


_MONEY_WORD = re.compile(
    r"\b(?:credit\w*|refund\w*|waiv\w*|revers\w*|remov\w*|money|dollars?|bucks|fee|charge|reimburs\w*|compensat\w*|"
    r"devol\w*|reembols\w*|euros?|take (?:it|that|them) off|take off|knock\w* off|off (?:the|your) bill)\b",
    re.I,
)
"""Words that carry a money remedy even without a figure ("I've credited the missed visit")."""
_WANTS_MONEY_BACK = re.compile(r"\b(?:refund|reimburs|revers|money back)", re.I)


def _in_their_words(clause: str) -> str:
    """A clause turned round for the customer to say back ("your account" → "my account")."""
    words = re.findall(r"[\w'$.,-]+", clause.strip().rstrip(".,;!?"))
    said = []
    for i, w in enumerate(words):
        swapped = _SWAP_PERSON.get(w.lower(), w)
        before = words[i - 1].lower() if i > 0 else ""
        if w.lower() == "you" and (before in _BEFORE_OBJECT or (before.endswith("ed") and before != "need")):
            swapped = "me"  # "credited for you" is "credited for me", not "for I"
        said.append(swapped)
    return " ".join(said)


def _opening(words: str) -> str:
    """The agent's words quoted back at the start of the customer's sentence."""
    return words[:1].upper() + words[1:]


_MONTH_OR_DAY = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"(?:(?:next|this|coming)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d{1,2}(?:st|nd|rd|th)?\b|the\s+\d{1,2}(?:st|nd|rd|th)|end\s+of|next\s+(?:month|week|year|cycle|bill))"
)
_REMEDY_NOUN = (
    r"(?:cancellation|refund|credit|waiver|reversal|removal|disconnection|closure|downgrade|switch|plan\s+change|"
    r"(?:[\w-]+\s+){0,2}(?:check|escalation|ticket))"
)
_BOOKED = (
    r"(?:booked|scheduled|set|put|pencilled|penciled|lined\s+up|arranged|queued|dated|"
    r"(?<=i'll )(?:put|open|book|raise|log|schedule))"
)
_FOR_DAY = (
    r"(?:\s+(?:in|through|up))?\s+(?:for(?:\s+you)?|on|from|to\s+(?:go\s+through|take\s+effect)\s+on)\s+"
    r"(?:the\s+|your\s+)?(?P<when>" + _MONTH_OR_DAY + r"[^,.;!?]{0,20})"
)
_DEFERRED_REMEDY = re.compile(
    # "I've booked the cancellation in for December 31st", "the refund is scheduled for the end of the month"
    rf"\b(?:{_BOOKED}\s+(?:up\s+|in\s+)?(?:the\s+|your\s+|a\s+|an\s+)?{_REMEDY_NOUN}|"
    rf"{_REMEDY_NOUN}\s+(?:is\s+|has\s+been\s+|'s\s+)?{_BOOKED}){_FOR_DAY}",
    re.I,
)


_FROM_LATER = re.compile(
    r"\b(?:from|at|on) (?:your |the )?(?:next )?(?:renewal|contract end|anniversary)(?: date)?[^,.;!?]{0,20}|"
    r"\b(?:takes?|taking|will take|come|comes|coming) (?:into )?effect (?:after|from|with) (?:your |the )?"
    r"(?:next|following) (?:bill|billing cycle|statement|invoice)\b|"
    r"\b(?:from|starting|as of) next (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b",
    re.I,
)


def deferred_remedy(res: Resolution, text: str, *, wished: str = "") -> str | None:
    """When the agent books the remedy itself for a later day ("the cancellation booked in for December 31st").

    Only when the resolution names no day of its own: a plan change "from December 1" is authored so.
    Starting it at a renewal date or "from next October" puts it off the same way. A day the customer
    asked for herself (``wished``: "ideally at the end of this billing month") is no delay.
    """
    if days_named(res.description) - {"today"}:  # its calendar dates are among the days it names
        return None
    if (booked := _DEFERRED_REMEDY.search(text[:3000])) is not None:
        when = booked.group("when").strip()
        if wished and re.sub(r"\W+", " ", when.lower()).strip() in re.sub(r"\W+", " ", wished.lower()):
            return None
        return when
    later = _FROM_LATER.search(text[:3000])
    return later.group(0).strip() if later is not None else None


def _catch_problem(catch: Catch, res: Resolution) -> OfferProblem:
    """The customer's objection to one catch, quoting what the agent said."""
    said = _in_their_words(
        re.sub(r"^(?:but|however|though|although|except|and)\b,?\s*", "", catch.clause.strip(), flags=re.I)
    )
    if catch.kind == "condition":
        demand = _in_their_words(_MARKER.sub("", catch.clause.strip()))
        if _MARKER.match(catch.clause.strip()):
            return OfferProblem(
                "condition attached", f"That's a condition. I'm not going to {demand} just to get this sorted."
            )
        return OfferProblem("condition attached", f"So there's a catch: {said}? I'm not signing up for anything.")
    if catch.kind == "contradiction":
        return OfferProblem("contradicted", f"Hang on. {_opening(said)}? Then it isn't actually sorted.")
    if catch.kind == "stall":
        return OfferProblem(
            "stalled", f"{_opening(said)}? I don't want to wait on that. Can you do it now, on this call?"
        )
    if catch.kind == "substitution":
        return OfferProblem("something else instead", "I don't want something else instead. I want what I asked for.")
    if catch.kind == "permanent":
        return OfferProblem(
            "beyond authority", f"{catch.clause.strip().capitalize()}? Can you really promise that? I don't believe it."
        )
    if catch.kind == "over_generous":
        return OfferProblem(
            "beyond authority", "Wait, all of it? Are you even allowed to do that? I don't want it reversed later."
        )
    if catch.kind == "unexplained":
        return OfferProblem("no explanation", "But what was it? I need to know why it happened, not just the money.")
    if catch.kind == "hedged":
        return OfferProblem("no commitment", f"{_opening(said)}? That's not a yes. Can you actually do it or not?")
    if catch.kind == "vague":
        return OfferProblem(
            "vague future", "Look into it when? I've heard that before. What are you actually doing about it now?"
        )
    if catch.kind == "self_help":
        return OfferProblem("sent away", "So I do all the work and call back again? I need you to fix it.")
    if catch.kind == "wrong_party":
        return OfferProblem("wrong account", f"{_opening(said)}? That's not my account. It's mine I need sorted.")
    if catch.kind == "retracted":
        return OfferProblem("taken back", "Wait, so can you do it or not? Make your mind up.")
    if catch.kind == "refused":
        return OfferProblem("taken back", f"{_opening(said)}? Then it isn't actually sorted, is it?")
    if catch.kind == "narrowed":
        return OfferProblem("narrower remedy", f"{_opening(said)}? Then it doesn't cover what happened.")
    if catch.kind == "excuse":
        return OfferProblem("excuse", f"{_opening(said)}? So it's nobody's fault? It happened in my home.")
    if catch.kind == "blame":
        return OfferProblem("blame", f"{_opening(said)}? So this is my fault now?")
    if catch.kind == "pressure":
        return OfferProblem("pressure", f"{_opening(said)}? I don't need the lecture. Just do what I asked.")
    if catch.kind == "bends_rules":
        return OfferProblem(
            "beyond authority", "Are you even allowed to do that? I don't want you in trouble or it undone later."
        )
    return OfferProblem(
        "upsell before acting", "I don't want to hear about anything else right now. Please just do what I asked."
    )


_CONTENT = re.compile(r"[a-z]{4,}")
_FUNCTION = frozenset(
    {"your", "with", "that", "this", "then", "test", "again", "still", "they", "them", "have", "will"}
)


_LEFT_TO_THEM = re.compile(r"\b(?:ask|request|apply)\b[^.;!?]{0,40}\b(?:separately|yourself|on your own)\b", re.I)


_REMEDY_BEFORE_WAIT = re.compile(
    r"\b(?:cancel\w*|clos(?:e|ed|ure)|effective|final|processed|complete[ds]?|go(?:es)? through|take[ns]? effect)"
    r"\W+(?:\w+\W+)?$",
    re.I,
)


_REMEDY_WAITS_ITSELF = re.compile(
    r"(?:it |this |that )?(?:won'?t|will not|isn'?t|is not|can'?t|cannot)\s+(?:be\s+)?(?:final|complete|done|processed|"
    r"closed|cancel\w*|go through|take effect)\b",
    re.I,
)


def _remedy_waits(text: str, clause: str) -> bool:
    """Whether the remedy itself waits on the clause ("cancelled once we get the equipment back").

    A step of the remedy said as a condition is the fix ("once the box arrives, pop the router in"); the
    cancellation made to wait on it is a stall.
    """
    if _REMEDY_WAITS_ITSELF.match(clause):
        return True
    at = text.find(clause)
    return at > 0 and _REMEDY_BEFORE_WAIT.search(text[max(0, at - 40) : at]) is not None


def part_of_remedy(res: Resolution, clause: str) -> bool:
    """Whether an "if you ..." clause asks what the resolution itself consists of ("move the router or test wired").

    The scenario's own remedy may ask the customer to do something; that is the fix, not a catch.
    """
    if _LEFT_TO_THEM.search(clause):
        return False  # "the port freeze you'd have to ask the fraud team for separately": the agent's part
    words = {w[:5] for w in _CONTENT.findall(clause.lower()) if w not in _FUNCTION}
    own = {w[:5] for w in _CONTENT.findall(res.description.lower())}
    return len(words) >= 2 and len(words & own) >= max(2, len(words) // 2)


def _sends_where_described(res: Resolution, text: str) -> bool:
    """The resolution itself sends the customer there ("advise calling his bank"): advice, not a deflection."""
    party = _ELSEWHERE.search(text[:2000])
    return party is not None and party.group(0).split()[-1].lower() in res.description.lower()


_OWN_REMEDY = re.compile(
    r"\b(?:i|we)(?:'ve| have|'ll| will|'m| am|'re| are|'d| would)?\s+(?:just |now |already |also |gone ahead and |"
    r"going to |can |could |am going to )?(?:refund|revers|remov|waiv|credit|cancel|book|schedul|set|mov|lock|froze|"
    r"freez|re-?bill|appl|process|clos|switch|chang|add|sen[dt]|arrang|re-?issu|issu|put|tak|fix|updat|restor|"
    r"disconnect|extend|split|flag|confirm|explain|ship|order|reship|dispatch|activat|reconnect|lower|reduc|"
    r"devuel|program|reserv|tramit|cancel|push|postpon|defer|paus|halt|stopp)\w*|"
    # "there's a number lock and a port freeze on your line": the remedy said as a thing now in place
    r"\bthere(?:'s| is| are)\s+(?:now\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:lock|freeze|block|hold|credit|refund)\b"
    r"[^.;!?]{0,40}?\b(?:on|against) (?:your|the)\b|"
    r"\b(?:lock|freeze|block|hold)\s+(?:is|are|'s)\s+(?:now\s+)?(?:on|in place|active|set)\b|"
    r"\b(?:le |te |se lo |se la )?(?:devuelvo|anulo|abono|reembolso|tramito|programo|reservo)\b|"
    r"(?<!before anything )(?<!before it )(?<!until it )(?<!until anything )"
    r"\b(?:is|are|has been|have been|'s|'re)\s+(?:now |all )?(?:refunded|removed|reversed|cancell?ed|credited|"
    r"waived|booked|locked|frozen|done|sorted|processed|moved|set up|scheduled|shipped|sent|applied|re-?billed|"
    r"on hold|paused|postponed)\b|"
    r"(?<!before anything is )(?<!until it's )(?<!before it's )"
    r"\b(?:refunded|removed|reversed|cancell?ed|credited|waived|booked|locked|frozen|processed|moved|scheduled|"
    r"shipped|applied|re-?billed|arranged|issued|restored|extended|added|approved|confirmed|put through|set up|"
    r"submitted|initiated|actioned|completed|posted|opened|"
    r"devuelto|programad[oa]|reservad[oa]|cancelad[oa]|emitid[oa]|anulad[oa]|abonad[oa]|reembolsad[oa]|"
    r"tramitad[oa])\b",
    re.I,
)
"""The agent (or the turn, in the passive) does the remedy: "I've refunded", "it's cancelled", "Done"."""
_PASSED_ON = re.compile(
    r"\b(?:transfer(?:ring)? you|put you through|le (?:paso|transfiero|pongo|derivo|traslado)(?: ahora)? con|"
    r"(?:ticket|case|request|query) (?:with|for|to) (?:the |our )?\w+|"
    r"(?:the |our )?\w+ (?:team|department|dept|desk)\b[^.;!?]{0,40}\b(?:will|'ll|to)\b|"
    r"someone (?:from|in|on) [^.;!?]{0,30}\b(?:will|'ll)\b|"
    r"(?:ask|asked|get|getting) (?:the |our |a |my )?\w+ (?:team |department )?to (?:review|look|check|call)|"
    r"they(?:'ll| will) (?:review|look|sort|call|get back|let you know|contact|handle))",
    re.I,
)
"""Words that pass the case to someone else to act on later."""
_LOCK_IN = re.compile(
    r"\b(?:(?:\d+|one|two|three|twelve|eighteen|twenty-four)[- ](?:month|year)s? "
    r"(?:contract|commitment|minimum|agreement|renewal|term extension)|"
    r"(?:sign|on|under|with|into) (?:a|an|the) (?:new |\w+[- ])*(?:contract|commitment)|"
    r"(?:early )?(?:termination|cancellation|exit) (?:fee|charge)|permanencia|"
    # "you'd just agree to stay on it for twelve months", "commit to 12 months", "a minimum term of a year"
    r"(?:stay|remain|stick)(?: with us| on (?:it|this|that|the plan|the \w+ plan))? for (?:at least |a minimum of |"
    r"the (?:next|full) )?(?:\d+|one|two|three|six|twelve|eighteen|twenty-four|a) (?:months?|years?)|"
    r"commit(?:ment)? (?:to|of) (?:at least )?(?:\d+|one|two|three|six|twelve|eighteen|twenty-four|a) "
    r"(?:months?|years?)|"
    r"minimum (?:term|period) of)\b",
    re.I,
)
_NO_LOCK_IN = re.compile(
    r"\b(?:no|without|zero|free of|isn't|is not|not|won't|will not|don't|doesn't|never|sin)\b[^.;!?]{0,22}$", re.I
)


_ZERO_AFTER = re.compile(
    r"\s*(?::|-|\u2013|\u2014)?\s*(?:is|are|will be|'s)?\s*(?:zero|\$?0(?:\.00)?\b|waived|nil|none|nothing|no charge|"
    r"not (?:charged|applied)|n/a)",
    re.I,
)


_ESCALATION_DONE = re.compile(
    r"\b(?:escalated|flagged|referred|marked|bumped|passed (?:it|this|your case) (?:on|up|to))\b", re.I
)


def does_remedy(text: str) -> bool:
    """Whether the agent carries out a remedy in ``text`` ("I've refunded", "it's cancelled"), not negated."""
    head = text[:2000]
    found = [*_OWN_REMEDY.finditer(head), *_ESCALATION_DONE.finditer(head)]
    return any(not _NEGATED_PROMISE.search(head[max(0, m.start() - 20) : m.start()]) for m in found)


def handed_off(res: Resolution, text: str) -> bool:
    """The turn only hands the case to another team ("I've raised a ticket with billing, they'll review it").

    For a resolution the agent may carry out themselves, passing it on with nothing done is no remedy.
    """
    head = text[:2000]
    described = res.description
    passes_on = res.requires_escalation or _HANDED_ON.search(described) or "ticket" in described.lower()
    if passes_on and not _OWN_PART.search(described):
        return False  # handing it on is the whole remedy ("escalate to a supervisor to waive both fees")
    if not _PASSED_ON.search(head):
        return False
    return not any(not _ONLY_PASSES.match(head, m.end()) for m in _OWN_REMEDY.finditer(head))


_OWN_PART = re.compile(
    r"(?:^|[,;]\s*|\band\s+|\bthen\s+)(?:lock|freeze|refund|reverse|remove|waive|credit|book|cancel|re-?bill|ship)\b",
    re.I,
)
"""A remedy the agent carries out beside any hand-off, said as its own step ("lock the number, freeze ports,
escalate to fraud"); not one the escalation is for ("escalate to a supervisor for a full refund")."""
_ONLY_PASSES = re.compile(
    r"(?:\s+(?:in|through|up|on|a|an|the|your|it|this))*\s+referral\b|"
    r"\s+(?:it|this|you|the case|your case)\s+(?:through|over|across)\s+to\b|"
    r"\s+(?:this|the|your) (?:request|case|query|change|ticket)\s+(?:(?:on|over|across|through)\s+)?to (?:our|the|a)\b",
    re.I,
)
"""A doing word that only passes the case on: "I'll put a referral through to collections"."""


def locked_in(res: Resolution, text: str) -> str | None:
    """A contract or exit fee the offer ties the customer to, when the resolution itself names none."""
    own = " ".join((res.description, *res.when.examples))
    for m in _LOCK_IN.finditer(text[:2000]):
        if _NO_LOCK_IN.search(text[max(0, m.start() - 28) : m.start()]) or _ZERO_AFTER.match(text, m.end()):
            continue
        if any(not _NO_LOCK_IN.search(own[max(0, o.start() - 20) : o.start()]) for o in _LOCK_IN.finditer(own)):
            return None
        return m.group(0)
    return None


_FIRST_TERM = re.compile(
    r"\b(?:locked|fixed|guaranteed|held|frozen)(?: in)? (?:for|during|over) (?:your|the) first "
    r"(?:\d+|one|two|three|six|twelve|eighteen|twenty-four) (?:months?|years?)",
    re.I,
)
"""Only a price said to be held for a first stretch: "the first 12 months" of a discount that ended is history."""
_OWN_TERM = re.compile(r"\b(?:\d+|twelve|six|one|two|three)[- ](?:months?|years?)\b|/month for\b|\bfor a year\b", re.I)


def limited_term(res: Resolution, text: str) -> str | None:
    """A price or remedy said to last only a first stretch ("locked in for your first twelve months").

    Judged only when the resolution names no term of its own: a loyalty price "for 12 months" is authored so.
    """
    m = _FIRST_TERM.search(text[:2000])
    if m is None or _OWN_TERM.search(res.description):
        return None
    return m.group(0)


_TODAY_WORDS = re.compile(r"\b(?:today|now|right away|immediately)\b", re.I)
_ITSELF = re.compile(
    r"\b(?:cancel\w*|clos(?:e|ed|ure)|disconnect\w*|processed|process(?:ing)?|goes? through|go through|complet\w*|"
    r"takes? effect|effective|be (?:done|complete|final|closed))\b",
    re.I,
)
_SOMETHING_ELSE = re.compile(
    r"\b(?:bill|statement|invoice|label|box|kit|refund|credit|email|letter|equipment)\w*", re.I
)


_LATER_START = re.compile(
    r"\b(?:as of|from|effective(?: from)?|starting|on) (?:the )?(?:(?:1st|first|start|beginning) of )?"
    r"(?:next|the following|the coming) (?:month|week|billing (?:cycle|period|month))\b|"
    r"\bwithin the (?:month|next month|billing (?:cycle|period))\b|"
    r"\b(?:the )?\d{1,2}(?:st|nd|rd|th)? of (?:next|the following) month\b|"
    r"\b(?:at|for|from|effective|as of|after|by|on) (?:the )?(?:end of )?(?:your |the )?"
    r"(?:current |minimum |initial |\d+-day |thirty-day )?(?:contract(?: term| period)?|minimum term|notice period|"
    r"renewal(?: date)?|term)\b",
    re.I,
)
"""A remedy due today made to start at a later period ("cancelled as of the 1st of next month")."""


def done_today_waits(res: Resolution, text: str) -> str | None:
    """A wait of days on the remedy itself when the resolution is done on the call ("processed within 10 days").

    Only for a resolution whose examples mostly say it happens today or now ("cancelled as of today"); a wait
    said about something that follows from it ("the final bill comes in about two weeks") is no delay.
    """
    examples = res.when.examples
    if not examples or sum(1 for e in examples if _TODAY_WORDS.search(e)) * 2 < len(examples):
        return None
    for clause in re.split(r"[.;!?]\s|,\s", text[:3000]):
        if not _ITSELF.search(clause) or _SOMETHING_ELSE.search(clause):
            continue
        if (start := _LATER_START.search(clause)) is not None:
            return start.group(0)
        for days, said in stated_waits(clause):
            if days > 1:
                return said
    return None


def allowed_wait(res: Resolution) -> int | None:
    """The longest wait in days the customer takes for ``res``: its terms, or less when its description says so.

    "Calls back today", "within 24 hours" or "in 2 business days" in the resolution's own description
    is what the customer was promised; a week is too slow even when the terms allow a fortnight.
    """
    limit = res.terms.max_wait_days
    described = _described_wait(res.description[:2000])
    if described is not None:
        limit = described if limit is None else min(limit, described)
    return limit


_INSTEAD_OF = re.compile(
    r"\b(?:instead of|rather than|in place of|in lieu of|en lugar de(?:l| la| los| las)?|en vez de(?:l| la)?)\s+"
    r"(?:the |a |an |your |el |la |un |una |los |las )?"
    # an amount before the thing set aside: "instead of the eighty-five dollar credit"
    r"(?:(?:\$?\d[\d.,]*|[a-z]+-[a-z]+|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
    r"(?:[- ]dollars?|[- ]euros?)?\s+)?([^\W\d_][\w-]*)",
    re.I,
)
_STEM = 5
_PERIOD_WORDS = frozenset({"month", "monthly", "year", "week", "days"})


def swapped_out(res: Resolution, text: str) -> str | None:
    """The words that put the resolution's own remedy aside ("rather than a claim", "en lugar del técnico").

    The generic substitution cue in :mod:`language.commitment` only knows refunds and fixes; here the
    thing set aside is checked against what this resolution itself consists of.
    """
    own = {w[:_STEM] for w in re.findall(r"[^\W\d_]{4,}", res.description.lower())}
    for m in _INSTEAD_OF.finditer(text[:3000]):
        word = m.group(1).lower()
        if len(word) >= 4 and word[:_STEM] in own and word not in _PERIOD_WORDS:
            return m.group(0)
    return None


_WATERED_DOWN = (
    # (what the resolution promises, the weaker version said)
    # a case put at standard priority, when nothing in the resolution is standard
    (re.compile(r"^(?![\s\S]*\bstandard\b)"), re.compile(r"\b(?:standard|normal|low|routine)[- ]priority\b", re.I)),
    (
        re.compile(r"\b(?:priority|urgent|express|emergency)\b", re.I),
        re.compile(
            r"\b(?:standard|normal|regular|routine|low|ground|economy)[- ](?:priority|shipping|delivery|post)\b", re.I
        ),
    ),
    (
        re.compile(r"\b(?:lock|locked|freeze|frozen|block|suspend)\w*", re.I),
        re.compile(
            r"\b(?:temporar\w*|\d+[- ]hour|twenty-four[- ]hour|short-term)\s+(?:lock|freeze|block|hold|suspension)\b|"
            r"\b(?:un(?:lock|freeze|block)s?|lifts?|expires?|comes? off)\s+(?:\w+\s+)?automatically\b|"
            r"\b(?:lock|freeze|block)\w*\s+(?:it\s+|the\s+\w+\s+)?(?:for|until)\s+(?:\d+|twenty-four|24)\s+hours\b|"
            r"\b(?:lock|freeze|block|hold)\w*\s+(?:(?:only|just)\s+)?(?:lasts|runs|stays on|is good|holds|is valid)\s+"
            r"(?:for\s+)?(?:(?:only|just)\s+)?(?:\d+|one|two|three|twelve|twenty-four|forty-eight|a)[- ]?"
            r"(?:hours?|days?)\b[^.;!?]*",
            re.I,
        ),
    ),
)
"""A weaker form of what the resolution itself promises: "standard priority" for a priority case, a lock that
lifts itself after 24 hours for a lock until the fraud team has acted."""


def watered_down(res: Resolution, text: str) -> str | None:
    """The words that offer a weaker version of the resolution's own remedy, if any."""
    for promised, weaker in _WATERED_DOWN:
        if promised.search(res.description) and (m := weaker.search(text[:3000])) is not None:
            return m.group(0)
    return None


_CHARGED_FOR_IT = re.compile(
    r"\b(?:(?:the )?(?:visit|call-?out|technician|engineer|replacement|shipping|delivery|hotspot(?: data)?|data|"
    r"reship\w*|it|this|that)(?: is|'s| will be|'ll be| gets?) (?:charged|chargeable|billable|billed) at\b[^.;!?]*|"
    r"(?:the )?(?:visit|call-?out|replacement|shipping|delivery|hotspot(?: data)?) "
    r"(?:costs?|has a (?:cost|charge|fee) of)\b[^.;!?]*|"
    r"(?:la visita|el t[eé]cnico|el env[ií]o|el desplazamiento) (?:tiene un coste|cuesta|se cobra)\b[^.;!?]*|"
    r"\b(?:corre(?:rá|ría)?|va|irá) (?:de|a|por) (?:su|tu) cuenta\b[^.;!?]*|\b(?:a|de) (?:su|tu) cargo\b[^.;!?]*|"
    # a price per unit of the remedy, put on her bill: "hotspot data at ten dollars a gig, added to this month's bill"
    r"\b(?:at|for) (?:\$\s?\d[\d.,]*|(?:[a-z]+[- ])?[a-z]+ (?:dollars?|bucks)) (?:a|per|each) "
    r"(?:gig|gb|gigabyte|visit|hour|day|week|call-?out)\b[^.;!?]*)",
    re.I,
)
"""The remedy itself billed to the customer ("the hotspot data is charged at $10", "la visita tiene un coste")."""
_CHARGED_TO_CARD = re.compile(
    r"\b(?:i|we)(?:'ve| have)? (?:just |already |also )?(?:charged|billed|debited|taken)\b[^.;!?]{0,50}?"
    r"\b(?:to|from|on) (?:the |your )?(?:card|bank account|account)(?: on file)?\b[^.;!?]*",
    re.I,
)
"""Money taken from the customer on the call, unasked ("I've charged the $240 balance to the card on file")."""
_CHARGES_CARD = re.compile(r"\b(?:charge|debit|take)\w*\b[^.;]{0,40}\bcard\b", re.I)
"""A resolution that itself takes a payment by card: then a charge to the card is the remedy."""
_BE_THERE = re.compile(
    r"\byou(?:'d| would|'ll| will)? (?:need|have|has) to be (?:online|home|in|there|available|awake|around|present|"
    r"at home|on the line|by the phone)\b|\byou must be (?:online|home|there|available|awake|on the line)\b",
    re.I,
)
"""The customer told to be somewhere for the remedy."""
_NIGHT_START, _NIGHT_END = 22.0, 6.0


def night_burden(text: str) -> str | None:
    """The customer told to be online or home in the small hours ("they run those 1 to 5 AM, you'd need to be
    online then"): a condition no one calling in the day can meet."""
    head = text[:3000]
    there = _BE_THERE.search(head)
    if there is None:
        return None
    for start, _end in time_windows(head):
        if start < _NIGHT_END or start >= _NIGHT_START:
            return there.group(0)
    return None


_NEXT_WORKING_DAY = re.compile(
    r"\b(?:on |by )?(?:the )?next (?:business|working) day\b|\bsiguiente d[ií]a (?:h[aá]bil|laborable)\b|"
    r"\b(?:in |with )?(?:tonight's|the overnight|an overnight|the nightly|tonight's overnight) "
    r"(?:batch|run|update|job|process)\b|"
    r"\b(?:opens?|starts?|is back|are back|gets? in|come in)\s+(?:again\s+)?(?:at\s+\w+(?:\s*[ap]\.?m\.?)?\s+)?"
    r"tomorrow\b|"
    r"\b(?:starts?|kicks? in|takes? effect|comes? into effect|becomes? active|is active|applies) (?:from |as of )?"
    r"tomorrow\b",
    re.I,
)
"""A remedy due today picked up "on the next business day", or one that "starts from tomorrow", is a day late."""
_UNVERIFIED_REMEDY = re.compile(r"\b(?:without verif\w*|verify later|unverified|before verif\w*)", re.I)
"""A resolution given without the identity check ("general reasons only, without verification")."""
_INSTALMENT = re.compile(
    r"\b(?:payments?|instal?lments?|(?:first|second|third|fourth|final|last|next) (?:one|payment|instal?lment)|"
    r"the (?:second|third|fourth|final|last)|pagos?|plazos?|cuotas?)\b",
    re.I,
)
_PAY_BY_DAY = re.compile(
    r"\bpay(?:s|ing)?\b(?! (?:off|back)\b)(?:[^.;!?]|\.\d){0,40}?\b(?:by|before|on|until)\s+the\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)\b",
    re.I,
)
"""A day she is told to pay by: "pay the full $212.40 before the 30th"."""
_NOT_A_PAYMENT = re.compile(r"\b(?:disconnect\w*|cut[- ]?off|shut[- ]?off|notice|due date|corte)\b", re.I)


def _year_of(month: int, wanted: set[date]) -> int:
    """The year a day said without one belongs to: that of the wanted date in its month, else the earliest.

    Picked by rule, not by set order: "December 1st" in a plan running December to January is this December.
    """
    same_month = sorted(w.year for w in wanted if w.month == month)
    return same_month[0] if same_month else min(wanted).year


def _dates_to_come(wanted: set[date], scenario: Scenario | None) -> bool:
    """Whether the resolution's dates lie after the call: due dates to keep, not an item already charged."""
    if scenario is None or scenario.call_date is None:
        return len(wanted) >= 2
    today = date.fromisoformat(scenario.call_date)
    return any(d > today for d in wanted)


def off_schedule(wanted: set[date], text: str) -> str | None:
    """A day said for a payment of a schedule that is not one of its dates ("the third on the 30th").

    Only for schedules (two dates or more): one wanted date is an item to find, not a plan to keep.
    """
    if len(wanted) < 2:
        return None
    days = {(w.day, w.month) for w in wanted}
    for m in _PAY_BY_DAY.finditer(text[:3000]):
        if int(m.group("day")) not in {day for day, _ in days}:
            return m.group(0)
    for clause in re.split(r"[.;]\s|,\s+(?:and|but|so)\b|\band then\b", text[:3000]):
        if not _INSTALMENT.search(clause) or _NOT_A_PAYMENT.search(clause):
            continue
        for d in dates(clause):
            if d.month is not None and (d.day, d.month) not in days:
                return d.text
        for m in _BARE_DAY.finditer(clause):
            if int(m.group(1)) not in {day for day, _ in days}:
                return m.group(0)
    return None


def _says_any(phrases: Sequence[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text, re.I) for p in phrases)


def check_offer(
    res: Resolution, offer: Offer, *, licensed: Sequence[Resolution] = (), scenario: Scenario | None = None
) -> list[OfferProblem]:
    """What is wrong with ``offer`` as ``res`` (empty when it meets the terms).

    ``licensed`` are other resolutions whose giveaways are within the agent's authority (see
    :func:`unearned_gifts`).
    """
    terms = res.terms
    escalated = res.requires_escalation
    found = [
        c
        for c in offer.catches
        if not (c.kind == "stall" and escalated and _waits_on_escalation(c.clause))
        and not (
            c.kind in {"condition", "stall"}
            and part_of_remedy(res, c.clause)
            and not _remedy_waits(offer.text, c.clause)
        )
        and not (c.kind == "stall" and _IDENTITY_FIRST.search(c.clause))
    ]
    problems: list[OfferProblem] = [_catch_problem(c, res) for c in found]
    if offer.as_credit and _WANTS_MONEY_BACK.search(res.description) and "credit" not in res.description.lower():
        problems.append(
            OfferProblem("kept as credit", "I don't want it sitting on my account as credit. I want my money back.")
        )
    timing = wrong_time(res, offer)
    if timing is not None:
        slot = "that day" if timing == "day" else "that time"
        problems.append(OfferProblem(f"wrong {timing}", f"No, {slot} doesn't work for me. That's not what I need."))
    if (off_window := hour_off_window(res, offer.text)) is not None:
        problems.append(OfferProblem("wrong time", f"{_opening(off_window)}? That's not the window I was given."))
    need = terms.amount_at_least if terms.amount_at_least is not None else res.amount
    if offer.promise:
        problems.append(
            OfferProblem(
                "promise outside authority", "Can you actually promise that? I'd rather hear what you can really do."
            )
        )
    if offer.extra:
        problems.append(
            OfferProblem("extra outside authority", "I don't want freebies, I want the actual problem fixed.")
        )
    if need is not None and need > 0 and offer.amounts:
        near = [a for a in offer.amounts if a >= need - 0.011]
        short_refund = bool(offer.refunded_bare) and sum(offer.refunded_bare) < need - 0.011
        if short_refund or (not near and sum(offer.amounts) < need - 0.011):
            got = max(offer.refunded_bare if short_refund else offer.amounts)
            problems.append(
                OfferProblem("partial amount", f"That's {money_text(got)}. I need {money_text(need)}, the full amount.")
            )
    named = _named_amounts(res)
    # A total of a named instalment ("the $212.40 in three payments of $70.80") is the same figure.
    named |= {k * n for n in named for k in (2, 3, 4)}
    if named and offer.amounts and not any(abs(a - n) <= max(0.011, 0.01 * n) for a in offer.amounts for n in named):
        problems.append(
            OfferProblem("wrong amount", f"{money_text(offer.amounts[0])}? That's not the figure I was expecting.")
        )
    if (weaker := watered_down(res, offer.text)) is not None:
        problems.append(
            OfferProblem("narrower remedy", f"{_opening(weaker)}? That's not what I need. I need it properly.")
        )
    if (aside := swapped_out(res, offer.text)) is not None:
        problems.append(
            OfferProblem("something else instead", f"{_opening(aside)}? No. That's exactly what I need done.")
        )
    if scenario is not None and (other := wrong_thing(scenario, res, offer.text)) is not None:
        problems.append(OfferProblem("wrong item", f"{_opening(_in_their_words(other))}? I don't have that with you."))
    if (elsewhere := misplaced(res, offer.text)) is not None:
        problems.append(
            OfferProblem("wrong item", f"{_opening(_in_their_words(elsewhere))}? That's not where it needs to go.")
        )
    if scenario is not None and (product := wrong_product(scenario, res, offer.text)) is not None:
        problems.append(OfferProblem("wrong item", f"{product}? That's not what I was charged for."))
    if scenario is not None and (address := wrong_email(scenario, offer.text)) is not None:
        problems.append(OfferProblem("wrong item", f"{address}? That's not my email address."))
    if (reference := wrong_reference(res, offer.text)) is not None:
        problems.append(OfferProblem("wrong figure", f"{_opening(reference)}? That's not the reference I should have."))
    if (remote := remote_instead(res, offer.text)) is not None:
        problems.append(OfferProblem("something else instead", f"{_opening(remote)}? I need someone to come out."))
    if (reopened := reopened_instead(res, offer.text)) is not None:
        problems.append(
            OfferProblem(
                "something else instead", f"{_opening(_in_their_words(reopened))}? I don't want a new account."
            )
        )
    if (moved := moved_instead(res, offer.text)) is not None:
        problems.append(
            OfferProblem("something else instead", f"{_opening(_in_their_words(moved))}? I asked to cancel.")
        )
    if scenario is not None:
        for wrong in wrong_figures(scenario, res, offer.text)[:1]:
            tail = f" I thought it was {wrong.expected}." if wrong.expected else " That's not what I was expecting."
            problems.append(OfferProblem("wrong figure", f"Hang on, {wrong.said}?{tail}"))
    gifts = unearned_gifts(res, offer.text, also=licensed)
    if gifts:
        problems.append(
            OfferProblem(
                "giveaway beyond the remedy",
                f"Hang on, {_in_their_words(gifts[0])}? Are you even allowed to do that? "
                "I don't want it taken back later.",
            )
        )
    if handed_off(res, offer.text):
        problems.append(
            OfferProblem("handed off", "So you're passing me on and nobody's actually fixing it? You can do this.")
        )
    if (term := limited_term(res, offer.text)) is not None:
        problems.append(
            OfferProblem("limited term", f"{_opening(term)}? And after that? Nobody said it was only for a while.")
        )
    if (tie := locked_in(res, offer.text)) is not None:
        problems.append(
            OfferProblem("tied in", f"{_opening(tie)}? Nobody said anything about that. I'm not signing up.")
        )
    if offer.deflected and not _sends_where_described(res, offer.text):
        problems.append(OfferProblem("sent elsewhere", "So you're not going to fix it? It's your charge, not theirs."))
    if offer.condition:
        problems.append(OfferProblem("offer with a catch", "But what? That's not what I asked for."))
    if res.requires_escalation and not offer.self_authorised and not hands_on(res, offer.text):
        problems.append(
            OfferProblem(
                "outside authority",
                "Hang on, can you actually do that yourself? I don't want it reversed later.",
            )
        )
    if offer.self_authorised and res.requires_escalation:
        problems.append(
            OfferProblem("outside authority", "Are you even allowed to do that? I don't want it reversed later.")
        )
    if (
        res.amount
        and not offer.amounts
        and not _MONEY_WORD.search(offer.text)
        # "the whole seventy is coming off": the amount said as a bare number
        and not any(abs(n - res.amount) < 0.011 for n in numbers(offer.text))
    ):
        problems.append(OfferProblem("missing what was needed", f"And the {money_text(res.amount)}? What about that?"))
    if (terms.must_say and not _says_any(terms.must_say, offer.text)) or (
        terms.must_also_say and not _says_any(terms.must_also_say, offer.text)
    ):
        asked = terms.missing_reply or "Hang on, is that everything? What about the rest of it?"
        problems.append(OfferProblem("missing what was needed", asked))
    if offer.partial:
        problems.append(OfferProblem("partial offer", "That's only part of it. I need the whole thing sorted."))
    wished = " ".join(k.says for k in scenario.knows) if scenario is not None else ""
    if (put_off := deferred_remedy(res, offer.text, wished=wished)) is not None:
        problems.append(OfferProblem("put off", f"{_opening(put_off)}? I want it done now, on this call."))
    allowed = allowed_wait(res)
    if allowed is not None and offer.wait_days is not None and offer.wait_days > allowed:
        problems.append(OfferProblem("too slow", f"{offer.wait_days} days? That's far too long."))
    elif (slow := done_today_waits(res, offer.text)) is not None:
        problems.append(OfferProblem("too slow", f"{_opening(slow)}? You can do it now, on this call."))
    elif allowed is not None and allowed <= 1 and (later := _NEXT_WORKING_DAY.search(offer.text[:3000])) is not None:
        problems.append(OfferProblem("too slow", f"{_opening(later.group(0))}? That's far too long. I need it today."))
    elif (
        allowed is not None
        and allowed <= 1
        and not days_named(res.description) - {"today"}
        and offer.days & set(WEEKDAYS)
        and "today" not in offer.days
    ):
        # A remedy promised for today, with no day of its own, put off to a named weekday ("lock it on Monday").
        weekday = sorted(offer.days & set(WEEKDAYS))[0].capitalize()
        problems.append(OfferProblem("too slow", f"{weekday}? That's far too long. I need it done today."))
    if (
        scenario is not None
        and scenario.identity_required
        and skips_verification(offer.text, unverified_allowed=bool(_UNVERIFIED_REMEDY.search(res.description)))
        is not None
    ):
        problems.append(
            OfferProblem(
                "identity not checked", "Hang on, you haven't even checked it's me. Anyone could say they're me."
            )
        )
    if scenario is not None and (words := jargon(res, offer.text, scenario=scenario)):
        problems.append(
            OfferProblem(
                "jargon",
                f"{_opening(words[0])}? I'm sorry, dear, I don't know what that means. Can you say it plainly?",
            )
        )
    if (left_out := unexplained(res, offer.text)) is not None:
        figure = money_text(left_out) if left_out not in explained_quantities(res) else f"{left_out:g}"
        problems.append(OfferProblem("explanation left out", f"And the {figure}? You haven't explained that."))
    if (night := night_burden(offer.text)) is not None:
        problems.append(
            OfferProblem("condition attached", f"{_opening(_in_their_words(night))}? In the middle of the night?")
        )
    if (taken := _CHARGED_TO_CARD.search(offer.text[:3000])) is not None and not _CHARGES_CARD.search(res.description):
        problems.append(
            OfferProblem(
                "charged without asking", f"{_opening(_in_their_words(taken.group(0)))}? I never agreed to that."
            )
        )
    if (fee := _CHARGED_FOR_IT.search(offer.text[:3000])) is not None and not _CHARGED_FOR_IT.search(res.description):
        problems.append(OfferProblem("charged for the remedy", f"{_opening(_in_their_words(fee.group(0)))}? For this?"))
    if scenario is not None and (fee_added := new_fee(scenario, res, offer.text)) is not None:
        problems.append(
            OfferProblem("new fee", f"Hang on, {_in_their_words(fee_added)}? Nobody said anything about that.")
        )
    if scenario is not None and (slip := wrong_sum(scenario, res, offer.text)) is not None:
        problems.append(OfferProblem("wrong sum", f"Hang on, {slip.said}? That doesn't add up."))
    if scenario is not None and (secret := weak_secret(scenario, offer.text)) is not None:
        problems.append(
            OfferProblem("weak security", f"{_opening(secret)}? Anyone could guess that. That's no protection.")
        )
    if (unsaid := negated_term(res, offer.text)) is not None:
        problems.append(OfferProblem("term taken away", f"{_opening(_in_their_words(unsaid))}? Why not?"))
    if (whole := whole_period(res, offer.text, scenario=scenario)) is not None:
        problems.append(
            OfferProblem("whole period charged", f"{_opening(_in_their_words(whole))}? For days I won't have?")
        )
    if (call := later_call(res, offer.text)) is not None:
        problems.append(
            OfferProblem("left to a later call", f"{_opening(_in_their_words(call))}? Can't you just tell me now?")
        )
    if (kept := part_kept(res, offer.text, scenario=scenario)) is not None:
        problems.append(
            OfferProblem("only part cancelled", f"{_opening(_in_their_words(kept))}? I asked to cancel all of it.")
        )
    if (billed := still_billed(res, offer.text)) is not None:
        problems.append(
            OfferProblem(
                "whole period charged", f"{_opening(_in_their_words(billed))}? For a service I won't be using?"
            )
        )
    if (dropped := dropped_step(res, offer.text)) is not None:
        problems.append(
            OfferProblem("step left out", f"{_opening(_in_their_words(dropped))}? Shouldn't that be done as well?")
        )
    if (chore := left_to_customer(res, offer.text)) is not None:
        problems.append(
            OfferProblem("left to me", f"{_opening(_in_their_words(chore))}? Can't you do that for me, on this call?")
        )
    if scenario is not None and (unwanted := unwanted_chore(scenario, res, offer.text)) is not None:
        asked, bad = unwanted
        reply = bad.replies[0] if bad.replies else "I've already done all that. It didn't help."
        problems.append(OfferProblem("unwanted step", f"{_opening(asked)}? {reply}"))
    if (burden := return_burden(res, offer.text)) is not None:
        problems.append(
            OfferProblem("return left to me", f"{_opening(_in_their_words(burden))}? Can't you send me a label?")
        )
    if scenario is not None and (channel := unsafe_channel(scenario, offer.text)) is not None:
        problems.append(
            OfferProblem("unsafe channel", f"{_opening(channel)}? That's the number they took over. Not there.")
        )
    if (card := asks_card_data(offer.text)) is not None:
        problems.append(
            OfferProblem("card data asked", f"{_opening(_in_their_words(card))}? I'm not sending my card details.")
        )
    if scenario is not None and (untrue := stated_wrong_explanation(scenario, offer.text)) is not None:
        problems.append(OfferProblem("wrong explanation", untrue.explanation.reply))
    if scenario is not None and unwanted_phone_call(scenario, offer.text) is not None:
        problems.append(
            OfferProblem("unwanted phone call", "A phone call? I asked for everything in writing. Email me, please.")
        )
    if (strings := cancellation_strings(res, offer.text)) is not None:
        kind, strung = strings
        problems.append(OfferProblem(kind, f"{_opening(_in_their_words(strung))}? I asked you to cancel. That's all."))
    if scenario is not None and (again := may_recur(scenario, offer.text)) is not None:
        problems.append(
            OfferProblem(
                "may happen again", f"{_opening(_in_their_words(again))}? I need to know it won't happen again."
            )
        )
    if (unsaid := countermanded(res, offer.text)) is not None:
        problems.append(OfferProblem("advice taken back", f"{_opening(_in_their_words(unsaid))}? Are you sure?"))
    if scenario is not None and (clash := weekday_clash(scenario, offer.text)) is not None:
        problems.append(OfferProblem("weekday clash", f"{_opening(clash.said)}? The {clash.day} is a {clash.weekday}."))
    if allowed is not None and scenario is not None and not any(p.kind == "too slow" for p in problems):
        late = late_landing(scenario, res, offer.text, allowed_days=allowed)
        if late is not None:
            away = f"{late.days // 7} weeks" if late.days >= 14 else f"{late.days} days"
            problems.append(OfferProblem("too slow", f"{_opening(late.said)}? That's {away} away. I need it sooner."))
    if (
        scenario is not None
        and cancels_service(res)
        and not any(p.kind == "too slow" for p in problems)
        and (ends := late_end(scenario, offer.text)) is not None
    ):
        problems.append(
            OfferProblem("too slow", f"{_opening(ends.said)}? That's {ends.days} days away. I want it ended now.")
        )
    if terms.by_date is not None:
        latest = date.fromisoformat(terms.by_date)
        for day, month, year in offer.dates:
            if month is None or day is None:
                continue
            try:
                when = date(year or latest.year, month, day)
            except ValueError:
                continue
            if when > latest:
                problems.append(OfferProblem("too late", f"That's too late. I need it by {latest:%B} {latest.day}."))
                break
    if terms.dates:
        wanted = {date.fromisoformat(d) for d in terms.dates}
        said = []
        for day, month, year in offer.dates:
            if day is None or month is None:
                continue
            try:
                said.append(date(year or _year_of(month, wanted), month, day))
            except ValueError:
                continue
        if said and not wanted & set(said):
            problems.append(
                OfferProblem("wrong item", "That's the wrong one. It's the other charge that's the problem.")
            )
        elif (stray := off_schedule(wanted, offer.text)) is not None:
            problems.append(OfferProblem("wrong date", f"{_opening(stray)}? That's not one of the dates I can pay."))
        elif _dates_to_come(wanted, scenario) and not said and not _BARE_DAY.search(offer.text[:3000]):
            # A plan or a new due date with no day said: "the system will pick the dates" leaves her guessing.
            problems.append(OfferProblem("dates left out", "On what date? I need to know exactly when it's due."))
    return problems
