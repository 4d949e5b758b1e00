"""End to end in a real browser: `streamlit run app.py`, log in, play a scenario by text, see the scorecard.

Drives Debian's chromium headless with Playwright; the screenshot lands in test-artifacts/.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from domain.config import PROJECT_ROOT
from tests.e2e.conftest import Server
from tests.support.launch import CHROMIUM_ARGS

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


def test_login_play_by_text_and_see_scorecard(app_server: Server) -> None:
    server = app_server.url
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
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
                expect(page.get_by_test_id("stChatMessage")).to_have_count(
                    2 * n
                )  # the agent opens: nothing before the greeting
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
