"""Engine and transactions. SQLite connections get WAL, foreign keys and a busy timeout.

Three promises live here. A database file is never silently replaced: an empty, unreadable or foreign file
is refused with :class:`DatabaseRefusedError`, naming the backup/restore guide, before any connection could
write a new schema over it. SQL bound parameters (session text, answers) never reach a log or an error
message (``hide_parameters=True``), and URLs are shown with their password masked, even one containing
``@``. A "database is locked" error becomes :class:`DatabaseBusyError`, a message a person can act on, and
:meth:`Database.run` retries the whole unit of work with backoff before giving up.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storage.errors import StorageError

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000
BUSY_RETRIES = 3
RESTORE_DOCS = "docs/security.md (Backup / Restore)"
_SQLITE_HEADER = b"SQLite format 3\x00"
_T = TypeVar("_T")
# scheme://user:password@host — the password may itself hold "@" or ":", so it runs to the last "@" of the token.
_URL_SECRET = re.compile(r"(?P<head>\b[a-zA-Z][\w+.-]*://[^\s:/@]*:)(?P<secret>[^\s]*)@(?P<host>[^\s@/]*)")


class DatabaseRefusedError(StorageError):
    """The database file exists but cannot be trusted; nothing was created or changed."""


class DatabaseBusyError(StorageError):
    """Another program held the database lock for longer than the busy timeout, every retry."""

    def __init__(self) -> None:
        super().__init__(
            "The database is busy (another program is writing to it). Nothing you entered was lost: "
            "try again in a moment."
        )


def mask_url_secrets(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@host`` replaced by ``***``."""
    return _URL_SECRET.sub(lambda m: f"{m.group('head')}***@{m.group('host')}", text)


def is_busy_error(exc: BaseException) -> bool:
    """SQLite's "database is locked"/"busy" (and PostgreSQL's lock timeouts) as opposed to real errors."""
    if not isinstance(exc, OperationalError):
        return False
    message = str(getattr(exc, "orig", exc)).lower()
    return any(word in message for word in ("database is locked", "database is busy", "lock timeout"))


def check_sqlite_file(path: Path) -> None:
    """Refuse a SQLite file that exists but is empty, unreadable or not a SQLite database.

    A zero-byte file is what a failed copy, a full disk or a truncating editor leaves behind; opening it
    would create a fresh schema with demo accounts over the loss. A missing file is fine (first start).
    """
    if not path.exists():
        return
    where = f"database file {path}"
    hint = (
        f"Nothing was changed. Restore it from a backup ({RESTORE_DOCS}); to start with an empty database "
        "instead, move the file away and run `csrsim init`."
    )
    if path.is_dir():
        raise DatabaseRefusedError(f"{where} is a directory, not a database. {hint}")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseRefusedError(f"{where} cannot be read ({exc.strerror or exc}). {hint}") from None
    if not header:
        raise DatabaseRefusedError(f"{where} is empty (0 bytes): its data is gone or was never written. {hint}")
    if header != _SQLITE_HEADER:
        raise DatabaseRefusedError(f"{where} is not a SQLite database (damaged or another kind of file). {hint}")
    if not os.access(path, os.W_OK):
        raise DatabaseRefusedError(f"{where} is read-only for this user. {hint}")


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return apply


def _owner_only(path: Path) -> Callable[[Any, Any], None]:
    """After connecting, the database and its WAL/SHM files are readable by their owner only."""

    def apply(_dbapi_connection: Any, _record: Any) -> None:
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(f"{path}{suffix}")
            try:
                if candidate.exists():
                    candidate.chmod(0o600)
            except OSError:  # not ours to change (a shared deployment): leave it
                logger.debug("cannot restrict permissions of %s", candidate)

    return apply


def make_engine(url: str, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    """An engine for any SQLAlchemy URL; for a SQLite file, an existing file is checked and the directory
    created owner-only first. Raises ``DatabaseRefusedError`` for a file that must not be opened."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseRefusedError(f"not a database URL: {mask_url_secrets(url)!r}") from None
    if parsed.get_backend_name() == "sqlite":
        file: Path | None = None
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            file = Path(parsed.database)
            check_sqlite_file(file)
            if not file.parent.exists():
                file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        if file is not None:
            event.listen(engine, "connect", _owner_only(file))
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


class Database:
    """One engine plus a session factory; ``transaction()`` commits on success and rolls back on any error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return mask_url_secrets(self.engine.url.render_as_string(hide_password=True))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction; a lock held past the busy timeout surfaces as ``DatabaseBusyError`` (no SQL)."""
        try:
            with self._factory() as session, session.begin():
                yield session
        except OperationalError as exc:
            if is_busy_error(exc):
                logger.warning("database busy: %s", type(exc.orig).__name__ if exc.orig else "OperationalError")
                raise DatabaseBusyError() from None
            raise

    def run(self, work: Callable[[Session], _T], *, attempts: int = BUSY_RETRIES, backoff: float = 0.2) -> _T:
        """``work`` in one transaction, retried from the start while the database stays busy."""
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except DatabaseBusyError:
                if attempt == attempts:
                    raise
                time.sleep(backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def upgrade(self) -> None:
        from storage.migrate import upgrade_head

        upgrade_head(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = False) -> Database:
    """The database at ``url`` (default: the settings' URL); ``upgrade`` runs migrations to head first."""
    if url is None:
        from domain.config import get_settings

        url = get_settings().sqlalchemy_url
    db = Database(make_engine(url))
    if upgrade:
        db.upgrade()
    logger.debug("database opened: %s", db.url)
    return db
