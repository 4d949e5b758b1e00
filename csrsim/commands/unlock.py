"""``csrsim unlock USER``: lift a login lockout from the terminal (an admin locked out needs no other admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from csrsim.errors import CLIError


def unlock(username: Annotated[str, typer.Argument(help="The account to unlock.")]) -> int:
    """Clear the failed-login count and lock of one account."""
    from services.accounts import StorageError, open_db, operator

    db = open_db(upgrade=True)
    try:
        operator(db).unlock(username)
    except StorageError as exc:
        raise CLIError(str(exc)) from None
    finally:
        db.dispose()
    print(f"{username} unlocked")
    return 0


def register(app: typer.Typer) -> None:
    app.command("unlock")(unlock)
