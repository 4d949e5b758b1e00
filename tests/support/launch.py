"""Starting the real app server (``streamlit run app.py``) and a headless browser for it.

One place for what the browser test, the crash test, the cold-start benchmark and the load
script all need: a free loopback port, an isolated environment, the server process, a
readiness wait on Streamlit's health endpoint, and Debian's Chromium with the flags that
keep it off the (closed) network. Imports no Streamlit: it only runs the server.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # tests/support/launch.py -> the checkout
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chromium_path() -> str | None:
    """Debian's chromium (Playwright's own browser download is not available offline)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a server whose database and recordings live under ``data_dir``, nowhere else."""
    env = dict(os.environ)
    env.update(
        CSR_DATA_DIR=str(data_dir),
        CSR_RECORDINGS_DIR=str(data_dir / "recordings"),
        CSR_SCENARIOS_DIR=str(PROJECT_ROOT / "scenarios"),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    for var in ("CSR_DATABASE_URL", "CSR_LLM_BASE_URL", "CSR_LLM_API_KEY"):
        env.pop(var, None)
    env.update(extra)
    return env


def init_data(env: dict[str, str]) -> None:
    """Migrate the database and create the demo accounts, as ``make run`` does."""
    csrsim = Path(sys.executable).parent / "csrsim"
    subprocess.run([str(csrsim), "init", "--quiet"], env=env, cwd=PROJECT_ROOT, check=True)


def start_server(*, port: int, env: dict[str, str], log: Path | None = None) -> subprocess.Popen[bytes]:
    """``streamlit run app.py`` headless on 127.0.0.1:port, in its own process group."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child owns it)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT_ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(base: str, *, timeout: float = 60.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    """Block until Streamlit's health endpoint answers ``ok``; fail early if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base} not ready after {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes], *, timeout: float = 15.0) -> None:
    """Terminate the server's whole process group, killing it if it does not stop in time."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
