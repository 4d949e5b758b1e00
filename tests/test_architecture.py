"""The import rules of DESIGN.md, checked on the source (lazy imports inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from domain.config import PROJECT_ROOT

OURS = {
    "domain",
    "language",
    "simulator",
    "scoring",
    "speech",
    "importers",
    "storage",
    "batch",
    "ui",
    "app_pages",
    "csrsim",
    "app",
}

# package -> packages of ours it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "language": {"domain"},
    "simulator": {"domain", "language"},
    "scoring": {"domain", "language"},
    "speech": {"domain"},
    "importers": {"domain", "language", "speech"},
    "storage": {"domain"},
    "batch": {"domain", "language", "importers", "scoring", "speech"},
    "csrsim": {"domain", "language", "simulator", "scoring", "speech", "importers", "storage", "batch"},
    "ui": OURS - {"ui", "app_pages", "app", "csrsim"},
    "app_pages": OURS - {"app_pages", "app", "csrsim"},
    "app": {"ui", "app_pages", "domain"},
}
STREAMLIT_ALLOWED = {"ui", "app_pages", "app"}


def imported_top_levels(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def violations(root: Path) -> list[str]:
    found: list[str] = []
    for package, allowed in ALLOWED.items():
        files = [root / "app.py"] if package == "app" else sorted((root / package).rglob("*.py"))
        for file in files:
            if not file.exists():
                continue
            imports = imported_top_levels(file.read_text(encoding="utf-8"))
            for name in sorted(imports & OURS - allowed - {package}):
                found.append(f"{file.relative_to(root)} imports {name}")
            if "streamlit" in imports and package not in STREAMLIT_ALLOWED:
                found.append(f"{file.relative_to(root)} imports streamlit")
    return found


def test_project_follows_import_rules() -> None:
    assert violations(PROJECT_ROOT) == []


@pytest.mark.parametrize(
    ("package", "source", "expected"),
    [
        ("scoring", "from simulator.session import Session\n", "scoring/x.py imports simulator"),
        ("speech", "def f():\n    import scoring\n", "speech/x.py imports scoring"),
        ("domain", "import storage.models\n", "domain/x.py imports storage"),
        ("simulator", "import streamlit as st\n", "simulator/x.py imports streamlit"),
        ("language", "from scoring.engine import score\n", "language/x.py imports scoring"),
        ("language", "import simulator\n", "language/x.py imports simulator"),
    ],
)
def test_checker_catches_violations(tmp_path: Path, package: str, source: str, expected: str) -> None:
    (tmp_path / package).mkdir()
    (tmp_path / package / "x.py").write_text(source, encoding="utf-8")
    assert expected in violations(tmp_path)


def test_checker_allows_permitted_imports(tmp_path: Path) -> None:
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "x.py").write_text("from domain import Transcript\nimport numpy\n", encoding="utf-8")
    assert violations(tmp_path) == []
