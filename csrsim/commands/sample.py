"""``csrsim sample RESULTS --per-agent N``: contacts to review, and how much that review can tell.

Prints, per agent, the random picks' mean score with its margin of error and the chance that a problem
in a given share of the agent's contacts goes unseen at that sample size; then the review list (random
picks plus risk picks: critical fails, not scorable, outliers, low confidence). ``--out`` writes the list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from csrsim.errors import CLIError


def sample(
    results: Annotated[Path, typer.Argument(help="Results file of `csrsim batch` (CSV, JSONL or parquet).")],
    per_agent: Annotated[int, typer.Option("--per-agent", min=1, help="Random contacts per agent.")] = 5,
    share: Annotated[
        list[float] | None, typer.Option("--share", help="Problem share(s) in percent to report the miss chance for.")
    ] = None,
    pass_mark: Annotated[float, typer.Option("--pass-mark", help="Scores this close to it are low confidence.")] = 80.0,
    band: Annotated[
        float, typer.Option("--band", help="Points either side of the pass mark that count as low confidence.")
    ] = 5.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed, so a list can be reproduced.")] = 0,
    out: Annotated[Path | None, typer.Option("--out", help="Write the review list here (CSV).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> int:
    """Propose contacts for human review: stratified per agent plus risk picks, with a stated margin."""
    from services import sampling

    shares = [s / 100 for s in share] if share else list(sampling.DEFAULT_SHARES)
    if any(not 0 < s <= 1 for s in shares):
        raise CLIError("--share is a percentage between 0 and 100")
    if fmt not in ("table", "json"):
        raise CLIError("--format is table or json")
    try:
        frame = sampling.read_results(results)
    except sampling.ResultsFileError as exc:
        raise CLIError(str(exc)) from exc
    plan = sampling.propose(frame, per_agent=per_agent, seed=seed, shares=shares, pass_mark=pass_mark, band=band)
    table = sampling.summary_table(plan)
    columns = [c for c in ("agent", "transcript", "file", "overall", "auto_fail", "pick", "reason") if c in plan.picks]
    if out is not None:
        plan.picks[columns].to_csv(out, index=False)
    if fmt == "json":
        picks = json.loads(plan.picks[columns].to_json(orient="records"))
        print(json.dumps({"agents": table, "picks": picks}, indent=2))
        return 0
    print(f"{len(frame)} contacts, {len(plan.agents)} agents; margin at {plan.confidence:.0%} confidence")
    header = list(table[0]) if table else []
    print("\t".join(header))
    for row in table:
        print("\t".join("n/a" if row[h] is None else str(row[h]) for h in header))
    print()
    print("\t".join(columns))
    for record in plan.picks[columns].itertuples(index=False):
        print("\t".join("" if v is None or v != v else str(v) for v in record))
    if out is not None:
        print(f"review list written to {out}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("sample")(sample)
