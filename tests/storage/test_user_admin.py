"""Role changes and deactivation: admins only (checked again on every change), never the last active admin."""

from __future__ import annotations

import pytest

from storage import AuthError, Database, StorageError, UserAdmin, UserRepo


def _user(db: Database, name: str):  # type: ignore[no-untyped-def]
    user = UserRepo(db).by_username(name)
    assert user is not None
    return user


def test_role_change_and_deactivation_by_an_admin(sqlite_db: Database) -> None:
    admin = UserAdmin(sqlite_db, _user(sqlite_db, "admin"))
    assert admin.set_role("trainee2", "trainer").role == "trainer"
    gone = admin.set_active("trainee", False)
    assert not gone.active
    assert "trainee" not in [u.username for u in UserRepo(sqlite_db).list()]
    assert "trainee" in [u.username for u in admin.list(include_inactive=True)]
    with pytest.raises(AuthError, match="Wrong user name or password"):  # same words as an unknown user
        UserRepo(sqlite_db).authenticate("trainee", "trainee-demo")
    assert admin.set_active("trainee", True).active
    assert UserRepo(sqlite_db).authenticate("trainee", "trainee-demo").username == "trainee"


@pytest.mark.parametrize("who", ["trainee", "trainer", "supervisor"])
def test_only_admins_manage_users(sqlite_db: Database, who: str) -> None:
    with pytest.raises(StorageError):
        UserAdmin(sqlite_db, _user(sqlite_db, who))


def test_a_demoted_admin_is_refused_at_the_next_change(sqlite_db: Database) -> None:
    UserRepo(sqlite_db).create("boss2", "boss2-password", role="admin")
    first = UserAdmin(sqlite_db, _user(sqlite_db, "admin"))
    second = UserAdmin(sqlite_db, _user(sqlite_db, "boss2"))
    first.set_role("boss2", "trainer")
    with pytest.raises(StorageError, match="no longer an active admin"):
        second.set_active("admin", False)
    assert _user(sqlite_db, "admin").active


def test_admins_cannot_lock_themselves_or_everyone_out(sqlite_db: Database) -> None:
    admin = UserAdmin(sqlite_db, _user(sqlite_db, "admin"))
    with pytest.raises(StorageError, match="your own role"):
        admin.set_role("admin", "trainee")
    with pytest.raises(StorageError, match="your own account"):
        admin.set_active("admin", False)
    repo = UserRepo(sqlite_db)
    with pytest.raises(StorageError, match="last active admin"):
        repo.set_role("admin", "trainer")
    with pytest.raises(StorageError, match="last active admin"):
        repo.set_active("admin", False)
    with pytest.raises(StorageError, match="unknown role"):
        admin.set_role("trainee", "overlord")
    with pytest.raises(StorageError, match="no user"):
        admin.set_active("nobody", False)
