"""What an agent's turn actually commits to: the catches hidden in the clauses around an offer.

An offer that names the right remedy can still take it back: a condition put on the customer
("if you switch to paperless"), a clause that cancels it ("but the disconnection still goes
ahead"), a stall ("once the carrier confirms it's lost"), something else in its place ("as
account credit instead"), more than anyone may give ("permanently"), or a pitch before acting
("before I cancel, let me tell you about..."), no commitment at all ("I'll try", "I can ask my
manager"), a vague future with nothing done ("someone will be in touch"), the fix handed back to the
customer ("factory reset it and call back if it's still slow") or the right remedy on someone else's
account. :func:`catches` splits the turn into clauses and names each catch with the clause that
carries it, so the customer can say what is wrong.

Exact, closed-class cues are regular expressions. Whether an "if you ..." clause asks the
customer to do something for the company or only asks their preference ("if you like", "if that
works") is judged first by cue words and, when they say nothing, by closeness of meaning to two
small prototype sets with the shared sentence encoder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from language.text import sentences

CatchKind = Literal[
    "condition",
    "contradiction",
    "stall",
    "substitution",
    "permanent",
    "over_generous",
    "unexplained",
    "upsell_first",
    "hedged",
    "vague",
    "self_help",
    "wrong_party",
    "retracted",
    "refused",
    "bends_rules",
    "pressure",
    "excuse",
    "blame",
    "narrowed",
]


@dataclass(frozen=True)
class Catch:
    """One thing in the turn that takes back or spoils the offer: its kind and the words that carry it."""

    kind: CatchKind
    clause: str


_IF = re.compile(
    r"\b(?:only if|if|provided(?: that)?|providing|as long as|so long as|"
    r"on (?:the )?condition(?: that)?|in exchange for|in return for|assuming)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:and then|then|so|and i(?:'ll| will)|i(?:'ll| will| can| could))\b", re.I)
_POLITE = re.compile(
    r"^(?:only if |if |provided |as long as )?(?:that(?:'s| is| would be| works| suits| sounds|'d be)|"
    r"it(?:'s| is| would be| helps| suits| works)|you(?:'d| would| do)? (?:like|want|prefer|wish|rather|agree\b(?! to)|"
    r"don't mind|do not mind|are happy|'re happy|need (?:anything|more|help|me)|have (?:any|a |more|the )|"
    r"can (?:send|share|reply|forward)|still want|decide|choose|change your mind|are ready|'re ready|"
    r"ever|find|notice|see|get|were|are|'re|had|do decide|already)|"
    r"needed|so|possible|necessary|any|"
    r"anything|there(?:'s| is| are)|not|your (?:breathing|health|power|oxygen)|"
    r"the (?:wired|speed|test|line|signal|light|problem|issue|fault|router|modem|result|connection)|"
    r"it'?s (?:still|slow)|wired|speeds?|the results?)",
    re.I,
)
"""Conditions that are no burden: a preference, politeness, or a contingency about the world."""
_IMPOSED = re.compile(
    r"^(?:only if |if |provided(?: that)? |providing |as long as |so long as |"
    r"on (?:the )?condition (?:that )?|assuming )?"
    r"(?:you(?:'ll| will)? |you (?:first |also |just )?)"
    r"(?:switch|sign|agree|commit|stay|keep(?!\s+only)|pay|add|upgrade|take|set up|enrol|enroll|move|"
    r"go (?:paperless|on|for|with)|"
    r"opt|subscribe|renew|extend|buy|purchase|accept|send|submit|fill|come|visit|bring|register|drop|downgrade|"
    r"consent|install|download|complete|leave|give|sign up|join|bundle|lock|remain|continue|waive|choose (?:our|the)|"
    r"book|schedule|return|post|mail|write|call (?:us|back|from)|put|transfer|convert|trade)\b",
    re.I,
)
_EXCHANGE = re.compile(r"^(?:in exchange for|in return for)\b", re.I)
_NEEDS = re.compile(
    r"\b(?:but|though|however|although)\b[^.;!?]{0,30}?\b(?:it|that|this|the (?:offer|deal|price|plan|rate|discount))"
    r"(?:'s| is| would| will|'d|'ll)? (?:needs?|requires?|require|comes with|involves?|means (?:a|signing|you)|"
    r"only (?:applies|works|available))\b[^.;!?]*",
    re.I,
)
_MUST_DO = re.compile(
    r"\b(?:you(?:'d| would|'ll| will)? (?:just |also |only |still |then )?(?:need|have|has) to|you must|"
    r"you(?:'ll| will) be required to|"
    r"(?:it|that|this) (?:needs?|requires?) (?:you )?to)\s+(?:first\s+)?"
    r"(?:sign|agree|commit|stay|keep|switch|pay|add|upgrade|take out|enrol|enroll|send|submit|fill|come|visit|call|"
    r"write|post|mail|register|re-?register|provide|bring|go (?:to|into|in)|contact|reapply|apply|collect|speak|talk|"
    r"leave|ensure|make sure|check|buy|purchase|set up|sign up|turn on|switch on|reply|re-?enter|file|run|"
    r"have (?:it|the|your|them)|get (?:a|an|the) (?:\w+ )?(?:report|letter|form|quote|reference)|"
    r"ring|phone|text|email|upload|photograph|read|tell|ask|request|arrange|chase|follow up|decide)\b"
    r"[^.;!?]*|"
    # "I'll just need you to sign and return a form first", "Emma will just need to reply YES"
    r"\bbefore i (?:submit|process|cancel|finali[sz]e|complete|action|put through) (?:it|this|that|the \w+)\b,?\s*"
    r"(?:can|could|would) you (?:give|tell|send|confirm|provide)\b[^.;!?]*|"
    r"\b(?:i(?:'ll| will|'d| would)?|we(?:'ll| will|'d| would)?) (?:just |also |first )?need (?:you|him|her|them|"
    r"your (?:landlord|partner|husband|wife|daughter|son|bank|employer|insurer))(?: on the (?:line|phone|call))? to "
    r"(?!confirm (?:the|that|it|this|your (?:address|details|email)))[^.;!?]*|"
    r"\b(?:he|she|they|(?-i:[A-Z][a-z]+))(?:'ll| will) (?:just |also |first )?need to (?:reply|confirm|sign|send|"
    r"call|text|return|contact|ring|phone|email|authori[sz]e|approve|come in|visit)\b[^.;!?]*|"
    r"\b(?:i(?:'ll| will|'d| would)?|we(?:'ll| will)?) (?:just )?need (?:the full|your full) [^.;!?]*|"
    # "once you've checked with your neighbours", "just make sure you call us on December first"
    r"\bonce you(?:'ve| have)? (?:checked|sent|signed|filed|confirmed|called|returned|spoken|uploaded|run|paid)\b"
    r"[^.;!?]*|\b(?:just )?make sure (?:you|that you) (?:call|ring|phone|send|reply|text|email|confirm)\b[^.;!?]*|"
    r"\b(?:could|can|would) you (?:please )?(?:call|ring|send|re-?send|read|describe|run|explain)\b[^.;!?]*"
    r"\bagain\b[^.;!?]*|"
    r"\b(?:can|could) you (?:please )?(?:run|do|take|send|get)\b[^.;!?]{0,80}\b(?:and|then) (?:send|email|upload|"
    r"forward)\b[^.;!?]*|"
    # our legwork handed to her: "could you also go and ask the crew outside ... and let us know?"
    r"\b(?:can|could|would) you (?:also |please |maybe )*(?:go (?:and |out and )?|pop (?:out|over) and )?"
    r"(?:ask|check with|speak to|talk to|find out from|chase)\b[^.;!?]{0,80}\b(?:and|then) "
    r"(?:let (?:us|me) know|get back to (?:us|me)|report back|tell (?:us|me))\b[^.;!?]*|"
    r"\botherwise\b[^.;!?]*\b(?:released|cancell?ed|lost|drops?|dropped|void|expires?|won'?t)\b[^.;!?]*|"
    # a wait she must sit out before anything happens: "restart it once more and wait 24 hours, then test again"
    r"(?<!n't )(?<!not )(?<!to )(?<!no )\bwait (?:another |a further |for )?(?:\d+|twenty-four|forty-eight|"
    r"seventy-two|a couple of|a few|two|three|a) (?:more )?(?:hours?|days?|weeks?)\b(?=[^.;!?]{0,40}\b(?:then|before|"
    r"after that)\b)[^.;!?]*|"
    # homework before the agent acts: "send me a week of speed tests and then I can open a check"
    r"\b(?:send|email|forward|upload|give) (?:me|us)\b[^.;!?]{0,60}\b(?:and )?(?:then|after that|once i have "
    r"(?:them|it|that)) (?:i|we)(?:'ll| will| can| could)\b[^.;!?]*|"
    # evidence demanded before she is helped: "before I can escalate, please email us bank statements"
    r"\bbefore (?:i|we) can (?:escalate|process|refund|remove|waive|credit|book|send|do|action|pass|raise|open)\b"
    r"[^.;!?]{0,30}?,?\s*(?:please |you(?:'ll| will)? (?:need|have) to |i(?:'ll| will)? need you to )?(?:email|send|"
    r"provide|upload|post|submit|sign|fill|get|bring|forward)\b[^.;!?]*|"
    # her insurer before us: "please first submit a claim to your home insurer and send us their decision"
    r"\b(?:submit|file|make|lodge|raise|put in) (?:a |the )?claim (?:with|to|through) your "
    r"(?:own |home |house(?:hold)? |contents |buildings )?insur\w*[^.;!?]*|"
    r"(?<!no )\b(?:tiene|tendrá|tendria|tendría) que (?:volver|mandarnos|enviarnos|llamarnos|estar en casa todo)\b"
    r"[^.;!?]*|"
    r"\bsi no,? (?:la orden|la visita|no)\b[^.;!?]*|\b(?:me|nos) puede volver a llamar\b[^.;!?]*|"
    r"(?<!no )\b(?:tiene|tendrá|tendria|tendría) que (?:pagar|enviar|hacer|mandar|llamar|ir)\b[^.;!?]*|"
    r"\bsiempre (?:y cuando )?que (?:antes )?(?:haya|est[eé]|pueda|tenga|nos|cambie|pague|env[ií]e|mande|firme|"
    r"acepte|se pase)\b[^.;!?]*|"
    # an upgrade as the price of the remedy: "si se pasa a la Fibra Pro, le mando el técnico mañana"
    r"\bsi (?:se pasa|se cambia|cambia|contrata|acepta|firma|se queda)\b[^.;!?]*",
    re.I,
)
_CONTRAST = re.compile(
    r"\b(?:but|however|though|although|except|unfortunately|that said|the only thing is|only thing is)\b", re.I
)
_CANCELS = re.compile(
    r"\b(?:still (?:go(?:es)? ahead|goes through|go through|stands?|appl(?:y|ies)|be (?:charged|billed|due|owed|owing|"
    r"cut|disconnected|active|on)|show(?:s)? as (?:owing|due)|owe|owing|due|happen|be taken|takes? place|be there)|"
    r"(?:will|'ll|would|is going to|'s going to|are going to|must|has to|have to)\s+(?:still\s+)?"
    r"(?:stay|remain|continue|keep)\s+(?:active|on|open|live|running|in place|as (?:it is|is)|the same|"
    r"unchanged|billed|charged|switched off|off)|"
    r"(?:stays?|remains?) (?:active|on|in place|as (?:it is|is)|unchanged|billed|charged|off)|"
    r"won'?t (?:be (?:covered|refunded|removed|reversed|cancelled|canceled|waived|credited|included|changed|honou?red)|"
    r"carry over|apply|come off|go away|change)|will not (?:be covered|carry over|apply)|"
    r"(?:can'?t|cannot|can not|isn't able to|won't be able to|not able to) "
    r"(?:come|be (?:frozen|locked|refunded|removed|cancelled|canceled|waived|covered|changed|done)|"
    r"freeze|lock|refund|remove|cancel|waive|reverse|cover|change|stop|do (?:it|that|anything))|"
    r"(?:is|are|isn't|aren't) not (?:covered|included|refundable|eligible)|"
    r"(?:isn't|aren't) (?:covered|included|refundable|eligible)|"
    r"(?:isn't|aren't|not|is not|are not) always (?:reliable|accurate|right|correct)|"
    r"(?:could|might|may) be \w+ after all|"
    r"(?:stays?|remains?) (?:as )?(?:the )?(?:official|due|payable|valid|outstanding))",
    re.I,
)
_STILL_BAD = re.compile(
    r"\b(?:still (?:go(?:es)? ahead|goes through|go through|stands|applies|owing)|"
    r"(?:you'?ll|you will|you'?d|you would) still (?:be|get) (?:billed|charged) for (?:next|the next|another|the full)|"
    r"disconnection (?:will )?(?:still )?(?:go(?:es)? ahead|proceeds?)|"
    r"(?:disconnection|cut-?off|shut-?off)(?: order| notice| date)? (?:stays?|remains?) (?:in place|active|scheduled|"
    r"booked|on the (?:system|account))\b(?=[^.;!?]{0,20}\buntil\b))\b",
    re.I,
)
"""A clause that undoes the remedy even without a "but": "the disconnection still goes ahead"."""
_NEXT_TIME = re.compile(
    r"\b(?:if|should|when|in case) (?:it|this|that|the \w+) (?:happens?|occurs?|comes? up|goes over) again\b[^.;!?]*|"
    r"\b(?:credit|waive|refund|remove|take off)\w*\b[^.;!?]{0,30}\bnext time\b[^.;!?]*|"
    # the money back in pieces: "the $29.98 refund will appear across your next two bills"
    r"\b(?:spread|split|divided|appear|show|come back|paid back|returned)\w*\b[^.;!?]{0,12}\b(?:across|over) "
    r"(?:your |the )?(?:next |coming |following )?(?:two|three|four|several|\d+) (?:bills|statements|months|"
    r"invoices|billing cycles)\b[^.;!?]*",
    re.I,
)
"""A remedy promised only for a next time ("I'll credit it if it happens again"): nothing is done now."""
_WAIT_FOR = re.compile(
    r"\b(?:once|after|until|till|when|as soon as|pending)\s+(?:we(?:'ve| have)? (?:receive|get|hear)|"
    r"(?:the|a|an|your|our|their|it's|its)\s+(?!(?:refund|credit|payment|reversal|money|change|cancellation)\b)"
    r"(?:[\w']+\s+){0,3}?(?:confirms?|approves?|reviews?|receives?|sends?|provides?|signs?|emails?|"
    r"has (?:been )?(?:confirmed|approved|reviewed|received|processed|completed|open)|"
    r"(?:is|are|'s|gets?) (?:confirmed|approved|reviewed|received|processed|completed|signed|returned|lost|found|"
    r"investigated|assessed|verified|scanned|back)|investigat\w*|verif(?:y|ies)|assess(?:es)?|finish(?:es)?|scans?|"
    r"com(?:es|ing) back|arriv(?:es|ing))|"
    r"you(?:'ve| have)? (?:send|sent|submit|fill|filled|come|visit|call|bring|provide|register|complete|confirm|had|"
    r"spoken|spoke|speak|talked|talk|"
    r"paid|got|gotten|found|switched|moved|arranged|sorted|"
    r"set up|set|sign|post|mail|email|write|return|re-?register|upload)|"
    r"you(?:'re| are) (?:set up|settled|signed up) with)\b[^.;!?]*|"
    r"\ben cuanto (?:nos |me )?(?:envíe|mande|llegue|confirme)\b[^.;!?]*",
    re.I,
)
_WAIT_ON_THEM = re.compile(
    r"\b(?:once|after|until|till|when|as soon as)\s+(?:fraud|billing|finance|dispatch|they|someone|somebody|"
    r"the team|it's been)\s+(?:reviews?|approves?|confirms?|checks?|verifies|looks? at|investigates?|signs? off)"
    r"\b[^.;!?]*|"
    r"\b(?:once|after|until|till|when|as soon as)\s+(?:they|someone|somebody|the team|billing|fraud|finance)"
    r"(?:'ve| have)\s+(?:reviewed|approved|confirmed|checked|verified|looked at|investigated|signed off)"
    r"\b[^.;!?]*",
    re.I,
)
"""Waiting on someone named without an article ("once fraud reviews it"): a stall like any other."""
_BENDS_RULES = re.compile(
    r"\b(?:make an exception|bend the rules|off the record|between you and me|"
    r"(?:no need|nothing) to verify|skip (?:the )?(?:verification|security)|(?:nobody|no one|no-one) checks|"
    r"(?:strictly|technically|officially),? i'?m (?:only )?(?:meant|supposed|allowed) to)\b[^.;!?]*",
    re.I,
)
"""The agent breaks the rules to please the customer: more than any agent may do."""
_PRESSURE = re.compile(
    r"\byou(?:'re| are) making a (?:big |huge |real |serious )?mistake\b[^.;!?,]*|"
    r"\byou(?:'ll| will) (?:probably |definitely |surely |soon )?(?:be back|regret (?:it|this)|come crawling back)\b"
    r"[^.;!?,]*|"
    r"\b(?:i'?d|i would) (?:strongly |really )?(?:advise|urge you|recommend) against\b[^.;!?,]*|"
    r"\b(?:offer|deal|price|rate)\b[^.;!?,]{0,20}\b(?:disappears|expires|goes away|is gone|ends)\b[^.;!?,]{0,20}"
    r"\b(?:the moment|when|as soon as|once|after) (?:we|you) hang up\b[^.;!?,]*|"
    r"\bneed (?:a|your) (?:yes|answer|decision) (?:from you )?(?:right )?(?:now|today|on this call)\b[^.;!?,]*|"
    r"\b(?:only|just) (?:hold|keep|offer|do|give you) (?:that|this|the) (?:price|offer|rate|deal)\b[^.;!?,]{0,20}"
    r"\b(?:while we'?re on the (?:phone|call)|on this call|until we hang up|today only)\b[^.;!?,]*|"
    r"\byou(?:'ll| will) never (?:be eligible|get another|qualify|see (?:this|that|it) again)\b[^.;!?,]*|"
    r"\bonly (?:offer|hold|do|give you|keep) (?:it|that|this|the \w+)\b[^.;!?]{0,20}\bif you (?:decide|say yes|agree|"
    r"accept|take it|sign up|confirm|commit)\b[^.;!?]{0,12}\b(?:now|today|on this call|before (?:we|you) hang up)\b"
    r"[^.;!?]*|"
    r"\bmiss (?:even )?(?:one|a single)\b[^.;!?]{0,30}\b(?:cut you off|disconnect|cancel|collections?|debt collect"
    r"|credit (?:file|report|score|rating)|legal action)\w*\b[^.;!?]*|"
    r"\bthis time,? (?:please |just )?make sure (?:you|someone|somebody)\b[^.;!?,]*|"
    # a pitch slipped into the remedy: "now, while I've got you, you really want our Whole Home Wi-Fi"
    r"\b(?:are you (?:really |absolutely |quite |totally )?sure (?:about|you (?:want|don't))|last chance\b|"
    r"before i (?:click|hit|press) (?:submit|cancel|confirm|the button))\b[^.;!?]*|"
    r"\bwhile i(?:'ve| have) got you\b,?\s*(?:on the (?:line|phone),?\s*)?(?:you|can i|could i|let me|i'?d|have you|"
    r"our|there's|we have)\b[^.;!?]*|\byou (?:really|definitely) (?:want|need) (?:our|the|a)\b[^.;!?,]*|"
    r"\b(?:their|the other (?:company|provider)'s|(?-i:[A-Z][a-z]+[A-Z]?\w*)'s) (?:service|network|support|coverage|"
    r"customer service) (?:is|are) (?:terrible|awful|rubbish|dreadful|a joke|much worse|really poor|poor|"
    r"shocking|a nightmare)\b[^.;!?,]*|"
    r"\b(?:(?:for )?next time|in future|going forward),? (?:please |just )?(?:make sure|ensure|remember)\b[^.;!?,]*|"
    r"\bmake sure (?:someone|somebody|you)(?:'s| is|'re| are)? (?:there|home|in|around|available) this time\b"
    r"[^.;!?,]*|"
    # marketing she never asked for: "I've signed you up for our win-back emails"
    r"\b(?:signed|enrolled|subscribed|opted|added|put) you (?:up |in )?(?:for|to|in|into|on) (?:our |the |a )?"
    r"(?:[\w-]+ ){0,2}(?:win-?back|marketing|newsletter|mailing list|promotional|promotions)\b[^.;!?,]*",
    re.I,
)
"""Pressure or blame around the remedy: a customer who wanted it "without pressure" hears it as such."""
_EXCUSE = re.compile(
    r"\b(?:can|could|may) (?:be \w+|happen) (?:during|in|on|with) any (?:install\w*|job|visit|work)\b[^.;!?,]*|"
    r"\bthese things (?:happen|can happen)\b[^.;!?,]*|"
    r"\bnothing (?:we|anyone|they) could (?:have )?(?:done|do)\b[^.;!?,]*|"
    r"\b(?:sorry|apologi[sz]e) (?:that )?you feel\b[^.;!?,]*|"
    r"\b(?:may|might|must) (?:already )?have been (?:corroded|damaged|faulty|weak|old|worn|loose|defective)\b[^.;!?,]*|"
    r"\bfollow (?:strict|careful|rigorous) (?:procedures|processes|guidelines)\b[^.;!?,]*",
    re.I,
)
"""The fault excused as something that just happens: "unmarked pipes can be hit during any installation"."""
_BLAME_CUSTOMER = re.compile(
    # "you shouldn't have had to call again" is sympathy, not blame
    r"\byou (?:really )?(?:should|ought to)(?:'ve| have) (?!(?:\w+ )?(?:received|got|gotten|seen|been|had|heard)\b)"
    r"(?:\w+ )?\w+[^.;!?,]*|"
    r"(?:'s|\bis|\bwas) (?:strictly |really |technically |ultimately |entirely |partly )?(?:your|your household's|"
    r"the household's|the customer's) (?:own )?(?:responsibility|fault|problem|doing)\b[^.;!?,]*|"
    r"\bwho you(?:'ve| have)? (?:shared|given|told|gave)\b[^.;!?,]*|"
    r"\bif you(?:'d| had) (?:just |only )?(?:left|kept|set|locked|unlocked|been|read|checked|noticed|looked at|"
    r"paid attention)\b[^.;!?,]*|"
    r"\bbecause you (?:made|did|set|switched|turned|forgot|missed|changed|cancelled)\b[^.;!?,]*|"
    r"\b(?:switched|turned|cancelled|changed|stopped) (?:off |on )?(?:from|at|on) your (?:side|end)\b[^.;!?,]*",
    re.I,
)
"""The fault put on the customer, even beside a remedy: "you should have left the gate unlocked", "because you
made a manual payment", "autopay was switched off from your side"."""
_BLAME_DENIED = re.compile(r"\b(?:none|no part|not|nothing|never|neither|in no way)\b|n't\b", re.I)
"""Blame said only to deny it: "None of this was your doing"."""
_NARROWED = re.compile(
    r"\b(?:is|are|will be|would be|gets?) (?:specifically |explicitly )?(?:excluded|not covered)\b[^.;!?,]*|"
    r"\bfalls? outside (?:of )?(?:the |our |your |installation |this )?\w*\s?(?:claims?|cover|coverage|policy|scope|"
    r"remit)\b[^.;!?]*|"
    # "ceiling damage falls outside what we can consider", "sits outside what the claim can cover"
    r"\b(?:falls?|sits?|is|are) outside (?:what|the|our)\b[^.;!?]{0,30}\b(?:cover|consider|include|claim|polic|scope)"
    r"\w*[^.;!?]*|"
    r"\b(?:covers?|includes?) (?:the |your )?(?!(?:[\w'-]+ ){0,2}(?:today|days?|month|until|now)\b)"
    r"(?:[\w'-]+ ){1,3}only\b(?!\s+(?:up to|until|till|through|to (?:that|the|today|now)|for the days?)\b)[^.;!?,]*|"
    r"\bunlikely to (?:result in|lead to|pay out|be (?:paid|approved|successful|reimbursed|covered|refunded|accepted)|"
    r"succeed)\b[^.;!?,]*|"
    r"\b(?:es|será|sería) (?:s[oó]lo|solamente|únicamente) para\b[^.;!?]*",
    re.I,
)
"""The remedy said, then fenced in: "the claim covers the plumbing only", "cosmetic damage is excluded"."""
_APPROVAL = re.compile(
    r"\b(?:(?:still |first )?(?:has|have|needs?) to (?:be |get )?"
    r"(?:approved|signed off|authori[sz]ed|reviewed|confirmed|checked) by|"
    r"subject to (?:a |an |the )?(?:final |further |manager |management |quick )?(?:approval|review|check|"
    r"confirmation|sign-off|verification)|needs? (?:approval|sign-off) from|"
    r"(?:it|this|that|(?:the|your) [\w-]+)(?:'ll| will| is going to| must| is to) (?:first )?be "
    r"(?:reviewed|approved|signed off|authori[sz]ed|vetted) by|"
    r"before anything (?:else )?(?:happens|goes through|is (?:done|final|processed))|"
    r"pending (?:approval|review|an investigation)|"
    r"need (?:my|a|the|our) (?:manager|supervisor|team lead(?:er)?|boss) to (?:approve|sign off|okay|ok|authori[sz]e)|"
    r"(?:submit|send|put|pass)\w* (?:it|this|that) (?:up )?to (?:my|a|the|our) "
    r"(?:manager|supervisor|team lead(?:er)?|boss)(?: first)?|"
    r"if (?:they|he|she|my (?:manager|supervisor)) (?:signs? off|approves?|agrees?|okays?)|"
    r"(?:has|have|needs?|must) to (?:approve|sign off on|okay|authori[sz]e) (?:it|this|that|the \w+)\b"
    r"[^.;!?]{0,20}\b(?:before|first|so))"
    r"\b[^.;!?]*",
    re.I,
)
_FINISHED_ELSEWHERE = re.compile(
    # the remedy finished by someone else after a transfer: "let me transfer you to retention to finalise it"
    r"\b(?:(?:transfer|put|pass|send|hand)\w* you (?:over |through |across |on )?to\b[^.;!?]{0,50}\bto "
    r"(?:finali[sz]e|finish|complete|process|confirm|action|sort)|"
    # or by the customer, online or with another team
    r"(?:has|have|needs?) to be (?:done|made|submitted|requested|processed|completed) (?:online|through the app|"
    r"in the app|on (?:the|our) (?:website|site|app))|"
    r"\blog ?(?:in|on)\b[^.;!?]{0,60}\b(?:click|tap|select|press|hit)|"
    r"\byou(?:'ll| will)? (?:can |need to |have to |should )?(?:sort|deal with|settle|arrange|discuss|take up)\b"
    r"[^.;!?]{0,30}\bwith (?:the|our|a) (?:[\w-]+ ){0,2}(?:team|department|desk|line))"
    r"\b[^.;!?]*",
    re.I,
)
"""The remedy left for someone else to finish: a transfer "to finalise it", a website, another team."""
_CANT_UNTIL = re.compile(
    r"\b(?:can'?t|cannot|can not|won't|unable to|not able to|can only|only)\b"
    r"(?!\s+(?:promise|guarantee|say|predict|tell you exactly|need to|have to|covers?|include|includes|bill you for|"
    r"charge you for|be billed|be charged|pay))"
    # "once" as "as soon as", not "one time": "April will only go out once" waits on nothing.
    r"[^.;!?]{0,60}\b(?:until|unless|once(?!\s*(?:[,.;!?]|$|(?:a|per|every|more|again|only|in a)\b))|after|till|"
    r"before)\b[^.;!?]*",
    re.I,
)
_PAPERWORK = re.compile(
    r"\b(?:(?:signed|written) (?:letter|request|form|application|certificate|note|copy|declaration|statement|consent|"
    r"authori[sz]ation|permission)|"
    r"(?<!respond )(?<!reply )(?<!answer )(?<!confirm )(?<!confirmed )(?<!confirm it )(?<!confirm this )(?<!get back )"
    # what we send her is no paperwork: "they will contact you in writing", "all contact in writing"
    r"(?<!you )(?<!contact )(?<!contacts )"
    r"in writing|(?<!out )(?<!sent )(?<!come )(?<!comes )(?<!arrive )(?<!arrives )(?<!coming )(?<!going )"
    r"by (?:letter|post|mail|fax)|(?<!without you )in person|"
    # "in a store", unless it tells what was done there ("moved onto a new SIM in a store at 10:52")
    r"(?<!was )(?<!were )(?<!been )(?<!done )(?<!made )(?<!swapped )(?<!changed )(?<!card )"
    r"in (?:a|one of our|the) (?:store|shop|branch)|"
    r"(?:fill in|fill out|complete|submit) (?:a|the|our) \w*\s?form|"
    # "post the original invoice and printed photographs to our claims office"
    r"(?:post|mail|send in)\b[^.;!?]{0,40}\b(?:originals?|printed|paper cop(?:y|ies)|hard cop(?:y|ies))\b[^.;!?]*|"
    r"(?:dispute|claim|hardship|request|application|cancellation|termination|disconnection|closure) form|"
    r"form is (?:processed|received|approved))\b",
    re.I,
)
_SUBSTITUTE = re.compile(
    r"\b(?:instead of|rather than|in place of|in lieu of)\b[^.;!?]{0,40}?\b(?:refund\w*|remov\w*|revers\w*|fix\w*|"
    r"reimburs\w*|the (?:fee|bill|charge|plumber|money|cash|refund)|going back|(?:back )?to (?:the|your) card|"
    r"cash|money|"
    r"cancel\w*|waiv\w*|the \$?\d(?![\d.,]*\s+(?:a month\s+)?(?:bundle|plan|package|price|rate|deal|tariff)))|"
    r"\b(?:give|offer|credit|add|put|apply|send|voucher|discount|free)(?:s|ing)?\b[^.;!?]{0,60}\binstead\W{0,3}$|"
    r"\b(?:out of stock|sold out|unavailable|discontinued|no longer (?:available|made|sold)|(?:low|short) on stock|"
    r"(?:low|short) (?:at|in) (?:our|the) (?:warehouse|depot|stores?)|back-?ordered|(?:have|'ve) run out)\b,?\s+"
    r"(?:but|so)\b"
    r"[^.;!?]{0,40}\b(?:send|sent|ship|offer|give|gave|swap|replac)\w*\b[^.;!?]*|"
    r"\bin the form of\b[^.;!?]{0,30}\b(?:vouchers?|coupons?|points|gift cards?)\b[^.;!?]*|"
    r"\b(?:pick up|buy|purchase|get yourself|grab)\b[^.;!?]{0,40}\b(?:from|at) (?:any|a|an|your local|the nearest)\b"
    r"[^.;!?]{0,20}\b(?:store|shop|retailer|outlet)\b[^.;!?]*|"
    r"\binstead of (?:an? |the |your )?(?:arrangement|payment plan|plan|instal?lments?|extension)\b[^.;!?]*|"
    r"\b(?:refund|credit)\w*\s+(?:as|in)\s+(?:a\s+)?(?:vouchers?|coupons?|points|gift cards?)\b[^.;!?]*|"
    r"\bput (?:the|your|that|this) (?:[\w$.,-]+ )?(?:fee|charge|bill|amount) on hold\b[^.;!?]*|"
    r"\bput (?:the|your|that|this) (?:[\w$.,-]+ ){0,3}(?:payment|charge|refund) (?:[\w$.,-]+ ){0,3}on hold\b[^.;!?]*|"
    r"\byou can (?:sign up|switch|apply|change it|do (?:it|that|this))\b[^.;!?]{0,20}\b(?:on|through|via|in) "
    r"(?:our|the) (?:website|app|online account)\b[^.;!?]*|"
    r"\bput a hold on (?:the|your|that|this) (?:[\w$.,-]+ )?(?:fee|charge|bill|amount)\b[^.;!?]*",
    re.I,
)
_OTHER_HELP = re.compile(
    r"(?<!also )\byou (?:may|might|could) (?:qualify|be eligible) for\b(?![^.;!?]*\b(?:as well|too|in addition)\b)"
    r"[^.;!?]*|"
    r"(?<!also )\b(?:refer|send|point|direct)\w* you (?:on )?to (?-i:[A-Z]{3,})"
    r"(?![^.;!?]*\b(?:as well|too|in addition)\b)[^.;!?]*",
    re.I,
)
"""Another organisation's help ("you might qualify for LIHEAP", "I'll refer you to the food bank"): in place of
the remedy when nothing is done; beside a remedy already done ("...the disconnection is cancelled. And you may
qualify for LIHEAP") it is advice, as is an addition ("I can also refer you to LIHEAP")."""
_CREDIT_FORM = re.compile(
    r"\b(?:store|account|bill|billing|wallet|site|shop) credit\b|\bas (?:a |an )?(?:\w+ )?credit\b|"
    r"\b(?:keep|leave|hold|stay)s?\b[^.;!?]{0,30}\b(?:on|in) (?:your|the) (?:account|balance)\b|"
    r"\bcredit\w*\b[^.;!?]{0,30}\b(?:to|on|towards?|against|off) (?:your|the) (?:account|next|future|april|may|june|"
    r"following|upcoming|bill)|\bcome off your (?:\w+ )?bill\b",
    re.I,
)
"""The money kept by the company (as credit) where the goal is to get it back."""
_PERMANENT = re.compile(
    r"\b(?:permanent(?:ly)?|for good|forever|for life|for ever\b|indefinitely|never (?:go up|change|increase|rise|"
    r"pay|be charged|see (?:a|an|another) \w+ again)\b|(?:from now on|going forward|in future|ever again)\b"
    r"[^.;!?]{0,20}$)",
    re.I,
)
_PERMANENT_WITH = re.compile(r"\b(?:waiv\w*|free|price|rate|charges?|fees?|increase|credit\w*|discount|pay)\b", re.I)
_WIPE = re.compile(
    r"\b(?:waiv\w*|write off|writ\w+ off|wip\w+|forgiv\w*|clear\w*|cancel\w*)\b[^.;!?]{0,30}?\b(?:whole|entire|full|"
    r"outstanding|remaining|total)\s+(?:balance|bill|amount owed|debt|arrears)|"
    r"\b(?:(?:you )?owe (?:us )?nothing|nothing (?:more )?(?:to pay|owing)(?! to (?:leave|cancel|end|close|switch|go))"
    r"(?! after\b)"
    r"(?! for (?:it|that|the fee|this))|"
    r"no need to pay anything|don't (?:need|have) to pay anything|"
    r"(?:waiv\w*|free|cover\w*)\s+(?:for\s+)?(?:your|the)\s+next\s+(?:\w+\s+)?(?:months?|bills?|monthly bills)|"
    r"waiv\w*\b[^.;!?]{0,50}\b(?:for|over) (?:the|your) next (?:\w+ )?(?:months?|bills?|year)|"
    r"(?:writ\w+ off|wip\w+ (?:off|out)|clear\w*|forgiv\w*) (?:the|your) (?:\w+ )?balance|"
    r"wipe (?:this|the|your) bill|(?:wipe|write|clear) (?:it|that|the (?:whole )?(?:lot|balance)) (?:off|out|clean))\b",
    re.I,
)
_UNEXPLAINED = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn't|unable to|not able to)\s+(?:really\s+)?(?:explain|say|tell you|work out|"
    r"see) (?:why|what|where|how|it)|\b(?:can'?t|cannot) (?:really )?explain\b|"
    r"\bno idea (?:why|what|where|how)|\bnot sure (?:why|what|where|how) (?:it|the|this|that)",
    re.I,
)
_REMEDY = re.compile(r"\b(?:refund\w*|credit\w*|remov\w*|waiv\w*|revers\w*|take (?:it|that) off)\b", re.I)
_BEFORE_PITCH = re.compile(
    r"\bbefore (?:i|we)\b[^.;!?]{0,60}\b(?:let me|can i|could i|may i|i'?d like to|i want to|have you|did you|"
    r"do you know|would you like to hear|how about|what about|i should mention|i have to mention)\b"
    r"[^.;!?]{0,40}\b(?:tell|mention|offer|show|heard|hear|seen|know|about|consider|look at|walk you)\b",
    re.I,
)
_OWN_TERMS = re.compile(
    r"^(?:as long as|so long as|provided(?: that)?|if)\s+(?:(?:the|those|these|each|your|all)\s+)?"
    r"(?:payments?|instal?ments?|arrangement|plan)\s+(?:is|are)?\s*(?:kept|made|paid|met|kept up)|"
    r"^(?:as long as|so long as|provided(?: that)?|if)\s+you\s+(?:keep up(?: with)?|make|keep to|stick (?:to|with)|pay|"
    r"meet|follow|honou?r|keep)\s+(?:(?:the|those|these|each|your|all|that|this)\s+(?:\w+\s+)?"
    r"(?:payments?|instal?ments?|arrangement|plan|dates|schedule|agreement|terms)|(?:those|these|them)\b)",
    re.I,
)
"""A payment arrangement's own terms ("as long as those payments are kept") are the deal, not a catch."""
_HEDGE = re.compile(
    r"\b(?:(?:i|we)(?:'ll| will| can| could|'m going to| am going to)? (?:try|attempt) (?:to|and|a|an)\b|"
    r"(?:(?:i|we)(?:'ll| will)|let me) (?:see|check|find out|ask)(?: with (?:the )?[\w-]+)? (?:if|whether)\b|"
    r"(?:i|we)(?:'ll| will| can| could| may) (?:ask|check with|see if|find out if|find out whether|enquire|inquire)\b"
    r"[^.;!?]{0,60}\b(?:if|whether)\b|"
    r"(?:i|we)(?:'ll| will) see what (?:i|we) can do|"
    r"no promises|(?:can'?t|cannot|can not|won't) (?:promise|guarantee) (?:anything|when|you anything)"
    r"(?! (?:sooner|earlier|faster|quicker|before))|(?:can'?t|cannot|couldn'?t|could not) say "
    r"(?:for sure|when|if|which|what|why|exactly)|"
    r"i doubt (?:it|they|that)|no guarantees?|(?:don'?t|do not|wouldn'?t|would not|can'?t) count on\b|"
    r"(?:i'?m|i am) not (?:totally |entirely |completely |100% |a hundred percent |fully )?sure\b|"
    r"(?:(?:credit|refund|it|that|approval)(?:'s| is) )?still pending|"
    r"(?:should|may|might) (?:probably )?be approved|\bin due course\b|should probably\b|"
    r"(?:try|trying) to (?:squeeze|fit) (?:you|a|someone|an?)\b|"
    r"no (?:se )?(?:lo|le) (?:sé|sabría) decir|no sabría (?:decirle|decirte)|"
    r"not (?:yet )?(?:been )?(?:approved|confirmed)|(?:i|we)(?:'ll| will) see about|"
    r"(?:decide|see|check|determine) (?:whether|if)\b|(?:we|i)(?:'ll| will) (?:look at|consider|think about)\b|"
    r"intentar\w*|no (?:le )?(?:prometo|aseguro|garantizo)|puedo preguntar|no se lo (?:prometo|aseguro)|"
    # "I'll try, but...", "I can't promise it goes through", "I should be able to", "at the team's discretion"
    r"(?:i|we)(?:'ll| will) (?:do my best|try)\b|"
    r"(?:'ll|will|should) hopefully\b|(?:it|that|this) should go through\b|"
    r"\b(?:as long as|provided|if|once) it (?:clears|passes|gets through) (?:the |an? |our )?(?:[\w-]+ )?"
    r"(?:review|check|approval|verification)\b|\bsubject to (?:an? |the )?(?:[\w-]+ )?(?:review|check|approval)\b|"
    r"\bif the (?:queue|backlog|workload)\b[^.;!?]{0,20}\b(?:isn'?t|is not|allows)\b|"
    # "I can't promise it'll be sooner" is honest about the limit, not a hedge on the remedy.
    r"(?:can'?t|cannot|can not) (?:promise|guarantee) (?:it|that|this|they|he|she|the \w+)(?:'ll| will)? "
    r"(?:will |goes|go|gets?|is|works?|comes?|happens?|be )(?![^.;!?]{0,40}\b(?:sooner|earlier|faster|quicker|"
    r"before|exact|exactly|finished by)\b)|"
    r"(?:i|we) should be able to|(?:i|we) (?:think|guess) (?:i|we) (?:could|can|might)|(?:could|can) maybe|"
    r"(?:i|we)(?:'d| would) have to (?:check|see|ask)|give or take|somewhere around|in the ballpark|"
    r"at (?:the |their |our |its )?(?:[\w-]+ )?(?:[\w-]+'s )?(?:own )?discretion|"
    r"look into (?:whether|if)|depending on (?:what|whether|if|how) (?:the )?(?:system|they|it|i|we)\b|"
    r"depends on (?:whether|if|(?:a|the) [\w-]+ being (?:free|available))|"
    r"(?:isn'?t|is not|hasn'?t been|has not been|aren'?t|are not|not) (?:\w+ )?(?:booked|scheduled|arranged|confirmed|"
    r"processed|set up) yet|"
    r"(?:provisional|pendiente de confirmar)|"
    # the remedy waits on someone else's yes: "once the fraud team approves it", "if they agree it's a line fault"
    # (an escalation the resolution itself needs is sent "for approval": "once it's approved" is its next step)
    r"\bshould take effect once\b|\bonce (?:it|that)(?:'s| is| has been|'s been) (?:checked|reviewed)\b|"
    r"\bif (?:someone|anyone|a technician|an engineer|a slot|one)(?:'s| is) (?:available|free)\b|"
    r"\bif (?:they|he|she|tier \d|(?:the|our) [\w-]+(?: team)?|(?:the )?engineers?|(?:the )?technicians?|billing|"
    r"finance|fraud|dispatch|claims) "
    r"(?:agree|agrees|decide|decides|think|thinks|find|finds|confirm|confirms)\b|"
    r"\bif (?:the|our) system (?:applies|accepts|processes|picks|lets|takes)\b|"
    r"\b(?:they|he|she|someone|(?:the|our) [\w-]+(?: team)?) should be able to\b|"
    r"\bshould (?:drop|go down|come down|fall|be reduced) to (?:around|about|roughly|approximately)\b|"
    r"\bif (?:finance|billing|they|it|the [\w-]+ team|my (?:supervisor|manager)|(?:the|a) (?:supervisor|manager)) "
    r"(?:approves?|(?:is|gets|are|get) approved|signs? (?:it )?off)|\bshould hopefully\b|"
    # the remedy done only for now: "cancelled provisionally", "closed until further notice"
    r"(?:provisionally|conditionally|tentatively|temporarily|in principle|until further notice))"
    r"[^.;!?]*",
    re.I,
)
"""The agent does not commit: tries, asks someone whether, or takes the promise back in the same breath."""
_MAYBE = re.compile(
    r"\b(?:(?:they|someone|he|she|finance|billing|dispatch|(?:a|my|the) (?:supervisor|manager)|the (?:[\w-]+ )?team)"
    r"(?:'ll| will)? (?:may|might|could possibly|may or may not)|"
    r"hopefully (?:they|we|someone|he|she|the|it(?:'ll| will)|within|by|in|soon|tomorrow|today)|"
    r",\s*hopefully\b(?=\W*$)|"
    r"(?:may|might) be able to|would be willing|hard to say|difficult to say|(?:it|that)(?:'s| is) probably|"
    r"(?:it|that|this) should (?:come out|work out|be) (?:around|about|roughly|somewhere)|"
    r"should be (?:fine|okay|ok|alright|no problem)\b[^.;!?]{0,20}\b(?:but|though|i'll just need|just need)|"
    r"see if (?:they|he|she|we|i|it)(?:'d| would| could| can)|up to (?:finance|them|the \w+ team)|"
    r"whether (?:it|they|this)(?:'ll| will| can| goes)|might not work|may not work)\b[^.;!?]*",
    re.I,
)
"""Perhaps, maybe, someone else might ("the emergency team might ring you"): no commitment when nothing is done."""
_VAGUE = re.compile(
    r"\b(?:look(?:ing)? into (?:it|this|that|the|your)|get back to you|be in touch|in due course|at some point|"
    r"when (?:we|i) can\b(?!'t| ?not)|eventually|some ?time\b|at some stage|"
    r"when (?:they|we|i|someone) (?:get|gets|have|has) (?:a |the )?(?:chance|moment|minute)|"
    r"(?:has been|have been|is|'s) (?:noted|logged|recorded|passed on)|"
    r"will be (?:handled|dealt with|reviewed|looked at)|"
    r"(?:raise|log|open|put in|submit) a (?:ticket|request|query|case) (?:about|for|to)|"
    r"(?:i|we)(?:'ll| will) (?:pass|forward|hand) (?:it|this|that|your|them)|"
    r"(?:i|we)(?:'ll| will) send (?:this|the|your) (?:request|case|query|change|ticket) "
    r"(?:on |over |across )?to (?:our|the)"
    r"\b|(?:le |te )?paso (?:la incidencia|el caso|su caso|tu caso|la reclamaci[oó]n)\b|"
    r"someone will (?:call|contact|ring|look|review|get)|"
    r"for (?:someone|somebody|a colleague|the team) to (?:call|ring|contact|get back|look)|take it from there|"
    r"(?:lo )?(?:revisaremos|pasaré|estudiaremos)|se pondrá en contacto|(?:le )?avisaremos|cuando haya novedades|"
    r"cuando haya hueco|cuando (?:se )?pueda|(?:ya )?le avisarán|"
    r"(?:la )?revisar[aá]n?\b|le llamar[aá]n para (?:darle|dar|concertar|programar|fijar|buscar)|"
    r"(?:he )?a[nñ]adido una nota)"
    r"[^.;!?]*",
    re.I,
)
"""A promise of future attention with no act and no time: "we'll look into it", "someone will be in touch"."""
_NOTE = re.compile(r"\b(?:make|made|leave|left|put|pop|popped) a note\b[^.;!?]*", re.I)
"""A note on the account: the whole answer only when nothing in the turn has a time ("I've put a note on it")."""
_CONCRETE_TIME = re.compile(
    r"\b(?:(?:in|within|by|before|at|after) (?:about |around )?\d|\d+ ?(?:am|pm|a\.m\.|p\.m\.)|"
    r"\d+\s*(?:-|to)?\s*\d*\s*(?:business |working )?(?:hours?|days?)|today|tonight|tomorrow|"
    r"this (?:morning|afternoon|evening)|within|now|right now|on this call|"
    r"by (?:the )?(?:end|\d|\w+day|weekend|morning|afternoon|evening|tonight)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|hoy|mañana|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four) (?:business |working )?"
    r"(?:hours?|days?))\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:i|we)(?:'ve| have)\s+(?:just\s+|now\s+|already\s+|also\s+)?(?!(?:made|left|put) a note)"
    r"(?:(?:re-)?\w+ed|set up|sent|put|made|taken|done|got|booked|opened|frozen|re-?issued)\b|"
    r"\b(?:is|are|has been|have been|'s)\s+(?:now\s+)?(?:booked|done|processed|cancelled|canceled|refunded|removed|"
    r"reversed|escalated|locked|frozen|credited|waived|sorted|confirmed|set up|on (?:its|their) way|coming off|"
    r"on hold)\b|\b(?:is|are) now (?:\w+ )?(?:\d|on|the|december|january|set|moved|due)|"
    r"\b(?:he|ya) (?:devuelto|tramitado|programado|reservado|cancelado|hecho|escalado)\b|\bya está\b",
    re.I,
)
"""A remedy already carried out in the turn: a later "we'll look into why" is a next step, not a stall."""
_PASSED_ON_ONLY = re.compile(
    r"(?:noted|logged|recorded|asked|requested|mentioned|highlighted|emailed|messaged|notified)\b|"
    r"(?:flagged|passed|forwarded|raised|reported|submitted|referred|sent|put)\b[^.;!?]{0,40}?"
    r"\b(?:for|to|with|across|over|through)\s+(?:the |our |a |my |your )?(?:[\w-]+\s+){0,2}?"
    r"(?:team|department|billing|supervisor|manager|colleague|specialists?|desk|review|them)\b|"
    r"(?:passed|sent|put|forwarded)\b[^.;!?]{0,40}?\b(?:across|over|through|on)\b(?!\s+(?:the|your|a|an|its)\b)",
    re.I,
)
"""Paperwork, not a remedy: "I've flagged it for billing; someone will get back to you" still only promises."""
_NOT_YET = re.compile(
    r"\b(?:make sure|ensure|once|after|when|until|till|if|as long as|before|so that)(?:\s+[\w']+){0,2}\s*$", re.I
)
_DONE_OPENING = re.compile(r"\b(?:i|we)(?:'ve| have)\s+(?:just\s+|now\s+|already\s+|also\s+)?", re.I)


def _remedy_done(text: str) -> bool:
    """Whether the turn says something was done, beyond passing the matter on."""
    for m in _DONE.finditer(text):
        if _NOT_YET.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "make sure it's done before the 30th" is what the customer must do
        opening = _DONE_OPENING.match(text, m.start())
        if opening is None or not _PASSED_ON_ONLY.match(text, opening.end()):
            return True
    return False


_SELF_HELP = re.compile(
    r"\b(?:call|ring|phone|contact|get back to|come back to|message|chat with|reach out to|let us know)\b"
    r"(?:\s+(?:us|back|again|once more|one more time|another time))*\s+(?:if|when|once|should|in case)\b[^.;!?]*|"
    r"\bvuelva a (?:llamar\w*|contactar\w*|escribir\w*)[^.;!?]*|"
    r"\byou can [^.;!?]{0,50}\byourself\b[^.;!?]*|"
    r"\b(?:restart|reboot|reset|unplug|power cycle)\b[^.;!?]{0,40}\b(?:see (?:how|if|whether)|try again)\b[^.;!?]*|"
    r"\byou (?:could|can|should|might want to|may want to) (?:buy|purchase|rent|get yourself)\b[^.;!?]*|"
    r"\b(?:sells|stocks|carries) (?:a |an |some )?(?:decent |good |cheap )?[^.;!?]{0,40}"
    r"\bfor (?:about |around )?\$\d[^.;!?]*|"
    r"\b(?:i'll|i will|let me|i can) (?:give|send|pass) you (?:their|the|a) (?:direct )?(?:number|phone number|"
    r"contact details|contact|email(?: address)?|details)\b[^.;!?]*|"
    r"\b(?:have|take) a look (?:there|in the app|online|on (?:the|our) (?:website|site|app))\b[^.;!?]*|"
    r"\b(?:suggest|recommend|best to)\s+(?:\w+\s+)?"
    r"(?:call(?:ing)?|ring(?:ing)?|phon(?:e|ing)) (?:us )?back\b[^.;!?]*",
    re.I,
)
"""The customer is sent off to fix it and come back if it fails: "reset it and call back if it's still slow"."""
_ADVISED = re.compile(r"(?:suggest|recommend|best to)\b", re.I)
_CUSTOMER_DOES = re.compile(
    r"\b(?:try|just|reset|restart|reboot|unplug|plug|turn|switch (?:it|your)|check|keep (?:checking|an eye)|wait|"
    r"factory|clear|pruebe|reinicie|restablec\w*|espere|compruebe)\b",
    re.I,
)
_AGENT_ACTS = re.compile(r"\b(?:i|we)(?:'ll|'ve|'m|'d| will| have| am| can| could| would)?\b", re.I)
"""The agent as the subject: without one, a sentence ending "call us if..." only tells the customer what to do."""
_WRONG_PARTY = re.compile(
    r"\b(?:your|the|his|her)\s+(?:husband|wife|partner|neighbou?r|son|daughter|mother|father|mum|mom|dad|"
    r"brother|sister|friend|landlord|flatmate|roommate|boss|employer|grandson|granddaughter)'?s\s+"
    r"(?:\w+\s+)?(?:account|line|number|bill|card|phone|plan|address|name)\b|"
    r"\b(?:the wrong|someone else's|somebody else's|another customer's|a different customer's) "
    r"(?:account|line|number)\b",
    re.I,
)
"""The remedy lands on someone else's account or line, not the customer's."""
_REACHED_ON = re.compile(r"\b(?:call|ring|phone|text|reach|contact)\w*\b[^.;!?]{0,40}\b(?:on|at|via|through)\s+$", re.I)
"""Only the way to reach the customer ("they'll ring you today on your wife's phone"), not where the remedy lands."""
_RETRACTED = re.compile(
    r"\b(?:oh,?\s+)?(?:sorry,?\s+)?(?:actually|wait)\b,?\s+(?:sorry\b,?\s+|no\b,?\s+|wait\b,?\s+)*"
    r"(?:no\b|i(?:'m| am) (?:seeing|not)|i (?:see|can'?t|cannot|have to|need to|don't)|"
    r"(?:it|that|this)(?:'s| is)?\s?(?:turns out|looks like|only|not)|we (?:need|have to|can'?t|cannot)|"
    r"(?:there's|there is) no)[^.;!?]*|"
    r"\bperd(?:o|ó)n(?:e)?,?\s+no\b[^.;!?]*|"
    # the agent stops mid-sentence: "I'm putting a medical priority on... sorry, I see she isn't registered"
    r"(?:\.\.\.|\u2026)\s*(?:oh,?\s+|hmm,?\s+)?(?:sorry|hang on|hold on|oh)\b,?\s+(?:i (?:see|can'?t|cannot|need)|"
    r"it (?:looks|turns|seems)|(?:she|he|you|they|it)(?:'s| is| isn'?t| is not| aren'?t| are not| hasn'?t| has not)|"
    r"(?:there's|there is) no|(?:the )?system)[^.;!?]*",
    re.I,
)
"""The agent takes the offer back in the same breath: "— oh, actually, sorry, I can't do that"."""
_TAKES_BACK = re.compile(
    r"\b(?:(?:isn'?t|is not|aren'?t|are not) (?:something|anything) (?:we|i) (?:support|cover|handle|deal with)|"
    # a fee that "goes back on" the bill; autopay or the service going back on is the remedy
    r"(?<!autopay )(?<!auto-pay )(?<!service )(?<!power )(?<!internet )(?<!debit )(?<!line )"
    r"(?:go(?:es)?|going|put (?:it|them|that|the \w+)) back (?:on|up)\b|gets? re-?billed|re-?billed again|"
    r"(?:would|will|'ll|'d) (?:then )?(?:be|get) (?:cancell?ed|turned down|refused|declined|reversed|re-?applied|"
    r"charged again|taken back|clawed back)|"
    r"(?:refund|credit|waiver|discount)\w* (?:has|have|had) (?:had to be|been) (?:reversed|withdrawn|clawed back|"
    r"taken back)|"
    r"(?:may|might|could) (?:still |then |well |later )?(?:get|be|end up being|have to be) (?:reversed|re-?applied|"
    r"charged again|taken back|clawed back|redirected|declined|rejected|refused|turned down|denied|cancell?ed)|"
    r"(?:probably|likely) (?:be )?(?:turned down|refused|declined|rejected)|"
    r"falls? outside (?:what|the|our)\b[^.;!?]{0,30}\b(?:cover|covers|policy|claim)|"
    r"(?:has|have|'ll have|will have|would have) to stay|stays? (?:scheduled|for now)|"
    r"(?:stays?|remains?) active until|keep being (?:billed|charged)|pay for both|"
    r"(?:there(?:'s| is) no|so no|can'?t (?:give|offer) (?:you )?(?:a|any|the)) (?:\w+ )?"
    r"(?:credit|refund|compensation|discount)\b|"
    r"nothing (?:more |else )?(?:we|i) can do|(?:that's|that is) (?:about |pretty much |really )?all (?:we|i) can do|"
    r"(?:do not|don't|doesn't|does not) (?:normally |usually |generally )?"
    r"(?:cover|refund|reimburse)|(?:i'd|i would) (?:leave|keep) you (?:where you are|on (?:your|the) current)|"
    r"(?:or|otherwise) (?:the|your) (?:service|account|line|power|supply) (?:will|'ll) be "
    r"(?:disconnected|cut off|suspended|stopped)|"
    r"(?:needs?|has|have) to be paid (?:in full )?(?:before|by|today|right now|now|first|up ?front)|"
    r"(?:only|just) (?:for|available to|applies to) new customers|(?:isn't|aren't|not|is not|are not) eligible for|"
    r"(?:still )?(?:waiting|awaiting) (?:for )?(?:approval|sign-off|confirmation)|can'?t confirm)[^.;!?]*",
    re.I,
)
"""A clause that undoes or refuses the remedy with no "but" needed: "it goes back on the bill", "no credit"."""
_SELF_CORRECTION = re.compile(
    r"(?:^|\.\.\.\s*|[,\u2014\u2013]\s*)(?:(?:oh|hmm+|um+|uh+|ah|ok(?:ay)?|well|although|though|but|sorry|aunque|"
    r"bueno|vaya)[,.]?\s+)*(?:wait|actually|on second thought|scratch that|hang on|hold on|my mistake|"
    r"(?:oh|ah|ay),?\s+(?:i'?m\s+)?(?:sorry|perdone|perd[oó]n)|on review|looking (?:at it )?again|espere|"
    r"en realidad|pens[aá]ndolo mejor|mir[aá]ndolo mejor)\b[,.]?\s*(?P<rest>.*)",
    re.I,
)
"""A self-correction after the offer was made: "Oh wait, ...", "Hmm, actually, ...", "aunque, mirándolo mejor"."""
_CHANGES_IT = re.compile(
    r"\b(?:not|no|only|full|gone|instead|would be|will be|it'?ll be|have to|has to|hold off|stays?|"
    r"reversed|can'?t|cannot|later|next|following|until|unless|isn'?t|aren'?t|won'?t|doesn'?t|wasn'?t|"
    r"se queda|tendr[ií]a|ser[ií]a|no es|cerrad[ao]|scratch that)\b|n't\b",
    re.I,
)
"""What a self-correction changes: the offer is not what it was ("it would be the following Saturday")."""
_ADDS_TO_IT = re.compile(r"\b(?:also|as well|too|in addition|on top of that|even|adem[aá]s|tambi[eé]n)\b", re.I)
""""Actually, I've also added a note": a correction that adds to the offer takes nothing back."""
_NEGATED_JUST_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bno longer)\b[^.;!?]{0,12}$", re.I)
""""You're not paying for both" says the take-back will not happen."""
_CONDITION_PROTOTYPES = (
    "if you switch to direct debit",
    "if you sign up for paperless billing",
    "if you agree to a two-year contract",
    "if you stay on the line for a survey",
    "if you keep the add-on for another three months",
    "if you upgrade to the premium plan",
    "as long as you pay the full amount first",
    "provided you set up autopay with us",
)
_COURTESY_PROTOTYPES = (
    "if you like",
    "if that works for you",
    "if you'd prefer that",
    "if that's okay with you",
    "if the wired test is slow too",
    "if it happens again",
    "if you need anything else",
    "if you have any questions",
)
CONDITION_MARGIN = 0.05
"""An "if" clause that cue words do not settle is a condition when this much closer to the condition prototypes."""


def clauses(text: str) -> list[str]:
    """Sentences of ``text`` cut at semicolons and dashes: the units a catch is looked for in."""
    out: list[str] = []
    for sentence in sentences(text[:3000]):
        out.extend(p.strip() for p in re.split(r";|\s[-\u2013\u2014]\s", sentence) if p.strip())
    return out


def _conditional_parts(clause: str) -> list[str]:
    """The "if ..." parts of a clause, each up to the next comma or main-clause start."""
    parts = []
    for m in _IF.finditer(clause):
        rest = clause[m.start() :]
        end = _CLAUSE_END.search(rest, len(m.group(0)))
        parts.append(rest[: end.start()].strip() if end else rest.strip())
    return parts


def _imposed_by_meaning(part: str) -> bool:
    """Whether an unsettled "if you ..." clause is closer to a demand than to a courtesy."""
    from language.similarity import example_bank

    try:
        found = example_bank({"demand": _CONDITION_PROTOTYPES, "courtesy": _COURTESY_PROTOTYPES}).match(part)
    except Exception:  # no encoder: an unsettled clause is not held against the agent
        return False
    demand, courtesy = found.get("demand"), found.get("courtesy")
    if demand is None or courtesy is None:
        return False
    return demand.score >= courtesy.score + CONDITION_MARGIN and demand.score >= 0.5


def _condition(clause: str) -> str | None:
    for part in _conditional_parts(clause):
        if _OWN_TERMS.match(part):
            continue
        if _EXCHANGE.match(part) or _IMPOSED.match(part):
            return part
        if _POLITE.match(part):
            continue
        if re.match(r"^(?:only if |if |provided |as long as |so long as )you\b", part, re.I) and _imposed_by_meaning(
            part
        ):
            return part
    needs = _NEEDS.search(clause) or _MUST_DO.search(clause)
    return needs.group(0) if needs else None


def catches(text: str) -> list[Catch]:
    """Every catch in the turn, in the order of its clauses (empty when the offer is clean)."""
    found: list[Catch] = []
    done = _remedy_done(text[:3000])
    for index, clause in enumerate(clauses(text)):
        if (part := _condition(clause)) is not None:
            found.append(Catch("condition", part))
        contrast = _CONTRAST.search(clause)
        cancelled = _CANCELS.search(clause, contrast.end()) if contrast else None
        if cancelled is None:
            cancelled = _STILL_BAD.search(clause)
        if cancelled is not None:
            found.append(Catch("contradiction", clause[contrast.start() if contrast else cancelled.start() :]))
        stall = (
            _WAIT_ON_THEM.search(clause)
            or _CANT_UNTIL.search(clause)
            or _APPROVAL.search(clause)
            or _FINISHED_ELSEWHERE.search(clause)
            or _WAIT_FOR.search(clause)
            or _PAPERWORK.search(clause)
            or _NEXT_TIME.search(clause)
        )
        if stall is not None:
            found.append(Catch("stall", stall.group(0)))
        if (sub := _SUBSTITUTE.search(clause) or (None if done else _OTHER_HELP.search(clause))) is not None:
            found.append(Catch("substitution", sub.group(0)))
        perm = _PERMANENT.search(clause)
        if perm is not None and _PERMANENT_WITH.search(clause):
            found.append(Catch("permanent", perm.group(0)))
        if (wipe := _WIPE.search(clause)) is not None:
            found.append(Catch("over_generous", wipe.group(0)))
        if (fenced := _NARROWED.search(clause)) is not None:
            found.append(Catch("narrowed", fenced.group(0)))
        if (push := _PRESSURE.search(clause)) is not None:
            found.append(Catch("pressure", push.group(0)))
        if (excuse := _EXCUSE.search(clause)) is not None:
            found.append(Catch("excuse", excuse.group(0)))
        blamed = _BLAME_CUSTOMER.search(clause)
        if blamed is not None and not _BLAME_DENIED.search(clause[max(0, blamed.start() - 40) : blamed.start()]):
            found.append(Catch("blame", blamed.group(0)))
        if (rules := _BENDS_RULES.search(clause)) is not None:
            found.append(Catch("bends_rules", rules.group(0)))
        if _UNEXPLAINED.search(clause) and _REMEDY.search(text):
            found.append(Catch("unexplained", clause))
        if (pitch := _BEFORE_PITCH.search(clause)) is not None:
            found.append(Catch("upsell_first", pitch.group(0)))
        hedge = _HEDGE.search(clause) or (None if done else _MAYBE.search(clause))
        if hedge is not None:
            found.append(Catch("hedged", hedge.group(0)))
        vague = _VAGUE.search(clause)
        if vague is not None and not done and not _CONCRETE_TIME.search(clause):
            found.append(Catch("vague", vague.group(0)))
        elif (note := _NOTE.search(clause)) is not None and not done and not _CONCRETE_TIME.search(text):
            found.append(Catch("vague", note.group(0)))
        back = _SELF_HELP.search(clause)
        before = text[: text.find(clause) + back.start()] if back is not None else ""
        if (
            back is not None
            and not done
            and (
                _CUSTOMER_DOES.search(before)
                or not _AGENT_ACTS.search(clause[: back.start()])
                # "I'd suggest calling back": the agent speaks, but the customer is the one sent to call.
                or _ADVISED.match(back.group(0))
            )
        ):
            found.append(Catch("self_help", clause))
        if (other := _WRONG_PARTY.search(clause)) is not None and not _REACHED_ON.search(clause[: other.start()]):
            found.append(Catch("wrong_party", other.group(0)))
        correction = _SELF_CORRECTION.search(clause)
        if (
            correction is not None
            and (index > 0 or correction.start() > 0)
            and _CHANGES_IT.search(correction["rest"])
            and not _ADDS_TO_IT.search(correction["rest"])
        ):
            found.append(Catch("retracted", correction.group(0).lstrip(" ,.\u2014\u2013")))
        elif (back_out := _RETRACTED.search(clause)) is not None:
            found.append(Catch("retracted", back_out.group(0)))
        elif (
            (undone := _TAKES_BACK.search(clause)) is not None
            and cancelled is None
            and not _NEGATED_JUST_BEFORE.search(clause[: undone.start()])
        ):
            found.append(Catch("refused", undone.group(0)))
    return found


_WAIVES_CHECK = re.compile(
    r"\b(?:no need (?:for|to)|(?:you )?don'?t (?:need|have) to|don'?t worry about|(?:we|i) (?:can|'ll|will) skip|"
    r"not necessary to|no hace falta(?: que)?|no es necesario(?: que)?)\b[^.;!?,]{0,40}?"
    r"\b(?:security|verif\w*|zip|post ?code|pin|date of birth|dob|(?:the |a )?code|identity|id check|"
    r"c[oó]digo postal|verific\w*|sus datos)\b",
    re.I,
)
"""The identity check waved away: "no need to go through security", "no hace falta que me diga el código postal"."""
_TRUSTS_CALLER = re.compile(
    r"\b(?:caller id|(?:i|we) can (?:see|tell) (?:it'?s|that it'?s) you|"
    r"ya (?:veo|s[eé]) que es usted)\b[^.;!?]{0,60}|"
    r"\b(?:good enough for me|(?:i'?ll|i will|we'?ll) (?:just )?go (?:off|by) your name)\b",
    re.I,
)
"""Identity taken on trust instead: caller ID, a name, "I can see it's you"."""


def skips_verification(text: str, *, unverified_allowed: bool = False) -> str | None:
    """The words that wave the identity check through instead of doing it, if any.

    Caller ID and a recognised voice are exactly what a fraudster fakes; the identity policy asks for
    the verifiers on file, so a customer hears this as the agent not checking who they are. When the
    remedy is one given without verification (``unverified_allowed``), waving the check away is the
    point; treating the caller as verified on trust still is not.
    """
    head = text[:3000]
    m = _TRUSTS_CALLER.search(head) or (None if unverified_allowed else _WAIVES_CHECK.search(head))
    return m.group(0) if m else None


def kept_as_credit(text: str) -> str | None:
    """The words that keep the customer's money as account credit ("as credit on your April bill"), if any."""
    m = _CREDIT_FORM.search(text[:3000])
    return m.group(0) if m else None
