"""``csrsim score FILE...``: score transcripts against a rubric (and optionally a scenario) and print scorecards.

Files are read, scored and annotated by :mod:`services.contacts`, the same path as ``csrsim batch`` and the
Review page. JSON output is one object for one transcript and an array for several; CSV is the one flat
scorecard row (``ScoreCard.to_row``, the columns ``csrsim batch`` writes); table is for people.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csrsim.errors import CLIError
from domain.fileio import write_atomic

CHANNELS = ("phone", "chat", "email")

if TYPE_CHECKING:
    from domain.scorecard import ScoreCard
    from domain.transcript import Transcript

logger = logging.getLogger(__name__)


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"
    table = "table"


def read_transcripts(path: Path) -> list[Transcript]:
    """Every transcript in ``path`` (any importable format); a file that cannot be read is a CLIError naming it."""
    from services.contacts import read_file

    if not path.is_file():
        raise CLIError(f"{path}: no such file")
    try:
        return read_file(path)
    except (ValueError, OSError) as exc:
        raise CLIError(f"{path}: {exc}" if str(path) not in str(exc) else str(exc)) from exc


def cards_as_json(cards: Sequence[ScoreCard]) -> str:
    payload = [c.to_json_dict() for c in cards]
    return json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False) + "\n"


def cards_as_csv(cards: Sequence[ScoreCard], *, criteria: Sequence[str] | None = None) -> str:
    """The one flat scorecard row per card (``ScoreCard.to_row``): the same columns ``csrsim batch`` writes."""
    from domain.scorecard import rows_as_csv, scorecard_columns

    names: list[str] = list(criteria or [])
    for card in cards:
        names.extend(n for n in card.criteria if n not in names)
    return rows_as_csv((c.to_row(criteria=names) for c in cards), columns=scorecard_columns(names))


def cards_as_table(cards: Sequence[ScoreCard]) -> str:
    lines: list[str] = []
    for card in cards:
        overall = "n/a" if card.overall is None else f"{card.overall:.1f}"
        verdict = "PASS" if card.passed else "FAIL"
        fails = f"  auto-fail: {', '.join(card.auto_fail)}" if card.auto_fail else ""
        if card.not_scorable is not None:
            verdict = f"NOT SCORABLE ({card.not_scorable})"
        if card.error is not None:
            verdict = f"ERROR ({card.error.criterion}: {card.error.message})"
        lines.append(
            f"{card.transcript}  rubric {card.rubric.id} v{card.rubric.version}  overall {overall}  {verdict}{fails}"
        )
        for name, c in card.criteria.items():
            score = "n/a" if c.score is None else f"{c.score:5.1f}"
            reason = c.reasons[0] if c.reasons else ""
            lines.append(f"  {name:<18} {score:>5}  w={c.weight:.2f}  {reason}")
        for tip in card.coaching:
            lines.append(f"  tip: {tip}")
        lines.append("")
    return "\n".join(lines)


def write_output(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    write_atomic(out, text)


def score(
    files: Annotated[list[Path], typer.Argument(help="Transcript files (JSON, text, CSV, VTT, SRT, audio).")],
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="Rubric id or YAML path (default: the scenario's, else 'default').")
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", help="Scenario id or YAML path (practice calls).")
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="json, csv or table.")] = OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")] = None,
    llm_judge: Annotated[
        bool, typer.Option("--llm-judge", help="Also ask the LLM at CSR_LLM_BASE_URL (scores go in metadata).")
    ] = False,
    channel: Annotated[
        str | None, typer.Option("--channel", help="phone, chat or email: overrides the files' channel.")
    ] = None,
) -> int:
    """Score transcripts against a rubric; print scorecards as JSON, CSV or a table."""
    import hashlib

    from domain.config import get_settings
    from domain.loader import load_library
    from services.contacts import annotate, score_contact, scoring_setup
    from services.contacts import llm_judge as llm_judge_from

    if channel is not None and channel not in CHANNELS:
        raise CLIError(f"--channel must be phone, chat or email, not {channel!r}")
    setup = scoring_setup(load_library(), rubric_ref=rubric, scenario_ref=scenario)
    judge = None
    if llm_judge:
        judge = llm_judge_from(get_settings())
        if judge is None:
            raise CLIError("--llm-judge needs CSR_LLM_BASE_URL (an OpenAI-compatible endpoint)")
    cards = []
    for path in files:
        transcripts = read_transcripts(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        for transcript in transcripts:
            card = score_contact(transcript, setup=setup, judge=judge, channel=channel)  # type: ignore[arg-type]  # checked against CHANNELS above
            cards.append(annotate(card, transcript, source_file=str(path), content_hash=digest))
    if not cards:
        raise CLIError("no transcripts found in the given files")
    rubric_criteria = list(setup.rubric.criteria)
    if output_format is OutputFormat.csv:
        text = cards_as_csv(cards, criteria=rubric_criteria)
    else:
        text = cards_as_json(cards) if output_format is OutputFormat.json else cards_as_table(cards)
    write_output(text, out)
    errored = [c for c in cards if c.error is not None]
    if errored:
        # Fail closed: a card whose criterion raised is written (so nothing is lost) but the run fails.
        first = errored[0].error
        assert first is not None
        raise CLIError(
            f"{len(errored)} scorecard(s) could not be completed: {errored[0].transcript}: "
            f"criterion {first.criterion} raised {first.message}"
        )
    return 0


def register(app: typer.Typer) -> None:
    app.command("score")(score)
