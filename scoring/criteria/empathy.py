"""Empathy, judged per agent turn in the light of the customer turn before it.

Each agent turn gets P(cold), P(neutral), P(empathetic) from the learned model (one vectorised
call for the whole contact) and transparent lexicon cues. Turns answering an upset customer weigh
double and an apology there earns more than a stock one; a cold or blaming turn weighs triple,
because one rude reply spoils a call more than one kind one rescues it. The customer's VADER
trajectory (calmer at the end than at the start?) moves the score by up to ten points.
"""

from __future__ import annotations

from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp
from scoring.empathy_model import predict_proba
from scoring.lexicon import cues, customer_distress
from scoring.sentiment import compound, trajectory

# What a correct, transactional reply is worth: all a calm customer needs, a miss when they are upset.
NEUTRAL_AFTER_CALM = 70.0
NEUTRAL_AFTER_UPSET = 50.0
UPSET = -0.4  # VADER compound at or below this (or a distress word) marks an emotional moment


def score(contact: Contact) -> Outcome:
    if not contact.agent:
        return Outcome.not_applicable("no agent turns to judge")
    texts = [contact.texts[i] for i in contact.agent]
    probs = predict_proba(texts)
    customer_mood = {i: compound(contact.texts[i]) for i in contact.customer}
    out = Outcome(score=None)
    total = 0.0
    weights = 0.0
    upset_moments = 0
    answered = 0
    missed: list[int] = []
    cold_turns: list[int] = []
    warm_turns: list[int] = []
    per_turn: list[dict[str, float | int]] = []
    for i, text, (p_cold, p_neutral, p_warm) in zip(contact.agent, texts, probs, strict=True):
        cue = cues(text)
        prev = contact.previous_customer.get(i)
        upset = prev is not None and (
            customer_mood[prev] <= UPSET or customer_distress(contact.texts[prev]) is not None
        )
        neutral_value = NEUTRAL_AFTER_UPSET if upset else NEUTRAL_AFTER_CALM
        turn_score = 100.0 * p_warm + neutral_value * p_neutral
        weight = 1.0
        if upset:
            upset_moments += 1
            weight = 2.0
            if cue.apology or cue.acknowledge:
                turn_score += 10.0
        if not upset and cue.warm and p_warm < 0.5:
            turn_score += 5.0  # a cue the model missed still counts a little
        if cue.politeness and not cue.blame and p_cold < 0.5:
            turn_score += 5.0  # please / thank you: courtesy counts, a little
        if cue.blame:
            turn_score -= 30.0
        cold = cue.blame is not None or p_cold >= 0.5
        warm = not cold and (p_warm >= 0.5 or bool(cue.apology or cue.acknowledge))
        if cold:
            weight = 3.0
            cold_turns.append(i)
            out.cite(i, text)
            what = f"'{cue.blame}'" if cue.blame else "a cold or dismissive reply"
            out.reasons.append(f"turn {i}: {what} (model P(cold)={p_cold:.2f})")
        elif warm:
            warm_turns.append(i)
            if upset:
                answered += 1
        elif upset:
            missed.append(i)
        turn_score = clamp(turn_score)
        per_turn.append({"turn": i, "score": round(turn_score, 1), "p_empathetic": round(p_warm, 3)})
        total += weight * turn_score
        weights += weight
    base = total / weights
    customer_scores = [customer_mood[i] for i in contact.customer]
    trend = trajectory(customer_scores)
    bonus = clamp(10.0 * trend, -10.0, 10.0) if trend is not None else 0.0
    missed_penalty = min(15.0, 5.0 * len(missed))
    out.score = round(clamp(base + bonus - missed_penalty), 1)
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
        "turns": per_turn,
        "upset_customer_turns": upset_moments,
        "empathetic_responses": answered,
        "cold_turns": cold_turns,
        "customer_sentiment_change": None if trend is None else round(trend, 3),
        "model": "tfidf-word+char+lexicon logistic regression (calibrated)",
    }
    return out
