"""``csrsim doctor [SCENARIO|--all]``: play scenarios with scripted agents; fail on one that rewards the wrong agent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csrsim.errors import CLIError
from domain.loader import load_library


def doctor(
    scenario_ref: Annotated[
        str | None, typer.Argument(metavar="[SCENARIO]", help="Library id or path to a scenario YAML.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Check every scenario in the library.")] = False,
    eval_dir: Annotated[
        Path | None,
        typer.Option("--eval-dir", help="Paraphrase sets (default evaluation/customer/ in the project)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for the customer.")] = 0,
) -> int:
    """Play each scenario with good, paraphrasing, cold, rude and keyword-stuffing agents and print the outcomes."""
    from services.scenario_checks import doctor as run_doctor

    if scenario_ref is None and not all_:
        raise CLIError("give a SCENARIO or --all")
    library = load_library()
    scenarios = (
        sorted(library.scenarios.values(), key=lambda s: s.id) if all_ else [library.scenario(scenario_ref or "")]
    )
    try:
        checks = run_doctor(scenarios, eval_dir=eval_dir, seed=seed)
    except ValueError as exc:
        raise CLIError(str(exc)) from exc
    failed = 0
    print(f"{'scenario':30} {'agent':16} {'end state':18} {'facts':>7} {'turns':>5}  verdict")
    for check in checks:
        sc, report = check.scenario, check.report
        n_facts = len(sc.hidden_facts)
        for run in report.runs:
            verdict = f"FAIL: {run.problem}" if run.problem else "ok"
            end = str(run.end_state or "-")
            print(f"{sc.id:30} {run.agent:16} {end:18} {len(run.revealed):>3}/{n_facts:<3} {run.turns:>5}  {verdict}")
        if not check.has_eval_set:
            print(f"{sc.id:30} {'paraphrasing':16} {'-':18} {'':>7} {'':>5}  skipped: no evaluation set")
        failed += not report.ok
    print(f"\n{len(scenarios) - failed}/{len(scenarios)} scenarios pass")
    return 1 if failed else 0


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
