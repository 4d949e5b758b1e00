"""The loader names the file and line of every problem a trainer has to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.config import PROJECT_ROOT
from domain.errors import LoadError, UnknownIdError
from domain.loader import Library, check_paths, load_library, parse_document
from domain.schema import schema_text

EXAMPLE = PROJECT_ROOT / "scenarios" / "scenarios" / "billing-double-charge.yaml"


def line_number(text: str, needle: str) -> int:
    """1-based line of the last line containing ``needle`` (so tests don't hard-code line numbers).

    The last, because a duplicate is reported where it repeats, not where it first appeared.
    """
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert numbers, f"{needle!r} not in text"
    return numbers[-1]


def write_broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    return path, broken


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("  temperament: frustrated", "  temperment: frustrated", "temperment:", "unknown key 'temperment' in persona"),
        ("difficulty: 2", "difficulty: hard", "difficulty:", "difficulty: Input should be a valid integer"),
        ("title: Charged twice for the same month\n", "", "version: 1", "missing required field 'title'"),
        ("rubric: default", "rubric: no-such-rubric", "rubric: no-such", "rubric 'no-such-rubric' does not exist"),
        ("policies: [identity-verification,", "policies: [no-such-policy,", "policies:", "policy 'no-such-policy'"),
        (
            "requires_facts: [second_charge]",
            "requires_facts: [second_chargee]",
            "requires_facts:",
            "unknown hidden fact 'second_chargee'",
        ),
        ("    - \"It's {account_id}.", "    - \"It's {acount_id}.", "{acount_id}", "placeholder '{acount_id}'"),
        ("  patience: 6", "  patience: 60", "patience:", "persona.patience: Input should be less than or equal to 10"),
        ("id: reverse-duplicate", "id: partial-credit", "id: partial-credit", "duplicate id 'partial-credit'"),
    ],
)
def test_broken_scenario_reports_file_and_line(
    tmp_path: Path, library: Library, old: str, new: str, at: str, message: str
) -> None:
    path, text = write_broken(tmp_path, old, new)
    _, problems = check_paths([path], library=library)
    assert problems, "a broken file must produce problems"
    rendered = [str(p) for p in problems]
    expected_line = line_number(text, at)
    assert any(p.line == expected_line and message in p.message for p in problems), rendered
    assert all(r.startswith(str(path)) or r.startswith("broken.yaml") or "broken.yaml" in r for r in rendered)


def test_flow_branch_to_missing_node(tmp_path: Path, library: Library) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") + (
        "flow:\n"
        "  start: opening\n"
        "  nodes:\n"
        "    - id: opening\n"
        "      branches:\n"
        "        - when: {acts: [rude]}\n"
        "          goto: furious\n"
    )
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_paths([path], library=library)
    assert [(p.line, p.message) for p in problems] == [
        (line_number(text, "goto: furious"), "branch in node 'opening' points to missing node 'furious'")
    ]


def test_rubric_weights_error_points_at_criteria(tmp_path: Path) -> None:
    text = "version: 1\nkind: rubric\nid: r\ntitle: R\ncriteria:\n  empathy: {weight: 0.5}\n  accuracy: {weight: 0.4}\n"
    doc = parse_document(text, source="r.yaml")
    assert [(p.line, p.message) for p in doc.problems] == [(5, "criteria: weights add up to 0.9, not 1")]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("version: 1\nkind: rubric\nid: [unclosed\n", 4, "YAML syntax"),
        ("version: 1\nversion: 2\n", 2, "YAML syntax"),
        ("", 1, "file is empty"),
        ("- just\n- a list\n", 1, "top level must be a mapping"),
        ("version: 1\nkind: widget\n", 2, "unknown kind 'widget'"),
        ("version: 1\nid: x\n", 1, "missing 'kind'"),
        ("kind: policy\nid: p\ntitle: P\nrules:\n  - {id: r, kind: closing, description: d}\n", 1, "'version'"),
    ],
)
def test_malformed_documents(text: str, line: int, fragment: str) -> None:
    doc = parse_document(text, source="f.yaml")
    assert doc.model is None
    assert any(p.line == line and fragment in p.message for p in doc.problems), doc.problems


def test_duplicate_ids_across_files(tmp_path: Path, library: Library) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    _, problems = check_paths([tmp_path], library=library)
    assert len(problems) == 1
    assert problems[0].file.endswith("b.yaml")
    assert "duplicate scenario id 'billing-double-charge'" in problems[0].message
    assert problems[0].line == line_number(EXAMPLE.read_text(encoding="utf-8"), "id: billing-double-charge")


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    _, problems = check_paths([tmp_path / "nope.yaml"])
    assert [p.message for p in problems] == ["no such file or directory"]


def test_library_loads_and_resolves_ids_and_paths(library: Library) -> None:
    assert "default" in library.rubrics
    assert library.scenario("billing-double-charge").id == "billing-double-charge"
    assert library.scenario(str(EXAMPLE)).id == "billing-double-charge"
    with pytest.raises(UnknownIdError, match="unknown scenario 'nope'"):
        library.scenario("nope")


def test_load_library_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "bad1.yaml").write_text("version: 1\nkind: rubric\n", encoding="utf-8")
    (tmp_path / "bad2.yaml").write_text("version: [\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_library(tmp_path)
    assert {p.file.split("/")[-1] for p in info.value.problems} == {"bad1.yaml", "bad2.yaml"}


def test_schema_json_is_current() -> None:
    shipped = (PROJECT_ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "scenarios/schema.json is stale: run `csrsim schema`"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_document_or_problems(text: str) -> None:
    doc = parse_document(text, source="fuzz.yaml")
    assert (doc.model is None) == bool(doc.problems)
    for problem in doc.problems:
        assert problem.file == "fuzz.yaml" and problem.message


yaml_scalars = st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.none(), st.floats(allow_nan=False))
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["version", "kind", "id", "title", "criteria", "rules", "persona"]), yaml_values)
)
def test_any_mapping_gives_model_or_located_problems(data: dict[str, object]) -> None:
    import json

    doc = parse_document(json.dumps(data), source="fuzz.yaml")  # JSON is YAML
    if doc.model is None:
        assert doc.problems and all(p.line is None or p.line >= 1 for p in doc.problems)


def test_every_problem_is_reported_at_once(tmp_path: Path, library: Library) -> None:
    text = (
        EXAMPLE.read_text(encoding="utf-8")
        .replace("difficulty: 2", "difficulty: hard")
        .replace("rubric: default", "rubric: nope")
        .replace("policies: [identity-verification,", "policies: [missing-pack,")
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_paths([path], library=library)
    assert {(p.line, p.message.split(":")[0]) for p in problems} >= {
        (line_number(text, "difficulty: hard"), "difficulty"),
        (line_number(text, "rubric: nope"), "rubric 'nope' does not exist"),
        (line_number(text, "missing-pack"), "policy 'missing-pack' does not exist"),
    }


@pytest.mark.parametrize(
    ("scenario_ref", "rubric_ref", "expect_scenario", "expect_policies_from"),
    [
        (None, None, None, "rubric"),
        ("billing-double-charge", None, "billing-double-charge", "scenario"),
        ("billing-double-charge", "default", "billing-double-charge", "scenario"),
        (None, str(PROJECT_ROOT / "scenarios" / "rubrics" / "default.yaml"), None, "rubric"),
    ],
)
def test_scoring_setup(
    library: Library,
    scenario_ref: str | None,
    rubric_ref: str | None,
    expect_scenario: str | None,
    expect_policies_from: str,
) -> None:
    setup = library.scoring_setup(scenario_ref=scenario_ref, rubric_ref=rubric_ref)
    assert (setup.scenario.id if setup.scenario else None) == expect_scenario
    assert setup.rubric.id == "default"
    source = setup.scenario.policies if expect_policies_from == "scenario" and setup.scenario else setup.rubric.policies
    assert [p.id for p in setup.policies] == list(source)


def test_scoring_setup_unknown_ids(library: Library) -> None:
    with pytest.raises(UnknownIdError, match="unknown rubric 'nope'"):
        library.scoring_setup(rubric_ref="nope")
    with pytest.raises(UnknownIdError, match="unknown scenario 'nope'"):
        library.scoring_setup(scenario_ref="nope")
