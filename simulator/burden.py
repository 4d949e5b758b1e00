"""The remedy left for the customer to carry out: a store visit, a self-service click, a call, a document.

"Just bring that receipt into any of our stores and they'll take the fee off", "log into My Account and
enter code LOYAL70", "to book the technician, call the tier-2 line", "email us a copy of your lease and I'll
confirm": the agent names the fix and hands the work to the customer, or to someone else in her household.
A chore the resolution itself names ("call your bank", "dial 911", "drop the box at a store") is part of the
remedy, and so is one offered beside the company's own way ("...or use the prepaid label").
"""

from __future__ import annotations

import re

from domain.scenario import Resolution, Scenario
from language.text import sentences

_STORE = re.compile(
    r"\b(?:bring|take|drop|carry|pop|come|go|head|stop|swing|walk|visit)\w*\b[^.;!?]{0,60}?"
    r"\b(?:in|into|to|at|by|down to|round to|off at)\s+(?:any|one|a|an|the|your|our)\b[^.;!?]{0,25}?"
    r"\b(?:stores?|shops?|branch(?:es)?|retail (?:locations?|outlets?))\b[^.;!?]*|"
    r"\b(?:in[- ]store|at the counter|in person)\b[^.;!?]*|"
    r"\b(?:acérquese|acuda|pase|venga|lleve)\w*\b[^.;!?]{0,40}\b(?:tienda|oficina|sucursal)\b[^.;!?]*",
    re.I,
)
"""A visit to a store or counter the customer must make."""
_SELF_SERVICE = re.compile(
    r"\b(?:log ?(?:in|on)(?:to)?|sign ?in(?:to)?|go (?:on|in)?to|head (?:over )?to)\s+(?:the |our |your )?"
    r"(?:app|website|site|portal|my account|online account)\b[^.;!?]*|"
    r"\b(?:submit|file|raise|lodge|open|enter|request|apply|fill|complete|click|tap)\w*\b[^.;!?]{0,50}?"
    r"\b(?:through|via|on|in|using)\s+(?:the |our |your |their |[\w-]+'s )?(?:app|website|site|portal|my account|"
    r"online account|online form)\b[^.;!?]*|"
    r"\byourself\b[^.;!?]{0,30}\b(?:in|on|through|via|using) (?:your|the|our) (?:online account|app|website|portal|"
    r"my account)\b[^.;!?]*",
    re.I,
)
"""A self-service step (an app, the website, a code to enter) the customer must take to get the remedy."""
_CALL = re.compile(
    r"(?<!their )(?<!a )(?<!the )(?<!your )(?<!my )(?<!his )(?<!her )(?<!our )"
    r"\b(?:give (?P<them>us|them|him|her|(?!you\b)[\w-]+) a (?:call|ring|bell)|"
    r"(?:call|ring|phone|contact|email|e-mail|message)\s+"
    r"(?P<who>us|them|(?:the|our) [\w-]+(?: [\w-]+)? (?:line|team|desk|department|number|address|inbox|mailbox)|"
    r"(?:the )?(?:[\w-]+ ){0,2}[\w-]+ directly|back))\b[^.;!?]*",
    re.I,
)
"""A call or message the customer must make."""
_CALL_FOR_REMEDY = re.compile(
    r"\bto (?:book|confirm|arrange|get|have|set|schedule|claim|request|finish|complete|release|process|sort)\b|"
    r"\b(?:and|then) (?:we|they|i|he|she)(?:'ll| will)\b|\btell them\b|\bgive them\b|\bdirectly\b|"
    r"\b(?:refunds?|credits?|it)\b[^.;!?]{0,30}\b(?:are|is) handled by\b",
    re.I,
)
"""What makes a call part of getting the remedy, not a courtesy: it books, confirms or releases the fix."""
_NOT_FROM_HERE = re.compile(
    r"\b(?:can'?t|cannot|can not|unable to|not able to) (?:re)?(?:move|book|schedul|arrang|chang|process|refund|credit|"
    r"cancel|fix|do|sort|set)\w*\b[^.;!?]{0,30}\b(?:from here|myself|on my end|on my side|"
    r"on this (?:call|line|chat))\b",
    re.I,
)
"""The agent declines to do it ("I can't move it from here, but if you call our scheduling line..."): the call that
follows is the remedy handed to her, not a courtesy."""
_COURTESY = re.compile(
    r"\b(?:if|should|in case|whenever|any ?time|anything else|any (?:other )?questions?|problems?)\b", re.I
)
_DOCUMENT = re.compile(
    r"\b(?:send|email|e-mail|post|mail|upload|fax|forward|bring|show)\w*(?!\s+(?:you|her|him)\b)\s+"
    r"(?:(?:us|me|it|them|in|over)\s+)?"
    r"(?:a |an |the |your |that |this |their )?(?:[\w-]+ ){0,2}?(?:copy|scan|photo|picture|receipt|statement|letter|"
    r"form|proof|lease|approval|id|identification|documents?|paperwork|claim number|screenshot)\b[^.;!?]*|"
    r"\b(?:sign|fill (?:in|out)|complete)\s+(?:and (?:return|send (?:back)?)\s+)?(?:a|the|our)\s+(?:[\w-]+\s+)?"
    r"(?:form|agreement|declaration|consent)\b[^.;!?]*",
    re.I,
)
"""A document the customer must send or sign before the remedy happens."""
_FIRST = re.compile(
    r"\bonce you(?:'ve| have)? (?:first )?(?:submitted|sent|filed|claimed|contacted|called|paid|posted|made)\b[^.;!?]*|"
    r"\b(?:submit|send|take|claim|file)\w* (?:it|this|that|the [\w-]+) (?:to|with|through) (?:your|the) [\w-]+"
    r"(?: [\w-]+)? first\b[^.;!?]*|"
    r"\b(?:original|paper|hard) (?:[\w-]+ )?(?:copy|invoice|receipt|bill)\b[^.;!?]{0,30}"
    r"\b(?:posted|mailed|sent in) to\b[^.;!?]*",
    re.I,
)
"""Something the customer must do first ("once you have first submitted the loss to your insurer")."""
_SOMEONE_ELSE = re.compile(
    r"\b(?:i|we)(?:'ll| will)? (?:just |first |also )?need (?P<asked>(?-i:[A-Z][a-z]+)) to\b[^.;!?]*|"
    r"\b(?P<named>(?-i:[A-Z][a-z]+)) (?:will|'ll|would) (?:first |also |still )?(?:need|have) to\b[^.;!?]*",
    re.I,
)
"""Someone else in the household must act first ("Emma will need to port the number out")."""
_AGENT_SUBJECT = re.compile(
    r"\b(?:i|we|they|he|she|someone|somebody)(?:'ve|'ll|'d|'m|'re| have| will| am| are| can| could| would)?\b"
    r"(?!\s+(?:just\s+|also\s+)?need\b)",
    re.I,
)
"""Someone other than the customer as the subject of the chore's clause ("I'll send you a letter", "they'll give
you a call"); "we'll need you to" still asks the customer."""
_ALTERNATIVE = re.compile(
    r"\bor\b[^.;!?]{0,60}\b(?:label|courier|collect\w*|pick(?:ed)? ?up|post|we(?:'ll| will|'re| are)|i(?:'ll| will))\b|"
    r"\b(?:if you(?:'d)? (?:prefer|rather)|if (?:that's|it's) easier|whichever|either)\b|"
    # a parcel dropped at a carrier with the company's label is the company's own return
    r"\b(?:labels?|prepaid|return kit|ups|fedex|dhl|usps|drop-?off point|parcel ?shop)\b|"
    r"\b(?:at|to|in) (?:a |any |the |your )?(?:local |nearest )?post office\b",
    re.I,
)
"""The chore offered beside the company's own way of doing it: a choice, not a burden."""
_NOT_A_NAME = frozenset({
    "I", "We", "You", "They", "He", "She", "It", "This", "That", "There", "The", "Our", "Your", "Their", "Just",
    "Please", "Once", "Before", "After", "Then", "So", "And", "But", "Okay", "Ok", "Sure", "Great", "Thanks",
    "Someone", "Somebody", "Everyone", "Billing", "Support"
})  # fmt: skip


_PLAIN = frozenset({
    "the", "and", "any", "our", "your", "their", "one", "just", "into", "with", "for", "that", "this", "them",
    "then", "will", "you", "yours", "they", "give", "call", "ring", "phone", "contact", "email", "send", "post",
    "mail", "bring", "take", "drop", "pop", "come", "head", "stop", "visit", "back", "over", "get", "have", "has",
    "need", "needs", "would", "could", "please", "copy", "line", "team", "desk", "department", "number", "directly"
})  # fmt: skip
"""Words of a chore that say nothing about what it is for."""


def _named_in(own: str, call: re.Match[str]) -> bool:
    """Whether the resolution's own words have the customer make this call ("...tell her to call her bank")."""
    callee = call["who"] or call["them"] or ""
    words = [w for w in re.findall(r"[a-z0-9]{3,}", callee.lower()) if w not in _PLAIN]
    return any(
        re.search(rf"\b(?:call|ring|phone|contact|dial|email)\w*\s+(?:[\w-]+\s+){{0,2}}{re.escape(w[:5])}", own, re.I)
        for w in words
    )


_STORE_NAMED = re.compile(r"\b(?:stores?|shops?|branch|counter|in person|tienda|oficina)\b", re.I)
_SELF_SERVICE_NAMED = re.compile(r"\b(?:app|website|online|portal|my account)\b", re.I)
_DOCUMENT_NAMED = re.compile(
    r"\b(?:send|email|e-mail|upload|post|forward|provide|submit|sign)\w*\b[^.;]{0,40}\b(?:copy|scan|photos?|"
    r"pictures?|receipts?|statements?|letter|form|proof|lease|invoices?|approval|id|documents?|paperwork)\b",
    re.I,
)
"""A store, an app, a document to send, named by the resolution itself: then the chore is part of the remedy."""


_UNNEEDED = re.compile(
    r"\b(?:no need to|(?:don't|do not|won't|will not|never) (?:need|have) to|(?:don't|do not|won't|never)|"
    r"without (?:having|needing) to)\s+(?:\w+\s+)?$",
    re.I,
)
"""A chore ruled out ("you don't need to bring anything into a store"), which asks nothing of her."""


def _addressed_to_customer(sentence: str, start: int) -> bool:
    """The chore's clause has no agent as its subject ("I'll email you a label" is the agent's work) and does not
    rule the chore out."""
    clause = re.split(r"[,;:]|\b(?:and|then|so|but)\b", sentence[:start])[-1]
    return _AGENT_SUBJECT.search(clause) is None and _UNNEEDED.search(clause) is None


_RETURNED = re.compile(r"\b(?:equipment return|return (?:of )?the equipment|returns? (?:kit|label|box))\b", re.I)
_EQUIPMENT = re.compile(
    r"\b(?:equipment|modems?|routers?|boxes|devices?|hardware|(?:tv|cable|set-top) box|kit)\b", re.I
)
_AND_THEN = re.compile(r",?\s+(?:and|then)\s+(?:they|it|we|i|he|she)\b.*$", re.I)
"""What the company does after the chore is not part of the chore said back."""


def store_visits(text: str) -> list[tuple[str, str]]:
    """Each store visit ``text`` asks of the customer that is not a choice beside another way, as (sentence, visit)."""
    found = []
    for sentence in sentences(text[:3000]):
        if _ALTERNATIVE.search(sentence):
            continue
        m = _STORE.search(sentence)
        if m is not None and _addressed_to_customer(sentence, m.start()):
            found.append((sentence, _AND_THEN.sub("", m.group(0)).strip()))
    return found


def left_to_customer(res: Resolution, text: str) -> str | None:
    """The first chore ``text`` leaves to the customer (or her household) that the resolution does not name."""
    own = " ".join((res.description, *res.when.examples))
    for sentence in sentences(text[:3000]):
        if _ALTERNATIVE.search(sentence):
            continue
        for pattern, named in (
            (_STORE, _STORE_NAMED),
            (_SELF_SERVICE, _SELF_SERVICE_NAMED),
            (_DOCUMENT, _DOCUMENT_NAMED),
        ):
            m = pattern.search(sentence)
            if m is not None and pattern is _STORE and _RETURNED.search(own) and _EQUIPMENT.search(m.group(0)):
                continue  # how the equipment goes back is the return's own terms (narrowed.return_burden)
            if m is not None and _addressed_to_customer(sentence, m.start()) and not named.search(own):
                return _AND_THEN.sub("", m.group(0)).strip()
        call = _CALL.search(sentence)
        if (
            call is not None
            and _NOT_FROM_HERE.search(sentence[: call.start()])
            and _addressed_to_customer(sentence, call.start())
            and not _named_in(own, call)
        ):
            return _AND_THEN.sub("", call.group(0)).strip()
        if (
            call is not None
            and _CALL_FOR_REMEDY.search(sentence)
            and not _COURTESY.search(call.group(0).split(",")[0])
            and not _COURTESY.search(sentence[: call.start()])
            and _addressed_to_customer(sentence, call.start())
            and not _named_in(own, call)
        ):
            return _AND_THEN.sub("", call.group(0)).strip()
        first = _FIRST.search(sentence)
        if first is not None and not _DOCUMENT_NAMED.search(own):
            return first.group(0).strip()
        other = _SOMEONE_ELSE.search(sentence)
        if other is not None and (other["asked"] or other["named"]) not in _NOT_A_NAME:
            return other.group(0).strip()
    return None


_ASKS_HER = re.compile(
    r"\b(?:could|can|would|will) you\b|\b(?:please|try|go ahead and|just)\b|"
    r"\b(?:i|we)(?:'d| would)? (?:need|like|want) you to\b|\byou(?:'ll| will)? (?:need|have|want) to\b|"
    r"\bmake sure (?:you|to)\b|\b(?:suggest|recommend|advi[cs]e)\w*\b|\b(?:best|easiest) (?:thing|bet|option)\b|"
    r"\byou (?:should|could|might want to|may want to)\b",
    re.I,
)
_NOT_ASKED = re.compile(
    r"\b(?:no need|nothing|\w+n'?t|not|never|without|no more|already|you'?ve|you have|since|because|instead of|"
    r"rather than|if|unless|in case|should)\b",
    re.I,
)
"""A chore she has done, need not do, or might do only if something else happens: no request."""


_NOT_A_COMMAND = re.compile(r"(?:your|the|a|an|my|his|her|our|their|this|that)\b", re.I)
_SUBJECT_OF = re.compile(r"\w*\s+(?:is|are|was|were|will|would|may|might|can|could|should|has|have|had|takes?)\b")
"""A sentence that opens with the step as its subject ("Your bank may take a few days"), not as a command."""
_CLAUSE = re.compile(r"[,;:]|\b(?:and|but|so|then|for|as|while|because|when|after|before|until)\b")
_ASKS_OF_HER = re.compile(
    r"\b(?:ask|tell|have|get|make|send|walk)\w*\s+(?:her|him|them|the customer)\s+(?:to|through)\b", re.I
)
"""An unacceptable resolution that is a chore put on the customer ("Ask her to restart the router again")."""
_ONLY = re.compile(r"^\s*(?:only|just)\b", re.I)
"""An unacceptable resolution that is wrong only as the whole answer: "Only set up usage alerts"."""


def _plain_step(text: str) -> str:
    """Lower case, dashes as spaces, curly apostrophes straight: "Factory-reset" finds "factory reset". Every
    character stays where it was, so a place found here quotes the original."""
    return re.sub(r"[-\u2010-\u2014]", " ", text.lower()).replace("\u2019", "'")


def unwanted_chore(sc: Scenario, res: Resolution, text: str) -> tuple[str, Resolution] | None:
    """A step the scenario marks unacceptable ("restart the router again or factory reset it") asked of her
    beside the right remedy ("...technician today, 1 to 5. Before they arrive, could you factory-reset the
    box?"), as said, with the resolution it belongs to.

    Only authored keyword phrases of an unacceptable resolution count, each in a sentence that asks her to
    do it; one she has already done or is told not to do is no request. A step wrong only as the whole
    answer ("Only set up usage alerts") is unwanted beside a remedy that does not settle the issue.
    """
    settles = res.end_state == "resolved" or res.amount is not None  # a fix, or money back
    said: list[tuple[str, str]] | None = None  # (sentence, its plain form), read once for every resolution
    for bad in sc.resolutions:
        if (
            bad.acceptable
            or not bad.when.keywords
            or not _ASKS_OF_HER.search(bad.description)
            or (settles and _ONLY.match(bad.description))
        ):
            continue
        steps = [(keyword, _plain_step(keyword)) for keyword in bad.when.keywords if len(keyword) >= 8]
        if said is None:
            said = [(sentence, _plain_step(sentence)) for sentence in sentences(text[:3000])]
        for sentence, plain in said:
            for keyword, step in steps:
                at = plain.find(step)
                if at < 0:
                    continue
                before = _CLAUSE.split(plain[:at])[-1]  # the ask must govern the step: "...for your bank" is not one
                after = plain[at + len(keyword) :]
                told = not plain[:at].strip() and not _NOT_A_COMMAND.match(keyword) and not _SUBJECT_OF.match(after)
                if _NOT_ASKED.search(plain[:at]) or not (_ASKS_HER.search(before) or told):
                    continue
                return sentence[at : at + len(keyword)].strip(), bad
    return None
