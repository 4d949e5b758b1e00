"""User administration from the terminal: add-user, list-users (export/delete live in ``privacy``)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from csrsim.errors import CLIError


def _db():  # type: ignore[no-untyped-def]
    from services.accounts import open_db

    return open_db()


def add_user(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="trainee, trainer, supervisor or admin.")] = "trainee",
    name: Annotated[str, typer.Option("--name", help="Display name.")] = "",
    team: Annotated[str, typer.Option("--team", help="Team (group) name, for assigning scenarios to a team.")] = "",
    password_env: Annotated[
        str, typer.Option("--password-env", help="Read the password from this environment variable.")
    ] = "CSR_NEW_PASSWORD",
) -> int:
    """Add a user. The password comes from $CSR_NEW_PASSWORD, piped stdin, or an interactive prompt."""
    from services.accounts import StorageError, operator

    password = os.environ.get(password_env)
    if not password:
        if sys.stdin.isatty():
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        else:
            password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise CLIError(f"no password given (set ${password_env} or pipe it on stdin)")
    db = _db()
    try:
        user = operator(db).create(username, password, role=role, display_name=name, team=team or None)
    except StorageError as exc:
        raise CLIError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"added {user.role} {user.username}" + (f" to team {user.team}" if user.team else ""))
    return 0


def list_users() -> int:
    """List active users: name, role, display name and team."""
    from services.accounts import operator

    db = _db()
    try:
        for user in operator(db).list():
            print(f"{user.username}\t{user.role}\t{user.display_name}\t{user.team or ''}")
    finally:
        db.dispose()
    return 0


def register(app: typer.Typer) -> None:
    app.command("add-user")(add_user)
    app.command("list-users")(list_users)
