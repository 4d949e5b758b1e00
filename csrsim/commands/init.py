"""``csrsim init``: prepare the data directory (and, once storage exists, the database and demo accounts)."""

from __future__ import annotations

from typing import Annotated

import typer

from domain.config import get_settings
from domain.loader import load_library


def init(quiet: Annotated[bool, typer.Option("--quiet", help="Print nothing on success.")] = False) -> int:
    """Create the data directory and check the scenario library loads."""
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.recordings_dir.mkdir(parents=True, exist_ok=True)
    library = load_library()
    if not quiet:
        print(f"data directory: {settings.data_dir}")
        print(f"library: {len(library.scenarios)} scenarios, {len(library.rubrics)} rubrics")
    return 0


def register(app: typer.Typer) -> None:
    app.command("init")(init)
