"""The README's screenshots, taken from the real app in headless Chromium (Debian's chromium, Playwright).

Usage (from the repository root)::

    .venv/bin/python scripts/screenshots.py              # writes docs/img/*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots

Starts its own server on a free loopback port with a throwaway database (the demo accounts, a fixed customer
seed, text-only customer voice), then takes:

* ``practice-scorecard.png``: a trainee's phone call answered by text, then its scorecard (the score that counts,
  PASS/FAIL, *Next time*, the criteria with their bars and evidence links);
* ``author-form.png``: a trainer's Author page with a shipped scenario open in the form;
* ``practice-chat-typing.png``: a chat whose customer is typing (the pause before the reply appears).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from tests.support.launch import (  # noqa: E402
    CHROMIUM_ARGS,
    app_env,
    chromium_path,
    free_port,
    init_data,
    start_server,
    stop_server,
    wait_ready,
)

PHONE = "Charged twice for the same month (billing-double-charge, difficulty 2)"
CALL = (
    "Good morning, thanks for calling, my name is Sam. This call is recorded for quality and training purposes.",
    "I'm so sorry about that, I understand how frustrating it is. Could you confirm your account number and postcode?",
    "Thank you, you're verified. Which dates do you see the two charges on?",
    "I can see the duplicate. I'll reverse the duplicate charge from March 3; the refund takes 3 to 5 business days.",
    "To summarise: the duplicate is reversed and you'll see it in 3 to 5 business days. "
    "Is there anything else I can help with?",
)
CHAT_HELLO = "Hi, thanks for getting in touch, my name is Alex. I'm sorry the connection is slow, let me help."
WIDTH, HEIGHT = 1400, 1000


def log_in(page: Any, user: str) -> None:
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(f"{user}-demo")
    page.get_by_role("button", name="Log in").click()


def settle(page: Any) -> None:
    """Wait until Streamlit stops running the script and the last paint is done."""
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    time.sleep(1.0)


def scorecard(page: Any, url: str, out: Path) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    log_in(page, "trainee")
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=PHONE).click()
    page.get_by_role("button", name="Start call").click()
    box = page.get_by_placeholder("Type your answer")
    for n, line in enumerate(CALL, start=1):
        expect(box).to_be_enabled()
        box.fill(line)
        box.press("Enter")
        expect(page.get_by_test_id("stChatMessage")).to_have_count(2 * n)
    page.get_by_role("button", name="End call and score").click()
    expect(page.get_by_text("Next time —").first).to_be_visible()
    settle(page)
    page.get_by_text("Scorecard ·").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -40)")
    page.screenshot(path=str(out / "practice-scorecard.png"))


def author_form(page: Any, url: str, out: Path) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    log_in(page, "trainer")
    expect(page.get_by_role("heading", name="Author")).to_be_visible()
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="billing-double-charge", exact=True).click()
    expect(page.get_by_role("tab", name="Form")).to_be_visible()
    settle(page)
    page.screenshot(path=str(out / "author-form.png"))


def chat_typing(page: Any, url: str, out: Path) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    log_in(page, "trainee")
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option").filter(has_text="slow-wifi-chat").click()
    page.get_by_role("button", name="Start call").click()
    box = page.get_by_placeholder("Type a message")
    expect(box).to_be_visible()
    settle(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 0})  # hold the pause still for the picture
    box.fill(CHAT_HELLO)
    box.press("Enter")
    expect(page.locator(".csr-typing")).to_be_visible()
    time.sleep(1.0)
    page.screenshot(path=str(out / "practice-chat-typing.png"))
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 1})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="Where the PNGs go.")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="csr-shots-") as tmp:
        env = app_env(Path(tmp) / "data", CSR_TTS_ENGINE="none", CSR_PRACTICE_SEED="3")
        init_data(env)
        port = free_port()
        proc = start_server(port=port, env=env, log=Path(tmp) / "streamlit.log")
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, timeout=90, proc=proc)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    for shot in (scorecard, author_form, chat_typing):
                        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
                        page = context.new_page()
                        page.set_default_timeout(60_000)
                        shot(page, url, args.out)
                        context.close()
                        print(f"{shot.__name__}: done")
                finally:
                    browser.close()
        finally:
            stop_server(proc)
    print(f"screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
