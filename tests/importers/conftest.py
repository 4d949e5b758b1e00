"""Helpers for importer tests: write a file and read it back through the public API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from domain.transcript import Transcript
from importers import ImportOptions, read_path

Reader = Callable[..., list[Transcript]]


@pytest.fixture
def read_text(tmp_path: Path) -> Reader:
    def _read(name: str, content: str | bytes, **options: object) -> list[Transcript]:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return read_path(path, options=ImportOptions(**options))  # type: ignore[arg-type]

    return _read
