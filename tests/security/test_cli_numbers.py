"""Numeric CLI options that float parsing accepts but no run can honour (nan, inf) are refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from csrsim.main import run


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "infinity", "0", "-1"])
@pytest.mark.parametrize("option", ["--max-hours", "--split-at-pause"])
def test_transcribe_refuses_non_finite_limits(
    option: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF")
    code = run(["transcribe", str(audio), option, value])
    captured = capsys.readouterr()
    assert code != 0
    assert f"{option} must be positive" in captured.err
    assert "Traceback" not in captured.err and "ValueError" not in captured.err
