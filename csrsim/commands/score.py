"""``csrsim score FILE...``: score transcripts against a rubric (and optionally a scenario) and print scorecards.

Files are read by ``importers.read_path`` (any importable format). Until that exists in a
checkout, only Transcript JSON is read. JSON output is one object for one transcript and an
array for several; CSV is one row per transcript; table is for people.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csrsim.errors import CLIError
from domain.fileio import write_atomic

if TYPE_CHECKING:
    from domain.scorecard import ScoreCard
    from domain.transcript import Transcript

logger = logging.getLogger(__name__)


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"
    table = "table"


def read_transcripts(path: Path) -> list[Transcript]:
    """Every transcript in ``path``; a file that cannot be read is a CLIError naming it."""
    if not path.is_file():
        raise CLIError(f"{path}: no such file")
    reader: Callable[[Path], list[Transcript]] | None
    try:
        from importers import read_path as reader
    except ImportError:
        reader = None  # importers not built in this checkout: Transcript JSON only
    if reader is not None:
        try:
            return list(reader(path))
        except (ValueError, OSError) as exc:
            raise CLIError(f"{path}: {exc}" if str(path) not in str(exc) else str(exc)) from exc
    from pydantic import ValidationError

    from domain.transcript import Transcript

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CLIError(f"{path}: cannot read ({exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CLIError(f"{path}:{exc.lineno}: not Transcript JSON ({exc.msg})") from exc
    items = data if isinstance(data, list) else [data]
    out = []
    for n, item in enumerate(items):
        try:
            out.append(Transcript.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err.get("loc", ()))
            label = f"{path}[{n}]" if isinstance(data, list) else str(path)
            raise CLIError(f"{label}: invalid transcript: {where}: {err.get('msg')}") from exc
    return out


def cards_as_json(cards: Sequence[ScoreCard]) -> str:
    payload = [c.to_json_dict() for c in cards]
    return json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False) + "\n"


def cards_as_csv(cards: Sequence[ScoreCard]) -> str:
    names: list[str] = []
    for card in cards:
        names.extend(n for n in card.criteria if n not in names)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["transcript", "rubric", "rubric_version", "overall", "passed", "auto_fail", *names, "coaching"])
    for card in cards:
        scores = []
        for name in names:
            c = card.criteria.get(name)
            scores.append("" if c is None or c.score is None else f"{c.score:g}")
        writer.writerow(
            [
                card.transcript,
                card.rubric.id,
                card.rubric.version,
                "" if card.overall is None else f"{card.overall:g}",
                str(card.passed).lower(),
                ";".join(card.auto_fail),
                *scores,
                " | ".join(card.coaching),
            ]
        )
    return buf.getvalue()


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
    from domain.config import get_settings
    from domain.loader import load_library
    from scoring import score_transcript
    from scoring.judge import LLMJudge

    library = load_library()
    setup = library.scoring_setup(scenario_ref=scenario, rubric_ref=rubric)
    sc, rb, policies = setup.scenario, setup.rubric, setup.policies
    judge = None
    if llm_judge:
        judge = LLMJudge.from_settings(get_settings())
        if judge is None:
            raise CLIError("--llm-judge needs CSR_LLM_BASE_URL (an OpenAI-compatible endpoint)")
    transcripts = [t for path in files for t in read_transcripts(path)]
    if not transcripts:
        raise CLIError("no transcripts found in the given files")
    if channel is not None and channel not in ("phone", "chat", "email"):
        raise CLIError(f"--channel must be phone, chat or email, not {channel!r}")
    cards = [
        score_transcript(t, rubric=rb, scenario=sc, policies=policies, judge=judge, channel=channel)  # type: ignore[arg-type]
        for t in transcripts
    ]
    render = {OutputFormat.json: cards_as_json, OutputFormat.csv: cards_as_csv, OutputFormat.table: cards_as_table}
    write_output(render[output_format](cards), out)
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
