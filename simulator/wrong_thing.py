"""An offer carried out on something the customer does not have.

"I've cancelled your home phone line" for a customer with TV and internet, "the mobile line ending 4471"
when no account fact ends in 4471: the remedy is done, to the wrong thing. What the customer has is what the
scenario says about her (its description, brief, goal, persona, account facts and the descriptions of its
hidden facts and resolutions), so a scenario needs no extra authoring. A kind of service none of those
words name, or a line ending in digits no account fact ends in, is not hers.
"""

from __future__ import annotations

import re

from domain.scenario import Resolution, Scenario
from language.numbers import identifiers

_SERVICE_KINDS: dict[str, tuple[str, ...]] = {
    "home phone": ("home phone", "landline", "land line", "telephone", "phone line", "voice"),
    "landline": ("home phone", "landline", "land line", "telephone", "phone line", "voice"),
    "land line": ("home phone", "landline", "land line", "telephone", "phone line", "voice"),
    "mobile": ("mobile", "cell", "sim", "wireless", "handset", "phone line", "hotspot"),
    "cell": ("mobile", "cell", "sim", "wireless", "handset", "phone line", "hotspot"),
    "cellphone": ("mobile", "cell", "sim", "wireless", "handset", "phone line", "hotspot"),
    "phone": ("phone line", "home phone", "landline", "mobile", "cell", "sim", "telephone", "voice", "handset"),
    "tv": ("tv", "television", "cable", "channel"),
    "television": ("tv", "television", "cable", "channel"),
    "cable": ("tv", "television", "cable", "channel"),
    "streaming": ("streaming",),
    "alarm": ("alarm", "security"),
    "home security": ("alarm", "security"),
    "insurance": ("insurance", "insurer", "protection"),
}
"""A kind of service said in an offer, and the words any one of which shows the customer has that kind."""

_SERVICE = re.compile(
    r"\b(?:your|the|her|his|our|a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<kind>" + "|".join(sorted(map(re.escape, _SERVICE_KINDS), key=len, reverse=True)) + r")\s+"
    r"(?:line|service|plan|package|contract|subscription|bundle)s?\b",
    re.I,
)
_LINE_ENDING = re.compile(
    r"\b(?:line|number|phone|mobile|account|card)\s+(?:ending|that ends)\s+(?:in\s+|with\s+)?(?P<digits>\d{2,6})\b",
    re.I,
)


def _about_customer(scenario: Scenario) -> tuple[str, tuple[str, ...]]:
    """What the scenario says the customer has, lower-cased, and the digits of each account fact."""
    parts = [scenario.title, scenario.description, scenario.goal, scenario.brief.reason, scenario.brief.notes]
    parts.append(scenario.persona.background or "")
    digits: list[str] = []
    for fact in scenario.account:
        parts.extend((fact.label, str(fact.value), *fact.aliases))
        digits.extend(re.sub(r"\D", "", v) for v in (str(fact.value), *fact.aliases))
    parts.extend(h.description for h in scenario.hidden_facts)
    parts.extend(r.description for r in scenario.resolutions)
    return " ".join(parts).lower(), tuple(d for d in digits if d)


_OTHER_ONE = re.compile(
    r"\b(?:your|the|her|his|de|la)\s+(?:(?:other|second|secondary|business|second-home)\s+"
    r"(?:address|account|line|property|home|flat|apartment|number|house)|"
    r"(?:previous|old|former)\s+(?:account|line|number|direct debit|bank account|card|payment method)|"
    r"(?P<moved>previous|old|former)\s+(?:address|property|home|flat|apartment|house)|"
    r"(?:su )?(?:antigua|anterior) (?:domiciliaci[oó]n|cuenta|tarjeta|direcci[oó]n))\b"
    r"(?:\s+(?:on|at|in)\s+(?-i:[A-Z]\w*(?:\s+[A-Z]\w*){0,2}))?",
    re.I,
)
_MOVING = re.compile(
    r"\b(?:is|are|am|'s|'re|'m) moving\b|\bmoves? (?:on|house|home|out|in|to a)\b|\bmove date\b|"
    r"\bnew (?:address|home|place|flat|apartment)\b|\brelocat",
    re.I,
)
"""A customer who is moving has an old address; "the old address shuts off on the 5th" is hers."""
_CANCELLED = re.compile(
    r"\b(?:cancel(?:led|ed|ling|ing)?|clos(?:ed|ing)|disconnect(?:ed|ing)?|terminat(?:ed|ing))\s+"
    # "that closing date", "the cancelling fee": a noun of the process, not what is cancelled
    r"(?!(?:date|dates|day|bill|statement|balance|fees?|charges?|time|reading|notice|period|confirmation)\b)"
    r"(?:(?:only|just|both|all of|everything on)\s+)?(?P<what>(?:[\w+&'-]+\s*){1,7})",
    re.I,
)
_OBJECT_END = re.compile(
    r"(?:^|\s)(?:as|effective|from|for|with|today|now|on|at|so|which|because|since|while|until|till|if|once|when|"
    r"and (?:i|we|you|your final|the final)|myself|yourself|ourselves|under|in|to|by|starting|this|immediately|right|"
    r"there|but|pending|subject|after|before|except|conditionally|provisionally|temporarily|tentatively|"
    r"upon|following)\b.*$|\s(?:and|&|\+) (?=\w+ed\b|kept\b|keep\b|set\b|"
    r"put\b|left\b|leave\b|will\b|'ll\b).*$|[,.;:!?].*$",
    re.I,
)
_GENERAL = frozenset({
    "your", "the", "a", "an", "it", "all", "both", "whole", "entire", "everything", "service", "services",
    "account", "accounts", "plan", "plans", "package", "bundle", "subscription", "contract", "that", "this",
    "and", "of", "with", "us", "off", "them", "those", "these", "for", "you", "request", "out",
    "altogether", "completely", "fully", "entirely", "properly", "down", "up", "+", "&", "current", "existing",
    "connection", "line", "lines", "cancellation", "agreement", "thing", "lot", "everything's", "it's",
})  # fmt: skip
"""Words any cancellation's object may hold: what is cancelled is then named by the rest."""


_CANCEL_REMEDY = re.compile(
    r"\bprocess(?:es|ing)? the cancellation\b|"
    r"\bcancel(?:s|ling)? (?:the |her |his |their )?(?:service|account|contract|subscription|bundle|membership)|"
    r"\bremove (?:the )?line\b",
    re.I,
)
"""A resolution that ends the customer's service: what its cancellation names must be something she has."""


def _cancelled_other(about: str, text: str) -> str | None:
    """The thing a cancellation is done to, when ``about`` (what the customer has) never names it."""
    for m in _CANCELLED.finditer(text):
        what = _OBJECT_END.sub("", m.group("what")).strip()
        words = [w for w in re.findall(r"[a-z][\w'-]*", what.lower()) if w not in _GENERAL]
        unknown = [w for w in words if len(w) >= 3 and not re.search(rf"\b{re.escape(w[:5])}", about)]
        if unknown:
            return f"{m.group(0)[: m.start('what') - m.start()]}{what}".strip()
    return None


def wrong_thing(scenario: Scenario, res: Resolution, text: str) -> str | None:
    """Words in ``text`` naming a service or a line the customer does not have (None when all are hers).

    What a cancellation is done to is checked only when ``res`` ends the customer's service: elsewhere "I've
    cancelled the original order and reshipped it" or "the shut-off is cancelled" cancels a step of the remedy.
    """
    about, digits = _about_customer(scenario)
    head = text[:3000]
    if _CANCEL_REMEDY.search(res.description) and (cancelled := _cancelled_other(about, head)) is not None:
        return cancelled
    for other in _OTHER_ONE.finditer(head):
        if other.group(0).lower() in about or (other.group("moved") and _MOVING.search(about)):
            continue
        return other.group(0).strip()
    for m in _SERVICE.finditer(head):
        kinds = _SERVICE_KINDS[m.group("kind").lower()]
        if not any(re.search(rf"\b{re.escape(k)}", about) for k in kinds):
            return m.group(0)
    for m in _LINE_ENDING.finditer(head):
        if not any(d.endswith(m.group("digits")) for d in digits) and m.group("digits") not in about:
            return m.group(0)
    return None


_MOVED_TO = re.compile(
    r"\b(?:moved|switched|put|set|transferred|downgraded|upgraded|migrated)\s+you\s+(?:up\s+|over\s+|across\s+)?"
    r"(?:to|on|onto|with|into)\b[^.;!?]{0,50}|"
    r"\bconvert(?:ed|ing)?\s+(?:it|(?:the |your )?line|\d{3,}|your [\w-]+)\s+(?:[\w-]+\s+){0,2}(?:to|into)\s+"
    r"(?:a |an |the )?[\w-]+(?: line| plan| account)?",
    re.I,
)
_MOVE_REMEDY = re.compile(r"\b(?:move|switch|transfer|downgrade|upgrade|migrate)", re.I)


def moved_instead(res: Resolution, text: str) -> str | None:
    """A customer who asked to leave moved to another plan instead ("I've moved you to Internet Essentials").

    Only for a resolution that ends the service and moves nothing itself; a retention offer is another
    resolution, judged on its own terms.
    """
    if not _CANCEL_REMEDY.search(res.description) or _MOVE_REMEDY.search(res.description):
        return None
    moved = _MOVED_TO.search(text[:3000])
    return None if moved is None else moved.group(0).strip()


_CLOSES_ACCOUNT = re.compile(
    r"\b(?:close|cancel|shut (?:down)?|terminate|end)\w*\s+(?:out\s+)?(?:this|your|the|her|his)\s+"
    r"(?:current\s+|existing\s+|old\s+)?account\b[^.;!?]{0,80}?"
    r"\b(?:open|set|create|start|sign)\w*\s+(?:you\s+)?(?:up\s+)?(?:a\s+|as\s+a\s+)?"
    r"(?:new|fresh|brand[- ]new|second|another)\s+(?:one|account|customer)\b",
    re.I,
)
"""The account closed and a new one opened in its place: "I close this account and open a fresh one"."""


def reopened_instead(res: Resolution, text: str) -> str | None:
    """The account closed and reopened when the remedy moves or changes it: a new customer loses her price."""
    if _CANCEL_REMEDY.search(res.description) or not _MOVE_REMEDY.search(res.description):
        return None
    m = _CLOSES_ACCOUNT.search(text[:3000])
    return None if m is None else m.group(0).strip()


_PUT_ON = re.compile(
    r"\b(?:set(?:s|ting)? up|set|add(?:s|ed|ing)?|put(?:s|ting)?|plac(?:e|es|ed|ing)|install(?:s|ed|ing)?|"
    r"enabl(?:e|es|ed|ing)|appl(?:y|ies|ied|ying)|activat(?:e|es|ed|ing)|turn(?:s|ed)? on)\s+"
    r"(?:(?:a|an|the|your)\s+)?(?:[\w-]+\s+){0,2}?(?P<thing>[\w-]+)\s+(?:on|to)\s+(?:(?:the|your|his|her)\s+)?"
    r"(?P<where>[\w-]+(?:\s+[\w-]+){0,2})",
    re.I,
)
"""A thing set up on a place: "set up a purchase PIN on the set-top box", "added a PIN to your online login"."""
_WHERE_WORD = re.compile(r"[a-z][a-z-]{2,}")
_NOT_A_PLACE = frozenset({"the", "your", "his", "her", "account", "today", "now", "this", "that", "so", "and"})


def misplaced(res: Resolution, text: str) -> str | None:
    """A safeguard the resolution puts on one thing put on another ("a PIN on your online login").

    The resolution's own words say where it goes ("set up a purchase PIN on the set-top box"); the same
    thing set up somewhere sharing no word with that place protects the wrong door.
    """
    for described in _PUT_ON.finditer(res.description):
        thing = described.group("thing").lower()
        where = {w for w in _WHERE_WORD.findall(described.group("where").lower()) if w not in _NOT_A_PLACE}
        if not where:
            continue
        for said in _PUT_ON.finditer(text[:3000]):
            if said.group("thing").lower() != thing:
                continue
            there = {w for w in _WHERE_WORD.findall(said.group("where").lower()) if w not in _NOT_A_PLACE}
            if there and not {w[:4] for w in there} & {w[:4] for w in where}:
                return said.group(0).strip()
    return None


_REFERENCE_WORD = re.compile(
    r"\b(?:reference|ref|case|claim|ticket)(?:\s+(?:number|no\.?|#|id))?(?:\s+(?:is|was|will be|of|number))?"
    r"\s*[:#]?\s*$",
    re.I,
)
_LETTERS = re.compile(r"[A-Z]")


def wrong_reference(res: Resolution, text: str) -> str | None:
    """Another of the customer's codes given as the reference the resolution names ("claim reference INS-660412").

    An install job or an order number is hers, so no account check catches it; but the reference she must
    quote is the one the resolution gives.
    """
    named = {i.value.replace("-", "") for i in identifiers(res.description) if _LETTERS.search(i.value)}
    if not named:
        return None
    head = text[:3000]
    for ident in identifiers(head):
        value = ident.value.replace("-", "")
        if value in named or not _LETTERS.search(value):
            continue
        before = head[max(0, ident.span[0] - 30) : ident.span[0]]
        if (word := _REFERENCE_WORD.search(before)) is not None:
            return f"{word.group(0).strip()} {ident.text}"
    return None


_VISIT_REMEDY = re.compile(r"\b(?:visit\w*|technician (?:slot|window|visit)|técnico|visita)\b", re.I)
_REMOTE = re.compile(
    r"\b(?:remote(?:ly)?|remota(?:mente)?|a distancia|desde la central|from (?:the|our) (?:exchange|office|end)|"
    r"over the (?:line|phone|network))\b",
    re.I,
)
_ON_SITE = re.compile(
    r"\b(?:visit\w*|come|comes|coming|out to you|at your (?:home|house|place|door)|in person|on site|on-site|"
    r"send (?:a|an|out|someone)|sending (?:a|an|out|someone)|"
    r"visita|pasa(?:rá)?|irá|vendrá|en (?:su )?casa|a su domicilio|env[ií]o|enviar|enviamos|enviaremos)\b",
    re.I,
)


_WHO_VISITS = re.compile(r"\b(?:technician|engineer|técnico|tech)\b", re.I)


def remote_instead(res: Resolution, text: str) -> str | None:
    """A visit the resolution books done remotely instead ("un técnico hará una revisión remota desde la central").

    Only when the resolution is a visit. A remote step beside the visit is fine ("I've run a remote test, and
    the technician comes today 1-5"); the technician's own work said to be remote is not.
    """
    if not _VISIT_REMEDY.search(res.description):
        return None
    head = text[:3000]
    visit_said = _ON_SITE.search(head) is not None
    for clause in re.split(r"[.;!?]\s|,\s|\s(?:and|but|y|pero)\s", head):
        if _REMOTE.search(clause) is None or _ON_SITE.search(clause):
            continue
        if not visit_said or _WHO_VISITS.search(clause):
            return clause.strip()
    return None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def wrong_email(scenario: Scenario, text: str) -> str | None:
    """An email address the remedy is sent to that is none of the customer's ("tracking sent to kevin.tran@...org").

    Only read when the scenario knows her email: an address she never gave is not hers.
    """
    own = {
        str(v).lower().rstrip(".")
        for fact in scenario.account
        for v in (fact.value, *fact.aliases)
        if isinstance(v, str) and "@" in v
    }
    if not own:
        return None
    for m in _EMAIL.finditer(text[:3000]):
        if m.group(0).lower().rstrip(".") not in own:
            return m.group(0).rstrip(".")
    return None


_BRAND = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b")
"""A product name written as one word with an inner capital: "SportsMax", "SoundPeak"."""


def _scenario_words(sc: Scenario) -> str:
    """Everything the scenario says, where a product of hers would be named."""
    parts = [sc.description, sc.goal, sc.persona.background or ""]
    parts += [str(f.value) + " " + " ".join(f.aliases) for f in sc.account]
    parts += [h.description for h in sc.hidden_facts] + [r.description for r in sc.resolutions]
    parts += [k.says for k in sc.knows]
    return " ".join(parts)


def wrong_product(sc: Scenario, res: Resolution, text: str) -> str | None:
    """Another product named in place of the resolution's ("cancelled the MovieMax add-on" for SportsMax).

    Judged only when the resolution names its product and the turn does not: a product the scenario never
    mentions, said instead, is not the one she was charged for.
    """
    own = set(_BRAND.findall(res.description))
    if not own:
        return None
    head = text[:3000]
    if any(name.lower() in head.lower() for name in own):
        return None
    known = {w.lower() for w in _BRAND.findall(_scenario_words(sc))}
    for m in _BRAND.finditer(head):
        if m.group(0).lower() not in known:
            return m.group(0)
    return None
