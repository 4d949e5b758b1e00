"""Crash safety: ``kill -9`` the running app in the middle of a call; every answered turn is still there
after a restart, the database is intact, and the trainee resumes the same call and goes on.

Drives the real server (``streamlit run app.py``) with headless Chromium through Playwright, using the
same helpers as ``scripts/load_app.py``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from domain.config import PROJECT_ROOT
from tests.security.load_app_module import load_app_module

pytestmark = pytest.mark.slow


load_app = load_app_module()


def _kill9(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGKILL)  # the server and anything it started; it runs in its own session
    proc.wait(timeout=10)


async def _first_visit(base: str, crash: Any) -> list[str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            headless=True, executable_path=load_app.chromium_path(), args=load_app.CHROMIUM_ARGS
        )
        page = await (await browser.new_context()).new_page()
        await load_app.login(page, base, "trainee", "trainee-demo", timeout_ms=60_000)
        await load_app.start_call(page, timeout_ms=60_000)
        sent = list(load_app.LINES[:3])
        for line in sent:
            await load_app.say(page, line, timeout_ms=60_000)
        crash()  # the server dies under the open page, as it would in a real crash
        return sent


async def _after_restart(base: str, next_line: str) -> list[str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            headless=True, executable_path=load_app.chromium_path(), args=load_app.CHROMIUM_ARGS
        )
        try:
            page = await (await browser.new_context()).new_page()
            await load_app.login(page, base, "trainee", "trainee-demo", timeout_ms=60_000)
            await page.get_by_text("Unfinished call").first.wait_for(timeout=60_000)
            await page.get_by_role("button", name="Resume").first.click(timeout=60_000)
            await page.locator('[data-testid="stChatInputTextArea"]').wait_for(timeout=60_000)
            await load_app.say(page, next_line, timeout_ms=60_000)
            return [str(t) for t in await page.locator('[data-testid="stChatMessage"]').all_inner_texts()]
        finally:
            await browser.close()


def _agent_lines(url: str) -> tuple[list[str], Any]:
    from storage import PracticeRepo, UserRepo, open_database

    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        trainee = UserRepo(db).by_username("trainee")
        assert trainee is not None
        (record,) = PracticeRepo(db).list(trainee)
        full = PracticeRepo(db).get(trainee, record.id)
        return [t["text"] for t in full.turns if t["speaker"] == "agent"], full
    finally:
        db.dispose()


def test_kill9_loses_no_turn_and_the_call_resumes(tmp_path: Path) -> None:
    if load_app.chromium_path() is None:
        pytest.skip("chromium is not installed")
    pytest.importorskip("playwright")
    data = tmp_path / "data"
    env = load_app.app_env(data)
    init = subprocess.run(
        [sys.executable, "-m", "csrsim", "init", "--quiet"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert init.returncode == 0, init.stderr
    url = f"sqlite:///{data / 'csr_coach.db'}"
    port = load_app.free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "streamlit.log"

    proc = load_app.start_server(data, port, log=log)
    try:
        load_app.wait_ready(base, proc=proc, timeout=90)
        sent = asyncio.run(_first_visit(base, lambda: _kill9(proc)))
    finally:
        if proc.poll() is None:
            _kill9(proc)
    assert proc.returncode == -signal.SIGKILL

    saved, record = _agent_lines(url)
    assert saved == sent, log.read_text(errors="replace")[-2000:]
    assert record.status == "active"
    version_before = record.version

    proc = load_app.start_server(data, port, log=log)
    try:
        load_app.wait_ready(base, proc=proc, timeout=90)
        shown = asyncio.run(_after_restart(base, "Is there anything else I can help you with today?"))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _kill9(proc)
    page_text = "\n".join(shown)
    assert all(line in page_text for line in sent)  # the resumed call shows the turns from before the crash
    saved, record = _agent_lines(url)
    assert saved == [*sent, "Is there anything else I can help you with today?"]
    assert record.version == version_before + 1
