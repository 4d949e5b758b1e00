"""The real app server and Debian's chromium for browser tests (all marked slow)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from domain.config import PROJECT_ROOT
from tests.support.launch import CHROMIUM_ARGS, app_env, free_port, init_data, start_server, stop_server, wait_ready

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@dataclass
class Server:
    url: str
    log: Path


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[Server]:
    """``streamlit run app.py`` on a free loopback port with its own data directory; TTS off (text only)."""
    env = app_env(tmp_path / "data", CSR_TTS_ENGINE="none", CSR_PRACTICE_SEED="3")
    init_data(env)
    port = free_port()
    log = tmp_path / "streamlit.log"
    proc = start_server(port=port, env=env, log=log)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_ready(url, timeout=90, proc=proc)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(f"{exc}: {log.read_text()[-2000:]}")
        yield Server(url, log)
    finally:
        stop_server(proc)


@pytest.fixture
def chromium() -> Iterator[Callable[..., Any]]:
    """Launch chromium (extra args optional); every browser launched is closed after the test."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browsers: list[Any] = []

        def launch(*, args: list[str] | None = None) -> Any:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=args or CHROMIUM_ARGS)
            browsers.append(browser)
            return browser

        try:
            yield launch
        finally:
            for b in browsers:
                b.close()


def log_in(page: Any, *, user: str = "trainee", password: str | None = None) -> None:
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(password or f"{user}-demo")
    page.get_by_role("button", name="Log in").click()
