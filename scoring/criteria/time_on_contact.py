"""Time on contact: handle time against target, response latency, silences, dead air, talk ratio, pace, hold.

Timed transcripts (audio, timed chat logs) are measured; untimed text is estimated from words and
turns, and the reasons say so. A gap announced as a hold (the agent asked to hold, or a system turn
mentions hold) is hold time, not dead air.
"""

from __future__ import annotations

import re
from itertools import pairwise

from domain.transcript import Turn
from scoring.context import Contact
from scoring.criteria.base import Outcome, Tip, clamp

SPOKEN_WPM = 150.0
TYPED_WPM = 40.0
SECONDS_PER_TURN = {"phone": 1.0, "chat": 8.0, "email": 0.0}
HOLD = re.compile(
    r"\b(?:on hold|hold (?:on|please|for)|place you on|put you on|brief hold|bear with me|one moment|"
    r"(?:back|returning) from hold|a (?:moment|minute|second) while i)\b",
    re.IGNORECASE,
)


def score(contact: Contact) -> Outcome:
    transcript = contact.transcript
    if not contact.texts:
        return Outcome.not_applicable("empty transcript")
    settings = contact.settings("time_on_contact")
    silence_s = float(settings.get("silence_seconds", 3))
    dead_air_s = float(settings.get("dead_air_seconds", 15))
    target = float(
        settings.get("target_seconds")
        or (
            contact.scenario.time_target_seconds if contact.scenario is not None else contact.rubric.time_target_seconds
        )
    )
    out = Outcome(score=None)
    judged = transcript.turns[: len(contact.texts)]
    timed = [(i, t) for i, t in enumerate(judged) if t.start is not None and t.end is not None]
    metrics: dict[str, object] = {"target_seconds": target}
    penalty = 0.0
    if len(timed) >= 2 and len(timed) >= len(judged) // 2:
        duration = float(transcript.duration or 0.0)
        metrics["timed"] = True
        penalty += _timed_checks(contact, timed, silence_s, dead_air_s, out, metrics)
    else:
        words = transcript.word_count()
        per_turn = SECONDS_PER_TURN.get(contact.channel, 1.0)
        wpm = TYPED_WPM if contact.channel in ("chat", "email") else SPOKEN_WPM
        duration = words / wpm * 60.0 + per_turn * len(contact.texts)
        metrics["timed"] = False
        out.reasons.append(
            f"no timestamps: handle time estimated at {duration:.0f} s from {words} words and "
            f"{len(contact.texts)} turns; silences and latency not judged"
        )
    metrics["handle_seconds"] = round(duration, 1)
    if duration > target:
        over = duration / target - 1.0
        penalty += min(40.0, over * 50.0)
        out.reasons.append(f"handle time {duration:.0f} s is {over:.0%} over the {target:.0f} s target")
        last = contact.agent[-1] if contact.agent else len(contact.texts) - 1
        out.tips.append(
            Tip(
                min(40.0, over * 50.0) * 0.6,
                f"Aim to finish within {target / 60:.0f} minutes: ask the key questions early and summarise once.",
                last,
            )
        )
    else:
        out.reasons.insert(0, f"handle time {duration:.0f} s within the {target:.0f} s target")
    out.score = round(clamp(100.0 - penalty), 1)
    out.metrics = metrics
    return out


def _timed_checks(
    contact: Contact,
    timed: list[tuple[int, Turn]],
    silence_s: float,
    dead_air_s: float,
    out: Outcome,
    metrics: dict[str, object],
) -> float:
    turns = contact.transcript.turns[: len(contact.texts)]
    penalty = 0.0
    silences: list[dict[str, float | int]] = []
    dead_air: list[dict[str, float | int]] = []
    latencies: list[float] = []
    per_turn_latency: list[dict[str, float | int]] = []
    hold_seconds = 0.0
    for (a, _), (b, _) in pairwise(timed):
        prev, cur = turns[a], turns[b]
        assert prev.end is not None and cur.start is not None
        gap = cur.start - prev.end
        if cur.speaker == "agent" and prev.speaker == "customer":
            latencies.append(max(0.0, gap))
            per_turn_latency.append({"turn": b, "seconds": round(max(0.0, gap), 2)})
        if gap <= silence_s:
            continue
        announced = bool(HOLD.search(contact.texts[a])) or prev.speaker == "system" or cur.speaker == "system"
        if announced and HOLD.search(contact.texts[a] + " " + contact.texts[b]):
            hold_seconds += gap
            continue
        item = {"after_turn": a, "turn": b, "seconds": round(gap, 1)}
        if gap > dead_air_s:
            dead_air.append(item)
        else:
            silences.append(item)
    for i, t in enumerate(turns):
        if t.speaker == "system" and HOLD.search(contact.texts[i]) and t.start is not None and t.end is not None:
            hold_seconds += t.end - t.start
    extra_hold = contact.transcript.metadata.get("hold_seconds")
    if isinstance(extra_hold, int | float) and not isinstance(extra_hold, bool):
        hold_seconds = max(hold_seconds, float(extra_hold))
    talk = {"agent": 0.0, "customer": 0.0}
    agent_words = 0
    for _, t in timed:
        if t.speaker in talk and t.start is not None and t.end is not None:
            talk[t.speaker] += max(0.0, t.end - t.start)
            if t.speaker == "agent":
                agent_words += len(t.text.split())
    total_talk = talk["agent"] + talk["customer"]
    talk_ratio = talk["agent"] / total_talk if total_talk > 0 else None
    wpm = agent_words / (talk["agent"] / 60.0) if talk["agent"] > 0 else None
    if dead_air:
        penalty += min(45.0, 15.0 * len(dead_air))
        worst = max(dead_air, key=lambda d: d["seconds"])
        turn = int(worst["turn"])
        out.cite(turn, contact.texts[turn] or "(silence)")
        out.reasons.append(
            f"{len(dead_air)} stretch(es) of dead air over {dead_air_s:g} s "
            f"(longest {worst['seconds']:g} s before turn {turn})"
        )
        out.tips.append(
            Tip(
                min(45.0, 15.0 * len(dead_air)),
                "Never leave the line silent: say what you are doing, or ask to place the customer on hold.",
                turn,
            )
        )
    if silences:
        penalty += min(15.0, 3.0 * len(silences))
        out.reasons.append(f"{len(silences)} silence(s) over {silence_s:g} s")
        out.cite(int(silences[0]["turn"]), contact.texts[int(silences[0]["turn"])] or "(silence)")
    mean_latency = sum(latencies) / len(latencies) if latencies else None
    if mean_latency is not None and mean_latency > 2.0:
        penalty += min(10.0, (mean_latency - 2.0) * 5)
        out.reasons.append(f"slow responses: {mean_latency:.1f} s on average after the customer stops")
    if talk_ratio is not None and not 0.2 <= talk_ratio <= 0.8:
        penalty += 5.0
        who = "the agent" if talk_ratio > 0.8 else "the customer"
        out.reasons.append(f"talk ratio {talk_ratio:.0%} agent: {who} did most of the talking")
    if wpm is not None and contact.channel == "phone" and not 100 <= wpm <= 200:
        penalty += 5.0
        out.reasons.append(f"agent pace {wpm:.0f} words per minute ({'fast' if wpm > 200 else 'slow'})")
    duration = float(contact.transcript.duration or 0.0)
    if duration > 0 and hold_seconds > 0.25 * duration:
        penalty += 5.0
        out.reasons.append(f"hold time {hold_seconds:.0f} s is over a quarter of the call")
    metrics.update(
        {
            "silences": silences,
            "dead_air": dead_air,
            "mean_response_latency_seconds": None if mean_latency is None else round(mean_latency, 2),
            "max_response_latency_seconds": round(max(latencies), 2) if latencies else None,
            "response_latency": per_turn_latency[:200],
            "talk_ratio_agent": None if talk_ratio is None else round(talk_ratio, 3),
            "agent_words_per_minute": None if wpm is None else round(wpm, 1),
            "hold_seconds": round(hold_seconds, 1),
        }
    )
    if not dead_air and not silences:
        out.reasons.append("no silences or dead air")
    return penalty
