"""Practice: one simulated call per trainee, saved to the database after every turn, scored at the end.

Each turn is played on a copy restored from the last saved snapshot and only replaces the live session once the
save succeeded, so a stale tab (another tab saved first) changes nothing and gets ``StaleSessionError``.
The caller keeps the :class:`Live` object (the app: the trainee's ``st.session_state``) and passes the customer
engine in (the app caches one per process; the CLI makes its own).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.config import Settings
from domain.loader import Library
from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from domain.transcript import Transcript
from services.contacts import practice_setup, score_contact
from services.goal_check import with_goal_check
from services.redacting import redact_practice_transcript, redact_saved, redact_turn_rows
from services.workspace import Workspace
from simulator import Reply, Session, make_engine
from storage import AssignmentRepo, PracticeRepo, StaleSessionError
from storage.types import AssignmentRecord, PracticeRecord, UserInfo

logger = logging.getLogger(__name__)

CONTROLS = ("hold", "resume", "transfer", "escalate", "end_call")


def controls_for(channel: str) -> tuple[str, ...]:
    """The call controls a channel has: hold only on the phone; an email can only be escalated (no live
    transfer); phone and chat can be transferred to another team or escalated to a supervisor."""
    if channel == "phone":
        return ("hold", "transfer", "escalate")
    if channel == "chat":
        return ("transfer", "escalate")
    return ("escalate",)


@dataclass
class Live:
    """What the trainee's tab knows about its call: the session, its saved version, recordings by turn."""

    record_id: str
    version: int
    session: Session
    audio: dict[int, str] = field(default_factory=dict)
    last_reply: Reply | None = None
    scorecard_id: int | None = None
    card: ScoreCard | None = None
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class FollowUp:
    """What finishing a call changed beyond its scorecard (the page and ``csrsim play --user`` report it)."""

    closed_drills: list[int] = field(default_factory=list)
    certified_plans: list[int] = field(default_factory=list)
    lrs_queued: int = 0
    errors: list[str] = field(default_factory=list)


def customer_engine(kind: str) -> Any:
    """A customer engine of ``kind``; an unreachable or unconfigured LLM falls back to the scripted customer."""
    try:
        return make_engine(kind)  # type: ignore[arg-type]
    except Exception as exc:  # an unreachable or unconfigured LLM must not stop practice
        logger.warning("customer engine %r unavailable (%s); using the scripted customer", kind, exc)
        return make_engine("scripted")


def engine_kind(ws: Workspace) -> str:
    return "llm" if ws.settings.llm_enabled else "scripted"


def _saved(live: Live) -> dict[str, Any]:
    """The snapshot as stored: redacted (a card number typed in practice never reaches the database)."""
    return redact_saved({"session": live.session.to_snapshot(), "audio": {str(k): v for k, v in live.audio.items()}})


def _turn_rows(live: Live) -> list[dict[str, Any]]:
    rows = [{**turn, "audio_path": live.audio.get(i)} for i, turn in enumerate(live.session.to_snapshot()["turns"])]
    return redact_turn_rows(rows)


def practice_transcript(session: Session) -> Transcript:
    """What a practice call is scored and kept as: the session's transcript with the simulator's goal check in
    its metadata (the resolution criterion's evidence), redacted like an imported call."""
    return redact_practice_transcript(with_goal_check(session.scenario, session.transcript()))


def start(ws: Workspace, user: UserInfo, scenario: Scenario, *, engine: Any, seed: int | None = None) -> Live:
    """Start and save a call (seed: given, else ``CSR_PRACTICE_SEED``, else random)."""
    if seed is None:
        seed = ws.settings.practice_seed
    if seed is None:
        seed = random.randrange(10**6)
    session = Session.start(scenario, engine=engine, seed=seed, agent_opens=scenario.agent_opens)
    live = Live(record_id=session.id, version=1, session=session)
    PracticeRepo(ws.db).start(
        user, scenario_id=scenario.id, snapshot=_saved(live), turns=_turn_rows(live), session_id=session.id
    )
    return live


def resume(ws: Workspace, user: UserInfo, record_id: str, *, engine_for: Callable[[str], Any]) -> Live:
    """Load a saved session (the caller's tab becomes the one that may write it next)."""
    record = PracticeRepo(ws.db).get(user, record_id)
    saved = record.snapshot
    try:
        scenario = ws.library.scenario(record.scenario_id)
        engine = engine_for(str(saved["session"].get("engine", "scripted")))
        session = Session.from_snapshot(scenario, saved["session"], engine=engine)
    except (KeyError, TypeError, ValueError, LookupError) as exc:
        raise ValueError(f"This saved call cannot be resumed ({exc}); end it to start another.") from exc
    return Live(
        record_id=record.id,
        version=record.version,
        session=session,
        audio={int(k): v for k, v in saved.get("audio", {}).items()},
        scorecard_id=record.scorecard_id,
    )


def unfinished(ws: Workspace, user: UserInfo) -> list[PracticeRecord]:
    return PracticeRepo(ws.db).unfinished(user)


def open_assignments(ws: Workspace, user: UserInfo) -> list[AssignmentRecord]:
    return AssignmentRepo(ws.db).list(user, open_only=True)


def _copy(live: Live) -> Live:
    session = Session.from_snapshot(live.session.scenario, live.session.to_snapshot(), engine=live.session.engine)
    session.clock = live.session.clock
    return Live(live.record_id, live.version, session, dict(live.audio))


def _play(ws: Workspace, user: UserInfo, live: Live, act: Callable[[Live], Reply]) -> Reply:
    """Run ``act`` on a copy, save it, then make it the live one. Raises StaleSessionError untouched."""
    trial = _copy(live)
    reply = act(trial)
    new_version = PracticeRepo(ws.db).save_turns(
        user, live.record_id, expected_version=live.version, snapshot=_saved(trial), turns=_turn_rows(trial)
    )
    live.session, live.version, live.audio, live.last_reply = trial.session, new_version, trial.audio, reply
    return reply


def say(ws: Workspace, user: UserInfo, live: Live, text: str) -> Reply:
    return _play(ws, user, live, lambda lv: lv.session.agent(text))


def say_audio(ws: Workspace, user: UserInfo, live: Live, wav: bytes) -> Reply | None:
    """Transcribe a recorded answer (saved under recordings/<session>/turn-<n>.wav) and play it as a turn;
    None when no speech was heard. A draft of exactly these bytes heard ahead (``services.speculative``) is used
    instead of hearing them again."""
    import speech
    from services import speculative

    index = len(live.session.turns)
    language = live.session.scenario.language
    answer = speech.transcribe_trainee_answer(
        wav,
        session_id=live.record_id,
        turn_index=index,
        offset_seconds=live.session.elapsed,
        recordings_dir=ws.settings.recordings_dir,
        options=speech.answer_options(language),
        # drafts are heard with the English answer settings: only an English call can use one
        heard=speculative.take(wav) if language == "en" else None,
    )
    if answer.empty:
        return None

    def act(lv: Live) -> Reply:
        lv.audio[index] = str(answer.audio_path)
        return lv.session.agent(answer.text, start=answer.start, end=answer.end)

    return _play(ws, user, live, act)


def control(ws: Workspace, user: UserInfo, live: Live, action: str) -> Reply:
    """A call control: hold, resume, transfer, escalate or end_call (hold/resume only on a phone call)."""
    if action not in CONTROLS:
        raise ValueError(f"unknown call control {action!r}; expected one of {', '.join(CONTROLS)}")
    allowed = {*controls_for(live.session.scenario.channel), "end_call"}
    if action not in allowed and not (action == "resume" and "hold" in allowed):
        raise ValueError(f"a {live.session.scenario.channel} contact has no {action!r} control")
    return _play(ws, user, live, lambda lv: getattr(lv.session, action)())


def end_and_score(ws: Workspace, user: UserInfo, live: Live) -> int:
    """Hang up if needed, score with the scenario's rubric and store session + scorecard in one transaction;
    the trainee's open assignment of this scenario is marked done only when the call PASSED (not scorable,
    a scoring error or a fail leave it open). Returns the scorecard id."""
    trial = _copy(live)
    if not trial.session.ended:
        trial.session.end_call()
    scenario = trial.session.scenario
    setup = practice_setup(ws.library, scenario)
    transcript = practice_transcript(trial.session)
    card = score_contact(transcript, setup=setup)
    rubric_yaml, rubric_revision = ws.rubric_snapshot(setup.rubric.id)
    card_id = PracticeRepo(ws.db).finish(
        user,
        live.record_id,
        expected_version=live.version,
        snapshot=_saved(trial),
        turns=_turn_rows(trial),
        card=card,
        transcript=transcript,
        rubric_yaml=rubric_yaml,
        rubric_revision=rubric_revision,
    )
    if card.passed:  # an empty, unscorable, errored or failed call never completes an assignment
        AssignmentRepo(ws.db).complete(user, scenario_id=scenario.id)
    live.session, live.version, live.scorecard_id, live.card = trial.session, live.version + 1, card_id, card
    live.follow_up = follow_up(ws, user, card_id)
    return card_id


def follow_up(ws: Workspace, user: UserInfo, card_id: int) -> FollowUp:
    """After a stored practice scorecard: issue certificates now due, close drills this pass finishes, and queue
    the learning-record-store statements. The scorecard is already safe; a failure here is logged and reported,
    and ``csrsim lrs push`` (which collects anything missed) or the next finished call catches up."""
    from services import certification, drills, lrs

    closed: list[int] = []
    certified: list[int] = []
    queued = 0
    errors: list[str] = []
    try:
        certified = [
            p.plan_id
            for p in certification.plans_for(ws.db, user, trainee_id=user.id)
            if p.certificate_id is not None and card_id in _run_ids(ws, p.certificate_id)
        ]
    except Exception as exc:  # the call is stored; a certification error must not lose it
        logger.exception("certification after scorecard %s failed", card_id)
        errors.append(f"certification: {type(exc).__name__}")
    try:
        closed = drills.close_finished(ws.db, trainee_id=user.id)
    except Exception as exc:
        logger.exception("closing drills after scorecard %s failed", card_id)
        errors.append(f"drills: {type(exc).__name__}")
    try:
        queued = lrs.queue_practice(ws.db, card_id)
    except Exception as exc:
        logger.exception("queueing LRS statements for scorecard %s failed", card_id)
        errors.append(f"learning record store: {type(exc).__name__}")
    return FollowUp(closed_drills=closed, certified_plans=certified, lrs_queued=queued, errors=errors)


def _run_ids(ws: Workspace, certificate_id: int) -> list[int]:
    """The scorecards that earned a certificate (so only a certificate this call completed is reported)."""
    import json

    from storage.qa import Certificate

    with ws.db.transaction() as s:
        cert = s.get(Certificate, certificate_id)
        return [] if cert is None else [int(x) for x in json.loads(cert.scorecard_ids_json)]


def abandon(ws: Workspace, user: UserInfo, record: PracticeRecord) -> None:
    PracticeRepo(ws.db).abandon(user, record.id, expected_version=record.version)


def redact_line(text: str) -> str:
    """A trainee's line as the terminal may echo it (card data replaced, like everything the product prints)."""
    from importers.redaction import redact_text

    return redact_text(text).text


def strict_engine(kind: str) -> Any:
    """The customer engine asked for, or ValueError saying why not (the command line does not fall back)."""
    return make_engine(kind)  # type: ignore[arg-type]


def offline_session(scenario: Scenario, *, customer: str, seed: int) -> Session:
    """A call that is not saved (``csrsim play``): the customer engine asked for, or ValueError saying why not.

    Who opens follows the scenario exactly as in the app (:func:`start`): on an inbound phone call the agent
    answers, so nothing is said until the trainee's greeting; a chat or email opens with the customer."""
    return Session.start(
        scenario,
        engine=make_engine(customer),  # type: ignore[arg-type]
        seed=seed,
        agent_opens=scenario.agent_opens,
    )


def score_offline(library: Library, session: Session) -> ScoreCard:
    """Score a finished unsaved call the way a saved one is scored (the scenario's rubric and policy packs, the
    simulator's goal check as resolution evidence)."""
    return score_contact(practice_transcript(session), setup=practice_setup(library, session.scenario))


TYPING_CHARS_PER_SECOND = 40.0
"""How fast the simulated chat customer types: a one-line reply shows after about a second, a long one later."""


def typing_seconds(text: str, *, settings: Settings) -> float:
    """How long the chat customer is shown typing before ``text`` appears: its length at a typing speed,
    bounded by ``settings.chat_typing_min_seconds`` and ``chat_typing_max_seconds`` (0: no pause at all).

    A real chat partner's reply never arrives the instant the agent presses Enter; the pause gives the trainee
    the rhythm of a real chat (and time to read their own line) without ever holding up the server.
    """
    high = settings.chat_typing_max_seconds
    if high <= 0 or not text.strip():
        return 0.0
    low = min(settings.chat_typing_min_seconds, high)
    return round(min(high, max(low, len(text.strip()) / TYPING_CHARS_PER_SECOND)), 2)


def recordings(live: Live, *, settings: Settings) -> dict[int, Path]:
    """The trainee's recorded answers of this call by transcript turn index (each turn's own clip), for the
    scorecard to play beside its evidence; only files that exist inside the recordings directory."""
    return _kept_recordings(live.audio, settings=settings)


def recorded_turns(ws: Workspace, viewer: UserInfo, session_id: str) -> dict[int, Path]:
    """The recorded answers of a stored practice call by transcript turn index (the Review page's voice calls).

    Read through the same access rule as the call itself (a trainee their own, staff any); a call the viewer may
    not read, or one without recordings, has none.
    """
    from storage import StorageError

    try:
        record = PracticeRepo(ws.db).get(viewer, session_id)
    except StorageError:
        return {}
    paths = {int(t["index"]): str(t["audio_path"]) for t in record.turns if t.get("audio_path")}
    return _kept_recordings(paths, settings=ws.settings)


def _kept_recordings(paths: dict[int, str], *, settings: Settings) -> dict[int, Path]:
    """Only clips that exist under ``settings.recordings_dir``: a stored path is never followed elsewhere."""
    root = settings.recordings_dir.resolve()
    kept: dict[int, Path] = {}
    for index, raw in sorted(paths.items()):
        path = Path(raw).resolve()
        if path.is_relative_to(root) and path.is_file():
            kept[index] = path
        else:
            logger.info("recording of turn %s is missing or outside the recordings directory", index)
    return kept


__all__ = ["FollowUp", "Live", "StaleSessionError"]
