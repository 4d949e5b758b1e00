"""Scripted trainees built generically from a scenario's data, for whole-call tests.

The good agent is what a QA reviewer would score well: greeting with the
recorded-line notice, empathy, verification, one question per hidden fact using
that fact's own trigger words, then each acceptable resolution phrased with its
trigger words, then a proper close. Nothing here is tuned to one scenario.
"""

from __future__ import annotations

from domain.acts import Act
from domain.loader import Library
from domain.scenario import Resolution, Scenario, Trigger
from simulator.engine import AgentTurn, Step
from simulator.measure import _prepared
from simulator.multilingual import agent_script
from simulator.scripted import ScriptedEngine
from simulator.session import Reply, Session
from simulator.state import CustomerState
from simulator.text import normalise
from simulator.triggers import Heard, said

#: A textbook billing-double-charge call as a trainee would type it (csrsim play and practice-service tests).
BILLING_GOOD_CALL = [
    "Good morning, thanks for calling, my name is Sam. This call is recorded for quality and training purposes.",
    "I'm so sorry about that, I understand how frustrating it is.",
    "Could you confirm your account number and postcode please?",
    "Which date do you see the charges on your statement?",
    "I'll refund the duplicate charge now, you'll see it in 3 to 5 business days.",
    "Is there anything else I can help you with today? Thanks for calling, have a great day.",
]
GREETING = (
    "Good morning, thank you for calling, my name is Sam. "
    "Just so you know, this call is recorded for quality and training purposes."
)
EMPATHY = "I'm really sorry you've had to deal with this, I completely understand how frustrating that must be."
VERIFY = (
    "Before I look into it, could you please confirm your account number "
    "and the postcode on the account so I can verify your identity?"
)
EMPATHY_AGAIN = "I hear you, and I'm sorry, I understand you're fed up with being billed for this."
WARNING = "I do want to help you, but if the abusive language continues I will have to end this call."
CLOSING = "Is there anything else I can help you with today? Thank you for calling, have a great day."

_ACT_FRAMES: dict[Act, str] = {
    Act.QUESTION: "Could you tell me a little more about {kw}?",
    Act.OFFER: "What I can do for you today is this: I can arrange the {kw} for you right now.",
    Act.ESCALATION: "This needs someone with more authority, so I'm going to escalate it to my {kw} for you now.",
    Act.EXPLANATION: "Let me explain: basically, the reason is {kw}, which is why you're seeing this.",
    Act.EMPATHY: "I'm so sorry about the {kw}, I completely understand.",
    Act.UPSELL_PITCH: "Would you be interested in an upgrade to the {kw}?",
    Act.IDENTITY_CHECK: "Could you confirm your account number for {kw}?",
    Act.CLOSING: "Is there anything else I can help with regarding {kw}?",
    Act.DISCLOSURE: "Just so you know, it's {kw} per month with no contract.",
    Act.HOLD: "Can I put you on a brief hold while I check the {kw}?",
    Act.GREETING: "Hello, thanks for calling about {kw}.",
    Act.WARNING: "Please don't use that language about the {kw}.",
}


def _frames(trigger: Trigger) -> list[str]:
    if trigger.acts:
        return [_ACT_FRAMES.get(a, "{kw}") for a in trigger.acts]
    return ["Okay, so regarding the {kw}: I can sort that out for you now.", "I can {kw} for you right now."]


def _harmless(scenario: Scenario, text: str) -> bool:
    """The line must not also fire an unacceptable resolution, a bad flow edge or the upsell."""
    heard = Heard(raw=text, norm=normalise(text), acts=frozenset())
    keyword_only = [r.when for r in scenario.resolutions if not r.acceptable]
    return not any(said(Trigger(keywords=t.keywords), heard) for t in keyword_only if t.keywords)


def phrase(scenario: Scenario, trigger: Trigger) -> list[str]:
    """Candidate lines that say what ``trigger`` listens for, harmless ones first.

    A trigger authored with example phrasings is said with those (what the trainer wrote a good
    agent would say); a keyword-only trigger with its keywords in act-shaped frames.
    """
    if trigger.examples:
        return sorted(trigger.examples, key=lambda line: not _harmless(scenario, line))
    keywords = trigger.keywords or ["that"]
    out = [frame.format(kw=kw) for kw in keywords for frame in _frames(trigger)]
    return sorted(out, key=lambda line: not _harmless(scenario, line))


def good_lines(scenario: Scenario) -> list[str]:
    if scenario.language != "en":  # a scenario in another language is played in it (simulator.multilingual)
        script = agent_script(scenario.language)
        greeting, empathy, verify = script.greeting, script.empathy, script.verify
    else:
        greeting, empathy, verify = GREETING, EMPATHY, VERIFY
    lines = [greeting, empathy]
    if scenario.persona.temperament == "abusive":
        lines += [WARNING, EMPATHY_AGAIN]  # acknowledge, set the boundary, acknowledge again
    if scenario.identity_required or any(f.verifier for f in scenario.account):
        lines.append(verify)
    for fact in sorted(scenario.hidden_facts, key=lambda h: not h.required):
        lines.append(phrase(scenario, fact.reveal_when)[0])
    return lines


def acceptable_in_order(scenario: Scenario) -> list[Resolution]:
    """Resolutions a good agent offers: the non-escalation ones first, so escalation is a last resort."""
    good = [r for r in scenario.resolutions if r.acceptable]
    return sorted(good, key=lambda r: (r.requires_escalation, r.end_state is None))


def play_good(session: Session) -> list[Reply]:
    """Play the good agent until the call ends; returns every reply."""
    sc = session.scenario
    replies: list[Reply] = []
    for line in good_lines(sc):
        if session.ended:
            return replies
        replies.append(session.agent(line))
    for res in acceptable_in_order(sc):
        if session.ended or session.state.outcome is not None:
            break
        if res.when.requires_verified and not session.verified:
            continue  # a good agent does not offer account-specific fixes to an unverified caller
        for line in phrase(sc, res.when)[:3]:
            if session.ended:
                return replies
            replies.append(session.agent(line))
            if res.id in session.state.accepted:
                break
    if not session.ended:
        closing = CLOSING if sc.language == "en" else agent_script(sc.language).closing
        replies.append(session.agent(closing))
    return replies


RUDE_LINES = [
    "Calm down, it's not my problem.",
    "Whatever. You should have read your bill.",
    "Look, I've already told you, deal with it.",
    "That's your own fault, I don't care.",
    "Are you deaf? Stop whining.",
    "Honestly you people are ridiculous.",
]


def play_rude(session: Session, *, turns: int = 20) -> list[Reply]:
    replies = []
    for i in range(turns):
        if session.ended:
            break
        replies.append(session.agent(RUDE_LINES[i % len(RUDE_LINES)]))
    return replies


def verified_state(sc: Scenario, engine: ScriptedEngine, *, revealed: tuple[str, ...] = ()) -> CustomerState:
    """A customer three turns in, verified on every verifier, with ``revealed`` already said (answer tests)."""
    st = engine.reset(sc, seed=3).state
    st.verified = True
    st.verified_facts = [f.id for f in sc.account if f.verifier]
    st.revealed = list(revealed)
    st.turn = 3
    return st


def play_prepared(library: Library, engine: ScriptedEngine, scenario_id: str, line: str) -> Step:
    """One agent line heard by a customer who is verified, has told every hidden fact and is calm, as the
    offer measurement prepares her (``simulator.measure``): the line is judged on its own."""
    sc = library.scenario(scenario_id)
    st = _prepared(sc, engine, seed=0, revealed=[h.id for h in sc.hidden_facts], calm=True)
    return engine.step(sc, st, AgentTurn(text=line))


def offer_accepted(library: Library, step: Step, scenario_id: str) -> bool:
    """Whether the step took an acceptable resolution or settled the issue, as the offer measurement counts it."""
    good = {r.id for r in library.scenario(scenario_id).resolutions if r.acceptable}
    return bool(good & set(step.state.accepted)) or step.state.outcome == "resolved"
