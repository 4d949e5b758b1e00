"""End to end in a real browser: `streamlit run app.py`, log in, play a scenario by text, see the scorecard.

Drives Debian's chromium headless with Playwright; the screenshot lands in test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from domain.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
LINES = [
    "Thank you for calling, my name is Alex, this call is recorded for quality. How can I help?",
    "I'm so sorry about that, I understand. Can I have your account number and postcode?",
    "Thank you, you're verified. Which dates do you see the two charges on, and how much were they?",
    "I'll reverse the duplicate charge of $59.99 from March 3; the refund takes 3 to 5 business days.",
    "To summarise: the duplicate is reversed. Is there anything else I can help with today?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "CSR_DATA_DIR": str(tmp_path / "data"),
        "CSR_RECORDINGS_DIR": str(tmp_path / "recordings"),
        "CSR_TTS_ENGINE": "none",
        "CSR_PRACTICE_SEED": "3",
    }
    env.pop("CSR_DATABASE_URL", None)
    bindir = Path(sys.executable).parent
    subprocess.run([str(bindir / "csrsim"), "init", "--quiet"], env=env, check=True, cwd=PROJECT_ROOT)
    cmd = [
        str(bindir / "streamlit"),
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited: {(tmp_path / 'streamlit.log').read_text()[-2000:]}")
            time.sleep(0.3)
        else:
            pytest.fail("streamlit did not become healthy in 90 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_login_play_by_text_and_see_scorecard(server: str) -> None:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)
        try:
            page.goto(server)
            page.get_by_role("textbox", name="User name").fill("trainee")
            page.get_by_role("textbox", name="Password").fill("trainee-demo")
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", name="Practice")).to_be_visible()
            page.get_by_test_id("stSelectbox").first.click()
            page.get_by_role(
                "option", name="Charged twice for the same month (billing-double-charge, difficulty 2)"
            ).click()
            expect(page.get_by_text("Dana Reyes").first).to_be_visible()
            page.get_by_role("button", name="Start call").click()
            chat = page.get_by_placeholder("Type your answer")
            for n, line in enumerate(LINES, start=1):
                if not chat.is_enabled():
                    break  # the customer ended the call
                chat.fill(line)
                chat.press("Enter")
                expect(page.get_by_text(line)).to_be_visible()
                expect(page.get_by_test_id("stChatMessage")).to_have_count(2 * n + 1)
            expect(page.get_by_text("Identity verified")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "e2e-call.png"), full_page=True)
            page.get_by_role("button", name="End call and score").click()
            expect(page.get_by_text("Scorecard · Charged twice for the same month")).to_be_visible()
            expect(page.get_by_test_id("stMetric").first).to_be_visible()
            expect(page.get_by_text("Coaching").first).to_be_visible()
            time.sleep(1.0)  # let charts and bars finish painting before the screenshot
            page.screenshot(path=str(ARTIFACTS / "e2e-scorecard.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "e2e-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
