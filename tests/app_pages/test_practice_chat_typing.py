"""A chat customer's reply appears after a "<name> is typing…" pause played by the browser; phone and email
have none; the pause is a setting (0 in these tests unless a test turns it on)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from storage import Database
from tests.app_pages.conftest import click

HELLO = "Hi, thanks for getting in touch, my name is Alex. I'm sorry the connection is slow, let me help."


@pytest.fixture
def typing_on(monkeypatch: pytest.MonkeyPatch, db: Database) -> None:
    from domain.config import get_settings

    monkeypatch.setenv("CSR_CHAT_TYPING_MAX_SECONDS", "2.5")
    monkeypatch.setenv("CSR_CHAT_TYPING_MIN_SECONDS", "0.6")
    get_settings.cache_clear()


def start(at: AppTest, scenario: str) -> AppTest:
    at.selectbox(key="practice_pick").select(scenario).run()
    return click(at, "Start call")


def typing_lines(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.markdown if "is typing" in str(m.value)]


def pauses(at: AppTest) -> list[float]:
    """The reveal delays in the page's typing CSS (seconds)."""
    css = " ".join(str(h.proto.body) for h in at.get("html"))
    return [float(x) for x in re.findall(r"csr-typing-reveal 0s linear ([\d.]+)s", css)]


def test_a_chat_reply_waits_behind_a_typing_indicator_once(app_as, typing_on: None) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start(at, "slow-wifi-chat")
    assert not typing_lines(at)  # the customer's opening message is already there
    at.chat_input[0].set_value(HELLO).run()
    assert not at.exception, at.exception
    live = at.session_state["practice_live"]
    reply = live.session.turns[live.last_reply.turn_index].text
    name = live.session.scenario.brief.customer_name
    assert typing_lines(at) and f"{name} is typing" in typing_lines(at)[0]
    (pause,) = pauses(at)
    assert 0.6 <= pause <= 2.5
    assert any(reply in str(m.value) for m in at.markdown)  # on the page, hidden by the browser until the pause ends
    at.run()  # any later rerun shows it plainly
    assert not typing_lines(at) and not pauses(at)


def test_longer_replies_type_longer(app_as, typing_on: None) -> None:  # type: ignore[no-untyped-def]
    from domain.config import get_settings
    from services.practice import typing_seconds

    settings = get_settings()
    short, long = "Okay.", "I have restarted the router twice already and it is still dropping every evening. " * 2
    assert 0.6 <= typing_seconds(short, settings=settings) < typing_seconds(long, settings=settings) <= 2.5


@pytest.mark.parametrize(
    ("scenario", "answer"),
    [("billing-double-charge", "chat_input"), ("unrecognised-charge-email", "email")],
)
def test_phone_and_email_replies_have_no_typing_pause(app_as, typing_on: None, scenario: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")
    start(at, scenario)
    if answer == "chat_input":
        at.chat_input[0].set_value(HELLO).run()
    else:
        at.text_area(key="email_1_body").input(HELLO)
        click(at, "Send")
    assert not at.exception, at.exception
    assert at.session_state["practice_live"].last_reply.text
    assert not typing_lines(at) and not pauses(at)


def test_the_setting_turns_the_pause_off(app_as, db: Database) -> None:  # type: ignore[no-untyped-def]
    at = app_as("trainee")  # the app_pages fixture sets CSR_CHAT_TYPING_MAX_SECONDS=0
    start(at, "slow-wifi-chat")
    at.chat_input[0].set_value(HELLO).run()
    assert at.session_state["practice_live"].last_reply.text
    assert not typing_lines(at) and not pauses(at)
