"""``csrsim scenarios``: the library as a table (or JSON), and ``csrsim schema`` to refresh schema.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from domain.config import get_settings
from domain.loader import load_library
from domain.schema import write_schema


def scenarios(
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", help="table or json")] = "table",
) -> int:
    """List the scenario library: id, title, category, channel, difficulty."""
    library = load_library()
    rows = [
        {"id": s.id, "title": s.title, "category": s.category, "channel": s.channel, "difficulty": s.difficulty}
        for s in sorted(library.scenarios.values(), key=lambda s: (s.category, s.id))
    ]
    if fmt == "json":
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} scenarios")
    for col in ("id", "title", "category", "channel", "difficulty"):
        table.add_column(col)
    for row in rows:
        table.add_row(*(str(row[c]) for c in ("id", "title", "category", "channel", "difficulty")))
    Console(width=160).print(table)
    return 0


def schema(
    out: Annotated[Path | None, typer.Option(help="Where to write; default scenarios/schema.json.")] = None,
) -> int:
    """Write the JSON Schema of scenario, policy and rubric files (for editors' YAML validation)."""
    target = out or get_settings().scenarios_dir / "schema.json"
    write_schema(target)
    print(f"wrote {target}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("scenarios")(scenarios)
    app.command("schema")(schema)
