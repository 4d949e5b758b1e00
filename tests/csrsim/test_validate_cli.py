"""``csrsim validate`` and ``csrsim scenarios``, through the real console script where it matters."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "scenarios" / "scenarios" / "billing-double-charge.yaml"


def csrsim_exe() -> str:
    exe = Path(sys.executable).parent / "csrsim"
    return str(exe) if exe.exists() else shutil.which("csrsim") or "csrsim"


def test_library_validates_through_console_script() -> None:
    proc = subprocess.run(
        [csrsim_exe(), "validate", str(PROJECT_ROOT / "scenarios")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok:")


def test_broken_file_prints_file_line_and_exits_1(tmp_path: Path) -> None:
    broken = (
        EXAMPLE.read_text(encoding="utf-8")
        .replace("difficulty: 2", "difficulty: hard")
        .replace("  temperament:", "  temperamnt:")
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    proc = subprocess.run([csrsim_exe(), "validate", str(path)], capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert any(line.startswith(f"{path}:") and "difficulty" in line for line in lines), lines
    assert any("unknown key 'temperamnt'" in line for line in lines), lines


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["validate", "/no/such/file.yaml"], ["scenarios", "--format", "xml"], ["no-such-command"]],
)
def test_bad_arguments_exit_nonzero_without_traceback(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = run(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and err.strip()


def test_scenarios_lists_library_as_json(capsys: pytest.CaptureFixture[str], library) -> None:  # type: ignore[no-untyped-def]
    assert run(["scenarios", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == set(library.scenarios)
    assert set(rows[0]) == {"id", "title", "category", "channel", "difficulty"}


def test_scenarios_table_has_every_id(capsys: pytest.CaptureFixture[str], library) -> None:  # type: ignore[no-untyped-def]
    assert run(["scenarios"]) == 0
    out = capsys.readouterr().out
    for ident in library.scenarios:
        assert ident in out
