"""The database is never silently recreated, keeps bound parameters out of logs, masks URL passwords,
is owner-only on disk, and turns a held lock into a friendly, retried error (real SQLite files throughout)."""

from __future__ import annotations

import logging
import re
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from csrsim.main import run
from domain.config import Settings
from storage import UserRepo
from storage.db import Database as Db
from storage.db import (
    DatabaseBusyError,
    DatabaseRefusedError,
    make_engine,
    mask_url_secrets,
    open_database,
)
from storage.seed import init_database


def _db_file(settings: Settings) -> Path:
    return settings.data_dir / "csr_coach.db"


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty (0 bytes)"), (b"not a database at all", "not a SQLite database"), (b"\x00" * 4096, "not a SQLite")],
)
def test_an_empty_or_foreign_file_is_refused_and_left_untouched(
    settings: Settings, content: bytes, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(DatabaseRefusedError, match=re.escape(words)) as info:
        init_database(settings.sqlalchemy_url)
    assert "docs/security.md" in str(info.value) and "csrsim init" in str(info.value)
    assert path.read_bytes() == content
    assert run(["list-users"]) != 0
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert path.read_bytes() == content


def test_the_reported_case_no_demo_then_truncated_never_brings_the_admin_back(settings: Settings) -> None:
    assert run(["init", "--quiet", "--no-demo"]) == 0
    path = _db_file(settings)
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert run(["init", "--quiet"]) != 0
    assert path.stat().st_size == 0


def test_demo_accounts_only_on_the_first_init(settings: Settings) -> None:
    db, report = init_database(settings.sqlalchemy_url, demo_accounts=False)
    assert report.created == []
    db.dispose()
    db, report = init_database(settings.sqlalchemy_url)  # a later plain `csrsim init`
    assert report.created == []
    assert UserRepo(db).by_username("admin") is None
    db.dispose()


def test_database_files_and_directories_are_owner_only(settings: Settings) -> None:
    assert stat.S_IMODE(settings.data_dir.stat().st_mode) & 0o077  # the fixture made it world-readable
    assert run(["init", "--quiet"]) == 0
    path = _db_file(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for directory in (settings.data_dir, settings.recordings_dir):
        assert stat.S_IMODE(directory.stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql+psycopg://csr:p@ss:w0rd@db.example.com:5432/csr", "p@ss:w0rd"),
        ("postgresql://csr:s3cr3t@localhost/csr", "s3cr3t"),
        ("error near postgresql://u:a@b@c@host/db while connecting", "a@b@c"),
    ],
)
def test_url_passwords_are_masked_even_with_at_signs(url: str, secret: str) -> None:
    masked = mask_url_secrets(url)
    assert secret not in masked and "***" in masked
    assert "host" in masked or "localhost" in masked or "db.example.com" in masked


def test_bound_parameters_never_reach_logs_or_errors(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(Exception) as info, engine.begin() as conn:
        conn.execute(text("INSERT INTO missing_table VALUES (:v)"), {"v": "4111 1111 1111 1111 secret answer"})
    assert "secret answer" not in str(info.value)
    assert "secret answer" not in caplog.text
    engine.dispose()


def _hold_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    conn.rollback()
    conn.close()


def _quick_db(path: Path) -> Db:
    db = Db(make_engine(f"sqlite:///{path}", busy_timeout_ms=100))
    with db.transaction() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS answers (text TEXT)"))
    return db


def test_a_lock_held_too_long_is_a_friendly_error_without_sql(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    db = _quick_db(path)
    ready = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(path, 2.0, ready))
    holder.start()
    ready.wait()
    try:
        with pytest.raises(DatabaseBusyError) as info:
            db.run(lambda s: s.execute(text("INSERT INTO answers VALUES ('my answer')")), attempts=2, backoff=0.05)
        assert "INSERT" not in str(info.value) and "my answer" not in str(info.value)
        assert "Nothing you entered was lost" in str(info.value)
    finally:
        holder.join()
    db.dispose()


def test_a_short_lock_is_retried_and_the_answer_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    db = _quick_db(path)
    ready = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(path, 0.4, ready))
    holder.start()
    ready.wait()
    db.run(lambda s: s.execute(text("INSERT INTO answers VALUES ('kept')")), attempts=6, backoff=0.1)
    holder.join()
    with db.transaction() as s:
        assert s.execute(text("SELECT text FROM answers")).scalars().all() == ["kept"]
    db.dispose()


def test_open_database_refuses_a_directory(tmp_path: Path) -> None:
    (tmp_path / "d.db").mkdir()
    with pytest.raises(DatabaseRefusedError, match="directory"):
        open_database(f"sqlite:///{tmp_path / 'd.db'}")
