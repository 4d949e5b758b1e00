"""A real LRS for the tests: Ralph (PyPI ``ralph-malph``, file-system backend) on 127.0.0.1 and a free port.

Ralph's dependencies (FastAPI, its own pydantic pins) do not belong in the product's venv, so it lives in
its own venv under the user's cache directory, created on first use (``CSR_TEST_RALPH_VENV`` overrides
where). When it cannot be installed or started, the tests that need it skip with the reason.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

RALPH = "ralph-malph[backend-fs,lrs]==5.1.0"
USERNAME = "csr-coach"
PASSWORD = "lrs-test-password"


# Ralph 5.1's file-system LRS backend writes each batch with operation "create" to one file, so every write
# after the first fails ("already exists"). Appending is what an LRS file needs; everything else is Ralph's own.
_SERVE = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
"""


class RalphUnavailable(RuntimeError):
    pass


def venv_dir() -> Path:
    return Path(os.environ.get("CSR_TEST_RALPH_VENV") or Path.home() / ".cache" / "csr-coach" / "ralph-venv")


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_ralph() -> Path:
    """The venv's python with Ralph importable, installing it the first time."""
    venv = venv_dir()
    python = _python(venv)
    probe = [str(python), "-c", "import ralph.api, bcrypt, requests"]
    env = {**os.environ, "RALPH_RUNSERVER_BACKEND": "fs"}
    if python.exists() and subprocess.run(probe, capture_output=True, env=env).returncode == 0:
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "-q", RALPH, "requests", "bcrypt"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=540)
        if done.returncode != 0:
            raise RalphUnavailable(f"{' '.join(step[:4])} failed: {done.stderr.strip()[-300:]}")
    if subprocess.run(probe, capture_output=True, env=env).returncode != 0:
        raise RalphUnavailable("ralph installed but does not import")
    return python


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_ralph(workdir: Path) -> Iterator[str]:
    """Start Ralph with basic auth for ``USERNAME``; yields its xAPI endpoint URL; stops it afterwards."""
    python = ensure_ralph()
    app_dir = workdir / "app"
    app_dir.mkdir(parents=True, exist_ok=True)
    hashed = subprocess.run(
        [
            str(python),
            "-c",
            "import bcrypt,sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    account = {
        "agent": {"mbox": "mailto:lrs@example.com", "objectType": "Agent"},
        "scopes": ["all"],
        "hash": hashed,
        "username": USERNAME,
    }
    (app_dir / "auth.json").write_text(json.dumps([account]), encoding="utf-8")
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(app_dir),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir / "statements"),
    }
    (workdir / "statements").mkdir(exist_ok=True)
    log = (workdir / "ralph.log").open("w")
    proc = subprocess.Popen(
        [str(python), "-c", _SERVE, str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/xAPI"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RalphUnavailable(f"ralph exited: {(workdir / 'ralph.log').read_text()[-500:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RalphUnavailable("ralph did not answer within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
