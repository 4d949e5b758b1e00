"""``csrsim play SCENARIO``: practise a contact in the terminal, one trainee line per stdin line.

Works piped (``printf 'hi\\n...' | csrsim play billing-double-charge``): end of input ends
the call as ``agent_ended``. Lines starting with ``/`` are call controls: ``/hold``,
``/resume``, ``/transfer``, ``/end``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from csrsim.errors import CLIError
from domain.loader import load_library
from domain.scorecard import ScoreCard

COMMANDS = {"/hold": "hold", "/resume": "resume", "/transfer": "transfer", "/end": "end_call"}


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


def play(
    scenario_ref: Annotated[str, typer.Argument(metavar="SCENARIO", help="Library id or path to a scenario YAML.")],
    customer: Annotated[
        Literal["scripted", "llm"], typer.Option("--customer", help="scripted (offline) or llm (CSR_LLM_BASE_URL).")
    ] = "scripted",
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same customer.")] = 0,
    transcript_out: Annotated[
        Path | None, typer.Option("--transcript-out", help="Write the Transcript JSON here.")
    ] = None,
    no_score: Annotated[bool, typer.Option("--no-score", help="Skip the scorecard at the end.")] = False,
) -> int:
    """Practise a scenario in the terminal; trainee lines come from stdin (one per turn)."""
    from services.practice import offline_session, score_offline

    library = load_library()
    scenario = library.scenario(scenario_ref)
    try:
        session = offline_session(scenario, customer=customer, seed=seed)
    except ValueError as exc:
        raise CLIError(str(exc), exit_code=2) from exc
    interactive = sys.stdin.isatty()
    print(f"== {scenario.title}  [{scenario.id}, {scenario.channel}]")
    print(f"   brief: {scenario.brief.customer_name} - {scenario.brief.reason}")
    if interactive:
        print("   type your replies; /hold /resume /transfer /end; Ctrl-D hangs up")
    _say("customer", session.opening)
    while not session.ended:
        if interactive:
            print("you> ", end="", flush=True)
        raw = sys.stdin.readline()
        if raw == "":
            session.end_call()
            break
        line = raw.rstrip("\r\n")
        command = COMMANDS.get(line.strip().lower())
        if command is not None:
            reply = getattr(session, command)()
        else:
            if not interactive:
                _say("agent", line)
            reply = session.agent(line)
        _say("customer", reply.text)
    print(f"== end: {session.end_state}  (handle time {session.elapsed:.0f} s, {len(session.turns)} turns)")
    transcript = session.transcript()
    if transcript_out is not None:
        try:
            transcript_out.parent.mkdir(parents=True, exist_ok=True)
            transcript_out.write_text(json.dumps(transcript.model_dump(mode="json"), indent=2), encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"{transcript_out}: cannot write transcript: {exc.strerror or exc}") from exc
        print(f"   transcript written to {transcript_out}")
    if not no_score:
        print(_score_summary(score_offline(library, session)))
    return 0


def register(app: typer.Typer) -> None:
    app.command("play")(play)
