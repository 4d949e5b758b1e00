"""Database set-up shared by ``csrsim init``, the app's first start and the tests: migrate, then demo accounts."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.db import Database, open_database
from storage.users import UserRepo

# (username, password, role, display name). Printed in docs/app.md: they are demo credentials, not secrets.
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str], ...] = (
    ("trainee", "trainee-demo", "trainee", "Taylor Trainee"),
    ("trainee2", "trainee2-demo", "trainee", "Sam Second"),
    ("trainer", "trainer-demo", "trainer", "Terry Trainer"),
    ("supervisor", "supervisor-demo", "supervisor", "Sky Supervisor"),
    ("admin", "admin-demo", "admin", "Ada Admin"),
)
# The demo trainees share a team, so assigning a scenario to a whole team can be tried out of the box.
DEMO_TEAMS: dict[str, str] = {"trainee": "new-hires-nov", "trainee2": "new-hires-nov"}


@dataclass
class InitReport:
    url: str
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def init_database(url: str | None = None, *, demo_accounts: bool = True) -> tuple[Database, InitReport]:
    """Upgrade the schema to head; demo accounts are created only on the first init of a database (later runs
    only bring existing demo accounts up to date), so a database made with ``--no-demo`` never gains them."""
    from storage.migrate import current_revision

    db = open_database(url)
    first_init = current_revision(db.engine) is None
    db.upgrade()
    report = InitReport(url=db.url)
    if demo_accounts:
        users = UserRepo(db)
        for username, password, role, name in DEMO_ACCOUNTS:
            if not first_init and users.by_username(username) is None:
                continue
            _, created = users.ensure(username, password, role=role, display_name=name, team=DEMO_TEAMS.get(username))
            (report.created if created else report.existing).append(username)
    return db, report
