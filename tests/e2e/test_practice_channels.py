"""In chromium: F5 mid-call carries on with the call (no *Resume*), an inbound phone call waits for the
greeting, email is a compose box without Hold or voice, and the scorecard speaks to the trainee."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Server, log_in

pytestmark = pytest.mark.slow

PHONE = "Charged twice for the same month (billing-double-charge, difficulty 2)"


def pick(page: Any, option: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Start call")).to_be_visible()
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=option).click()
    page.get_by_role("button", name="Start call").click()


def test_refresh_mid_call_resumes_without_a_press(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(app_server.url)
    log_in(page)
    page.wait_for_function("document.cookie.includes('csr_login=')")
    pick(page, PHONE)
    expect(page.get_by_text("The line is open: greet the caller.")).to_be_visible()
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)  # the caller waits for the greeting
    chat = page.get_by_placeholder("Type your answer")
    greeting = "Thank you for calling, my name is Alex, this call is recorded. How can I help?"
    chat.fill(greeting)
    chat.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2)
    page.reload()
    expect(page.get_by_text(greeting)).to_be_visible()  # back in the call, no Resume pressed
    expect(page.get_by_role("button", name="Resume")).to_have_count(0)
    expect(page.get_by_role("button", name="End call and score")).to_be_visible()
    page.get_by_role("button", name="End call and score").click()
    expect(page.get_by_text("Next time —").first).to_be_visible()
    expect(page.get_by_text("FAIL", exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "e2e-trainee-scorecard.png"), full_page=True)


def test_email_is_a_compose_box_without_hold_or_voice(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(app_server.url)
    log_in(page)
    page.get_by_test_id("stSelectbox").first.click()
    option = page.get_by_role("option").filter(has_text="unrecognised-charge-email")
    option.click()
    page.get_by_role("button", name="Start call").click()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    assert page.get_by_role("button", name="Hold").count() == 0
    assert page.get_by_role("button", name="Transfer").count() == 0
    assert page.get_by_test_id("csr-voice-status").count() == 0
    assert page.get_by_placeholder("Type your answer").count() == 0
    page.get_by_role("textbox", name="Subject").fill("Your charge")
    body = "Hello,\n\nCould you confirm your account number?\n\nKind regards, Alex"
    page.get_by_role("textbox", name="Message").fill(body)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Could you confirm your account number?").first).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    page.screenshot(path=str(ARTIFACTS / "e2e-email.png"), full_page=True)
