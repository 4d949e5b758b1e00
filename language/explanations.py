"""Whether the agent explains the problem with a cause the scenario marks as false.

Trainees often reach for the usual cause ("your account was hacked", "the E means excess usage") instead
of the one the account shows. The remedy may still be right, but the customer leaves with a wrong picture:
he changes passwords he need not, or thinks he used more power than he did. A trainer lists such wrong
explanations on the scenario (``wrong_explanations``) with the words that state them; this module finds one
stated in a turn. A phrase only counts as a claim: negated ("there's no sign anyone logged in online"),
asked ("was it bought online?") or set aside ("rather than a price rise") it is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.scenario import Scenario, WrongExplanation
from language.text import statements

_NEGATED = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|nor|n't|isn'?t|wasn'?t|aren'?t|weren'?t|doesn'?t|didn'?t|don'?t|"
    r"hasn'?t|haven'?t|can'?t|cannot|couldn'?t|won'?t|rather than|instead of|ruled? out|rules out|neither|"
    r"without|unlike|instead|nada|ning[uú]n\w*|whether)\b|n't\b|"
    # the customer's own fear said back to him: "I know you're worried your account was hacked"
    r"\byou(?:'re| are| were|'ve been| have been)? (?:\w+ )?(?:worried|concerned|afraid|feared|fear|thought|think|"
    r"wondered|wondering|asked|suspected|suspect)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|in case|should it|si|en caso de que)\b", re.I)
_CLAUSE_BREAK = re.compile(r",|\s[-\u2013\u2014]\s|\bbut\b|\bthough\b|\bpero\b", re.I)
NEGATION_REACH = 60
"""Characters before a phrase in which a negation takes it back ("no sign that anyone ... logged in online")."""
CAUSE_NEGATION_REACH = 30
"""The same for a usual suspect, which is short and said as the reason: "The reason you haven't seen the credit is
that it was put on the wrong account" claims the wrong account."""
_CAUSE_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|\b(?:is|was|'s) that\b|\bbecause\b", re.I)


_BELIEF = re.compile(
    r"\b(?:thinks?|believes?|assumes?|suspects?|worried|worries|convinced|fears?|afraid|wonders?|asks?|asking|"
    r"sure (?:that|it|he|she)|accuses?|blames?|insists?)\b",
    re.I,
)
"""A scenario's own words that report the customer's belief ("he thinks his account was hacked"), not a fact."""


_CHECKING = re.compile(
    r"\b(?:check\w*|look\w* (?:for|into|at)|test\w* for|see (?:if|whether)|rule\w* out|make sure|confirm\w*|"
    r"investigat\w*|ask\w*|wonder\w*)\b",
    re.I,
)
"""A cause the agent goes to check ("let me check for an outage in your area") is not stated."""


@dataclass(frozen=True)
class CommonCause:
    """A cause trainees often give for a customer's problem, and the words that state it.

    Unlike a scenario's authored ``wrong_explanations`` these are the trade's usual suspects, the same for every
    scenario: a cause the scenario's own account of events never names (or names only to rule out or as the
    customer's fear) is one the agent made up.
    """

    name: str
    claim: str
    pattern: re.Pattern[str]
    keys: re.Pattern[str]
    """How a scenario's account would tell the same cause as true (often wider than the trainee's phrasing)."""


def _cause(name: str, claim: str, pattern: str, *, keys: str | None = None) -> CommonCause:
    return CommonCause(name, claim, re.compile(pattern, re.I), re.compile(keys or pattern, re.I))


COMMON_CAUSES: tuple[CommonCause, ...] = (
    _cause(
        "promotion ended",
        "a discount or promotional price that ended",
        r"\b(?:discount|promo\w*|introductory|intro (?:price|rate)|first-year|new-customer|loyalty|"
        r"special (?:price|rate))"
        r"\b[^.;!?]{0,40}\b(?:ended|expired|ran out|run out|running out|dropped off|drops? off|finished|came off|"
        r"stopped|lapsed|ran off|rolled off)\b|"
        r"\b(?:came|come|comes|rolled|dropped|went) off (?:its|your|the|a|her|his) (?:promo\w*|introductory|intro|"
        r"discount\w*|special|new-customer) ?(?:rate|price|pricing|deal|offer)?\b",
    ),
    _cause(
        "price rise",
        "a general price rise",
        r"\b(?:price (?:rise|increase|adjustment|hike)s?|raised (?:our|the|its) prices|prices (?:went|have gone) up|"
        r"inflation|winter rate|peak rate|(?:rate|tariff) (?:increase|rise)s?|older tiers?|discontinued (?:tier|plan)|"
        r"legacy (?:plan|tier))\b",
    ),
    _cause("tax", "a tax or surcharge", r"\b(?:tax(?:es)? (?:rise|increase|change)|state tax|surcharge|levy)\b"),
    _cause("rental", "an equipment rental or lease", r"\b(?:rental|leased?)\b"),
    _cause(
        "added fee",
        "a new fee added to the package",
        r"\b(?:regional|sports|broadcast|administration|admin|network access) fee\b",
    ),
    _cause("late fee", "a late-payment charge", r"\blate(?:-| )payment (?:charge|fee)\b"),
    _cause(
        "automatic change",
        "a service changed or added automatically",
        r"\b(?:(?:added|upgraded|renewed|raised|changed|moved)\b[^.;!?,]{0,40}\bautomatically|"
        r"automatic(?:ally)? (?:upgrade|added|"
        r"upgraded|renewed|renewal))\b",
    ),
    _cause(
        "equipment fault",
        "faulty or outdated equipment",
        r"\b(?:firmware|overheat\w*|power supply|hdmi|faulty (?:router|modem|box|cable|handset)|"
        r"(?:router|modem)(?:'s| is)"
        r" (?:too )?(?:old|out of date|failing|faulty|dying))\b",
    ),
    _cause(
        "interference",
        "interference or congestion",
        r"\b(?:interference|congest\w*|neighbou?rs'? (?:wi-?fi|networks?)|throttl\w*|(?:bandwidth|speed) (?:is )?"
        r"(?:shared|split)|shared between (?:all )?(?:your|the) devices)\b",
    ),
    _cause("malware", "malware on a device", r"\b(?:malware|virus|spyware)\b"),
    _cause(
        "outage",
        "an area outage",
        r"\b(?:outage across|area outage|outage in your area|(?:an|the) outage)\b",
        keys=r"\boutages?\b",
    ),
    _cause("maintenance", "planned maintenance", r"\b(?:planned|scheduled|routine) (?:maintenance|works?)\b"),
    _cause(
        "accident",
        "an accident damaging the network",
        r"\b(?:car (?:hit|crashed)|power pole|tree (?:fell|came down)|digger|roadworks)\b",
    ),
    _cause("overload", "an overloaded grid or network", r"\b(?:overload\w*|grid (?:tripped|failure|overload))\b"),
    _cause(
        "line fault",
        "a fault on the line",
        r"\b(?:line fault|fault on (?:the|your) line|(?:network|line) (?:fault|problem|issue) (?:outside|"
        r"in your area))\b",
    ),
    _cause(
        "non-payment",
        "a disconnection for non-payment",
        r"\b(?:non-?payment|missed payment|disconnection order|suspended (?:by|for|because)|suspension)\b",
        keys=r"\b(?:disconnect\w*|non-?payment|past[- ]due|overdue|arrears|missed payment|suspen\w*)\b",
    ),
    _cause(
        "hacked",
        "a hacked account or device",
        r"\b(?:hack(?:ed|er|ers|ing)?|breach|remote access|(?:signed|"
        r"logged) in(?:to)? (?:to )?your (?:online )?account|"
        r"(?:with|using|used) (?:your|his|her) password)\b",
    ),
    _cause(
        "system glitch",
        "a system glitch or mix-up",
        r"\b(?:glitch\w*|system (?:error|fault|bug)|billing (?:error|migration)|billing system (?:glitch|error|fault|"
        r"mistake)|processor|batch|mix-?up)\b",
        keys=r"\b(?:glitch\w*|migrat\w*|system (?:error|change|fault|bug)|mix-?up|billing (?:system|platform)s?|"
        r"error on our (?:side|part)|our (?:mistake|error))\b",
    ),
    _cause(
        "payment failed",
        "a payment declined or a card expired",
        r"\b(?:declined|insufficient funds|bank holiday|fraud (?:hold|system|block)|"
        r"card\b[^.;!?]{0,15}\b(?:had )?expired|expired card|"
        r"autopay (?:payment )?(?:failed|bounced|was (?:switched|turned) off))\b",
    ),
    _cause("paperless", "bills sent paperless", r"\bpaperless\b"),
    _cause("roaming", "roaming charges", r"\broaming\b"),
    _cause(
        "background data",
        "data used in the background or by a hotspot",
        r"\b(?:in the background|background (?:data|updates|app)|backing up|(?:as|a) hotspot)\b",
    ),
    _cause(
        "plan changed",
        "an allowance or plan cut",
        r"\b(?:allowance (?:was )?(?:cut|reduced|lowered)|(?:cut|reduced|lowered) (?:your|the) allowance)\b",
    ),
    _cause(
        "billed twice",
        "a double billing",
        r"\b(?:double-?billed|billed twice)\b",
        keys=r"\b(?:double-?(?:bill|charg)\w*|(?:billed|charged|taken) twice|duplicate\w*|double (?:charge|payment)|"
        r"second (?:charge|payment))\b",
    ),
    _cause(
        "a second item",
        "billing for a second box, line or card",
        r"\bsecond (?:cable box|set-top box|tv box|box|router|modem|card)\b|\btwo cards\b",
    ),
    _cause(
        "date shifted",
        "a billing date that moved",
        r"\b(?:billing|payment) date (?:shifted|changed|moved)\b",
        keys=r"\b(?:billing|payment|due) date\b",
    ),
    _cause(
        "estimated reading",
        "an estimated meter reading",
        r"\bestimated (?:meter )?reading\b|\bestimated bill\b",
        keys=r"\bestimat\w*\b",
    ),
    _cause(
        "taken early",
        "next bill taken early",
        r"\b(?:taken|collected|charged|debited) (?:early|ahead of time|in advance by mistake)\b",
    ),
    _cause(
        "delivery",
        "a delivery problem",
        r"\b(?:customs|apartment number (?:was )?missing|missing (?:the|your) apartment|delivery attempt|"
        r"nobody (?:was )?home|"
        r"never (?:actually )?left (?:the|our) warehouse|stuck (?:at|in) (?:the|our) (?:warehouse|depot)|"
        r"lost (?:the|that|"
        r"your) parcel|parcel (?:was|got) lost)\b",
    ),
    _cause(
        "pre-existing damage",
        "damage that was already there",
        r"\b(?:corroded|corrosion|rusted|rusty|existing (?:\w+ )?leak|old leak|already (?:damaged|"
        r"leaking)|pre-?existing|"
        r"rainwater|not normally (?:placed|run|installed)|not (?:up )?to code)\b",
    ),
    _cause(
        "usage",
        "extra usage at home",
        r"\b(?:new (?:fridge|freezer|appliance)|heating (?:comes|came|coming) on|(?:used|using) more (?:power|energy|"
        r"electricity|data|internet))\b",
    ),
    _cause(
        "meter fault",
        "a faulty meter",
        r"\b(?:faulty meter|meter (?:is |was )?(?:faulty|broken|running fast)|fault (?:on|with|in) your meter)\b",
    ),
    _cause("catch-up", "a catch-up for under-billing", r"\b(?:catch-?up|under-?bill\w*)\b"),
    _cause("trial", "a free trial that converted", r"\bfree trial\b"),
    _cause(
        "a relative added it",
        "a relative ordered or added it",
        r"\b(?:grandson|granddaughter|son|daughter|husband|wife|relative|family member|partner|kids?)\b[^.;!?]{0,30}"
        r"\b(?:added|ordered|bought|signed (?:you |him |her )?up)\b",
    ),
    _cause(
        "staff added it",
        "a technician or store rep made the change",
        r"\b(?:technician|installer|engineer|store rep|(?:one of )?our (?:staff|reps?|agents?))\b[^.;!?]{0,30}"
        r"\b(?:added|ordered|swapped|changed|signed (?:you |him |her )?up)\b",
    ),
    _cause(
        "a stranger added it",
        "someone else ordered or added it",
        r"\b(?:someone|somebody|whoever|a stranger|the caller|the scammer)\b[^.;!?]{0,30}\b(?:added|ordered|bought|"
        r"signed (?:you |him |her )?up)\b",
    ),
    _cause("no access", "no access to the building", r"\b(?:couldn't get (?:access|in)|no access|nobody answered)\b"),
    _cause(
        "wrong account",
        "a credit or return put on the wrong account",
        r"\b(?:on|to|against) (?:the wrong|somebody else's|someone else's|another customer's) account\b",
    ),
    _cause(
        "late return",
        "a return that arrived too late",
        r"\b(?:return window (?:had )?closed|after the \d+-day (?:return )?window|arrived (?:too )?late)\b",
    ),
    _cause(
        "new line needed",
        "a brand-new line to install",
        r"\b(?:never had (?:our )?service|brand-new line|new line (?:into|to) the building)\b",
    ),
    _cause(
        "ported out",
        "the number ported to another carrier",
        r"\bported (?:\w+ ){0,3}(?:out|away)\b",
    ),
    _cause(
        "damaged wiring",
        "damaged wiring in the home",
        r"\b(?:damaged|faulty|old) wiring\b|\bwiring inside your (?:house|home|flat)\b",
    ),
    _cause(
        "unreliable service",
        "an unreliable connection",
        r"\b(?:(?:kept|keeps|been) dropping(?: out)?|drop-?outs|unreliable (?:internet|connection|service))\b",
    ),
)
"""The usual suspects; each is a claim only where the scenario does not make it true."""
_ANY_CAUSE = re.compile("|".join(f"(?:{c.pattern.pattern})" for c in COMMON_CAUSES), re.I)
"""One pass over a sentence first: most sentences name no cause at all."""


@dataclass(frozen=True)
class Stated:
    """A wrong explanation stated in the turn, with the words that stated it."""

    explanation: WrongExplanation
    said: str


@lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def _claimed(
    sentence: str,
    m: re.Match[str],
    *,
    also_unclaimed: re.Pattern[str] | None = None,
    reach: int = NEGATION_REACH,
    breaks_at: re.Pattern[str] = _CLAUSE_BREAK,
) -> bool:
    """Whether the words ``m`` found in ``sentence`` are said as a claim: not after "if", not negated in their own
    clause ("It wasn't you, it was an online login" claims the login), not (with ``also_unclaimed``) reported as
    someone's belief."""
    if _CONDITIONAL.search(sentence[: m.start()]):
        return False  # "If a wired test is slow too, that's a line fault": a case, not a cause
    before = sentence[max(0, m.start() - reach) : m.start()]
    breaks = list(breaks_at.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    if _NEGATED.search(before):
        return False
    return also_unclaimed is None or not also_unclaimed.search(before)


def stated_wrong_explanation(scenario: Scenario, text: str) -> Stated | None:
    """The first of ``scenario``'s wrong explanations that ``text`` states as a claim, if any; failing that, a
    common cause (:data:`COMMON_CAUSES`) the scenario's own account of events does not make true."""
    if scenario.wrong_explanations:
        for sentence in statements(text):
            if sentence.rstrip().endswith("?"):
                continue  # a question asks about the cause ("Could someone have logged in online?")
            found = [
                (m, explanation)
                for explanation in scenario.wrong_explanations
                for phrase in explanation.phrases
                if (m := _phrase(phrase).search(sentence)) is not None
            ]
            # the first words said, and of those the longest ("stands for excess" before "excess usage")
            for m, explanation in sorted(found, key=lambda f: (f[0].start(), -len(f[0].group(0)))):
                if _claimed(sentence, m):
                    return Stated(explanation, m.group(0))
    return unsupported_cause(scenario, text)


def scenario_account(scenario: Scenario) -> list[str]:
    """What the scenario tells as fact: its description, notes, the customer's facts and the right resolutions.

    Not the customer's reason for calling nor the trainer's list of wrong explanations: those hold her fears and
    the causes that are false.
    """
    told = [scenario.description, scenario.brief.notes or "", scenario.persona.background or ""]
    told += [f"{f.label}: {f.value}. {'. '.join(f.aliases)}" for f in scenario.account]
    told += [h.description for h in scenario.hidden_facts]
    told += [reply for h in scenario.hidden_facts for reply in h.replies]
    told += [k.says for k in scenario.knows]
    told += [r.description for r in scenario.resolutions if r.acceptable]
    told += [e for r in scenario.resolutions if r.acceptable for e in r.when.examples]
    return [t for t in told if t]


def _told_as_fact(account: list[str], cause: CommonCause) -> bool:
    return any(
        _claimed(sentence, m, also_unclaimed=_BELIEF)
        for told in account
        for sentence in statements(told)
        for m in cause.keys.finditer(sentence)
    )


_TOLD: dict[int, frozenset[str]] = {}
_TOLD_LIMIT = 256


def causes_told(scenario: Scenario) -> frozenset[str]:
    """Names of the common causes the scenario's account makes true (computed once per account text)."""
    account = scenario_account(scenario)
    key = hash("\n".join(account))
    told = _TOLD.get(key)
    if told is None:
        if len(_TOLD) >= _TOLD_LIMIT:
            _TOLD.clear()
        told = _TOLD[key] = frozenset(c.name for c in COMMON_CAUSES if _told_as_fact(account, c))
    return told


def unsupported_cause(scenario: Scenario, text: str) -> Stated | None:
    """A common cause ``text`` states as a claim that the scenario's account never makes true ("a car hit a power
    pole" when the storm took out a transformer): the agent made it up."""
    told: frozenset[str] | None = None
    for sentence in statements(text):
        if sentence.rstrip().endswith("?") or not _ANY_CAUSE.search(sentence):
            continue
        for cause in COMMON_CAUSES:
            m = next(
                (
                    m
                    for m in cause.pattern.finditer(sentence)
                    if _claimed(
                        sentence, m, also_unclaimed=_CHECKING, reach=CAUSE_NEGATION_REACH, breaks_at=_CAUSE_BREAK
                    )
                ),
                None,
            )
            if m is None:
                continue
            told = causes_told(scenario) if told is None else told
            if cause.name in told:
                continue
            said = m.group(0)
            reply = f"{said[:1].upper()}{said[1:]}? That's not what happened, is it? Nobody's said anything about that."
            return Stated(WrongExplanation(claim=cause.claim.capitalize() + ".", phrases=[said], reply=reply), said)
    return None
