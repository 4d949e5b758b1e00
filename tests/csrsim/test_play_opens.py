"""``csrsim play`` offline: who opens follows the scenario (as in the app) and controls follow the channel."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from csrsim.commands.play import LINE_OPEN
from csrsim.main import run
from domain.transcript import Transcript

GREETING = "Good morning, thanks for calling, my name is Sam. This call is recorded. How can I help?"


def play(monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(["play", *args])


@pytest.mark.parametrize(
    ("scenario", "agent_first"),
    [("billing-double-charge", True), ("slow-wifi-chat", False), ("unrecognised-charge-email", False)],
)
def test_the_agent_greets_first_on_an_inbound_phone_call(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    scenario: str,
    agent_first: bool,
) -> None:
    out = tmp_path / "t.json"
    code = play(monkeypatch, [scenario, "--no-score", "--seed", "3", "--transcript-out", str(out)], GREETING + "\n")
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    talk = [line for line in printed if line.startswith(("customer: ", "agent: ")) or line == LINE_OPEN]
    if agent_first:
        assert talk[0] == LINE_OPEN and talk[1].startswith("agent: ") and talk[2].startswith("customer: ")
    else:
        assert LINE_OPEN not in talk and talk[0].startswith("customer: ") and talk[1].startswith("agent: ")
    speakers = [t.speaker for t in Transcript.model_validate(json.loads(out.read_text())).turns]
    assert speakers[:2] == (["agent", "customer"] if agent_first else ["customer", "agent"])


def test_the_caller_states_the_problem_once_after_the_greeting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "t.json"
    lines = [GREETING, "Could you confirm your account number and postcode please?"]
    assert (
        play(monkeypatch, ["billing-double-charge", "--no-score", "--transcript-out", str(out)], "\n".join(lines)) == 0
    )
    customer = [t.text for t in Transcript.model_validate(json.loads(out.read_text())).turns if t.speaker == "customer"]
    assert len(customer) == 2 and customer[0] != customer[1]


@pytest.mark.parametrize(
    ("scenario", "command", "refused"),
    [
        ("slow-wifi-chat", "/hold", True),  # a chat has no hold
        ("unrecognised-charge-email", "/transfer", True),  # an email is escalated, never transferred live
        ("unrecognised-charge-email", "/escalate", False),
        ("billing-double-charge", "/escalate", False),
    ],
)
def test_controls_follow_the_channel(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], scenario: str, command: str, refused: bool
) -> None:
    code = play(monkeypatch, [scenario, "--no-score"], f"{GREETING}\n{command}\n")
    captured = capsys.readouterr()
    assert code == 0
    assert ("has no " + command in captured.err) is refused
    assert ("== end: escalated" in captured.out) is (not refused)
