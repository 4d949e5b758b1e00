"""In chromium: a chat customer's reply shows "<name> is typing…" first, then the reply (the browser plays the
pause; the server answered at once)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Server, log_in

pytestmark = pytest.mark.slow


def test_chat_reply_appears_after_the_typing_indicator(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(app_server.url)
    log_in(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option").filter(has_text="slow-wifi-chat").click()
    page.get_by_role("button", name="Start call").click()
    box = page.get_by_placeholder("Type a message")
    expect(box).to_be_visible()
    box.fill("Hi, thanks for getting in touch, my name is Alex. I'm sorry the connection is slow, let me help.")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 0})  # freeze CSS time: the pause cannot elapse yet
    box.press("Enter")
    typing = page.locator(".csr-typing")
    expect(typing).to_have_count(1)  # the indicator comes first ...
    indicator = page.locator("[class*='st-key-typing_']")
    holder = page.locator("[class*='st-key-typed_reply_']")
    expect(holder.get_by_test_id("stChatMessage")).to_have_count(1)  # ... the reply is on the page already,
    delay = holder.evaluate("e => getComputedStyle(e).animationDelay")  # held back by the browser this long
    assert 0.6 <= float(delay.rstrip("s")) <= 2.5, delay
    assert holder.evaluate("e => getComputedStyle(e).opacity") == "0"  # hidden while the customer "types"
    assert indicator.evaluate("e => getComputedStyle(e).opacity") == "1"
    page.screenshot(path=str(ARTIFACTS / "e2e-chat-typing.png"), full_page=True)
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 1})
    time.sleep(float(delay.rstrip("s")) + 0.5)
    assert holder.evaluate("e => getComputedStyle(e).opacity") == "1"  # then the reply shows
    assert indicator.evaluate("e => getComputedStyle(e).opacity") == "0"  # and the indicator is gone
    assert indicator.evaluate("e => e.getBoundingClientRect().height") == 0
    page.screenshot(path=str(ARTIFACTS / "e2e-chat-typed.png"), full_page=True)
