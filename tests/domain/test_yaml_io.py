"""The fast libyaml path reads exactly what ruamel's round-trip loader reads, or steps aside.

ruamel parses with line numbers for ``file:line`` problems; libyaml's C parser is used for clean
documents because the library is loaded on every cold start. They must never disagree on a value.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.loader import parse_document
from domain.yaml_io import fast_plain, parse_yaml, to_plain

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    [*ROOT.glob("scenarios/**/*.yaml"), *ROOT.glob("evaluation/**/*.yaml"), *ROOT.glob("bench/data/**/*.yaml")]
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) and isinstance(a, bool) == isinstance(b, bool)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = fast_plain(text)
    assert fast is not None, "a shipped file fell off the fast path"
    assert _same(fast, to_plain(parse_yaml(text)))


@pytest.mark.parametrize(
    "scalar",
    [
        "no", "yes", "on", "off", "y", "n", "0777", "010", "1:20", "12:30:00", "2026-11-23", "~", "null", "",
        ".inf", "-.inf", ".NaN", "1_000", "1_000.5", "0x1F", "0o17", "0b101", "+12", "-0", "1e3", "1.0e+3", "3.",
        ".5", "1,000", "True", "FALSE", "$59.99", "'quoted'", '"7"', "2026-11-23T10:00:00Z",
    ],
)  # fmt: skip
def test_core_schema_scalars_match_ruamel(scalar: str) -> None:
    text = f"a: {scalar}\nb: [{scalar}]\n"
    assert _same(fast_plain(text), to_plain(parse_yaml(text)))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !custom 3\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # merge key
        "a: [1, 2\n",
    ],
)
def test_what_the_fast_path_cannot_decide_goes_to_ruamel(text: str) -> None:
    assert fast_plain(text) is None


def test_a_clean_document_still_finds_its_lines_on_demand() -> None:
    path = ROOT / "scenarios/scenarios/billing-double-charge.yaml"
    text = path.read_text(encoding="utf-8")
    doc = parse_document(text, source=str(path), path=path)
    assert doc.model is not None and doc.problems == []
    expected = next(i + 1 for i, line in enumerate(text.splitlines()) if line.startswith("hidden_facts:"))
    assert doc.line("hidden_facts") == expected


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["no", "on", "0777", "1:20", "1_000", "0x1F", "2026-11-23", "~", ".5", "3."]),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_DATA, st.booleans())
def test_any_document_reads_the_same_both_ways(data: Any, flow: bool) -> None:
    """Dumped by ruamel (block or flow style, scalars unquoted where YAML allows), read back by both."""
    from domain.yaml_io import dump_yaml

    text = dump_yaml({"v": data}) if not flow else "v: " + repr(data).replace("None", "null")
    fast = fast_plain(text)
    try:
        slow = to_plain(parse_yaml(text))
    except ValueError:
        assert fast is None or flow
        return
    if fast is not None:
        assert _same(fast, slow)
