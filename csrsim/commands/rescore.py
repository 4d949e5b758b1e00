"""``csrsim rescore --rubric ID@VERSION``: rescore stored practice sessions and contacts with a rubric version.

Both versions stay side by side (the stored scorecard is never changed); the report shows the shift per
criterion and per person, and whose pass/fail verdict flipped. ID@VERSION comes from the library or from
any revision saved in the app's editor; a YAML path works too.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from csrsim.errors import CLIError


def rescore(
    rubric: Annotated[
        str, typer.Option("--rubric", help="ID@VERSION (library or saved revision), ID, or a YAML path.")
    ],
    source: Annotated[
        str | None, typer.Option("--source", help="Only these contacts: practice, upload, ... (default: all).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> int:
    """Rescore stored contacts with another rubric version and report the shift."""
    from domain.loader import load_library
    from services import rescoring
    from services.accounts import open_db as open_database

    if fmt not in ("table", "json"):
        raise CLIError("--format is table or json")
    library = load_library()
    db = open_database(upgrade=True)
    try:
        try:
            model = rescoring.resolve_rubric(library, db, rubric)
        except rescoring.RubricRefError as exc:
            raise CLIError(str(exc)) from exc
        report = rescoring.rescore(db, library, model, source=source)
    finally:
        db.dispose()
    if fmt == "json":
        print(
            json.dumps(
                {
                    "rubric": report.rubric,
                    "rescored": report.rescored,
                    "skipped": report.skipped,
                    "criteria": report.criterion_rows(),
                    "people": report.person_rows(),
                    "flips": report.flips,
                },
                indent=2,
            )
        )
        return 0
    print(f"rescored {report.rescored} contact(s) with {report.rubric}; originals kept")
    for title, rows in (("per criterion", report.criterion_rows()), ("per person", report.person_rows())):
        print(f"\n{title}")
        if rows:
            print("\t".join(rows[0]))
            for row in rows:
                print("\t".join("n/a" if v is None else str(v) for v in row.values()))
    for flip, ids in report.flips.items():
        if ids:
            print(f"{flip}: {len(ids)} ({', '.join(f'#{i}' for i in ids[:20])})")
    for line in report.skipped:
        print(f"skipped {line}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("rescore")(rescore)
