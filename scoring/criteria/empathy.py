"""Empathy, judged sentence by sentence, per agent turn in the light of the customer turn before it.

Every agent sentence is judged by :func:`language.empathy.judge_sentences` (encoder + cues, the
same judgement the simulator uses). A turn is as cold as its coldest sentence and as warm as its
warmest, so a question after an insult cannot dilute it. An insulting or sarcastic sentence caps
empathy at ``CAP_ABUSE`` (below the rubric's abusive-agent auto-fail), blame at ``CAP_BLAME``;
politeness words add nothing — they never flip a verdict. Turns answering an upset customer weigh
double and an apology there earns more than a stock one; a cold or blaming turn weighs triple,
because one rude reply spoils a call more than one kind one rescues it. The customer's VADER
trajectory (calmer at the end than at the start?) moves the score by up to ten points.
"""

from __future__ import annotations

from language.empathy import EmpathyJudgement, judge_sentences, split_sentences
from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp
from scoring.lexicon import customer_distress
from scoring.sentiment import compound, trajectory

# What a correct, transactional reply is worth: all a calm customer needs, a miss when they are upset.
NEUTRAL_AFTER_CALM = 70.0
NEUTRAL_AFTER_UPSET = 50.0
UPSET = -0.4  # VADER compound at or below this (or a distress word) marks an emotional moment
CAP_ABUSE = 15.0  # an insult or sarcasm at the customer: the call is abusive, whatever else was said
CAP_BLAME = 45.0  # blaming the customer (even after an apology) cannot be rescued by kind turns
MAX_ENCODED = 8  # sentences per call through the encoder (latency budget); the rest use the cue model


def _judge_turns(contact: Contact, upset_turns: set[int]) -> dict[int, list[EmpathyJudgement]]:
    """Judge every agent sentence in one call; sentences answering an upset customer are encoded first."""
    order = sorted(contact.agent, key=lambda i: (i not in upset_turns, i))
    items = [(i, s) for i in order for s in split_sentences(contact.texts[i])]
    judged = judge_sentences([s for _, s in items], max_encoded=MAX_ENCODED)
    out: dict[int, list[EmpathyJudgement]] = {i: [] for i in contact.agent}
    for (i, _), j in zip(items, judged, strict=True):
        out[i].append(j)
    return out


def _perfunctory(judgement: EmpathyJudgement) -> bool:
    """A sentence the model reads as plain cold although it apologises or acknowledges (no insult, no blame)."""
    return judgement.label == "cold" and judgement.apologises


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    customer_mood = {i: compound(contact.texts[i]) for i in contact.customer}
    upset_turns = {
        i
        for i in contact.agent
        if (prev := contact.previous_customer.get(i)) is not None
        and (customer_mood[prev] <= UPSET or customer_distress(contact.texts[prev]) is not None)
    }
    judged = _judge_turns(contact, upset_turns)
    abusive: list[tuple[int, EmpathyJudgement]] = []
    blaming: list[tuple[int, EmpathyJudgement]] = []
    out = Outcome(score=None)
    total = 0.0
    weights = 0.0
    upset_moments = 0
    answered = 0
    missed: list[int] = []
    cold_turns: list[int] = []
    warm_turns: list[int] = []
    per_turn: list[dict[str, float | int | str]] = []
    for i in contact.agent:
        sentences = judged[i] or [
            EmpathyJudgement(contact.texts[i], "neutral", 1.0, 0.0, 0.0)  # no sentence: a bare token
        ]
        # "sorry understand refund credit", "I'm sorry you're without service.": read as cold by the model,
        # but an apology is not rudeness: no warmth earned, no rudeness charged (as in the simulator)
        sentences = [
            EmpathyJudgement(j.text, "neutral", 1.0, 0.0, 0.0, (), j.encoded) if _perfunctory(j) else j
            for j in sentences
        ]
        coldest = max(sentences, key=lambda j: j.p_cold)
        warmest = max(sentences, key=lambda j: j.p_empathetic)
        p_cold = coldest.p_cold
        p_warm = 0.0 if coldest.cold else warmest.p_empathetic
        p_neutral = max(0.0, 1.0 - p_cold - p_warm)
        upset = i in upset_turns
        neutral_value = NEUTRAL_AFTER_UPSET if upset else NEUTRAL_AFTER_CALM
        turn_score = 100.0 * p_warm + neutral_value * p_neutral
        weight = 1.0
        apologised = any(j.apologises for j in sentences)
        if upset:
            upset_moments += 1
            weight = 2.0
            if apologised and not coldest.cold:
                turn_score += 10.0
        cold = coldest.cold
        warm = not cold and (p_warm >= 0.5 or apologised)
        if cold:
            weight = 3.0
            cold_turns.append(i)
            out.cite(i, contact.texts[i])
            out.reasons.append(
                f"turn {i}: {coldest.label} sentence '{coldest.text[:80]}' (P={coldest.probability:.2f})"
            )
            if coldest.label in ("insulting", "sarcastic"):
                abusive.append((i, coldest))
            elif coldest.label == "blaming":
                blaming.append((i, coldest))
        elif warm:
            warm_turns.append(i)
            if upset:
                answered += 1
        elif upset:
            missed.append(i)
        turn_score = clamp(turn_score)
        per_turn.append(
            {
                "turn": i,
                "score": round(turn_score, 1),
                "p_empathetic": round(p_warm, 3),
                "p_cold": round(p_cold, 3),
                "label": coldest.label if cold else ("empathetic" if warm else "neutral"),
            }
        )
        total += weight * turn_score
        weights += weight
    base = total / weights
    customer_scores = [customer_mood[i] for i in contact.customer]
    trend = trajectory(customer_scores)
    bonus = clamp(10.0 * trend, -10.0, 10.0) if trend is not None else 0.0
    missed_penalty = min(15.0, 5.0 * len(missed))
    value = clamp(base + bonus - missed_penalty)
    if abusive:
        value = min(value, CAP_ABUSE)
        out.metrics["cap"] = CAP_ABUSE
        turn, j = abusive[0]
        out.reasons.insert(0, f"turn {turn}: {j.label} toward the customer ('{j.text[:80]}'): empathy capped")
    elif blaming:
        value = min(value, CAP_BLAME)
        out.metrics["cap"] = CAP_BLAME
        turn, j = blaming[0]
        out.reasons.insert(0, f"turn {turn}: blamed the customer ('{j.text[:80]}'): empathy capped")
    out.score = round(value, 1)
    for i in warm_turns[:3]:
        out.cite(i, contact.texts[i])
    if warm_turns:
        out.reasons.insert(
            0, f"{len(warm_turns)} of {len(contact.agent)} agent turns acknowledged, apologised or reassured"
        )
    else:
        out.reasons.insert(0, "no agent turn acknowledged the customer's feelings or apologised")
    if upset_moments:
        out.reasons.append(f"responded with empathy to {answered} of {upset_moments} upset customer turns")
    for i in missed[:3]:
        out.cite(i, contact.texts[i])
        out.reasons.append(f"turn {i}: the customer was upset and the reply did not acknowledge it")
    if trend is not None:
        direction = "improved" if trend > 0.05 else "worsened" if trend < -0.05 else "stayed about the same"
        out.reasons.append(f"customer sentiment {direction} over the contact (VADER change {trend:+.2f})")
    if cold_turns:
        out.tips.append(
            Tip(
                35.0 + 5 * len(cold_turns),
                "Replace blaming or dismissive wording with an acknowledgement and an offer to help "
                "(e.g. 'I understand, let me see what I can do').",
                cold_turns[0],
            )
        )
    if missed:
        out.tips.append(
            Tip(
                10.0 + 5 * len(missed),
                "When the customer is upset, acknowledge the feeling before the task "
                "(e.g. 'I'm sorry, that sounds really frustrating').",
                missed[0],
            )
        )
    out.metrics = {
        **out.metrics,
        "turns": per_turn,
        "upset_customer_turns": upset_moments,
        "empathetic_responses": answered,
        "cold_turns": cold_turns,
        "customer_sentiment_change": None if trend is None else round(trend, 3),
        "model": "language.empathy: per-sentence MiniLM encoder + cue counts, logistic regression",
        "abusive_turns": [t for t, _ in abusive],
        "blaming_turns": [t for t, _ in blaming],
    }
    return out
