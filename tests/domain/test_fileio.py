"""Atomic writes leave either the old file or the new one, never a half-written file or a stray temp."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.fileio import write_atomic


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_round_trip(tmp_path_factory: pytest.TempPathFactory, data: str | bytes) -> None:
    path = tmp_path_factory.mktemp("w") / "sub" / "out.txt"
    write_atomic(path, data)
    assert path.read_bytes() == (data.encode("utf-8") if isinstance(data, str) else data)
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_failure_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "\ud800")  # a lone surrogate cannot be encoded: the write fails midway
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
