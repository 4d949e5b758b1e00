"""The scripted customer's handling of offers and upsells (resolutions checked against the goal).

A mixin of ``ScriptedEngine``: kept apart so each module stays small; it uses the engine's
``mood`` rules and ``_pick`` line chooser.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from domain.acts import Act
from domain.languages import base_language
from domain.scenario import Resolution, Scenario, Upsell
from language.numbers import amounts
from language.similarity import MATCH_THRESHOLD, example_bank
from language.text import normalise, sentences
from simulator.figures import figures_in
from simulator.hearing import DESCRIPTION_MARGIN, DESCRIPTION_THRESHOLD, KEYWORD_ONLY_SCORE, OFFER_LIKE, _Reply
from simulator.mood import MoodRules, clamp
from simulator.offers import check_offer, does_remedy, extract_offer
from simulator.state import CustomerState
from simulator.text import matched_keywords
from simulator.triggers import Heard, acts_match, meaning_score, missing_for, said

STRONG_MEANING = 0.65
"""An acceptable resolution heard this closely (cosine to its examples) is offered whichever offer-like act
the classifier gave the turn: "512 at the modem... if the wired test is slow I'll escalate" carries out the
explanation resolution even when the classifier hears only the escalation."""
FALLBACK_MARGIN = 0.15
"""A matched resolution this much less close than the refused closest one is not what the turn offers."""
MAX_WINDOWS = 6
WINDOW_REACH = 0.10
"""Sentence pairs are encoded only for a resolution the turn comes this close to. On dev A, D, J and K a pair
lifted a resolution over its bar 2 times in 171 tries, from 0.031 and 0.055 below it (gains 0.034, 0.073);
102 of the tries started more than 0.10 below, and their pairs cost a reply 10-15 ms for nothing."""
MAX_STATEMENTS = 4


def _window_score(heard: Heard, examples: list[str]) -> float:
    """Best cosine of two adjacent sentences of a long turn to ``examples``.

    A resolution spread over two sentences ("Ticket T2-558120 is with tier 2. Technician: this afternoon,
    one to five.") is diluted in the whole turn and only half said by either sentence.
    """
    if not examples:
        return 0.0
    if "pairs" not in heard._cache:
        parts = sentences(heard.raw)
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(parts)][:MAX_WINDOWS] if len(parts) > 2 else []
        heard._cache["pairs"] = pairs
        heard._cache["pair_vectors"] = None
    windows: list[str] = heard._cache["pairs"]
    if not windows:
        return 0.0
    bank = example_bank({"": examples})
    if heard._cache["pair_vectors"] is None:
        from language.encoder import get_encoder

        heard._cache["pair_vectors"] = get_encoder().encode(windows)
    found = bank.match(windows[0], vectors=heard._cache["pair_vectors"]).get("")
    return found.score if found is not None else 0.0


_ASKING = re.compile(
    r"^(?:did|do|does|have|has|had|is|are|was|were|can|could|would|will|shall|should|may|what|when|where|why|how|"
    r"which|who|any)\b",
    re.I,
)


def _states_something(heard: Heard) -> bool:
    """Whether the turn has a sentence that tells rather than asks (chat questions often lack a "?")."""
    return any(not p.rstrip().endswith("?") and not _ASKING.match(p) for p in sentences(heard.raw))


_FINITE = re.compile(
    r"\b(?:i|we)\b|"
    r"\b(?:is|are|was|were|be|been|will|would|shall|should|can|could|might|must|has|have|had|do|does|did|"
    r"let|gonna|going to|please|because|since|how about|what about)\b|"
    r"(?<!\d )(?<!\d)\bam\b|\bmay\b(?!\s+\d)|"
    r"\w(?:'s|'re|'m|'ll|'ve|'d|n't)\b|"
    r"(?:^|[,.;:!?(]\s*|\b(?:and|so|but|then|which)\s+)(?:you|it|they|he|she|that|this|there|everything|nothing)\s+"
    r"[a-z]+\b|"
    r"\bto\s+[a-z]+\s+(?:the|your|a|an|it|this|that|you|them|me|us)\b",
    re.I,
)
"""A clause: a subject ("I", "we", "you keep..."), an auxiliary or modal ("is", "will", "'ll"; not "8-10 AM" or
"May 5"), a proposal ("how about", "let me"), a reason ("because") or an infinitive with its object ("to explain
the charge")."""
_AFTER_VERB = (
    r"(?=\s*(?:$|[,.;:!?)\-\u2013\u2014&+/]|\d|\$|(?:and|to|for|from|on|off|in|into|at|by|with|via|within|under|as|"
    r"back|out|over|up|down|through|today|now|already|just|too|again|yesterday|this|that|the|your|a|an|it|him|her|"
    r"them|you|us|me)\b))"
)
_PARTICIPLE = re.compile(
    r"\b(?:taken care of|all set|put through|set up)\b|"
    r"\b(?:(?!(?:hundred|limited|unlimited)\b)[a-z]{3,}(?<!e)ed|[a-z]{2,}ied|done|sorted|gone|sent|frozen|taken|"
    r"given|paid|made|kept|held|found|shown|told|sold|fixed|set|put)\b" + _AFTER_VERB,
    re.I,
)
"""Something reported done ("refund processed, 3-5 days", "Switched.", "Done:", "ports frozen") — a participle
said of the thing, not one qualifying a noun as a run of keywords does ("corrected bill", "expedited new one")."""
_DOING = re.compile(
    r"\b[a-z]{2,}ing\s+(?:the|your|a|an|it|this|that|them|you|to|out|back|through|off|over|up|now|today|tomorrow)\b",
    re.I,
)
"""Something under way: "refunding it now", "going out today", "escalating to tier 2"."""
_PRESENT = re.compile(
    r"\b[a-z]{3,}s\s+(?:off|out|back|through|away|down|up|over|with|the|your|a|an|it|you|them|us|me|this|that)\b",
    re.I,
)
"""A verb in the present with its particle or object: "the line comes off on the 1st", "it moves with you"."""
PILE_KEYWORDS = 3
PILE_COVERAGE = 0.75
"""A turn that names at least this many of the scenario's resolution keywords, and is this much keywords
(share of its letters), is a pile of them: the most natural resolutions of the seen and dev sets are at most
0.61 keywords; a dump of one resolution's keywords is all of it."""


def says_something_happens(text: str) -> bool:
    """Whether the turn has a predicate: a clause, something done, something under way.

    An offer is an act: "I've refunded it", "refund done, 3-5 days", "Switched.", "going out today". A run
    of nouns ("refund duplicate charge five business days") names a remedy without doing or committing to
    anything, and a real customer asks what the agent is actually saying. The cues are closed-class grammar
    (pronoun subjects, auxiliaries, participle and progressive endings), not topic words, so a short chat
    resolution keeps its one verb ("Done:", "sorted", "you used more") and is heard.
    """
    head = text[:2000]
    if any(rx.search(head) for rx in (_FINITE, _PARTICIPLE, _DOING, _PRESENT)):
        return True
    return does_remedy(head)


def _keyword_spans(norm: str, keyword: str) -> list[tuple[int, int]]:
    kw = normalise(keyword)
    if not kw:
        return []
    body = r"\s+".join(re.escape(part) for part in kw.split(" "))
    return [m.span() for m in re.finditer(rf"(?<!\w){body}(?!\w)", norm)]


def keyword_pile(norm: str, keywords: Sequence[str]) -> bool:
    """Whether normalised text is mostly a pile of ``keywords`` (see :data:`PILE_COVERAGE`).

    A dump of a resolution's keywords ("process the cancellation cancel your service ... is cancelled final
    bill") may carry a verb inside one of them; what gives it away is that there is nothing else.
    """
    covered: set[int] = set()
    hits = 0
    for keyword in dict.fromkeys(keywords):
        spans = _keyword_spans(norm, keyword)
        hits += bool(spans)
        for start, end in spans:
            covered.update(range(start, end))
    if hits < PILE_KEYWORDS:
        return False
    letters = [i for i, ch in enumerate(norm) if ch.isalnum()]
    return bool(letters) and sum(i in covered for i in letters) / len(letters) >= PILE_COVERAGE


def keyword_dump(sc: Scenario, heard: Heard) -> bool:
    """An English turn that only names a remedy: no predicate, or a pile of the scenario's keywords.

    "Sorry, what are you saying? Are you refunding it or not?": keywords are how the customer notices
    an offer, never the offer itself. Other languages are heard by ``simulator.multilingual`` and keep
    their own rules.
    """
    if sc.language != "en" or not heard.norm:
        return False
    pile = keyword_pile(heard.norm, [k for res in sc.resolutions for k in res.when.keywords])
    if not says_something_happens(heard.raw):
        # A terse recap with the particulars ("Install: Sat Dec 5, 8-10 AM, Unit 2B, Internet 500 at $55, no
        # fee") is an offer written as notes; whether its figures are the customer's is checked as for any offer.
        return pile or stated_particulars(heard.raw) < MIN_PARTICULARS
    return pile


PLAINLY_BAD = 0.6
PLAINLY_BAD_MARGIN = 0.2
"""An unacceptable resolution's description this close to the turn, and this much closer than every acceptable
resolution's, is what the turn says (see ``OfferHandling._plainly_bad``)."""
MIN_PARTICULARS = 2


def stated_particulars(text: str) -> int:
    """How many concrete figures a turn states: amounts, days, clock times, quantities, plans, long numbers."""
    f = figures_in(text)
    return len(f.money) + len(f.days) + len(f.hours) + len(f.quantities) + len(f.named) + len(f.long)


MAX_CLOSING_WORDS = 5


def _before_closing_question(heard: Heard, parts: Sequence[str]) -> str:
    """The statement a closing question is tacked onto in one sentence: "Refund done, 3-5 days, anything else?".

    Chat runs the offer and the wrap-up question together with commas; the question does not make the
    offer a question. Only a short last clause of a turn heard as a closing, after a head that states
    something happening (see :func:`says_something_happens`).
    """
    if Act.CLOSING not in heard.acts or not parts:
        return ""
    last = parts[-1].strip()
    head, comma, tail = last.rpartition(",")
    if not last.endswith("?") or not comma or len(tail.split()) > MAX_CLOSING_WORDS:
        return ""
    head = head.strip()
    return head if head and not _ASKING.match(head) and says_something_happens(head) else ""


_NOT_THE_OTHER = frozenset({"wrong figure", "wrong date", "weekday clash", "wrong sum"})
_HOW_IT_IS_DONE = frozenset({
    "left to me", "return left to me", "charged without asking", "charged for the remedy", "new fee",
    "identity not checked", "unsafe channel", "condition attached", "offer with a catch", "contradicted",
})  # fmt: skip
"""Refusals of how an offer is carried out (a chore, a charge, a catch), whichever remedy it names."""
"""Refusals of the closest resolution that no other matched resolution overrides: a wrong number or day."""


class OfferHandling:
    mood: MoodRules

    def hear(self, text: str) -> Heard:
        raise NotImplementedError

    def _offer_acts(self, sc: Scenario, heard: Heard) -> Heard:
        """The turn as an offer: a long resolution is not hidden by its dominant act or a closing question.

        "Without verifying I can't look at your bill. What I can tell you is... When you're ready, a text
        code is the safest way to verify." is heard whole as an identity check; its sentences, heard one
        by one, also explain. Done only when the turn lacks offer-like acts and an acceptable resolution
        already matches it by meaning, so ordinary questions cost nothing extra.
        """
        if heard.acts & OFFER_LIKE:
            return heard
        if "statement_acts" not in heard._cache:
            parts = sentences(heard.raw)
            statements = [p for p in parts if not p.rstrip().endswith("?")][:MAX_STATEMENTS]
            head = _before_closing_question(heard, parts)
            if head:
                statements.append(head)
            acts: frozenset[Act] = frozenset()
            if (
                (len(parts) > 1 or head)
                and statements
                and any(
                    res.acceptable and res.when.examples and meaning_score(res.when, heard) > 0.0
                    for res in sc.resolutions
                )
            ):
                for statement in statements:
                    acts |= self.hear(statement).acts & OFFER_LIKE
            heard._cache["statement_acts"] = acts
        extra: frozenset[Act] = heard._cache["statement_acts"]
        return dataclasses.replace(heard, acts=heard.acts | extra) if extra else heard

    def _resolution_score(self, res: Resolution, heard: Heard) -> float:
        """How well the turn says ``res``: the trigger's own score, or a two-sentence window's."""
        score = meaning_score(res.when, heard)
        if score > 0.0 or not res.when.examples or len(heard.raw) < 120:
            return score
        threshold = res.when.threshold if res.when.threshold is not None else MATCH_THRESHOLD
        closest, _ = heard.closeness(list(res.when.examples))
        if closest < threshold - WINDOW_REACH:
            return 0.0  # no two of its sentences will say it: spare encoding the pairs
        window = _window_score(heard, list(res.when.examples))
        return window if window >= threshold else 0.0

    def _pick(self, sc: Scenario, st: CustomerState, key: str, options: Sequence[str]) -> str:
        raise NotImplementedError

    def _issue_handled(self, sc: Scenario, st: CustomerState) -> bool:
        acceptable = {res.id for res in sc.resolutions if res.acceptable}
        return bool(acceptable & set(st.accepted))

    def _remedy_before_pitch(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> bool:
        """Whether the turn settles the issue and pitches in one breath ("I've credited the $15. And since it's
        the third month, Unlimited Plus is $65..."): the remedy is heard first, so the pitch is not early.

        When it does, ``st`` and ``r`` already hold the remedy heard (the trial is kept, not run twice)."""
        up = sc.upsell
        if up is None or st.upsell != "none" or self._issue_handled(sc, st) or not _pitched(up, heard):
            return False
        # Only a clean pitch rides on the remedy: every term said, and no price but the account's and the offer's
        # ("just five dollars more" for a $15 step up is pushed, not disclosed).
        if not _clean_pitch(sc, up, heard):
            return False
        trial_state = st.copy()
        trial = dataclasses.replace(r, pieces=list(r.pieces), notes=list(r.notes), revealed=list(r.revealed))
        self._resolutions(sc, trial_state, heard, trial)
        if not self._issue_handled(sc, trial_state):
            return False
        for kept, heard_first in ((st, trial_state), (r, trial)):
            for f in dataclasses.fields(kept):
                setattr(kept, f.name, getattr(heard_first, f.name))
        return True

    def _upsell(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> bool:
        up = sc.upsell
        if up is None or st.upsell in ("accepted", "declined"):
            return False
        pitched = _pitched(up, heard)
        if st.upsell != "asked_terms" and not pitched:
            return False
        st.terms_said = sorted(set(st.terms_said) | set(matched_keywords(heard.norm, up.disclosure_keywords)))
        if st.upsell == "asked_terms" and not pitched and not matched_keywords(heard.norm, up.disclosure_keywords):
            return False
        r.progress = True
        if st.upsell == "pitched_early":
            st.upsell = "declined"
            r.notes.append("upsell declined: it was pushed before the issue was handled")
            r.say("upsell_decline", self._pick(sc, st, "upsell_decline", up.decline_replies))
            return True
        if not (self._issue_handled(sc, st) or st.outcome is not None):
            st.upsell = "pitched_early"
            st.anger = clamp(st.anger + st.temper * self.mood.upsell_early_anger)
            r.progress = False
            r.notes.append("upsell pitched before the issue was handled")
            r.say("angrier", self._pick(sc, st, "angrier", sc.lines.angrier))
            return True
        if pitched and missing_for(up.pitch, st):
            st.upsell = "declined"
            r.notes.append(f"upsell declined: {'; '.join(missing_for(up.pitch, st))}")
            r.say("upsell_decline", self._pick(sc, st, "upsell_decline", up.decline_replies))
            return True
        missing_terms = [k for k in up.disclosure_keywords if k not in st.terms_said]
        if missing_terms:
            st.upsell = "asked_terms"
            r.notes.append(f"upsell terms not yet stated: {', '.join(missing_terms)}")
            r.say("upsell_terms", self._pick(sc, st, "upsell_terms", up.ask_terms_replies))
            return True
        st.upsell = "accepted"
        st.anger = clamp(st.anger - self.mood.upsell_accept_anger)
        r.notes.append(f"upsell accepted: {up.id}")
        r.say("upsell_accept", self._pick(sc, st, "upsell_accept", up.accept_replies))
        return True

    def _offered(self, sc: Scenario, st: CustomerState, heard: Heard) -> list[Resolution]:
        """Resolutions the turn offers, best meaning first.

        An unacceptable resolution's ``description`` counts as one more example of it, so an
        offer that means "pay it and dispute later" is recognised without authored keywords; when
        it is closer than every acceptable resolution, the turn offers the bad one.
        """
        scored: list[tuple[float, int, Resolution]] = []
        # A question ("Have you restarted the router?") asks; it does not tell the customer to do anything.
        offers_something = bool(heard.acts & OFFER_LIKE) and not heard.question.is_question
        heard = self._offer_acts(sc, heard)
        asks_only = heard.question.is_question and not heard.acts & OFFER_LIKE
        for i, res in enumerate(sc.resolutions):
            if res.id in st.accepted:
                continue
            if asks_only or not acts_match(res.when, heard):
                # The act classifier misses some long explanations; an acceptable resolution said almost word
                # for word in a statement is offered whatever act the turn was given (its terms are still checked).
                strong = res.acceptable and res.when.examples and _states_something(heard)
                if not strong or meaning_score(res.when, heard) < STRONG_MEANING:
                    continue
            score = self._resolution_score(res, heard)
            if not res.acceptable and res.when.examples == [] and score == 0.0 and offers_something:
                desc, _ = heard.closeness([res.description])
                # A summary is a weaker witness than an authored example: it must clearly win.
                score = desc - DESCRIPTION_MARGIN if desc >= DESCRIPTION_THRESHOLD else 0.0
            if score > 0.0:
                if not res.acceptable and not res.when.examples and score >= 1.0:
                    # A stray keyword ("...for your bank to show it") is a weaker witness than an acceptable
                    # resolution's examples said almost word for word.
                    score = KEYWORD_ONLY_SCORE
                scored.append((score, -i, res))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        if scored and scored[0][2].acceptable and _states_something(heard):
            bad = self._plainly_bad(sc, st, heard)
            if bad is not None:
                scored.insert(0, (scored[0][0] + 0.01, 0, bad))
        return [res for _, _, res in scored]

    def _plainly_bad(self, sc: Scenario, st: CustomerState, heard: Heard) -> Resolution | None:
        """An unacceptable resolution the turn says in other words, far closer than any acceptable one.

        "I'm going to need the full $212.40 before the 30th" shares the figures and the disconnection with
        the instalment plan's examples, so it scores well against them; set beside the two descriptions,
        it is plainly "demand the full $212.40 before the 30th", whatever act the classifier gave it.
        """
        good = [r.description for r in sc.resolutions if r.acceptable]
        if not good:
            return None
        best_good, _ = heard.closeness(good)
        for res in sc.resolutions:
            if res.acceptable or res.when.examples or res.id in st.accepted:
                continue
            desc, _ = heard.closeness([res.description])
            if desc >= PLAINLY_BAD and desc - best_good >= PLAINLY_BAD_MARGIN:
                return res
        return None

    def _resolutions(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        offered = self._offered(sc, st, heard)
        if not offered:
            return
        heard_bad = not offered[0].acceptable
        if heard_bad and offered[0].when.examples:
            offered = [offered[0]]
        ready = [res for res in offered if res.acceptable and not self._missing(sc, st, res)]
        if ready and keyword_dump(sc, heard):
            st.patience -= self.mood.not_understood_patience
            r.notes.append(f"offer '{ready[0].id}' not heard: keywords without anything done or committed to")
            r.say("not_understood", self._pick(sc, st, "not_understood", sc.lines.not_understood))
            return
        if ready:
            offer = extract_offer(heard.raw, heard.acts)
            # Giveaways any front-line resolution of the scenario makes are within the agent's authority.
            licensed = [x for x in sc.resolutions if x.acceptable and not x.requires_escalation]
        if ready and heard_bad:
            # A stray keyword of an unacceptable resolution ("...you don't need your bank") does not outweigh an
            # acceptable resolution said in full: that one is still taken when it meets every term.
            done = does_remedy(heard.raw)
            fits = next(
                (
                    res
                    for res in ready
                    if done
                    and self._resolution_score(res, heard) >= STRONG_MEANING
                    and not check_offer(res, offer, licensed=licensed, scenario=sc)
                ),
                None,
            )
            if fits is not None:
                self._accept(sc, st, fits, r)
                return
            offered, ready = [offered[0]], []
        if ready:
            judged = [(res, check_offer(res, offer, licensed=licensed, scenario=sc)) for res in ready]
            # The customer takes whichever of the matched resolutions the offer really meets, unless the
            # closest one is refused for a wrong figure or date: three payments on the wrong dates are not
            # the extension whose one date they happen to include.
            if any(p.kind in _NOT_THE_OTHER for p in judged[0][1]) and not _names_only_another(judged, heard):
                judged = judged[:1]
            elif (off := next((j for j in judged if any(p.kind == "wrong date" for p in j[1])), None)) is not None:
                judged = [off]  # a payment off the schedule is no plan, whichever resolution is closest
            elif any(p.kind in _HOW_IT_IS_DONE for p in judged[0][1]):
                # Refused for how it is carried out, the closest offer is not rescued by a weaker match unless that
                # one is itself plainly meant: a plan switch made over the counter is no cancellation because it
                # mentions the box. (Refused for its terms, e.g. too slow, another resolution's terms may fit.)
                top = self._resolution_score(judged[0][0], heard)
                judged = judged[:1] + [
                    (res, found)
                    for res, found in judged[1:]
                    if min(self._resolution_score(res, heard), 1.0) >= min(STRONG_MEANING, top - FALLBACK_MARGIN)
                ]
            fits = next((res for res, found in judged if not found), None)
            if fits is not None:
                self._accept(sc, st, fits, r)
                return
            problems = judged[0][1]
            st.anger = clamp(st.anger + st.temper * self.mood.offer_refused_anger)
            st.patience -= self.mood.offer_refused_patience
            st.trust = clamp(st.trust - self.mood.offer_refused_trust)
            r.notes.append(f"offer '{ready[0].id}' refused: {', '.join(p.kind for p in problems)}")
            if base_language(sc.language) == "en":
                r.say("offer_problem", problems[0].say)
            else:  # the improvised refusals are English: the scenario's own refusal lines keep its language
                r.say("offer_problem", self._pick(sc, st, "reject_offer", sc.lines.reject_offer))
            return
        # An acceptable offer made too early (before verification, before the facts it needs) is not yet
        # taken; it is not the unacceptable one that happens to rank below it.
        bad = [res for res in offered if not res.acceptable] if heard_bad else []
        if bad:
            res = bad[0]
            st.rejected.append(res.id)
            st.anger = clamp(st.anger + st.temper * self.mood.bad_resolution_anger)
            st.patience -= self.mood.bad_resolution_patience
            r.notes.append(f"refused unacceptable resolution '{res.id}'")
            r.say("reject", self._pick(sc, st, f"res:{res.id}", res.replies))
            if res.end_state is not None:
                r.end = res.end_state
            return
        res = offered[0]
        missing = self._missing(sc, st, res)
        r.notes.append(f"offer '{res.id}' not accepted yet: {'; '.join(missing)}")
        if "identity not verified" in missing:
            # The fix offered before anyone checked who she is: she notices that first (once).
            if not st.noticed_disclosure:
                st.noticed_disclosure = True
                r.say(
                    "unverified_disclosure", self._pick(sc, st, "unverified_disclosure", sc.lines.unverified_disclosure)
                )
        elif any(m.startswith("hidden fact") for m in missing):
            r.say("reject", self._pick(sc, st, "reject_offer", sc.lines.reject_offer))

    def _missing(self, sc: Scenario, st: CustomerState, res: Resolution) -> list[str]:
        missing = missing_for(res.when, st)
        if res.end_state == "resolved":
            # A hidden fact marked required must be uncovered before the issue counts as solved.
            missing.extend(
                f"hidden fact '{h.id}' not revealed"
                for h in sc.hidden_facts
                if h.required and h.id not in st.revealed and h.id not in res.when.requires_facts
            )
        return missing

    def _accept(self, sc: Scenario, st: CustomerState, res: Resolution, r: _Reply) -> None:
        st.accepted.append(res.id)
        st.anger = clamp(st.anger - self.mood.accept_anger)
        st.trust = clamp(st.trust + self.mood.accept_trust)
        r.progress = True
        r.notes.append(f"accepted resolution '{res.id}'")
        r.say("accept", self._pick(sc, st, f"res:{res.id}", res.replies))
        if res.end_state == "resolved":
            st.outcome = "resolved"  # settled; the customer waits for the agent to wrap up and close
            r.notes.append("issue resolved; the customer waits for the closing")
        elif res.end_state is not None:
            r.end = res.end_state


def _names_only_another(judged: Sequence[tuple[Resolution, object]], heard: Heard) -> bool:
    """The closest resolution by meaning is named by none of its keywords while another one is ("a supervisor will
    call you back this afternoon" is the call-back, not the morning visit whose slot it seems to contradict)."""
    top, *rest = (res for res, _ in judged)
    return (
        bool(top.when.keywords)
        and not matched_keywords(heard.norm, top.when.keywords)
        and any(matched_keywords(heard.norm, res.when.keywords) for res in rest)
    )


def _pitched(up: Upsell, heard: Heard) -> bool:
    """The turn pitches the upsell. Meaning alone is not a pitch: "your plan has 10 GB of data" explains, it
    does not sell."""
    return said(up.pitch, heard) and (not up.pitch.examples or Act.UPSELL_PITCH in heard.acts)


def _clean_pitch(sc: Scenario, up: Upsell, heard: Heard) -> bool:
    """Every disclosure term is said, and every amount is one the customer can check: the offer's price, an
    amount on the account or a resolution, or the step from one of those to the offer's price."""
    if set(matched_keywords(heard.norm, up.disclosure_keywords)) != set(up.disclosure_keywords):
        return False
    known = {up.price, *(r.amount for r in sc.resolutions if r.amount is not None)}
    known |= {float(f.value) for f in sc.account if f.kind == "amount" and _is_number(f.value)}
    known |= {round(abs(up.price - k), 2) for k in list(known)}
    return all(any(abs(a.value - k) <= 0.011 for k in known) for a in amounts(heard.raw[:2000]))


def _is_number(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True
