"""Authored YAML that would cost unbounded work is refused with ``file:line``, in bounded memory.

Reproductions from the attack pass: a 465-byte alias bomb ran ``csrsim validate`` for 40 s and 1 GB; a 10 KB
nested flow gave "RecursionError" and a 5,000-digit ``version`` a bare "ValueError", both without the file name.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csrsim.main import run
from domain.loader import MAX_YAML_BYTES, parse_document
from domain.yaml_io import MAX_DEPTH, MAX_EXPANDED_NODES, MAX_NUMBER_DIGITS

MB = 1024 * 1024


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["kind: scenario", "version: 1", 'l0: &l0 ["lol"' + ', "lol"' * (width - 1) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


HOSTILE: dict[str, tuple[Callable[[], str], str, int]] = {
    # name: (document, words the problem must contain, line it must name)
    "alias bomb": (_bomb, f"more than {MAX_EXPANDED_NODES}", 8),
    "alias bomb in a mapping": (
        lambda: (
            "a: &a {x: 1, y: 2, z: 3, w: 4}\n"
            + "".join(
                f"b{i}: &b{i} {{p: *{'a' if i == 0 else f'b{i - 1}'}, q: *{'a' if i == 0 else f'b{i - 1}'}}}\n"
                for i in range(40)
            )
        ),
        "more than",
        14,
    ),
    "self reference": (lambda: "&a [*a]\n", "refers to the node that contains it", 1),
    "10 KB of nested flow": (
        lambda: "kind: scenario\nversion: 1\nflow: " + "[" * 10_000 + "]" * 10_000,
        "levels deep",
        3,
    ),
    "2 MB of nested flow": (lambda: "kind: scenario\nflow: " + "[" * (MAX_YAML_BYTES - 30), "levels deep", 2),
    "deep block nesting": (
        lambda: (
            "kind: scenario\nversion: 1\nflow:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
        ),
        "levels deep",
        MAX_DEPTH + 3,
    ),
    "5,000-digit version": (lambda: "kind: scenario\nversion: " + "9" * 5000 + "\n", "5000 digits", 2),
    "5,000-digit float": (lambda: "kind: rubric\nversion: 1\npass_mark: 1." + "5" * 5000 + "\n", "digits", 3),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_yaml_is_refused_with_file_and_line_in_bounded_memory(name: str) -> None:
    make, words, line = HOSTILE[name]
    text = make()
    tracemalloc.start()
    try:
        doc = parse_document(text, source="evil.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert doc.model is None
    assert peak < 100 * MB, f"{peak / MB:.0f} MB"
    [problem] = doc.problems
    assert problem.file == "evil.yaml" and problem.line == line, str(problem)
    assert words in problem.message


def test_ordinary_numbers_and_aliases_still_load() -> None:
    text = "kind: policy\nversion: 1\nid: p\nx: &x [1, 2]\ny: *x\nbig: " + "9" * MAX_NUMBER_DIGITS + "\n"
    doc = parse_document(text, source="ok.yaml")
    assert not any("digits" in p.message or "expands" in p.message for p in doc.problems)


def test_validate_cli_reports_the_bomb_and_keeps_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a_bomb.yaml").write_text(_bomb())
    (tmp_path / "b_number.yaml").write_text("kind: scenario\nversion: " + "7" * 5000 + "\n")
    (tmp_path / "c_nest.yaml").write_text("kind: scenario\nflow: " + "[" * 10_000)
    code = run(["validate", str(tmp_path)])
    err = capsys.readouterr()
    out = err.out + err.err
    assert code == 1
    for name, line in (("a_bomb.yaml", 8), ("b_number.yaml", 2), ("c_nest.yaml", 2)):
        assert f"{name}:{line}:" in out, out
    assert "Traceback" not in out and "RecursionError" not in out


_yamlish = st.lists(
    st.sampled_from(
        ["[", "]", "{", "}", "&a ", "*a", "&b ", "*b", ": ", "- ", "\n", "  ", "x", "1" * 70, ",", "'", '"']
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(_yamlish, st.text(max_size=300)))
def test_any_text_becomes_problems_not_exceptions(text: str) -> None:
    doc = parse_document(text, source="fuzz.yaml")
    assert doc.model is not None or doc.problems
