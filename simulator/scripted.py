"""The scripted customer: an explicit state machine over the scenario's authored data.

Each agent turn is heard (acts from the classifier, keywords, account values
mentioned), then the customer reacts in a fixed order of concerns: an authored
flow branch if one fires; otherwise rudeness, unverified disclosure, identity
check, hidden-fact reveals, upsell, resolutions, escalation, closing and mood.
Lines come from the scenario with seeded variation: the same seed and the same
trainee turns give the same conversation, in any process.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Sequence

from domain.acts import Act
from domain.scenario import Scenario
from simulator.answers import answer_question, knowledge
from simulator.dealing import OfferHandling, keyword_dump
from simulator.empathy import judge_empathy, warm_up
from simulator.engine import AgentTurn, CustomerEngine, Step
from simulator.hearing import (
    _SUBSTANTIVE,
    ASKED_CLAUSES,
    ESCALATION_WORDS,
    FACT_DESCRIPTION_AS_EXAMPLE,
    GO_AHEAD,
    IDENTITY_ITEMS,
    IDENTITY_REVEAL_BONUS,
    MAX_PIECES,
    RESTATE_PROMPTS,
    REVEAL_MARGIN,
    REVEAL_THRESHOLD,
    ROUTINE_QUESTIONS,
    ROUTINE_REVEAL_BONUS,
    _Reply,
    escalation_planned_only,
    is_keyword_list,
    requested_identity,
)
from simulator.mood import MOOD, MoodRules, clamp
from simulator.multilingual import hear_foreign
from simulator.state import CustomerState
from simulator.text import contains_keyword, fill, looks_like_english, mentioned_facts, normalise
from simulator.text import placeholders as placeholders_in
from simulator.triggers import Heard, acts_match, fires, meaning_score, missing_for, said, warm_banks

logger = logging.getLogger(__name__)

_NOT_ANSWERED = frozenset({Act.OFFER, Act.UPSELL_PITCH, Act.ESCALATION, Act.CLOSING, Act.HOLD, Act.RUDE})
"""Turns that propose, pitch, escalate, close or hold are answered by their own concern, not as a question."""


def warm_answers(scenario: Scenario) -> None:
    """Encode the scenario's answer bank once (at reset, in the background)."""
    from language.similarity import example_bank

    example_bank(knowledge(scenario).bank)
    example_bank({"": list(ROUTINE_QUESTIONS)})


class ScriptedEngine(OfferHandling, CustomerEngine):
    """The embedded default customer: no network, no model download, deterministic per seed."""

    kind = "scripted"

    def __init__(self, *, classify: object | None = None, mood: MoodRules = MOOD) -> None:
        self._classify = classify
        self.mood = mood

    # -- the interface -------------------------------------------------------------------------------
    def reset(self, scenario: Scenario, *, seed: int) -> Step:
        state = CustomerState.initial(scenario, seed=seed)

        def warm() -> None:
            if self._classify is None:  # every turn is classified first: train the shared act model before all else
                from language.acts import get_classifier

                get_classifier()
            warm_banks(scenario, with_description=FACT_DESCRIPTION_AS_EXAMPLE)
            warm_answers(scenario)

        warm_up(warm)
        options: Sequence[str] = scenario.lines.opening
        if scenario.flow is not None:
            start = next((n for n in scenario.flow.nodes if n.id == scenario.flow.start), None)
            if start is not None and start.say:
                options = start.say
        text = self._pick(scenario, state, "opening", options)
        return Step(state=state, text=text, intent="opening")

    def step(self, scenario: Scenario, state: CustomerState, turn: AgentTurn) -> Step:
        st = state.copy()
        if st.ended is not None:
            return Step(state=st, text="", end_state=st.ended, notes=["the call has already ended"], intent="ended")
        st.turn += 1
        if turn.action is not None:
            return self._action(scenario, st, turn)
        heard = hear_foreign(scenario, turn.text) or self.hear(turn.text)  # non-English scenarios: multilingual.py
        reply = _Reply()
        self._respond(scenario, st, heard, reply)
        return self._finish(scenario, st, heard, reply)

    # -- hearing -------------------------------------------------------------------------------------
    def hear(self, text: str) -> Heard:
        """Classify an agent utterance (long pastes are clipped inside the classifier)."""
        norm = normalise(text)
        if not norm:
            return Heard.of(text, "", frozenset(), english=False)
        classify = self._classify
        if classify is None:
            from simulator.classifier import get_classifier

            acts = get_classifier().classify(text)
        else:
            acts = classify(text)  # type: ignore[operator]
        heard = Heard.of(text, norm, frozenset(acts), english=looks_like_english(text))
        if heard.question.is_question and GO_AHEAD.match(heard.question.sentence.strip()):
            heard.acts = heard.acts | {Act.OFFER}
        return heard

    # -- the reaction --------------------------------------------------------------------------------
    def _respond(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        if heard.norm and is_keyword_list(heard.raw):
            st.patience -= self.mood.not_understood_patience
            r.notes.append("a list of keywords, not a sentence: the customer did not follow")
            r.say("not_understood", self._pick(sc, st, "not_understood", sc.lines.not_understood))
            return
        if not heard.norm:
            st.patience -= self.mood.empty_patience
            r.say("not_understood", self._pick(sc, st, "not_understood", sc.lines.not_understood))
            r.notes.append("empty turn")
            return
        self._check_disclosure(sc, st, heard, r)
        if self._flow(sc, st, heard, r):
            if r.end is None and not (heard.acts & {Act.RUDE}):
                # A good offer outranks a flow edge's line: the customer answers the offer, not the tone.
                trial = _Reply()
                self._resolutions(sc, st, heard, trial)
                if any(intent == "accept" for intent, _ in trial.pieces) or trial.end is not None:
                    r.pieces, r.end = trial.pieces, trial.end
                    r.notes.extend(trial.notes)
            if r.end is None:
                # An authored edge ("a code to my phone? okay") sets the mood; a question about a hidden fact
                # in the same turn is still answered ("Would a texted code work for you?").
                self._reveal(sc, st, heard, r)
            return
        acts = heard.acts
        if Act.RUDE in acts:
            st.anger = clamp(
                st.anger
                + st.temper
                * (self.mood.rude_anger_when_angry if st.anger >= self.mood.angry_level else self.mood.rude_anger)
            )
            st.trust = clamp(st.trust - self.mood.rude_trust)
            st.patience -= self.mood.rude_patience
            r.notes.append("customer heard the agent as rude or dismissive")
            r.say("angrier", self._pick(sc, st, "angrier", sc.lines.angrier))
            if heard.question.is_question or heard.requests:
                # A curt question about a hidden fact ("What did you do once you spotted it?") still gets its
                # answer, in a worse mood: the customer bristles, then says what happened.
                self._reveal(sc, st, heard, r)
            return
        if (
            Act.HOLD in acts
            and not (acts & {Act.QUESTION, Act.OFFER, Act.IDENTITY_CHECK, Act.ESCALATION})
            and not self._offered(sc, st, heard)
        ):
            st.on_hold = True
            r.progress = True
            r.say("on_hold", self._pick(sc, st, "on_hold", sc.lines.on_hold))
            return
        judged = judge_empathy(heard.raw) if (Act.EMPATHY in acts or Act.RUDE in acts) else "none"
        if judged in ("sarcastic", "blaming"):
            # "Oh I'm SO sorry you can't read your own bill" is worse than no apology at all.
            st.anger = clamp(st.anger + st.temper * self.mood.sarcasm_anger)
            st.trust = clamp(st.trust - self.mood.sarcasm_trust)
            st.patience -= self.mood.rude_patience / 2
            r.notes.append(f"customer heard the apology as {judged}")
            r.say("angrier", self._pick(sc, st, "angrier", sc.lines.angrier))
            if heard.question.is_question or heard.requests:
                self._reveal(sc, st, heard, r)  # the apology grates; the question after it is still answered
            return
        if self._repeated(st, heard):
            st.patience -= self.mood.repeat_patience
            r.notes.append("the agent repeated an earlier line")
            r.say("repeat", "You said that already.")
            return
        if Act.EMPATHY in acts:
            st.empathy_count += 1
            st.anger = clamp(
                st.anger - self.mood.empathy_anger / (1 + self.mood.empathy_decay * (st.empathy_count - 1))
            )
            st.trust = clamp(st.trust + self.mood.empathy_trust)
            r.progress = st.empathy_count <= self.mood.empathy_progress_limit
        self._identity(sc, st, heard, r)
        self._reveal(sc, st, heard, r)
        if self._remedy_before_pitch(sc, st, heard, r):
            upsold = self._upsell(sc, st, heard, r)
        else:
            upsold = self._upsell(sc, st, heard, r)
            if not upsold:
                self._resolutions(sc, st, heard, r)
        if r.end is None and not upsold:
            self._escalation(sc, st, heard, r)
        if r.end is None:
            self._closing(sc, st, heard, r)
        if Act.OFF_POLICY_PROMISE in acts:
            st.trust = clamp(st.trust - self.mood.promise_trust)
            r.notes.append("off-policy promise heard")
            if not r.pieces and r.end is None:
                r.say("challenge", "Can you actually promise that?")
        if Act.WARNING in acts:
            abusive = sc.persona.temperament == "abusive"
            st.anger = clamp(st.anger + (-self.mood.warning_anger if abusive else st.temper * self.mood.warning_anger))
            r.notes.append("agent warned the customer")
        if r.pieces or r.end is not None:
            return
        restate = any(contains_keyword(heard.norm, p) for p in RESTATE_PROMPTS)
        if heard.english and not restate and not (acts & _NOT_ANSWERED):
            found = answer_question(sc, st, heard)
            if found is not None:
                # A plain question gets a plain answer (the value, yes/no, "I don't know"); no progress:
                # answering is not the issue moving, and only triggers ever reveal hidden facts.
                r.notes.append(found.note)
                r.say(found.intent, self._pick(sc, st, found.key, found.options))
                return
        if Act.EMPATHY in acts:
            r.say("calmer", self._pick(sc, st, "calmer", sc.lines.calmer))
            return
        short = len(heard.norm.split()) <= 3
        if not heard.english or (acts <= {Act.OTHER} and not short):
            st.patience -= self.mood.not_understood_patience
            r.notes.append("customer did not understand the turn")
            r.say("not_understood", self._pick(sc, st, "not_understood", sc.lines.not_understood))
            return
        if restate:
            r.progress = True  # asked what the problem is: the customer explains it again
            r.say("restate", self._pick(sc, st, "opening", sc.lines.opening))
            return
        if Act.GREETING in acts and st.turn <= 2:
            r.progress = True  # a greeting (with the recorded-line notice) at the start is exactly right
        r.say("neutral", self._pick(sc, st, "neutral", sc.lines.neutral))

    def _repeated(self, st: CustomerState, heard: Heard) -> bool:
        """The same line (five words or more) said again: the customer notices once per repeat."""
        key = heard.norm[:300]
        seen = key in st.heard_lines
        st.heard_lines = [*st.heard_lines[-11:], key]
        return seen and len(key.split()) >= 5

    def _check_disclosure(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        """Account details read out before identity is verified (and not first said by the customer)."""
        if not sc.identity_required or st.verified:
            return
        sensitive = [f for f in sc.account if f.sensitive]
        disclosed = [f for f in mentioned_facts(heard.norm, sensitive) if f not in st.mentioned]
        if not disclosed:
            return
        st.trust = clamp(st.trust - self.mood.disclosure_trust)
        st.anger = clamp(st.anger + st.temper * self.mood.disclosure_anger)
        r.notes.append(f"unverified disclosure: {', '.join(disclosed)}")
        if not st.noticed_disclosure:
            st.noticed_disclosure = True
            r.say("unverified_disclosure", self._pick(sc, st, "unverified_disclosure", sc.lines.unverified_disclosure))

    def _flow(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> bool:
        """Take the first matching authored branch; True when it answered the turn."""
        if sc.flow is None or st.node is None:
            return False
        nodes = {n.id: n for n in sc.flow.nodes}
        node = nodes.get(st.node)
        if node is None:
            return False
        specific: bool | None = None
        for i, branch in enumerate(node.branches):
            if not fires(branch.when, heard, st):
                continue
            if not (branch.when.keywords or branch.when.examples) and Act.RUDE not in heard.acts:
                # An act-only edge ("any identity request") yields to a turn whose meaning is more specific:
                # "Is there another way of verifying you'd be comfortable with?" asks the hidden fact.
                if specific is None:
                    specific = self._means_something(sc, st, heard)
                if specific:
                    r.notes.append(f"flow edge {node.id}[{i}] skipped: the turn matches a fact or offer by meaning")
                    continue
            target = nodes[branch.goto]
            st.node = target.id
            st.anger = clamp(st.anger + branch.anger)
            r.notes.append(f"flow: {node.id} -> {target.id}")
            r.progress = True  # the authored branch's own anger change is the whole reaction
            options = branch.say or target.say
            if options:
                line = self._pick(sc, st, f"flow:{node.id}:{i}", options)
                self._note_verifiers(sc, st, line)
                r.say("flow", line)
            if target.end is not None:
                r.end = target.end
            return bool(options) or target.end is not None
        return False

    def _means_something(self, sc: Scenario, st: CustomerState, heard: Heard) -> bool:
        """Whether the turn asks an unrevealed hidden fact or offers an acceptable resolution, by meaning."""
        for fact in sc.hidden_facts:
            trig = fact.reveal_when
            if fact.id not in st.revealed and trig.examples and acts_match(trig, heard) and meaning_score(trig, heard):
                return True
        offered = self._offered(sc, st, heard)
        return bool(offered) and offered[0].acceptable and bool(offered[0].when.examples)

    def _identity(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        if Act.IDENTITY_CHECK not in heard.acts:
            return
        if st.verified:
            return
        lines = sc.lines
        refuses = (
            bool(lines.refuse_verification)
            and sc.flow is None
            and st.refused_verification < self.mood.max_refusals
            and (st.anger >= self.mood.refuse_verification_anger or st.trust < self.mood.refuse_verification_trust)
        )
        if refuses:
            st.refused_verification += 1
            r.notes.append("customer refused verification")
            r.say("refuse_verification", self._pick(sc, st, "refuse_verification", lines.refuse_verification))
            return
        asked = requested_identity(heard.raw)
        labels = " / ".join(f"{f.label} {f.id.replace('_', ' ')}" for f in sc.account if f.verifier)
        if asked and not any(re.search(IDENTITY_ITEMS[item], labels, re.I) for item in asked):
            # "Could you confirm your date of birth?" on an account that holds none: no answer verifies.
            r.notes.append(f"asked for {', '.join(asked)}, which this account does not hold: not verified")
            r.say("identity_missing", f"I don't think you have my {asked[0]} on file. What else do you need?")
            return
        line = self._pick(sc, st, "verification", lines.verification)
        st.verified = True
        self._note_verifiers(sc, st, line)
        r.progress = True
        r.notes.append("identity verified")
        r.say("verification", line)

    def _note_verifiers(self, sc: Scenario, st: CustomerState, filled_line: str) -> None:
        """A customer line that gives verifier details (e.g. a flow node reading out the account) verifies."""
        verifiers = [f for f in sc.account if f.verifier]
        given = [f for f in mentioned_facts(normalise(filled_line), verifiers)]
        if given:
            st.verified = True
            st.verified_facts = sorted(set(st.verified_facts) | set(given))

    def _reveal(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        if Act.UPSELL_PITCH in heard.acts and sc.upsell is not None and said(sc.upsell.pitch, heard):
            return  # this scenario's pitch phrased as a question is answered as a pitch: one coherent reply
        scored = {
            f.id: meaning_score(
                f.reveal_when,
                heard,
                extra=(f.description,) if FACT_DESCRIPTION_AS_EXAMPLE else (),
                default=REVEAL_THRESHOLD,
                clauses=ASKED_CLAUSES,
            )
            for f in sc.hidden_facts
            if f.id not in st.revealed and acts_match(f.reveal_when, heard)
        }
        if Act.IDENTITY_CHECK in heard.acts:
            # "Can I have your current address to verify?" asks for identity, not for the new address.
            bar = REVEAL_THRESHOLD + IDENTITY_REVEAL_BONUS
            scored = {k: v for k, v in scored.items() if v >= bar}
        if any(v > 0.0 for v in scored.values()):
            # "Anything else on the bill I can explain?" or "What's the best number for the technician?"
            # wraps up or asks a detail: a fact is revealed only when the turn is much closer to it.
            routine, example = heard.closeness(list(ROUTINE_QUESTIONS), clauses=ASKED_CLAUSES)
            bar = REVEAL_THRESHOLD + ROUTINE_REVEAL_BONUS
            for k, v in list(scored.items()):
                if 0.0 < v < bar and routine > v:
                    r.notes.append(
                        f"not revealing '{k}' ({v:.2f}): a routine question (like '{example}', {routine:.2f})"
                    )
                    scored[k] = 0.0
        best = max(scored.values(), default=0.0)
        for fact in sc.hidden_facts:
            score = scored.get(fact.id, 0.0)
            # Only the fact(s) the question is really about: a close second is revealed too, a distant one not.
            if score <= 0.0 or score < best - REVEAL_MARGIN:
                continue
            missing = missing_for(fact.reveal_when, st)
            if missing:
                r.notes.append(f"would reveal '{fact.id}' but {'; '.join(missing)}")
                continue
            st.revealed.append(fact.id)
            r.revealed.append(fact.id)
            r.progress = True
            st.anger = clamp(st.anger - self.mood.reveal_anger)
            r.say("reveal", self._pick(sc, st, f"fact:{fact.id}", fact.replies))
            if len(r.revealed) >= 2:
                break

    def _escalation(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        if Act.ESCALATION not in heard.acts or not any(contains_keyword(heard.norm, w) for w in ESCALATION_WORDS):
            return
        if escalation_planned_only(heard.raw):
            r.notes.append("escalation only planned (if ...), not made")
            return
        if keyword_dump(sc, heard):
            # "supervisor manager escalate someone senior" names an escalation; nobody has been put through.
            r.notes.append("escalation not taken: keywords without anything done or committed to")
            if not r.pieces:
                st.patience -= self.mood.not_understood_patience
                r.say("not_understood", self._pick(sc, st, "not_understood", sc.lines.not_understood))
            return
        if any(intent in {"reject", "offer_problem"} for intent, _ in r.pieces):
            # One coherent reply: a customer who has just refused what the turn offered does not also thank
            # the agent for the transfer in the same breath ("That doesn't cover it. ... Good. Thank you.").
            r.notes.append("escalation not taken: the customer refused the turn's offer")
            return
        r.progress = True
        r.notes.append("agent escalated; customer goes along")
        r.say("escalated", self._pick(sc, st, "escalated", sc.lines.escalated))
        r.end = "escalated"

    def _closing(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> None:
        if Act.CLOSING not in heard.acts:
            return
        handled = self._issue_handled(sc, st) or st.upsell == "accepted" or st.outcome is not None
        required = [h.id for h in sc.hidden_facts if h.required and h.id not in st.revealed]
        if handled and not required:
            r.progress = True
            r.say("closing", self._pick(sc, st, "closing", sc.lines.closing))
            r.end = st.outcome or "resolved"
            return
        if r.pieces:
            return
        st.anger = clamp(st.anger + st.temper * self.mood.early_close_anger)
        st.patience -= self.mood.early_close_patience
        r.notes.append("agent tried to close before the issue was handled")
        r.say("reject", self._pick(sc, st, "reject_offer", sc.lines.reject_offer))

    # -- call control --------------------------------------------------------------------------------
    def _action(self, sc: Scenario, st: CustomerState, turn: AgentTurn) -> Step:
        if turn.action == "hold":
            if st.on_hold:
                return Step(state=st, text="", notes=["already on hold"], intent="on_hold")
            st.on_hold = True
            return Step(state=st, text=self._pick(sc, st, "on_hold", sc.lines.on_hold), intent="on_hold")
        if turn.action == "resume":
            was = st.on_hold
            st.on_hold = False
            text = self._pick(sc, st, "neutral", sc.lines.neutral) if was else ""
            return Step(state=st, text=text, notes=[] if was else ["was not on hold"], intent="neutral")
        if turn.action == "transfer":
            st.on_hold = False
            st.ended = "escalated"
            res = next((x for x in sc.resolutions if x.acceptable and x.requires_escalation), None)
            if res is not None and not missing_for(res.when, st):
                st.accepted.append(res.id)
                text = self._pick(sc, st, f"res:{res.id}", res.replies)
            else:
                text = self._pick(sc, st, "escalated", sc.lines.escalated)
            return Step(
                state=st, text=text, end_state="escalated", notes=["agent transferred the call"], intent="escalated"
            )
        st.ended = st.outcome or "agent_ended"
        return Step(state=st, text="", end_state=st.ended, notes=["agent ended the call"], intent="ended")

    # -- assembling ----------------------------------------------------------------------------------
    def _finish(self, sc: Scenario, st: CustomerState, heard: Heard, r: _Reply) -> Step:
        if r.end is None and st.outcome is not None and Act.CLOSING not in heard.acts:
            st.wrap_turns += 1
            if st.wrap_turns >= self.mood.wrap_turns and not r.progress:
                r.notes.append("the customer said goodbye: the issue was settled and the agent did not close")
                r.pieces = r.pieces[: MAX_PIECES - 1]
                r.say("closing", self._pick(sc, st, "closing", sc.lines.closing))
                r.end = st.outcome
        elif r.end is None:
            if r.progress:
                st.unhelpful_streak = 0
            else:
                st.unhelpful_streak += 1
                substantive = bool(heard.acts & _SUBSTANTIVE)
                st.patience -= self.mood.ignored_patience if substantive else self.mood.ignored_patience_chatter
                st.anger = clamp(st.anger + st.temper * self.mood.ignored_anger_step * st.unhelpful_streak)
                r.notes.append("customer felt ignored")
            self._limits(sc, st, r)
        st.ended = r.end
        text = " ".join(t for _, t in r.pieces)
        intent = r.pieces[-1][0] if r.pieces else ("ended" if r.end else "silent")
        if not text and r.end is None:
            text = self._pick(sc, st, "neutral", sc.lines.neutral)
            intent = "neutral"
        return Step(
            state=st,
            text=text,
            end_state=r.end,
            acts=sorted(heard.acts),
            revealed=r.revealed,
            notes=r.notes,
            intent=intent,
        )

    def _limits(self, sc: Scenario, st: CustomerState, r: _Reply) -> None:
        """Out of patience or at boiling point: first a supervisor request, then the customer hangs up."""
        if st.patience > 0 and st.anger < 0.999:
            if st.anger >= self.mood.supervisor_anger and not st.asked_supervisor:
                st.asked_supervisor = True
                r.say("ask_supervisor", self._pick(sc, st, "ask_supervisor", sc.lines.ask_supervisor))
            return
        if not st.asked_supervisor:
            st.asked_supervisor = True
            st.patience = max(st.patience, 0.0) + self.mood.supervisor_patience_bonus
            st.anger = min(st.anger, self.mood.supervisor_anger_cap)
            r.notes.append("customer asked for a supervisor")
            r.say("ask_supervisor", self._pick(sc, st, "ask_supervisor", sc.lines.ask_supervisor))
            return
        r.notes.append("customer ran out of patience and hung up")
        r.pieces = [p for p in r.pieces if p[0] != "neutral"][: MAX_PIECES - 1]
        r.pieces.append(("hang_up", self._pick(sc, st, "hang_up", sc.lines.hang_up)))
        r.end = "customer_hung_up"

    def _pick(self, sc: Scenario, st: CustomerState, key: str, options: Sequence[str]) -> str:
        """One authored line, seeded by (seed, turn, situation), avoiding the last one used for that situation."""
        if not options:
            return ""
        rng = random.Random(f"{st.seed}:{st.turn}:{key}")
        idx = rng.randrange(len(options))
        if len(options) > 1 and st.last_lines.get(key) == idx:
            idx = (idx + 1 + rng.randrange(len(options) - 1)) % len(options)
        st.last_lines[key] = idx
        text = fill(options[idx], sc)
        said_facts = mentioned_facts(normalise(text), sc.account)
        if placeholders_in(options[idx]) or said_facts:
            st.mentioned = sorted(set(st.mentioned) | set(said_facts))
        return text
