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
    "services",
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
    "services": {"domain", "language", "simulator", "scoring", "speech", "importers", "storage"},
    # importers: BatchConfig carries the (picklable) ImportOptions every worker reads files with
    "batch": {"services", "domain", "importers"},
    "csrsim": {"services", "batch", "domain"},
    # ui: Streamlit glue (cached resources, session state) over services; storage only for plain values and the
    # engine type behind the cached database; speech for the cached customer voice
    "ui": {"services", "domain", "storage", "speech"},
    "app_pages": {"services", "domain", "ui"},
    "app": {"ui", "app_pages", "services", "domain"},
}
# Files that break a rule today, each with its owner and reason; the list may only shrink.
KNOWN_EXCEPTIONS: dict[str, set[str]] = {}
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
            excepted = KNOWN_EXCEPTIONS.get(file.relative_to(root).as_posix(), set())
            for name in sorted(imports & OURS - allowed - {package} - excepted):
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
        ("app_pages", "from storage import ScoreRepo\n", "app_pages/x.py imports storage"),
        ("app_pages", "def f():\n    import scoring\n", "app_pages/x.py imports scoring"),
        ("app_pages", "from simulator import Session\n", "app_pages/x.py imports simulator"),
        ("app_pages", "import importers\n", "app_pages/x.py imports importers"),
        ("app_pages", "from speech import Transcriber\n", "app_pages/x.py imports speech"),
        ("app_pages", "from batch.run import run_batch\n", "app_pages/x.py imports batch"),
        ("services", "import streamlit as st\n", "services/x.py imports streamlit"),
        ("services", "from ui.resources import workspace\n", "services/x.py imports ui"),
        ("batch", "from scoring import score_transcript\n", "batch/x.py imports scoring"),
        ("csrsim", "from storage import UserRepo\n", "csrsim/x.py imports storage"),
        ("csrsim", "def f():\n    from simulator import Session\n", "csrsim/x.py imports simulator"),
    ],
)
def test_checker_catches_violations(tmp_path: Path, package: str, source: str, expected: str) -> None:
    (tmp_path / package).mkdir()
    (tmp_path / package / "x.py").write_text(source, encoding="utf-8")
    assert expected in violations(tmp_path)


def test_a_page_importing_storage_fails(tmp_path: Path) -> None:
    """The rule the pages keep: a page that reaches storage directly is reported, not let through."""
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app_pages" / "review.py").write_text(
        "import streamlit as st\nfrom storage import ScoreRepo\nfrom services import reporting\n", encoding="utf-8"
    )
    (tmp_path / "app.py").write_text("from storage.types import UserInfo\n", encoding="utf-8")
    assert violations(tmp_path) == ["app_pages/review.py imports storage", "app.py imports storage"]


def test_checker_allows_permitted_imports(tmp_path: Path) -> None:
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "x.py").write_text("from domain import Transcript\nimport numpy\n", encoding="utf-8")
    assert violations(tmp_path) == []
