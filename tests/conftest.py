"""Fixtures every test package may use. Package-specific fixtures live in tests/<package>/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.config import PROJECT_ROOT, Settings, get_settings
from domain.loader import Library, load_library

SCENARIOS_DIR = PROJECT_ROOT / "scenarios"


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped scenario library, loaded once (it is never mutated)."""
    return load_library(SCENARIOS_DIR)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings pointing data and recordings at a fresh temporary directory."""
    monkeypatch.setenv("CSR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CSR_RECORDINGS_DIR", str(tmp_path / "recordings"))
    monkeypatch.setenv("CSR_SCENARIOS_DIR", str(SCENARIOS_DIR))
    for var in ("CSR_DATABASE_URL", "CSR_LLM_BASE_URL", "CSR_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.recordings_dir.mkdir(parents=True, exist_ok=True)
    yield settings
    get_settings.cache_clear()
