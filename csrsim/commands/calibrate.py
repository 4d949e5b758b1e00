"""``csrsim calibrate HUMAN.csv``: how well the scorer agrees with human reviewers, per criterion.

Machine scores come from ``--scores`` (scorecards as JSONL, or a JSON array or object as
``csrsim score`` writes them) or from scoring the transcript files given after the CSV.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csrsim.errors import CLIError

if TYPE_CHECKING:
    from domain.scorecard import ScoreCard


class CalibrationFormat(StrEnum):
    table = "table"
    json = "json"


def read_scorecards(path: Path) -> list[ScoreCard]:
    from pydantic import ValidationError

    from domain.scorecard import ScoreCard

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CLIError(f"{path}: cannot read ({exc})") from exc
    items: list[object] = []
    stripped = text.strip()
    try:
        if stripped.startswith("["):
            items = list(json.loads(stripped))
        elif stripped.startswith("{") and "\n{" not in stripped:
            items = [json.loads(stripped)]
        else:
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        items.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise CLIError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    except json.JSONDecodeError as exc:
        raise CLIError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from exc
    cards = []
    for n, item in enumerate(items, start=1):
        try:
            cards.append(ScoreCard.model_validate(item))
        except ValidationError as exc:
            raise CLIError(f"{path}: scorecard {n} is invalid: {exc.errors()[0].get('msg')}") from exc
    return cards


def calibrate(
    human_csv: Annotated[Path, typer.Argument(help="CSV with columns transcript, criterion, score (0-100).")],
    transcripts: Annotated[
        list[Path] | None, typer.Argument(help="Transcript files to score (when --scores is not given).")
    ] = None,
    scores: Annotated[Path | None, typer.Option("--scores", help="Scorecards (JSONL or JSON) to compare.")] = None,
    rubric: Annotated[str | None, typer.Option("--rubric", help="Rubric id or path for scoring transcripts.")] = None,
    scenario: Annotated[str | None, typer.Option("--scenario", help="Scenario id or path for scoring.")] = None,
    output_format: Annotated[CalibrationFormat, typer.Option("--format", help="table or json.")] = (
        CalibrationFormat.table
    ),
) -> int:
    """Agreement per criterion: quadratic-weighted kappa on banded scores, Spearman rho, mean absolute difference."""
    from services.calibration import CalibrationError, agreement, read_human_scores

    try:
        human = read_human_scores(human_csv)
    except CalibrationError as exc:
        raise CLIError(str(exc)) from exc
    if scores is not None:
        cards = read_scorecards(scores)
    elif transcripts:
        from csrsim.commands.score import read_transcripts
        from domain.loader import load_library
        from services.contacts import score_contact, scoring_setup

        setup = scoring_setup(load_library(), rubric_ref=rubric, scenario_ref=scenario)
        cards = [score_contact(t, setup=setup) for path in transcripts for t in read_transcripts(path)]
    else:
        raise CLIError("give transcript files to score or --scores with scorecards")
    known = {c.transcript for c in cards}
    matched = {h.transcript for h in human} & known
    if not matched:
        raise CLIError("no transcript in the human scores matches a scored transcript id")
    rows = agreement(human, cards)
    if output_format is CalibrationFormat.json:
        typer.echo(json.dumps({"transcripts": len(matched), "criteria": [r.as_dict() for r in rows]}, indent=2))
        return 0

    def fmt(x: float | None) -> str:
        return "   n/a" if x is None else f"{x:6.2f}"

    typer.echo(f"{len(matched)} transcripts matched")
    typer.echo(f"{'criterion':<18} {'n':>3} {'kappa':>6} {'rho':>6} {'MAD':>6}")
    for r in rows:
        typer.echo(f"{r.criterion:<18} {r.n:>3} {fmt(r.kappa)} {fmt(r.spearman)} {fmt(r.mean_abs_diff)}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate)
