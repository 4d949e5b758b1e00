"""What every criterion reads: the transcript with its agent/customer turns indexed once per call.

Building this once per transcript (not per criterion) is what keeps scoring inside its budget:
texts are stripped and lowered once, and the previous customer turn of each agent turn is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario
from domain.transcript import Transcript
from scoring.scorability import contact_language, strip_control

MAX_TURNS = 2000  # a real contact has tens to hundreds of turns; beyond this only the first ones are judged
MAX_TURN_CHARS = 10_000  # longer turns are judged on their first part (keeps a 5 MB paste bounded in time)


@dataclass(frozen=True)
class Contact:
    transcript: Transcript
    rubric: Rubric
    scenario: Scenario | None
    policies: tuple[Policy, ...]
    texts: tuple[str, ...]
    lowered: tuple[str, ...]
    speakers: tuple[str, ...]
    agent: tuple[int, ...]
    customer: tuple[int, ...]
    previous_customer: Mapping[int, int | None] = field(default_factory=dict)
    limits: tuple[str, ...] = ()
    language: str = "en"  # the contact's base language (declared, or detected from the words); gates criteria

    @classmethod
    def build(
        cls, transcript: Transcript, *, rubric: Rubric, scenario: Scenario | None, policies: Sequence[Policy]
    ) -> Contact:
        turns = transcript.turns[:MAX_TURNS]
        limits: list[str] = []
        if len(transcript.turns) > MAX_TURNS:
            limits.append(f"only the first {MAX_TURNS} of {len(transcript.turns)} turns were judged")
        texts = tuple(strip_control(t.text[: MAX_TURN_CHARS * 2])[:MAX_TURN_CHARS] for t in turns)
        long_turns = [i for i, t in enumerate(turns) if len(t.text) > MAX_TURN_CHARS]
        if long_turns:
            limits.append(f"{len(long_turns)} turn(s) over {MAX_TURN_CHARS} characters were judged on their start")
        speakers = tuple(t.speaker for t in turns)
        agent = tuple(i for i, s in enumerate(speakers) if s == "agent" and texts[i])
        customer = tuple(i for i, s in enumerate(speakers) if s == "customer" and texts[i])
        previous: dict[int, int | None] = {}
        last: int | None = None
        for i, s in enumerate(speakers):
            if s == "customer" and texts[i]:
                last = i
            elif s == "agent":
                previous[i] = last
        return cls(
            transcript=transcript,
            rubric=rubric,
            scenario=scenario,
            policies=tuple(policies),
            texts=texts,
            lowered=tuple(t.lower() for t in texts),
            speakers=speakers,
            agent=agent,
            customer=customer,
            previous_customer=previous,
            limits=tuple(limits),
            language=contact_language(transcript),
        )

    @property
    def channel(self) -> str:
        return self.transcript.channel

    def settings(self, criterion: str) -> Mapping[str, Any]:
        spec = self.rubric.criteria.get(criterion)  # type: ignore[call-overload]
        return spec.settings if spec is not None else {}

    def agent_text(self) -> str:
        return " ".join(self.texts[i] for i in self.agent)

    def controls(self, action: str) -> tuple[int, ...]:
        """Turns recording a call control the agent pressed (``[transfer]``, ``[escalate]``: speaker ``system``).

        What the agent *did* counts like what they said: a transfer is a transfer whether announced in words or
        made with the control; the record itself is nobody's speech (never a trigger or a quote of the customer).
        """
        token = f"[{action.lower()}]"
        return tuple(i for i, s in enumerate(self.speakers) if s == "system" and self.lowered[i] == token)
