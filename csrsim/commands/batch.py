"""``csrsim batch DIR|FILES... --out results.csv``: bulk import, redaction and scoring with a progress bar.

Resumable: a rerun with the same ``--out`` skips files whose content hash already has rows. Bad files go to
``<out>.errors.csv`` and the batch carries on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from csrsim.errors import CLIError

if TYPE_CHECKING:
    from batch.run import BatchSummary

Format = Literal["csv", "jsonl", "parquet"]


def _format_for(out: Path, fmt: str | None) -> Format:
    if fmt:
        return fmt  # type: ignore[return-value]
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "jsonl", "parquet") else "csv"  # type: ignore[return-value]


def _absolute(ref: str | None) -> str | None:
    """A YAML path made absolute, so worker processes (any working directory) find the same file."""
    if ref and ref.endswith((".yaml", ".yml")) and Path(ref).is_file():
        return str(Path(ref).resolve())
    return ref


def _report(summary: BatchSummary) -> str:
    p = summary.paths
    parts = [f"scored {summary.contacts} contact(s) from {summary.scored_files} file(s)"]
    if summary.skipped:
        parts.append(f"{summary.skipped} file(s) skipped as already scored")
    if summary.errors:
        parts.append(f"{summary.errors} problem(s) in {summary.failed_files + 0} file(s): see {p.errors}")
    outputs = ", ".join(str(x) for x in dict.fromkeys([p.results, p.scorecards]))
    return "; ".join(parts) + f" -> {outputs}"


def _resume_hint(summary: BatchSummary, command: str) -> str:
    return (
        f"stopped with {len(summary.pending)} of {summary.files} file(s) not yet scored; results so far are in "
        f"{summary.paths.rows}; rerun the same command to resume ({command})"
    )


def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Directories (searched recursively) and/or files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Results file: one row per contact.")],
    rubric: Annotated[str, typer.Option(help="Rubric id from the library or a path to a rubric YAML.")] = "default",
    scenario: Annotated[str | None, typer.Option(help="Scenario id or YAML path, when every file is one.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, jsonl or parquet (default: from --out's suffix)")
    ] = None,
    scheduler: Annotated[
        str, typer.Option(help="serial, local (process pool) or a Dask scheduler address like tcp://host:8786")
    ] = "local",
    workers: Annotated[int | None, typer.Option(min=1, help="Processes for --scheduler local (default: CPUs).")] = None,
    redact: Annotated[bool, typer.Option("--redact/--no-redact", help="Redact cards and personal data.")] = True,
    speaker_map: Annotated[
        list[str] | None, typer.Option("--speaker-map", help="LABEL=agent|customer, repeatable or comma-separated.")
    ] = None,
    unknown_speaker: Annotated[
        str, typer.Option(help="Role for labels that are not recognised: customer, agent, system or error.")
    ] = "customer",
    agent_channel: Annotated[str, typer.Option(help="Stereo audio: channel of the agent (left/right).")] = "left",
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    follow_symlinks: Annotated[bool, typer.Option(help="Read symlinks that leave the input folder.")] = False,
    channel: Annotated[
        str | None, typer.Option("--channel", help="phone, chat or email: overrides the files' channel.")
    ] = None,
) -> int:
    """Import, redact and score every call file; write rows, full scorecards and an errors file."""
    from pydantic import ValidationError

    from batch.config import BatchConfig
    from batch.outputs import BatchOutputError
    from batch.run import BatchStopped, run_batch
    from batch.schedulers import SchedulerError
    from services.contacts import ImportOptions, parse_speaker_map

    if channel is not None and channel not in ("phone", "chat", "email"):
        raise CLIError(f"--channel must be phone, chat or email, not {channel!r}")
    out_format = _format_for(out, fmt)
    if out_format not in ("csv", "jsonl", "parquet"):
        raise CLIError(f"--format must be csv, jsonl or parquet, not {fmt!r}")
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise CLIError(f"no such file or directory: {', '.join(missing)}")
    try:
        options = ImportOptions(
            speaker_map=parse_speaker_map(speaker_map),
            unknown_speaker=unknown_speaker,  # type: ignore[arg-type]
            redact=redact,
            agent_channel=agent_channel,  # type: ignore[arg-type]
        )
    except (ValueError, ValidationError) as exc:
        first = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        raise CLIError(f"bad import option: {first}") from None
    config = BatchConfig(
        rubric=_absolute(rubric) or rubric,
        scenario=_absolute(scenario),
        import_options=options,
        follow_symlinks=follow_symlinks,
        channel=channel,  # type: ignore[arg-type]
    )

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=sys.stderr)
    bar = Progress(
        TextColumn("[bold]scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not progress,
        transient=False,
        auto_refresh=False,  # no refresh thread: the local pool may then fork workers that share trained models
    )
    task = bar.add_task("files", total=None, rate="")

    def planned(todo: int, skipped: int) -> None:
        bar.update(task, total=todo, refresh=True)
        if skipped:
            console.print(f"skipping {skipped} file(s) already scored in {out}")

    def advanced(_result: object) -> None:
        bar.advance(task)
        t = bar.tasks[0]
        speed = t.speed or 0.0
        bar.update(task, rate=f"{speed * 3600:,.0f} files/h" if speed else "", refresh=True)

    command = "csrsim batch " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else "csrsim batch ..."
    try:
        with bar:
            summary = run_batch(
                inputs,
                out=out,
                config=config,
                fmt=out_format,
                scheduler=scheduler,
                workers=workers,
                on_planned=planned,
                on_result=advanced,
            )
    except BatchStopped as exc:
        raise CLIError(f"{exc}; {_resume_hint(exc.summary, command)}") from None
    except (BatchOutputError, SchedulerError) as exc:
        raise CLIError(str(exc)) from None
    if summary.interrupted:
        print(f"csrsim: interrupted; {_resume_hint(summary, command)}", file=sys.stderr)
        return 130
    if summary.files == 0:
        raise CLIError("no files found in " + ", ".join(str(p) for p in inputs))
    print(_report(summary))
    return 1 if summary.errors and summary.contacts == 0 and summary.skipped == 0 else 0


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
