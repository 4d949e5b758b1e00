"""In chromium: a hands-free voice turn from a fake microphone, nothing fetched off the machine, no deprecated
Streamlit API in the server log, and the phone layout (390×844) keeping the newest line and *End call* in view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from bench.bench_voice import OBSERVER, SCENARIO, fake_mic_args, speech_wav
from tests.e2e.conftest import ARTIFACTS, Server, log_in

pytestmark = pytest.mark.slow

LOCAL_SCHEMES = {"data", "blob", "about"}


def start_call(page: Any) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Start call")).to_be_visible()
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=SCENARIO).click()
    page.get_by_role("button", name="Start call").click()


def test_hands_free_turn_from_the_microphone_offline(app_server: Server, chromium: Any, tmp_path: Path) -> None:
    """Speak (fake mic), say nothing else: the answer is transcribed and the customer replies; no Stop button.
    A draft is sent during the hangover with the final's exact bytes."""
    from playwright.sync_api import expect

    wav = speech_wav(tmp_path / "speech.wav", text="Thank you for calling, my name is Alex. How can I help you today?")
    page = chromium(args=fake_mic_args(wav)).new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(90_000)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(OBSERVER)
    page.goto(app_server.url)
    log_in(page)
    start_call(page)
    status = page.get_by_test_id("csr-voice-status")
    expect(status).to_have_text("Listening…")
    before = page.get_by_test_id("stChatMessage").count()
    expect(page.get_by_text("my name is Alex", exact=False).first).to_be_visible()
    # agent line + customer reply (the fake microphone loops, so more turns may follow)
    page.wait_for_function(f"document.querySelectorAll('[data-testid=stChatMessage]').length >= {before + 2}")
    assert page.get_by_role("button", name="Stop").count() == 0
    assert page.evaluate("window.__csrVoice.log.length") >= 1
    # the final utterance carried exactly the bytes of the draft sent during the hangover
    assert page.evaluate("window.__csrVoice.log[0].draftAt") is not None
    # the answer was played in the callback and the page was told what it took (bench/bench_voice.py prints it)
    page.wait_for_function("window.__csrVoice.served.length >= 1")
    served = page.evaluate("window.__csrVoice.served")
    ends = page.evaluate("window.__csrVoice.log.map((e) => e.speechEnd)")
    assert {s["speech_end_ms"] for s in served} <= set(ends), (served, ends)
    assert all(s["answer_ms"] >= 0 and isinstance(s["draft_used"], bool) for s in served), served
    page.screenshot(path=str(ARTIFACTS / "e2e-hands-free.png"), full_page=True)

    outside = [u for u in requests if urlparse(u).scheme not in LOCAL_SCHEMES and urlparse(u).hostname != "127.0.0.1"]
    assert outside == [], outside
    log = app_server.log.read_text()
    assert "deprecat" not in log.lower(), [ln for ln in log.splitlines() if "deprecat" in ln.lower()]


def test_phone_layout_keeps_newest_line_and_end_call_in_view(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.set_default_timeout(60_000)
    page.goto(app_server.url)
    log_in(page)
    start_call(page)
    chat = page.get_by_placeholder("Type your answer")
    lines = [
        "Thank you for calling, my name is Alex. How can I help?",
        "I'm so sorry about that. Can I have your account number and postcode?",
    ]
    for n, text in enumerate(lines, start=1):
        chat.fill(text)
        chat.press("Enter")
        messages = page.get_by_test_id("stChatMessage")
        expect(messages).to_have_count(2 * n)  # the agent opens: nothing before the greeting
        expect(messages.last).to_be_in_viewport()
        end = page.get_by_role("button", name="End call and score")
        expect(end).to_be_in_viewport()
        box, input_box = end.bounding_box(), page.get_by_test_id("stChatInput").bounding_box()
        assert box is not None and input_box is not None
        assert box["y"] + box["height"] <= input_box["y"], (box, input_box)  # not hidden behind the input
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-call.png"))
