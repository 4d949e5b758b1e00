"""Per-client login throttling: an attacker locks only themselves, with backoff; the real user still gets in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import AccountLockedError, AuthError, Database, UserRepo
from storage.models import LoginThrottle, utcnow
from storage.passwords import LOCK_DURATION, MAX_FAILURES
from storage.throttle import CLIENT_MAX_FAILURES, MAX_LOCK, ClientThrottledError, lock_length

ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


def fail(users: UserRepo, username: str, client: str, now, times: int) -> BaseException:  # type: ignore[no-untyped-def]
    err: BaseException | None = None
    for _ in range(times):
        with pytest.raises(AuthError) as info:
            users.authenticate(username, "wrong-password", client=client, now=now)
        err = info.value
    assert err is not None
    return err


def test_attacker_locks_only_their_own_client_and_the_owner_still_logs_in(any_db: Database) -> None:
    users, now = UserRepo(any_db), utcnow()
    assert isinstance(fail(users, "admin", ATTACKER, now, MAX_FAILURES), AccountLockedError)
    with pytest.raises(AccountLockedError):  # the right password does not get through this client's lock
        users.authenticate("admin", "admin-demo", client=ATTACKER, now=now)
    assert users.authenticate("admin", "admin-demo", client=OWNER, now=now).username == "admin"


def test_backoff_doubles_each_lock_up_to_the_cap(sqlite_db: Database) -> None:
    users, now = UserRepo(sqlite_db), utcnow()
    lengths = []
    for _ in range(3):
        err = fail(users, "trainee", ATTACKER, now, MAX_FAILURES)
        assert isinstance(err, AccountLockedError)
        lengths.append(err.until - now)
        now = err.until + timedelta(seconds=1)
    assert lengths == [LOCK_DURATION, 2 * LOCK_DURATION, 4 * LOCK_DURATION]
    assert lock_length(40) == MAX_LOCK


def test_unknown_names_are_throttled_like_real_ones_and_the_client_as_a_whole(sqlite_db: Database) -> None:
    users, now = UserRepo(sqlite_db), utcnow()
    real = fail(users, "trainee", ATTACKER, now, MAX_FAILURES)
    unknown = fail(users, "nobody-here", ATTACKER, now, MAX_FAILURES)
    assert type(real) is type(unknown) is AccountLockedError  # a lock says nothing about which names exist
    spread = [f"guess{i}" for i in range(CLIENT_MAX_FAILURES)]
    errors = [fail(users, name, "192.0.2.1", now, 1) for name in spread]
    assert isinstance(errors[-1], ClientThrottledError)
    with pytest.raises(ClientThrottledError, match="from this device"):
        users.authenticate("trainee", "trainee-demo", client="192.0.2.1", now=now)
    assert users.authenticate("trainee", "trainee-demo", client=OWNER, now=now).username == "trainee"


def test_unlock_lifts_per_client_locks_and_stores_no_address_or_name(sqlite_db: Database) -> None:
    users, now = UserRepo(sqlite_db), utcnow()
    fail(users, "trainer", ATTACKER, now, MAX_FAILURES)
    with sqlite_db.transaction() as s:
        stored = " ".join(f"{r.key} {r.username}" for r in s.scalars(select(LoginThrottle)))
    assert ATTACKER not in stored and "trainer" not in stored
    users.unlock("trainer")
    assert users.authenticate("trainer", "trainer-demo", client=ATTACKER, now=now).username == "trainer"


def test_success_clears_the_pair_so_typos_do_not_add_up(sqlite_db: Database) -> None:
    users, now = UserRepo(sqlite_db), utcnow()
    for _ in range(3):
        fail(users, "trainee", OWNER, now, MAX_FAILURES - 1)
        assert users.authenticate("trainee", "trainee-demo", client=OWNER, now=now).username == "trainee"
