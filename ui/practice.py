"""The practice controller: one simulated call per trainee, saved to the database after every turn.

The live ``Session`` sits in the trainee's ``st.session_state``; each turn is played on a
copy restored from the last saved snapshot and only replaces the live one once the save
succeeded, so a stale tab (another tab saved first) changes nothing and is told so.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from simulator import Reply, Session, make_engine
from storage import AssignmentRepo, PracticeRepo, StaleSessionError, UserInfo
from storage.types import PracticeRecord
from ui.resources import database, document_yaml, library, saved_revision, settings

KEY = "practice_live"
logger = logging.getLogger(__name__)


@dataclass
class Live:
    """What the trainee's tab knows about its call: the session, its saved version, recordings by turn."""

    record_id: str
    version: int
    session: Session
    audio: dict[int, str] = field(default_factory=dict)
    last_reply: Reply | None = None
    scorecard_id: int | None = None


@st.cache_resource(show_spinner=False)
def _engine(kind: str) -> Any:
    try:
        return make_engine(kind)  # type: ignore[arg-type]
    except Exception as exc:  # an unreachable or unconfigured LLM must not stop practice
        logger.warning("customer engine %r unavailable (%s); using the scripted customer", kind, exc)
        return make_engine("scripted")


def engine_kind() -> str:
    return "llm" if settings().llm_enabled else "scripted"


def _saved(live: Live) -> dict[str, Any]:
    return {"session": live.session.to_snapshot(), "audio": {str(k): v for k, v in live.audio.items()}}


def _turn_rows(live: Live) -> list[dict[str, Any]]:
    rows = []
    for i, turn in enumerate(live.session.to_snapshot()["turns"]):
        rows.append({**turn, "audio_path": live.audio.get(i)})
    return rows


def current() -> Live | None:
    live = st.session_state.get(KEY)
    return live if isinstance(live, Live) else None


def start(user: UserInfo, scenario: Scenario, *, seed: int | None = None) -> Live:
    if seed is None:
        seed = settings().practice_seed
    if seed is None:
        seed = random.randrange(10**6)
    session = Session.start(scenario, engine=_engine(engine_kind()), seed=seed)
    live = Live(record_id=session.id, version=1, session=session)
    PracticeRepo(database()).start(
        user, scenario_id=scenario.id, snapshot=_saved(live), turns=_turn_rows(live), session_id=session.id
    )
    st.session_state[KEY] = live
    return live


def resume(user: UserInfo, record_id: str) -> Live:
    """Load a saved session (this tab becomes the one that may write it next)."""
    record = PracticeRepo(database()).get(user, record_id)
    saved = record.snapshot
    try:
        scenario = library().scenario(record.scenario_id)
        engine = _engine(str(saved["session"].get("engine", "scripted")))
        session = Session.from_snapshot(scenario, saved["session"], engine=engine)
    except (KeyError, TypeError, ValueError, LookupError) as exc:
        raise ValueError(f"This saved call cannot be resumed ({exc}); end it to start another.") from exc
    live = Live(
        record_id=record.id,
        version=record.version,
        session=session,
        audio={int(k): v for k, v in saved.get("audio", {}).items()},
        scorecard_id=record.scorecard_id,
    )
    st.session_state[KEY] = live
    return live


def unfinished(user: UserInfo) -> list[PracticeRecord]:
    return PracticeRepo(database()).unfinished(user)


def _play(user: UserInfo, live: Live, act: Any) -> Reply:
    """Run ``act(session)`` on a copy, save it, then make it the live one. Raises StaleSessionError untouched."""
    snapshot = live.session.to_snapshot()
    trial = Session.from_snapshot(live.session.scenario, snapshot, engine=live.session.engine)
    trial.clock = live.session.clock
    trial_live = Live(live.record_id, live.version, trial, dict(live.audio))
    reply: Reply = act(trial_live)
    new_version = PracticeRepo(database()).save_turns(
        user, live.record_id, expected_version=live.version, snapshot=_saved(trial_live), turns=_turn_rows(trial_live)
    )
    live.session, live.version, live.audio, live.last_reply = trial, new_version, trial_live.audio, reply
    return reply


def say(user: UserInfo, live: Live, text: str) -> Reply:
    return _play(user, live, lambda lv: lv.session.agent(text))


def say_audio(user: UserInfo, live: Live, wav: bytes) -> Reply | None:
    """Transcribe a recorded answer (saved under recordings/<session>/turn-<n>.wav) and play it as a turn."""
    import speech

    index = len(live.session.turns)
    offset = live.session.elapsed
    answer = speech.transcribe_trainee_answer(
        wav,
        session_id=live.record_id,
        turn_index=index,
        offset_seconds=offset,
        recordings_dir=settings().recordings_dir,
    )
    if answer.empty:
        return None

    def act(lv: Live) -> Reply:
        lv.audio[index] = str(answer.audio_path)
        return lv.session.agent(answer.text, start=answer.start, end=answer.end)

    return _play(user, live, act)


def control(user: UserInfo, live: Live, action: str) -> Reply:
    return _play(user, live, lambda lv: getattr(lv.session, action)())


def end_and_score(user: UserInfo, live: Live) -> int:
    """Hang up if needed, score with the scenario's rubric and store session + scorecard in one transaction."""
    session = Session.from_snapshot(live.session.scenario, live.session.to_snapshot(), engine=live.session.engine)
    session.clock = live.session.clock
    if not session.ended:
        session.end_call()
    trial = Live(live.record_id, live.version, session, dict(live.audio))
    scenario = session.scenario
    lib = library()
    rubric = lib.rubric(scenario.rubric)
    transcript = session.transcript()
    card = score(transcript, scenario=scenario)
    card_id = PracticeRepo(database()).finish(
        user,
        live.record_id,
        expected_version=live.version,
        snapshot=_saved(trial),
        turns=_turn_rows(trial),
        card=card,
        transcript=transcript,
        rubric_yaml=document_yaml("rubric", rubric.id),
        rubric_revision=saved_revision("rubric", rubric.id),
    )
    AssignmentRepo(database()).complete(user, scenario_id=scenario.id)
    live.session, live.version, live.scorecard_id = session, live.version + 1, card_id
    return card_id


def abandon(user: UserInfo, record: PracticeRecord) -> None:
    PracticeRepo(database()).abandon(user, record.id, expected_version=record.version)


def close() -> None:
    st.session_state.pop(KEY, None)


def score(transcript: Any, *, scenario: Scenario | None = None, rubric_ref: str | None = None) -> ScoreCard:
    """Score with the effective library's rubric (the scenario's, or ``rubric_ref``, or ``default``)."""
    import scoring

    lib = library()
    rubric = lib.rubric(rubric_ref or (scenario.rubric if scenario else "default"))
    if scenario is not None:
        policies = lib.policies_for(scenario)
    else:
        policies = [lib.policies[p] for p in rubric.policies if p in lib.policies]
    return scoring.score_transcript(transcript, rubric=rubric, scenario=scenario, policies=policies)


def recordings(live: Live) -> list[Path]:
    return [Path(p) for _, p in sorted(live.audio.items())]


__all__ = ["Live", "StaleSessionError"]
