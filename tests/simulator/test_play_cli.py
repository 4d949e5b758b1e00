"""``csrsim play``: piped practice, transcript output, clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import PROJECT_ROOT
from domain.transcript import Transcript
from tests.simulator.agents import BILLING_GOOD_CALL

GOOD = BILLING_GOOD_CALL


def play(monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(["play", *args])


def test_piped_call_resolves_and_writes_the_transcript(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "call.json"
    code = play(
        monkeypatch, ["billing-double-charge", "--seed", "4", "--transcript-out", str(out)], "\n".join(GOOD) + "\n"
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "== end: resolved" in printed
    assert printed.count("customer: ") >= 6
    assert "score:" in printed or "scoring not available" in printed
    transcript = Transcript.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert transcript.metadata["end_state"] == "resolved"
    assert len(transcript.agent_turns) == len(GOOD)
    assert transcript.timed


def test_eof_ends_the_call_as_agent_ended(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code = play(monkeypatch, ["late-fee-supervisor", "--no-score"], "Hello there.\n")
    assert code == 0
    assert "== end: agent_ended" in capsys.readouterr().out


def test_scenario_by_path_and_call_controls(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = PROJECT_ROOT / "scenarios" / "scenarios" / "billing-double-charge.yaml"
    code = play(monkeypatch, [str(path), "--no-score"], "/hold\n/resume\n/transfer\n")
    assert code == 0
    assert "== end: transferred" in capsys.readouterr().out


def test_unknown_scenario_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = play(monkeypatch, ["no-such-scenario"], "")
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown scenario 'no-such-scenario'" in err
    assert len(err.strip().splitlines()) == 1


def test_llm_customer_without_endpoint_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: object
) -> None:
    code = play(monkeypatch, ["billing-double-charge", "--customer", "llm"], "")
    assert code == 2
    assert "CSR_LLM_BASE_URL" in capsys.readouterr().err


def test_real_console_script_reads_a_pipe(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "csrsim"
    cmd = [str(exe) if exe.exists() else shutil.which("csrsim") or "csrsim", "play", "billing-double-charge"]
    out = tmp_path / "t.json"
    proc = subprocess.run(
        [*cmd, "--no-score", "--seed", "2", "--transcript-out", str(out)],
        input="\n".join(GOOD) + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "== end: resolved" in proc.stdout
    assert Transcript.model_validate_json(out.read_text(encoding="utf-8")).metadata["seed"] == 2
