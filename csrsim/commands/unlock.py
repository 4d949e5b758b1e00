"""``csrsim unlock USER``: lift a login lockout from the terminal (an admin locked out needs no other admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from csrsim.errors import CLIError


def unlock(username: Annotated[str, typer.Argument(help="The account to unlock.")]) -> int:
    """Clear the failed-login count and lock of one account."""
    from storage import UserRepo
    from storage.db import open_database
    from storage.errors import StorageError

    db = open_database(upgrade=True)
    try:
        UserRepo(db).unlock(username)
    except StorageError as exc:
        raise CLIError(str(exc)) from None
    finally:
        db.dispose()
    print(f"{username} unlocked")
    return 0


def register(app: typer.Typer) -> None:
    app.command("unlock")(unlock)
