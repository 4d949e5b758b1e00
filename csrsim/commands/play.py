"""``csrsim play SCENARIO``: practise a contact in the terminal, one trainee line per stdin line.

Works piped (``printf 'hi\\n...' | csrsim play billing-double-charge``): end of input ends
the call as ``agent_ended``. Who speaks first follows the scenario, as in the app: on an inbound
phone call the line opens and the trainee greets the caller first; a chat or an email opens with
the customer's message. Lines starting with ``/`` are call controls: ``/hold``, ``/resume``
(phone), ``/transfer`` (to another team), ``/escalate`` (to a supervisor), ``/end``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from csrsim.errors import CLIError
from domain.loader import load_library
from domain.scorecard import ScoreCard

COMMANDS = {
    "/hold": "hold",
    "/resume": "resume",
    "/transfer": "transfer",
    "/escalate": "escalate",
    "/end": "end_call",
}
LINE_OPEN = "(the line is open: greet the caller)"
"""Printed instead of a customer line when the agent opens (an inbound phone call)."""


def _say(who: str, text: str) -> None:
    if text:
        print(f"{who}: {text}", flush=True)


def _score_summary(card: ScoreCard) -> str:
    overall = "n/a" if card.overall is None else f"{card.overall:.1f}"
    lines = [f"score: {overall} ({'pass' if card.passed else 'fail'})"]
    for name, result in card.criteria.items():
        score = "n/a" if result.score is None else f"{result.score:.0f}"
        lines.append(f"  {name:<22} {score}")
    if card.auto_fail:
        lines.append(f"  auto-fail: {', '.join(card.auto_fail)}")
    lines.extend(f"  tip: {tip}" for tip in card.coaching[:5])
    return "\n".join(lines)


def _find_user(ws: Any, username: str) -> Any:
    from services.accounts import operator

    user = next((u for u in operator(ws.db).list() if u.username == username), None)  # active accounts only
    if user is None:
        raise CLIError(f"no active user {username!r} (see csrsim list-users)")
    return user


class _Call:
    """One call driven from stdin: unsaved (a bare Session) or recorded for a user through services.practice."""

    def __init__(self, session: Any, *, ws: Any = None, user: Any = None, live: Any = None) -> None:
        self.session, self.ws, self.user, self.live = session, ws, user, live

    def say(self, line: str) -> Any:
        if self.live is None:
            return self.session.agent(line)
        from services import practice

        reply = practice.say(self.ws, self.user, self.live, line)
        self.session = self.live.session
        return reply

    def control(self, action: str) -> Any:
        if self.live is None:
            return getattr(self.session, action)()
        from services import practice

        reply = practice.control(self.ws, self.user, self.live, action)
        self.session = self.live.session
        return reply


def play(
    scenario_ref: Annotated[str, typer.Argument(metavar="SCENARIO", help="Library id or path to a scenario YAML.")],
    customer: Annotated[
        Literal["scripted", "llm"], typer.Option("--customer", help="scripted (offline) or llm (CSR_LLM_BASE_URL).")
    ] = "scripted",
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same customer.")] = 0,
    transcript_out: Annotated[
        Path | None, typer.Option("--transcript-out", help="Write the Transcript JSON here (redacted).")
    ] = None,
    no_score: Annotated[bool, typer.Option("--no-score", help="Skip the scorecard at the end.")] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="Record the call for this user exactly as the app does: saved every turn, scored and stored, "
            "assignments, certification, drills and the LRS queue updated.",
        ),
    ] = None,
) -> int:
    """Practise a scenario in the terminal; trainee lines come from stdin (one per turn)."""
    from services import practice

    if user is not None and no_score:
        raise CLIError("--no-score cannot be used with --user: a recorded call is always scored, as in the app")
    ws: Any = None
    account: Any = None
    live: Any = None
    if user is not None:
        from services.workspace import open_workspace

        ws = open_workspace()
        account = _find_user(ws, user)
        library = ws.library
    else:
        library = load_library()
    scenario = library.scenario(scenario_ref)
    try:
        engine = practice.strict_engine(customer)
    except ValueError as exc:
        raise CLIError(str(exc), exit_code=2) from exc
    if ws is not None:
        live = practice.start(ws, account, scenario, engine=engine, seed=seed)
        call = _Call(live.session, ws=ws, user=account, live=live)
    else:
        call = _Call(practice.offline_session(scenario, customer=customer, seed=seed))
    session = call.session
    interactive = sys.stdin.isatty()
    print(f"== {scenario.title}  [{scenario.id}, {scenario.channel}]")
    print(f"   brief: {scenario.brief.customer_name} - {scenario.brief.reason}")
    if live is not None:
        print(f"   recording for {account.username}: session {live.record_id}")
    if interactive:
        controls = " ".join(f"/{c}" for c in practice.controls_for(scenario.channel))
        print(f"   type your replies; {controls} /end; Ctrl-D hangs up".replace("/hold", "/hold /resume"))
    allowed = {*practice.controls_for(scenario.channel), "end_call"}
    if "hold" in allowed:
        allowed.add("resume")
    if session.pending_opening is not None:
        print(LINE_OPEN, flush=True)
    _say("customer", session.opening)
    while not call.session.ended:
        if interactive:
            print("you> ", end="", flush=True)
        raw = sys.stdin.readline()
        if raw == "":
            if live is None:
                call.session.end_call()
            break
        line = raw.rstrip("\r\n")
        command = COMMANDS.get(line.strip().lower())
        if command is not None and command not in allowed:
            print(f"   a {scenario.channel} contact has no {line.strip()} control", file=sys.stderr)
            continue
        if command is not None:
            reply = call.control(command)
        else:
            if not interactive:
                _say("agent", practice.redact_line(line))
            reply = call.say(line)
        _say("customer", reply.text)
    card: ScoreCard | None = None
    if live is not None:
        card_id = practice.end_and_score(ws, account, live)
        card = live.card
        session = live.session
    else:
        session = call.session
    print(f"== end: {session.end_state}  (handle time {session.elapsed:.0f} s, {len(session.turns)} turns)")
    transcript = practice.practice_transcript(session)
    if transcript_out is not None:
        try:
            transcript_out.parent.mkdir(parents=True, exist_ok=True)
            transcript_out.write_text(json.dumps(transcript.model_dump(mode="json"), indent=2), encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"{transcript_out}: cannot write transcript: {exc.strerror or exc}") from exc
        print(f"   transcript written to {transcript_out}")
    if live is not None:
        assert card is not None
        print(_score_summary(card))
        follow = live.follow_up
        print(f"   stored as scorecard {card_id} for {account.username}")
        if follow is not None:
            if follow.certified_plans:
                print(f"   certified: plan(s) {', '.join(map(str, follow.certified_plans))}")
            if follow.closed_drills:
                print(f"   drill(s) closed: {', '.join(map(str, follow.closed_drills))}")
            print(f"   {follow.lrs_queued} statement(s) queued for the learning record store")
            for error in follow.errors:
                print(f"   warning: {error} was not updated (see the log)", file=sys.stderr)
        ws.db.dispose()
    elif not no_score:
        print(_score_summary(practice.score_offline(library, session)))
    return 0


def register(app: typer.Typer) -> None:
    app.command("play")(play)
