"""Storage fixtures: a migrated database per test — SQLite in a temp dir, and PostgreSQL when a server can start."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

from domain.config import Settings
from storage import Database
from storage.seed import init_database


@pytest.fixture
def sqlite_db(settings: Settings) -> Iterator[Database]:
    db, _ = init_database(settings.sqlalchemy_url)
    yield db
    db.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free port (initdb + pg_ctl as the postgres user when run as root)."""
    if url := os.environ.get("CSR_TEST_POSTGRES_URL"):
        yield url
        return
    bins = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql")
    bindir = Path(bins[-1]).parent
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    root = Path(tempfile.mkdtemp(prefix="csr-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as a non-root user")
        shutil.chown(root, user="postgres", group="postgres")
        root.chmod(0o755)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    init = subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "csr", "-A", "trust", "--no-sync"],
        capture_output=True,
        text=True,
    )
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = subprocess.run(
        [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start"],
        capture_output=True,
        text=True,
    )
    if start.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"pg_ctl start failed: {start.stderr.strip()[:300]}")
    try:
        yield f"postgresql+psycopg://csr@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[Database]:
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as conn:  # a clean schema per test
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    db, _ = init_database(postgres_url)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """Each repository test runs on SQLite and on a real PostgreSQL server."""
    return request.getfixturevalue(f"{request.param}_db")  # type: ignore[no-any-return]


_HASHES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def reuse_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 hashes, computed once per password per test run (hashing is deliberately slow)."""
    from storage import passwords, users

    def cached(password: str) -> str:
        if password not in _HASHES:
            _HASHES[password] = passwords.hash_password(password)
        return _HASHES[password]

    monkeypatch.setattr(users, "hash_password", cached)
