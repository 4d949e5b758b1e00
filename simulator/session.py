"""One practice contact: the customer engine's state, the clock, the turns and the end state.

The Streamlit app and ``csrsim play`` drive it the same way::

    session = Session.start(scenario, engine=make_engine("scripted"), seed=7)
    session.opening                      # the customer's first line ("" until an agent-opened call is greeted)
    reply = session.agent("Thanks for calling, this call is recorded...")
    reply.text, reply.end_state, reply.acts, reply.anger, reply.verified
    saved = session.to_snapshot()        # JSON-serialisable; save after every turn
    session = Session.from_snapshot(scenario, saved, engine=...)
    session.transcript()                 # domain.transcript.Transcript, timestamps from the clock

A turn that raises leaves the session exactly as it was before the turn.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from domain.acts import Act
from domain.scenario import EndState, Scenario
from domain.transcript import Transcript, Turn
from simulator.clock import Clock, SystemClock
from simulator.engine import Action, AgentTurn, CustomerEngine, Step
from simulator.state import CustomerState
from simulator.text import fill

logger = logging.getLogger(__name__)

SNAPSHOT_VERSION = 1
MAX_TURN_CHARS = 20_000
"""Longer input is cut before it is stored; the engine only ever looks at its head and tail."""
WORDS_PER_SECOND = 2.6
TIME_LIMIT_FACTOR = 3.0
HISTORY_TURNS = 8
TRANSFER_ANGER = 0.2
"""How much angrier a customer gets at being passed to another team with a problem this team should handle
(scaled by the customer's temper, like every other mood change)."""


class SessionEndedError(RuntimeError):
    """The contact is over; start a new session to practise again."""


@dataclass(frozen=True)
class Reply:
    """What the trainee sees after a turn."""

    text: str
    end_state: EndState | None
    acts: list[str]
    revealed: list[str]
    all_revealed: list[str]
    anger: float
    mood: str
    verified: bool
    outcome: EndState | None
    """The settled outcome while the customer waits for the closing (e.g. ``resolved``), else None."""
    notes: list[str]
    turn_index: int | None
    """Index of the customer's turn in the transcript (None when the customer said nothing)."""

    @property
    def ended(self) -> bool:
        return self.end_state is not None


@dataclass
class _TurnRecord:
    speaker: str
    text: str
    start: float
    end: float
    acts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    action: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"speaker": self.speaker, "text": self.text, "start": self.start, "end": self.end}
        if self.acts:
            data["acts"] = self.acts
        if self.notes:
            data["notes"] = self.notes
        if self.action:
            data["action"] = self.action
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> _TurnRecord:
        if data.get("speaker") not in ("agent", "customer", "system"):
            raise ValueError(f"bad speaker in snapshot turn: {data.get('speaker')!r}")
        return cls(
            speaker=str(data["speaker"]),
            text=str(data["text"]),
            start=float(data["start"]),
            end=float(data["end"]),
            acts=[str(a) for a in data.get("acts", [])],
            notes=[str(n) for n in data.get("notes", [])],
            action=data.get("action"),
        )


def _speaking_seconds(text: str) -> float:
    return round(max(0.6, len(text.split()) / WORDS_PER_SECOND), 2)


class Session:
    def __init__(
        self,
        scenario: Scenario,
        *,
        engine: CustomerEngine | None = None,
        seed: int = 0,
        clock: Clock | None = None,
        session_id: str | None = None,
        time_limit_seconds: float | None = None,
    ) -> None:
        """Prefer ``Session.start``; this makes a session without the opening line."""
        if engine is None:
            from simulator.scripted import ScriptedEngine

            engine = ScriptedEngine()
        self.scenario = scenario
        self.engine = engine
        self.seed = int(seed)
        self.clock: Clock = clock or SystemClock()
        self.id = session_id or f"practice-{scenario.id}-{uuid.uuid4().hex[:8]}"
        self.time_limit_seconds = time_limit_seconds or scenario.time_target_seconds * TIME_LIMIT_FACTOR
        self.started_at = self.clock.now()
        self.state = CustomerState.initial(scenario, seed=self.seed)
        self.turns: list[_TurnRecord] = []
        self.log: list[str] = []
        self.end_state: EndState | None = None
        self.pending_opening: str | None = None
        """The customer's opening line while an agent-opened call waits for the agent's first turn."""

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        engine: CustomerEngine | None = None,
        seed: int = 0,
        clock: Clock | None = None,
        session_id: str | None = None,
        time_limit_seconds: float | None = None,
        agent_opens: bool = False,
    ) -> Session:
        """A new contact with the customer's opening line already said (turn 0).

        With ``agent_opens`` (an inbound phone call: the agent answers) nothing is said yet: the customer's
        opening line waits and is said once, in reply to the agent's first turn, instead of the engine's reply
        to a greeting (so the caller states the problem after the greeting and never restates it).
        """
        session = cls(
            scenario,
            engine=engine,
            seed=seed,
            clock=clock,
            session_id=session_id,
            time_limit_seconds=time_limit_seconds,
        )
        step = session.engine.reset(scenario, seed=session.seed)
        session.state = step.state
        session.log.extend(step.notes)
        if agent_opens:
            session.pending_opening = step.text
        else:
            session.turns.append(_TurnRecord("customer", step.text, 0.0, _speaking_seconds(step.text)))
        return session

    # -- reading -------------------------------------------------------------------------------------
    @property
    def opening(self) -> str:
        return next((t.text for t in self.turns if t.speaker == "customer"), "")

    @property
    def ended(self) -> bool:
        return self.end_state is not None

    @property
    def elapsed(self) -> float:
        """Handle time so far in seconds (the whole contact once it has ended)."""
        now = max(0.0, self.clock.now() - self.started_at)
        last = max((t.end for t in self.turns), default=0.0)
        return round(last if self.ended else max(now, last), 2)

    @property
    def verified(self) -> bool:
        return self.state.verified

    # -- acting --------------------------------------------------------------------------------------
    def agent(self, text: str, *, start: float | None = None, end: float | None = None) -> Reply:
        """The trainee says ``text`` (``start``/``end`` in seconds from the audio, when spoken)."""
        if not isinstance(text, str):
            raise TypeError("agent text must be a string")
        text = text.replace("\x00", "")[:MAX_TURN_CHARS]
        if self.ended:
            raise SessionEndedError(f"the contact already ended ({self.end_state})")
        t_start, t_end = self._agent_times(text, start, end)
        if t_end - 0.0 > self.time_limit_seconds:
            return self._time_out(text, t_start, t_end)
        if self.pending_opening is not None:
            return self._answer_greeting(text, t_start, t_end)
        return self._turn(AgentTurn(text=text, history=self._history()), t_start, t_end, agent_text=text)

    def hold(self) -> Reply:
        return self._control("hold")

    def resume(self) -> Reply:
        return self._control("resume")

    def transfer(self) -> Reply:
        """Transfer the contact to another team: it ends for the trainee as ``transferred``, recorded as
        ``[transfer]``.

        This is not the supervisor escalation (:meth:`escalate`) and the engine is not asked: a transfer is
        right only when the customer's problem belongs to another team (policy: *transfer if and only if out
        of scope*). A scenario says so with an acceptable resolution that ends ``transferred``; then the
        customer accepts it and goes along. Otherwise the problem was this team's to handle: the customer
        objects to being passed on (``lines.transferred``, angrier) and no resolution is accepted.
        """
        if self.ended:
            raise SessionEndedError(f"the contact already ended ({self.end_state})")
        t_start, _ = self._agent_times("", None, None)
        state = self.state.copy()
        state.on_hold = False
        state.turn += 1
        handed_on = next(
            (r for r in self.scenario.resolutions if r.acceptable and r.end_state == "transferred"),
            None,
        )
        if handed_on is not None:
            state.accepted.append(handed_on.id)
            options, notes = (
                handed_on.replies,
                [f"agent transferred the contact to the team it belongs to ({handed_on.id})"],
            )
        else:
            state.anger = min(1.0, round(state.anger + TRANSFER_ANGER * state.temper, 3))
            options = self.scenario.lines.transferred
            notes = ["agent transferred an in-scope contact to another team; the customer objects to being passed on"]
        line = fill(options[self.seed % len(options)], self.scenario) if options else ""
        state.ended = "transferred"
        self.turns.append(_TurnRecord("system", "[transfer]", t_start, t_start, action="transfer"))
        return self._finish_handover(state, line, t_start, notes)

    def escalate(self) -> Reply:
        """Escalate to a supervisor: ends the contact as ``escalated``, recorded as ``[escalate]``.

        The engine plays it (its hand-on action, which the engine API calls ``transfer``): the customer accepts
        the scenario's escalation resolution when its prerequisites are met, else goes along
        (``lines.escalated``). The transcript and the scorer tell it from a transfer to another team by the
        record (``[escalate]``, ``action: escalate``) and the end state.
        """
        reply = self._control("transfer")
        record = next(t for t in reversed(self.turns) if t.speaker == "system")
        record.text, record.action = "[escalate]", "escalate"
        return reply

    def end_call(self) -> Reply:
        """The trainee hangs up: ``agent_ended`` (a no-op once the contact is over)."""
        if self.ended:
            return self._reply(Step(state=self.state, text="", end_state=self.end_state), None)
        return self._control("end")

    # -- outputs -------------------------------------------------------------------------------------
    def transcript(self) -> Transcript:
        turns = [
            Turn.model_validate(
                {
                    "speaker": t.speaker,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    **({"acts": t.acts} if t.acts else {}),
                    **({"action": t.action} if t.action else {}),
                }
            )
            for t in self.turns
        ]
        return Transcript(
            id=self.id,
            channel=self.scenario.channel,
            language=self.scenario.language,
            turns=turns,
            metadata={
                "source": "practice",
                "scenario": self.scenario.id,
                "scenario_version": self.scenario.version,
                "engine": self.engine.kind,
                "seed": self.seed,
                "end_state": self.end_state,
                "handle_time_seconds": self.elapsed,
                "verified": self.state.verified,
                "revealed": list(self.state.revealed),
                "accepted_resolutions": list(self.state.accepted),
                "rejected_resolutions": list(self.state.rejected),
                "upsell": self.state.upsell,
                "final_anger": round(self.state.anger, 3),
                "log": list(self.log),
            },
        )

    def to_snapshot(self) -> dict[str, Any]:
        """Everything needed to resume this contact, as plain JSON types."""
        return {
            "snapshot_version": SNAPSHOT_VERSION,
            "id": self.id,
            "scenario": self.scenario.id,
            "scenario_version": self.scenario.version,
            "engine": self.engine.kind,
            "seed": self.seed,
            "started_at": self.started_at,
            "time_limit_seconds": self.time_limit_seconds,
            "end_state": self.end_state,
            "state": self.state.to_dict(),
            "turns": [t.to_dict() for t in self.turns],
            "log": list(self.log),
            **({"pending_opening": self.pending_opening} if self.pending_opening is not None else {}),
        }

    @classmethod
    def from_snapshot(
        cls,
        scenario: Scenario,
        snapshot: dict[str, Any],
        *,
        engine: CustomerEngine | None = None,
        clock: Clock | None = None,
    ) -> Session:
        """Resume a saved contact; raises ValueError when the snapshot does not fit ``scenario``."""
        if not isinstance(snapshot, dict) or snapshot.get("snapshot_version") != SNAPSHOT_VERSION:
            raise ValueError("not a session snapshot (or from an incompatible version)")
        if snapshot.get("scenario") != scenario.id:
            raise ValueError(f"snapshot is for scenario {snapshot.get('scenario')!r}, not {scenario.id!r}")
        try:
            state = CustomerState.from_dict(dict(snapshot["state"]), scenario=scenario)
            turns = [_TurnRecord.from_dict(t) for t in snapshot["turns"]]
            session = cls(
                scenario,
                engine=engine,
                seed=int(snapshot["seed"]),
                clock=clock,
                session_id=str(snapshot["id"]),
                time_limit_seconds=float(snapshot["time_limit_seconds"]),
            )
            session.started_at = float(snapshot["started_at"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"incomplete session snapshot: {exc}") from exc
        session.state = state
        session.turns = turns
        session.log = [str(x) for x in snapshot.get("log", [])]
        session.end_state = state.ended
        pending = snapshot.get("pending_opening")
        session.pending_opening = str(pending) if pending is not None else None
        return session

    # -- internals -----------------------------------------------------------------------------------
    def _history(self) -> tuple[tuple[str, str], ...]:
        return tuple((t.speaker, t.text) for t in self.turns[-HISTORY_TURNS:] if t.text)

    def _agent_times(self, text: str, start: float | None, end: float | None) -> tuple[float, float]:
        last = max((t.end for t in self.turns), default=0.0)
        if start is not None and end is not None and 0 <= start <= end:
            return round(start, 2), round(end, 2)
        now = max(0.0, self.clock.now() - self.started_at)
        t_end = max(now, last)
        t_start = max(last, t_end - _speaking_seconds(text))
        return round(t_start, 2), round(max(t_end, t_start), 2)

    def _control(self, action: Action) -> Reply:
        if self.ended:
            raise SessionEndedError(f"the contact already ended ({self.end_state})")
        t_start, _ = self._agent_times("", None, None)
        return self._turn(AgentTurn(action=action, history=self._history()), t_start, t_start, agent_text=None)

    def _turn(self, turn: AgentTurn, t_start: float, t_end: float, *, agent_text: str | None) -> Reply:
        step = self.engine.step(self.scenario, self.state, turn)  # may raise: nothing changed yet
        agent_record = _TurnRecord(
            "agent" if agent_text is not None else "system",
            agent_text if agent_text is not None else f"[{turn.action}]",
            t_start,
            t_end,
            acts=[str(a) for a in step.acts],
            action=turn.action,
        )
        self.turns.append(agent_record)
        customer_index = None
        if step.text:
            c_start = round(t_end + 0.5, 2)
            self.turns.append(
                _TurnRecord("customer", step.text, c_start, round(c_start + _speaking_seconds(step.text), 2))
            )
            customer_index = len(self.turns) - 1
        self.state = step.state
        self.end_state = step.end_state or self.state.ended
        self.log.extend(f"turn {self.state.turn}: {n}" for n in step.notes)
        if self.end_state:
            self.pending_opening = None
            self.log.append(f"contact ended: {self.end_state}")
        return self._reply(step, customer_index)

    def _answer_greeting(self, text: str, t_start: float, t_end: float) -> Reply:
        """The agent opened the call: the customer answers with the opening line (the engine is not asked)."""
        opening, self.pending_opening = self.pending_opening or "", None
        self.turns.append(_TurnRecord("agent", text, t_start, t_end))
        index = None
        if opening:
            c_start = round(t_end + 0.5, 2)
            self.turns.append(_TurnRecord("customer", opening, c_start, round(c_start + _speaking_seconds(opening), 2)))
            index = len(self.turns) - 1
        self.log.append("agent opened the call; customer stated the problem")
        return self._reply(Step(state=self.state, text=opening), index)

    def _finish_handover(self, state: CustomerState, line: str, at: float, notes: list[str]) -> Reply:
        """End the contact after a hand-on the session plays itself (a transfer): the customer's last line."""
        self.state = state
        self.end_state = state.ended
        self.pending_opening = None
        index = None
        if line:
            c_start = round(at + 0.5, 2)
            self.turns.append(_TurnRecord("customer", line, c_start, round(c_start + _speaking_seconds(line), 2)))
            index = len(self.turns) - 1
        self.log.extend(f"turn {state.turn}: {n}" for n in notes)
        self.log.append(f"contact ended: {self.end_state}")
        return self._reply(Step(state=state, text=line, end_state=state.ended, notes=notes), index)

    def _time_out(self, text: str, t_start: float, t_end: float) -> Reply:
        self.turns.append(_TurnRecord("agent", text, t_start, t_end))
        lines = self.scenario.lines.hang_up
        line = fill(lines[self.state.turn % len(lines)], self.scenario) if lines else ""
        state = self.state.copy()
        state.ended = "timed_out"
        self.state = state
        self.end_state = "timed_out"
        index = None
        if line:
            self.turns.append(
                _TurnRecord("customer", line, round(t_end + 0.5, 2), round(t_end + 0.5 + _speaking_seconds(line), 2))
            )
            index = len(self.turns) - 1
        self.log.append(f"contact ended: timed_out after {t_end:.0f} s (limit {self.time_limit_seconds:.0f} s)")
        return self._reply(Step(state=state, text=line, end_state="timed_out", notes=["time limit reached"]), index)

    def _reply(self, step: Step, index: int | None) -> Reply:
        st = self.state
        return Reply(
            text=step.text,
            end_state=step.end_state,
            acts=[str(a) for a in step.acts if a != Act.OTHER] or [str(a) for a in step.acts],
            revealed=list(step.revealed),
            all_revealed=list(st.revealed),
            anger=round(st.anger, 3),
            mood=st.mood,
            verified=st.verified,
            outcome=st.outcome,
            notes=list(step.notes),
            turn_index=index,
        )
