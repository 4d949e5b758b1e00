"""``csrsim init``: prepare the data directory, migrate the database to head, create the demo accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from domain.config import get_settings
from domain.fileio import private_dir
from domain.loader import load_library


def init(
    quiet: Annotated[bool, typer.Option("--quiet", help="Print nothing on success.")] = False,
    no_demo: Annotated[bool, typer.Option("--no-demo", help="Do not create the demo accounts.")] = False,
) -> int:
    """Create the data directory, upgrade the database and create the demo accounts (idempotent)."""
    from services.accounts import init_database

    settings = get_settings()
    private_dir(settings.data_dir), private_dir(settings.recordings_dir)  # owner-only: personal data
    library = load_library()
    db, report = init_database(settings.sqlalchemy_url, demo_accounts=not no_demo)
    db.dispose()
    if not quiet:
        print(f"data directory: {settings.data_dir}")
        print(f"database: {report.url} (schema at head)")
        if report.created:
            print(f"demo accounts created: {', '.join(report.created)} (passwords in docs/app.md)")
        if report.existing:
            print(f"accounts already present: {', '.join(report.existing)}")
        print(f"library: {len(library.scenarios)} scenarios, {len(library.rubrics)} rubrics")
    return 0


def register(app: typer.Typer) -> None:
    app.command("init")(init)
