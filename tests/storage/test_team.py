"""Teams: migration 0002 adds ``users.team`` without losing rows, and a trainer can assign a scenario to a team."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from domain.config import Settings
from storage import AssignmentRepo, Database, StorageError, UserRepo
from storage.db import make_engine
from storage.migrate import alembic_config, current_revision, upgrade_head
from storage.seed import DEMO_TEAMS, init_database
from tests.security.test_migrations_keep_data import ROWS, _expected, _fill, _read, _upgrade_to


def test_0001_to_0002_keeps_users_and_rows_and_adds_an_empty_team(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _upgrade_to(engine, "0001")
        assert "team" not in {c["name"] for c in inspect(engine).get_columns("users")}
        _fill(engine)
        _upgrade_to(engine, "0002")
        assert current_revision(engine) == "0002"
        assert _read(engine) == _expected()
        with engine.connect() as conn:
            teams = conn.execute(text("SELECT username, team FROM users ORDER BY id")).all()
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert [tuple(t) for t in teams] == [(u["username"], None) for u in ROWS["users"]]
        upgrade_head(engine)  # and on to whatever comes later
    finally:
        engine.dispose()


def test_downgrade_to_0001_keeps_users(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _upgrade_to(engine, "0001")
        _fill(engine)
        _upgrade_to(engine, "0002")
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        assert _read(engine) == _expected()
    finally:
        engine.dispose()


def test_seed_puts_demo_trainees_in_a_team_even_on_an_older_database(sqlite_db: Database, settings: Settings) -> None:
    users = UserRepo(sqlite_db)
    for name, team in DEMO_TEAMS.items():
        user = users.by_username(name)
        assert user is not None and user.team == team
    users.set_team("trainee", None)  # as if created before teams existed
    again, report = init_database(settings.sqlalchemy_url)
    again.dispose()
    assert report.created == []
    assert UserRepo(sqlite_db).by_username("trainee").team == "new-hires-nov"  # type: ignore[union-attr]
    users.set_team("trainee", "other")  # a team someone chose is never overwritten by seeding
    init_database(settings.sqlalchemy_url)[0].dispose()
    assert UserRepo(sqlite_db).by_username("trainee").team == "other"  # type: ignore[union-attr]


def _user(db: Database, name: str):  # type: ignore[no-untyped-def]
    user = UserRepo(db).by_username(name)
    assert user is not None
    return user


@pytest.mark.parametrize("staff", ["trainer", "supervisor", "admin"])
def test_assign_team_reaches_every_trainee_once(any_db: Database, staff: str) -> None:
    repo = AssignmentRepo(any_db)
    users = UserRepo(any_db)
    users.create("outsider", "outsider-pass", role="trainee", team="other-team")
    users.create("teamlead", "teamlead-pass", role="trainer", team="new-hires-nov")  # not a trainee: not assigned
    by = _user(any_db, staff)
    repo.assign(by, trainee_id=_user(any_db, "trainee2").id, scenario_id="refuses-verification")
    assert repo.assign_team(by, team=" new-hires-nov ", scenario_id="refuses-verification") == 1
    assert repo.assign_team(by, team="new-hires-nov", scenario_id="refuses-verification") == 0
    for name in ("trainee", "trainee2"):
        mine = repo.list(_user(any_db, name), open_only=True)
        assert [a.scenario_id for a in mine] == ["refuses-verification"]
        assert {a.trainee for a in mine} == {name}
    assert repo.list(_user(any_db, "outsider")) == []
    assert sorted(a.trainee for a in repo.list(by)) == ["trainee", "trainee2"]  # not the trainer in the team
    # once a trainee finished it, assigning the team again gives it to them anew
    repo.complete(_user(any_db, "trainee"), scenario_id="refuses-verification")
    assert repo.assign_team(by, team="new-hires-nov", scenario_id="refuses-verification") == 1


@pytest.mark.parametrize(
    ("team", "message"),
    [("no-such-team", "has no trainees"), ("   ", "no team given"), ("bad/name", "invalid team name")],
)
def test_assign_team_errors(sqlite_db: Database, team: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        AssignmentRepo(sqlite_db).assign_team(_user(sqlite_db, "trainer"), team=team, scenario_id="x")


def test_a_trainee_cannot_assign_to_a_team(sqlite_db: Database) -> None:
    repo = AssignmentRepo(sqlite_db)
    with pytest.raises(StorageError, match="may not"):
        repo.assign_team(_user(sqlite_db, "trainee"), team="new-hires-nov", scenario_id="refuses-verification")
    assert repo.list(_user(sqlite_db, "trainer")) == []


def test_teams_lists_trainee_teams_and_blank_clears(sqlite_db: Database) -> None:
    users = UserRepo(sqlite_db)
    users.create("carol", "carol-pass-1", role="trainee", team="Evening shift")
    users.create("sup", "sup-pass-12", role="supervisor", team="managers")
    assert users.teams() == ["Evening shift", "new-hires-nov"]
    assert users.set_team("carol", "  ").team is None
    assert users.teams() == ["new-hires-nov"]
    with pytest.raises(StorageError, match="no user"):
        users.set_team("nobody", "x")
