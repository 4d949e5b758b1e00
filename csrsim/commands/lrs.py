"""``csrsim lrs push`` / ``csrsim lrs status``: send queued xAPI statements to the learning record store.

The LRS is ``CSR_LRS_URL`` (its xAPI endpoint) with ``CSR_LRS_USERNAME`` / ``CSR_LRS_PASSWORD``. ``push``
first queues statements for results not queued yet (stable ids: nothing is queued twice), then sends
them; when the LRS cannot be reached it exits 3 and says how many statements are waiting.
"""

from __future__ import annotations

from typing import Annotated

import typer

lrs_app = typer.Typer(help="Results to the learning record store (xAPI 1.0.3).", no_args_is_help=True)

EXIT_QUEUED = 3


def _db():  # type: ignore[no-untyped-def]
    from services.accounts import open_db as open_database

    return open_database(upgrade=True)


@lrs_app.command("push")
def push(
    limit: Annotated[int | None, typer.Option("--limit", help="Send at most this many statements.")] = None,
) -> int:
    """Queue new results and send everything queued to $CSR_LRS_URL."""
    from services import lrs

    db = _db()
    try:
        settings = lrs.LrsSettings()
        new = lrs.collect(db, settings)
        report = lrs.push(db, settings, limit=limit)
    finally:
        db.dispose()
    print(f"queued {new} new statement(s); {report.summary()}")
    return EXIT_QUEUED if report.error else 0


@lrs_app.command("status")
def status() -> int:
    """How many statements are sent and how many wait in the queue."""
    from services import lrs

    db = _db()
    try:
        counts = lrs.queue_status(db)
    finally:
        db.dispose()
    print(f"sent {counts['sent']}; queued {counts['queued']}")
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(lrs_app, name="lrs")
