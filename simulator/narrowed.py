"""What a complete-sounding offer quietly takes away from the remedy it names.

Each rule compares the turn with the resolution's own words (its description and authored examples), so a
scenario needs no extra authoring:

* a term the resolution promises, negated: "your final bill won't be prorated", "no proration";
* a prorated final bill charged for the whole period instead: "the full month", "the full $129.99";
* part of the remedy left to a later call: "a retention specialist will call you tomorrow to go over the
  final bill" when the agent was to state it;
* part of a cancelled service kept on: "the internet stays on at the usual price";
* a return the customer must make at their own trouble: "take it to a UPS store yourself", "find your own
  packaging", when the resolution sends a prepaid box or label.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from domain.scenario import Resolution, Scenario
from language.numbers import amounts
from simulator.burden import store_visits

_WORD = re.compile(r"[a-z]{6,}")
_STEM = 6


@lru_cache(maxsize=512)
def _own_words(description: str, examples: tuple[str, ...]) -> str:
    return " ".join((description, *examples)).lower().replace("pro-rat", "prorat")


def _own_text(res: Resolution) -> str:
    """The resolution's description and examples, lower-cased, as every rule here reads them."""
    return _own_words(res.description, tuple(res.when.examples))


_NEGATED_TERM = re.compile(
    r"\b(?:won'?t|will not|isn'?t|is not|aren'?t|are not|can'?t|cannot|not|never|no longer|no)\s+"
    r"(?:be\s+|been\s+|get\s+|getting\s+)?(?:(?:any|a|an|the)\s+)?(?P<word>[a-z]+(?:-[a-z]+)?)"
    r"(?P<after>(?:\s+[a-z'$\d.,-]+){0,2})",
    re.I,
)
_COSTS = re.compile(r"\b(?:fees?|charges?|costs?|penalt\w*|fines?|surcharges?)\b", re.I)
"""'No cancellation fee' negates a cost, not the remedy."""
_NOT_A_PROMISE = frozenset({
    "charge", "billed", "disrup", "interr", "affect", "duplic", "collec", "debite", "overch", "surpri",
    "discon", "suspen", "cancel", "double", "needed", "requir", "involv",
})  # fmt: skip
"""Stems whose negation is part of a remedy ("you won't be charged again", "no further action")."""


_IF_NOT = re.compile(r"\b(?:if|unless|in case|otherwise|or else)\b[^.;!?]*$", re.I)
"""A negation under a condition ("if they aren't returned") warns; it takes nothing away."""
_TERM_WORD = re.compile(r"(?:ed|ion|able|paid)$")
"""A promised term said as a state or a thing: "prorated", "proration", "refundable", "prepaid"."""


@lru_cache(maxsize=512)
def _own_terms(own: str) -> tuple[frozenset[str], frozenset[str]]:
    """Six-letter stems of the longer words the resolution uses, and of those it negates itself ("no contract")."""
    stems = frozenset(w[:_STEM] for w in _WORD.findall(own))
    negated = frozenset(m.group("word").replace("-", "")[:_STEM] for m in _NEGATED_TERM.finditer(own))
    return stems, negated


def negated_term(res: Resolution, text: str) -> str | None:
    """Words that negate a term the resolution promises ("won't be prorated", "no proration")."""
    own, own_negated = _own_terms(_own_text(res))
    for m in _NEGATED_TERM.finditer(text[:3000]):
        word = m.group("word").lower().replace("-", "")
        stem = word[:_STEM]
        if (
            len(word) < 6
            or not _TERM_WORD.search(word)
            or stem not in own
            or stem in own_negated
            or stem in _NOT_A_PROMISE
            or _COSTS.search(m.group("after"))
            or _IF_NOT.search(text[max(0, m.start() - 30) : m.start()])
        ):
            continue
        return text[m.start() : m.end("word")].strip()
    return None


_STEP_DROPPED = re.compile(
    r"\b(?:(?:there's |there is )?no need (?:to|for)|(?:you |we |i )?(?:don'?t|do not|won'?t|will not) (?:even )?need "
    r"(?:to )?)\s*"
    r"(?:(?:involve|escalate (?:this |it )?to|bring in|loop in|contact|call|ring|get|send (?:it |this )?to)\s+)?"
    r"(?:the |a |an |our |your )?(?P<who>[a-z-]+(?: (?:team|desk|department|unit|line))?)\b|"
    r"\b(?:nothing|none of it|no money)\s+(?:(?:left|more)\s+)?(?:for (?:me|us|you) )?(?:to|needs? to be|that needs)\s+"
    r"(?:be\s+)?(?P<undone>refund|credit|revers|waiv|repa|pay back|return)\w*|"
    r"\bno (?P<unneeded>refund|credit|reversal)s?\s+(?:is\s+|are\s+|will be\s+)?(?:needed|necessary|required|due)\b|"
    # "a port freeze isn't needed since the number is still with us"
    r"\b(?:a|an|the) (?P<needless>[a-z-]+(?: [a-z-]+)?) (?:isn't|is not|aren't|are not|won't be|will not be) "
    r"(?:needed|necessary|required)\b|"
    r"\b(?:not much|nothing|little) (?:more )?(?:we|i) can do (?:about|with|for) (?:getting (?:to|into|at) )?"
    r"(?:the |your |her |his )?(?P<cannot>[a-z-]+)",
    re.I,
)
"""A step of the remedy said to be unnecessary: "there's no need to involve the fraud team", or "nothing to
refund" because the charge will fall off by itself."""


_NOT_REFUNDED = re.compile(
    r"\bnon-?refundable\b|\b(?:the )?\$\d[\d,]*(?:\.\d\d)? (?:charge |fee )?(?:stands|still stands|remains due)\b", re.I
)


def dropped_step(res: Resolution, text: str) -> str | None:
    """A step the resolution's own description takes, said in the offer to be unneeded."""
    described = res.description.lower()
    if re.search(r"\brefund", described) and (kept := _NOT_REFUNDED.search(text[:3000])) is not None:
        return kept.group(0)
    for m in _STEP_DROPPED.finditer(text[:3000]):
        said = m.group("who") or m.group("undone") or m.group("unneeded") or m.group("cannot") or m.group("needless")
        head = said.lower().split()[0]
        if (
            len(head) >= 4
            and head not in {"worry", "anything", "that", "this", "them", "wait"}
            and re.search(rf"\b{re.escape(head[:_STEM])}", described)
        ):
            return m.group(0).strip()
    return None


_STILL_BILLED = re.compile(
    r"\b(?:stays? (?:on|active|open|live) and (?:billing|billed|charging)|"
    r"(?:keeps?|continues?) (?:billing|being billed|to bill|charging|to be billed|to be charged)|"
    r"billing (?:keeps|continues|will keep|will continue|'ll keep) (?:running|going|on)|"
    r"(?:will |'ll )?(?:still|keep) (?:be )?(?:billed|billing|charged|charging))\b[^.;!?]{0,30}?"
    r"\b(?:until|till|through) (?!today|now|the date|your (?:cancellation|move))[^.;!?]*|"
    # the end waits on the equipment: "it takes effect once the cable box arrives back at our warehouse"
    r"\b(?:takes? effect|(?:is|will be|becomes?) (?:final|complete|completed|effective)|(?:service|billing) "
    r"(?:ends?|stops?))\s+(?:only\s+)?(?:once|when|after|as soon as)\b[^.;!?]{0,60}?\b(?:arrives?|arrive|reach(?:es)?|"
    r"(?:is|are|been) (?:received|returned)|gets? back|comes? back|back (?:to|at|with) us|back at our)\b[^.;!?]*|"
    # the same, condition first: "as soon as the modem is back at our warehouse I'll finalise the cancellation"
    r"\b(?:once|when|after|as soon as)\b[^.;!?]{0,60}?\b(?:arrives?|reach(?:es)?|(?:is|are|been) (?:received|returned|"
    r"back)|(?:we(?:'ve| have)?|they(?:'ve| have)?) (?:received|got|had)\b[^.;!?]{0,50}\bback|gets? back|comes? back|"
    r"back (?:to|at|with) us)\b[^.;!?]{0,40}?\b(?:(?:finali[sz]e|complete|close|process)\w*"
    r"\s+(?:the |your )?(?:cancellation|account|closure|disconnection)|(?:the |your )?(?:account|cancellation|service)"
    r" (?:will|'ll) (?:close|end|stop|be (?:closed|completed?|final|processed)))\b[^.;!?]*",
    re.I,
)
_ENDS_OR_MOVES = re.compile(r"\b(?:transfer|move|cancel|remove|close|end)\w*", re.I)


def still_billed(res: Resolution, text: str) -> str | None:
    """A service the remedy ends or moves left running on the bill ("the old service stays on and billing until
    the end of December"): she pays twice, or for what she no longer has."""
    if not _ENDS_OR_MOVES.search(res.description):
        return None
    m = _STILL_BILLED.search(text[:3000])
    return None if m is None else m.group(0).strip()


_PRORATED = re.compile(r"\bpro-?rat\w*|\bup to today\b|\bdays? (?:you've |you have )?used\b", re.I)
_WHOLE_PERIOD = re.compile(
    r"\b(?:the |a |for the |for a )?(?:full|whole|entire|complete)\s+(?:\$[\d.,]+|month(?:'s)?|billing "
    r"(?:month|cycle|period)|cycle|period|amount|monthly (?:charge|price|rate))\b(?:[^.;!?]|\.(?=\d)){0,30}|"
    r"\b(?:one more|another|an extra)\s+(?:full\s+)?(?:month|billing cycle|bill)\b[^.;!?]{0,20}",
    re.I,
)


_EXTRA_PERIOD = re.compile(
    r"\b(?:includ\w*|cover\w*)\s+(?:the\s+)?(?:next|following|coming)\s+month\b(?:\s+as well)?|"
    r"\b(?:billed|charged|bill you|charge you|pay)\s+(?:for\s+)?(?:the\s+)?(?:next|following|coming)\s+month\b|"
    r"\b(?:final|last)\s+(?:bill|statement|invoice)\s+(?:is|will be|'ll be|covers?|for)\s+(?:for\s+)?"
    r"(?:two|three|2|3)\s+(?:full\s+)?months\b|"
    r"\b(?:until|till) (?:the )?end of (?:next|the following) month\b[^.;!?]{0,40}\b(?:billed|charged|pay for|"
    r"(?:usual|normal|full|regular|same) (?:price|rate))\b|"
    r"\b(?:keep|continue|still be|go on)\s+(?:paying|being (?:billed|charged))\b[^.;!?]{0,40}",
    re.I,
)
"""A month the customer will not have, charged anyway ("the final bill will include next month as well")."""
_NOT_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bno)\b[^.;!?]{0,15}$", re.I)


_FINAL_BILL = re.compile(
    r"\b(?:final|last|closing)\s+(?:pro-?rated\s+)?(?:bill|statement|invoice)\b(?:[^.;!?]|\.(?=\d)){0,40}", re.I
)
_CLAUSE_END = re.compile(r",\s|\s+(?:and|but|so)\s", re.I)


def _monthly_charges(scenario: Scenario | None) -> set[float]:
    """The account's regular monthly charge(s): a final bill of that much is a whole month."""
    if scenario is None:
        return set()
    found = set()
    for fact in scenario.account:
        if fact.kind == "amount" and re.search(
            r"monthly|per month|a month", f"{fact.id} {fact.label}".replace("_", " "), re.I
        ):
            try:
                found.add(float(fact.value))
            except ValueError:
                continue
    return found


def whole_period(res: Resolution, text: str, *, scenario: Scenario | None = None) -> str | None:
    """A prorated final bill charged for the whole period instead ("the full month", "the full $129.99")."""
    if not _PRORATED.search(_own_text(res)):
        return None
    head = text[:3000]
    if (m := _WHOLE_PERIOD.search(head)) is not None:
        return _CLAUSE_END.split(m.group(0).strip(), maxsplit=1)[0]
    for extra in _EXTRA_PERIOD.finditer(head):
        if not _NOT_BEFORE.search(head[max(0, extra.start() - 30) : extra.start()]):
            return extra.group(0).strip()
    monthly = _monthly_charges(scenario)
    for bill in _FINAL_BILL.finditer(head):
        said = _CLAUSE_END.split(bill.group(0), maxsplit=1)[0]
        # read the figure in the whole match: "two hundred and sixty dollars" has an "and" of its own
        in_clause = [a for a in amounts(bill.group(0)) if a.span[0] < len(said)]
        said_amounts = [a.value for a in in_clause]
        quoted = bill.group(0)[: max([len(said), *(a.span[1] for a in in_clause)])].strip()
        if any(abs(a - c) < 0.011 for a in said_amounts for c in monthly) and not _PRORATED.search(said):
            return quoted
        if monthly and any(a > max(monthly) + 0.011 for a in said_amounts):
            return quoted  # a final bill for part of a month cannot be more than a whole one
    return None


_LATER_CALL = re.compile(
    r"\b(?:someone|somebody|a colleague|one of (?:our|my) colleagues|"
    r"(?:a|an|our|the|my)\s+(?:[\w-]+\s+){0,2}(?:specialist|agent|adviser|advisor|representative|rep|"
    r"team|department|desk|manager|supervisor)|they)"
    r"(?:\s+(?:in|from|on)\s+(?:the\s+|our\s+)?[\w-]+(?:\s+(?:team|department|desk))?)?\s+"
    r"(?:will|'ll|is going to|are going to|should)\s+(?:give you a (?:call|ring)|call|ring|phone|contact|"
    r"reach out(?: to)?|get in touch(?: with)?|be in touch(?: with)?|follow up(?: with)?)\s+"
    r"(?:you\s+)?(?P<tail>[^.;!?]{0,80})",
    re.I,
)
_ABOUT = re.compile(
    r"\b(?:to|about|regarding|on)\s+(?:go(?:ing)? over|discuss|explain|talk (?:you )?through|walk you through|"
    r"confirm|finali[sz]e|sort(?: out)?|arrange|complete|finish|your|the|\w+ing)\b",
    re.I,
)
_CALLS_IN_REMEDY = re.compile(r"\b(?:call|contact|callback|ring|team|escalat|transfer|refer)\w*", re.I)


def later_call(res: Resolution, text: str) -> str | None:
    """Part of the remedy left to someone's later call ("they'll call you tomorrow to go over the final bill").

    Only for a resolution the agent settles on the call: one whose own description hands to a team or
    arranges a call is that call.
    """
    if res.requires_escalation or _CALLS_IN_REMEDY.search(res.description):
        return None
    own = _described_parts(res.description)
    for m in _LATER_CALL.finditer(text[:3000]):
        tail = m.group("tail")
        about = _ABOUT.search(tail)
        if about is None:
            continue
        if _described_parts(tail[about.start() :]) & own:
            return m.group(0).strip()
    return None


_PART_WORD = re.compile(r"[a-z]{4,}")
_PLAIN = frozenset({"with", "that", "this", "your", "will", "from", "have", "them", "they", "then", "over", "about"})


def _described_parts(text: str) -> set[str]:
    """Five-letter stems of the words naming what a remedy consists of ("final bill", "equipment return")."""
    return {w[:5] for w in _PART_WORD.findall(text.lower()) if w not in _PLAIN}


_CANCELS = re.compile(r"\bcancel", re.I)
_CANCELS_A_STEP = re.compile(
    r"\b(?:disconnection|cut-?off|shut-?off|suspension|fee|charge|debit|payment|order|visit|appointment)s?\s+"
    r"(?:is\s+|are\s+|being\s+)?cancel|"
    r"\bcancel\w*\s+(?:the\s+|any\s+|a\s+)?(?:[\w-]+\s+)?(?:disconnection|cut-?off|shut-?off|suspension|fee|charge|"
    r"debit|payment|order|visit|appointment)s?\b",
    re.I,
)
"""A cancelled step of the process ("disconnection cancelled"), not the customer's service."""
_KEPT_ON = re.compile(
    r"\b(?:the|your)\s+(?P<part>[\w-]+)(?:\s+(?:side|part|package|service|plan|line|bundle))?(?:\s+itself)?\s+"
    r"(?:stays|remains|will stay|will remain|'ll stay|is staying|can stay|is kept|will be kept)\s+"
    r"(?:on|active|connected|live|in place|as it is|as is|running)\b(?P<after>[^.;!?]{0,40})",
    re.I,
)
_FOR_A_WHILE = re.compile(r"\b(?:until|till|through|to the end|while|meanwhile)\b", re.I)
"""A stay with an end ("until the end of the billing month"); "for now" names no end."""
_WHOLE_SERVICE = frozenset({"service", "services", "account", "bundle", "everything", "connection"})


_CANCELLED_WHAT = re.compile(
    r"\bcancel\w*\s+(?:of\s+)?(?:only\s+|just\s+)?(?P<what>[^.;,!?]{0,40})|"
    r"\b(?:the|your)\s+(?P<subject>[^.;,!?]{0,40}?)(?:\s+(?:is|are|has been|have been)|'s|'re)\s+(?:now\s+|all\s+)?"
    r"cancel+ed\b",
    re.I,
)
"""What is cancelled: "I've cancelled your TV service", "the TV Select package is cancelled"."""
_LEFT_WITH = re.compile(
    r"\byou(?:'ll| will|'d| would)?\s+(?:just|only|still)\s+(?:have|keep|be left with)\s+(?:the|your)\s+"
    r"(?P<part>[\w-]+)(?P<after>[^.;!?]{0,40})",
    re.I,
)
"""The part of the bundle she is left with: "so you'll just have the internet going forward"."""
_CARRIES_ON = re.compile(
    r"\b(?P<part>[\w-]+)(?:\s+\d+)?\s+(?:carries on|continues|keeps (?:running|going)|stays (?:on|active|as it is))\b"
    r"(?P<after>[^.;!?]{0,40})",
    re.I,
)
"""A part of the bundle said to go on: "Internet 300 carries on as it is"."""
_WHAT_ENDS = re.compile(r"\b(?:today|now|as of|effective|from|and (?:we|i|you)(?:'ll|'ve| will| have)?)\b")
_ALL_OF_IT = re.compile(r"\b(?:both|all|everything|bundle|account|services|package|whole|entire)\b", re.I)
_ALL_OF_THE_PART = re.compile(r"\b(?:both|all|everything|bundle|account|services|whole|entire)\b", re.I)
"""With one part named, "package" is that part's package ("the TV Select package"), not the bundle."""


_ALL_BUT = re.compile(
    r"\b(?:except|apart from|but not|other than|excluding|save for)\s+(?:for\s+)?(?:the|your)\s+(?P<part>[\w-]+)",
    re.I,
)
"""Everything cancelled but one part of the bundle: "I've cancelled, except the internet"."""


def _bundle_parts(scenario: Scenario | None) -> list[str]:
    """The parts of a bundled plan ("TV Select + Internet 300" → tv, internet), each named by its first word."""
    if scenario is None:
        return []
    for fact in scenario.account:
        if fact.kind == "plan" and isinstance(fact.value, str) and re.search(r"\s(?:\+|&|and)\s", fact.value):
            return [p.split()[0].lower() for p in re.split(r"\s(?:\+|&|and)\s", fact.value) if p.split()]
    return []


def cancels_service(res: Resolution) -> bool:
    """Whether the resolution cancels the customer's service (not a step of a process, "disconnection cancelled")."""
    return bool(_CANCELS.search(res.description)) and not _CANCELS_A_STEP.search(res.description)


def part_kept(res: Resolution, text: str, *, scenario: Scenario | None = None) -> str | None:
    """Part of a service the customer cancels said to stay on, or only one part of a bundle cancelled.

    "The internet stays on at the usual price" or "I've cancelled your TV service" when she pays for TV and
    internet. Service kept "until the end of the billing period" is how cancellations run, so a stay with an
    end is fine.
    """
    if not cancels_service(res):
        return None
    head = text[:3000]
    for m in _KEPT_ON.finditer(head):
        if m.group("part").lower() in _WHOLE_SERVICE or _FOR_A_WHILE.search(m.group("after")):
            continue
        return m.group(0).strip()
    parts = _bundle_parts(scenario)
    if len(parts) < 2:
        return None
    for m in _ALL_BUT.finditer(head):
        if m.group("part").lower() in parts:
            return m.group(0).strip()
    for m in _CANCELLED_WHAT.finditer(head):
        if m.group("subject") is not None:
            named = [p for p in parts if re.search(rf"\b{re.escape(p)}\b", m.group("subject").lower())]
            if len(named) == 1 and not _ALL_OF_THE_PART.search(m.group("subject")):
                return m.group(0).strip()
            continue
        what = _WHAT_ENDS.split(m.group("what").lower(), maxsplit=1)[0]
        named = [p for p in parts if re.search(rf"\b{re.escape(p)}\b", what)]
        if len(named) == 1 and not _ALL_OF_THE_PART.search(what):
            return (m.group(0)[: m.start("what") - m.start()] + m.group("what")[: len(what)]).strip()
    for m in itertools.chain(_LEFT_WITH.finditer(head), _CARRIES_ON.finditer(head)):
        if m.group("part").lower() in parts and not _FOR_A_WHILE.search(m.group("after")):
            return m.group(0).strip()
    return None


_RETURN_KIT = re.compile(
    r"\b(?:labels?|kit|prepaid|pre-paid|bag|envelope|freepost|(?:a|the|return|shipping|postage-paid) box(?:es)?"
    r"(?! (?:in|into|to|at) ))\b",
    re.I,
)
_EQUIPMENT_WORDS = re.compile(r"\b(?:equipment|modem|router|box|device)\b", re.I)
_OWN_TROUBLE = re.compile(
    r"\b(?:take|bring|carry|drop|post|ship|send|return|mail)\b[^.;!?]{0,50}\byourself\b|"
    r"\byour own (?:box|boxes|packaging|postage|label|shipping|courier|envelope)\b|"
    r"\bat your (?:own )?(?:cost|expense)\b|"
    r"\b(?:you(?:'ll| will)?|you'd) (?:need to |have to )?(?:pay|cover) (?:for )?(?:the )?"
    r"(?:postage|shipping|courier)\b|"
    r"\b(?:find|buy|use) (?:a|some|your own) (?:box|packaging|envelope)\b|"
    r"\b(?:in|with) (?:its|their|the) original (?:packaging|box|boxes)\b|"
    r"\b(?:return|shipping|postage|box|label|kit)\w*\b[^.;!?]{0,25}\bcosts?\s+(?:you\s+)?(?!nothing|zero|\$0\b)"
    r"(?:\$[\d.,]*\d|(?:[a-z]+[- ])?[a-z]+ dollars|a fee|extra)|"
    r"\b(?:pay|charge\w*)(?: you)? for (?:the )?(?:return|shipping|postage|box|label|kit)\w*|"
    # "the postage is on your side", "shipping is down to you"
    r"\b(?:postage|shipping|courier|carriage|delivery)(?: costs?)? (?:is|are|'s) (?:on (?:your side|you)|down to you|"
    r"your (?:responsibility|cost)|paid by you|yours)\b|"
    r"\b(?:pack|put)\b[^.;!?]{0,40}\bin (?:any|a) (?:sturdy |strong |spare )?box\b",
    re.I,
)


_OBLIGED = re.compile(r"\b(?:need(?:s)? to|have to|has to|must|required|requires|only way|yourself|in person)\b", re.I)
"""A store drop-off she is obliged to make; "you can drop it at any store" is a choice she may take."""
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|then|so|but)\b", re.I)
_BARE_COMMAND = re.compile(r"\s*(?:(?:just|simply|please|kindly)\s*)*", re.I)


def _told_to(sentence: str, visit: str) -> bool:
    """The visit is an instruction ("Just drop the modem at your nearest store"): nothing before its verb in the
    clause but "just" or "please", so no "you can" leaves it a choice."""
    at = sentence.find(visit)
    return at >= 0 and _BARE_COMMAND.fullmatch(_CLAUSE_BREAK.split(sentence[:at])[-1]) is not None


def sends_return_kit(res: Resolution) -> bool:
    """Whether the resolution sends the equipment back with a prepaid kit (a label, a box, an envelope)."""
    own = _own_text(res)
    return bool(_RETURN_KIT.search(own) and _EQUIPMENT_WORDS.search(own))


KEPT_IN_USE = r"(?!\s+(?:plugged|connected|switched on|on|running|going|working|until|till|for now))"
"""After "keep the modem": kept in use until the service ends ("keep the modem plugged in until the last day"), not
kept for good."""
_LEFT_WITH_HER = re.compile(
    r"\b(?:the|your|that)\s+(?:[\w-]+\s+)?(?:equipment|modem|router|box|device|hub)\s+(?:you\s+)?(?:can|could|may)\s+"
    r"(?:just\s+|simply\s+)?(?:keep|recycle|bin|throw (?:away|out)|dispose of|hang on to)\b[^.;!?]*|"
    r"\b(?:just\s+|simply\s+)?(?:keep|recycle|bin|throw away|dispose of)\s+(?:the|your)\s+(?:[\w-]+\s+)?"
    r"(?:equipment|modem|router|box|device|hub)\b" + KEPT_IN_USE + r"[^.;!?]*|"
    r"\b(?:the|your)\s+(?:[\w-]+\s+)?(?:equipment|modem|router|box|device|hub)\s+(?:is|are)\s+yours\b[^.;!?,]*",
    re.I,
)
"""Equipment the resolution takes back, left with her instead ("the modem you can just keep or recycle"): the
next bill may charge her for a box nobody asked back."""


def return_burden(res: Resolution, text: str) -> str | None:
    """A return the customer must make at their own trouble, where the resolution sends a prepaid kit."""
    if not sends_return_kit(res):
        return None
    for sentence, visit in store_visits(text):
        if _EQUIPMENT_WORDS.search(visit) and (_OBLIGED.search(sentence) or _told_to(sentence, visit)):
            return visit
    m = _OWN_TROUBLE.search(text[:3000]) or _LEFT_WITH_HER.search(text[:3000])
    return None if m is None else m.group(0).strip()


_NOTICE = re.compile(
    r"\b(?:\d+|one|two|three|four|six|seven|ten|fourteen|fifteen|twenty|thirty|sixty|ninety|a|a full|a month's)"
    r"[- ](?:days?|weeks?|months?|calendar days?)'?s?'? (?:written |advance |prior )?notice\b|\bnotice period\b",
    re.I,
)
_SAVE_CALL = re.compile(
    r"\b(?:loyalty|retention|save|sales|offers?) (?:team|department|desk|specialist)s?\b[^.;!?]{0,50}"
    r"\b(?:(?:call|ring|contact|reach out to|phone|email) you|give you a (?:call|ring))\b|"
    r"\b(?:(?:call|ring|contact|phone) you|give you a (?:call|ring))\b[^.;!?]{0,40}\b(?:about|with|to discuss) "
    r"(?:the |our |that |a )?(?:[\w-]+ ){0,2}(?:offer|deal|discount|loyalty|plan)\b",
    re.I,
)


def cancellation_strings(res: Resolution, text: str) -> tuple[str, str] | None:
    """A cancellation with strings attached: a notice period she must serve ("we do need thirty days'
    notice"), or a sales call booked after she said no ("our loyalty team will call you about the Gig offer").
    Returns ``(kind, what was said)``."""
    if not cancels_service(res):
        return None
    head = text[:3000]
    if (m := _NOTICE.search(head)) is not None:
        return "notice period", m.group(0).strip()
    if (m := _SAVE_CALL.search(head)) is not None:
        return "sales call", m.group(0).strip()
    return None
