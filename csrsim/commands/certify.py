"""``csrsim certify plan TRAINEE SCENARIO... --k 3`` and ``csrsim certify status [TRAINEE]``.

A trainee is certified on the scenarios after ``k`` passes in a row with different customer seeds
(pass^k), each at least ``--pass-mark``, within ``--max-attempts``; the certificate expires after
``--valid-days``. ``status`` evaluates every plan (issuing certificates that are due) and prints them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from csrsim.errors import CLIError

certify_app = typer.Typer(help="Certification by pass^k: plans, progress, certificates.", no_args_is_help=True)


def _db():  # type: ignore[no-untyped-def]
    from services.accounts import open_db as open_database

    return open_database(upgrade=True)


def _staff(db, username: str | None):  # type: ignore[no-untyped-def]
    from services.accounts import operator as UserRepo

    users = UserRepo(db)
    if username:
        found = users.by_username(username)
        if found is None:
            raise CLIError(f"no user {username!r}")
        return found
    admins = users.list(role="admin")
    if not admins:
        raise CLIError("no admin account: give --by USER (a trainer, supervisor or admin)")
    return admins[0]


@certify_app.command("plan")
def plan(
    trainee: Annotated[str, typer.Argument(help="The trainee's user name.")],
    scenarios: Annotated[list[str], typer.Argument(help="Scenario id(s): one scenario or a set.")],
    k: Annotated[int, typer.Option("--k", min=1, help="Passes in a row, each with a different customer seed.")] = 3,
    pass_mark: Annotated[float, typer.Option("--pass-mark", help="Overall score a pass needs.")] = 80.0,
    max_attempts: Annotated[int | None, typer.Option("--max-attempts", help="Attempt limit.")] = None,
    valid_days: Annotated[int, typer.Option("--valid-days", help="Days a certificate stays valid.")] = 365,
    by: Annotated[str | None, typer.Option("--by", help="Who sets it (default: the first admin).")] = None,
) -> int:
    """Ask a trainee to certify on one scenario or a set."""
    from domain.loader import load_library
    from services import certification
    from services.accounts import StorageError
    from services.accounts import operator as UserRepo

    library = load_library()
    unknown = [s for s in scenarios if s not in library.scenarios]
    if unknown:
        raise CLIError(f"unknown scenario(s): {', '.join(unknown)}")
    db = _db()
    try:
        who = _staff(db, by)
        target = UserRepo(db).by_username(trainee)
        if target is None:
            raise CLIError(f"no user {trainee!r}")
        try:
            plan_id = certification.create_plan(
                db,
                who,
                trainee_id=target.id,
                scenario_ids=scenarios,
                k=k,
                pass_mark=pass_mark,
                max_attempts=max_attempts,
                valid_days=valid_days,
            )
        except StorageError as exc:
            raise CLIError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"plan {plan_id}: {trainee} certifies on {', '.join(scenarios)} with {k} passes in a row at {pass_mark:g}")
    return 0


@certify_app.command("status")
def status(trainee: Annotated[str | None, typer.Argument(help="Only this trainee.")] = None) -> int:
    """Every plan with its state: in progress, certified (until when), expired, out of attempts."""
    from services import certification
    from services.accounts import operator as UserRepo

    db = _db()
    try:
        target_id = None
        if trainee:
            target = UserRepo(db).by_username(trainee)
            if target is None:
                raise CLIError(f"no user {trainee!r}")
            target_id = target.id
        rows = certification.status_rows(certification.plans_for(db, _staff(db, None), trainee_id=target_id))
    finally:
        db.dispose()
    if not rows:
        print("no certification plans")
        return 0
    print("\t".join(rows[0]))
    for row in rows:
        print("\t".join(str(v) for v in row.values()))
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(certify_app, name="certify")
