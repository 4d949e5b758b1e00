"""Fuzzing the edges a user types into: authored YAML (text and raw bytes) and the CLI's arguments.

The YAML loader must turn anything into a Document with problems (never an exception), and the CLI
must turn any argument list into an exit code with at most a one-line error (a traceback only with
``--debug``). Transcript importers are fuzzed in tests/importers/test_properties.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csrsim.main import run
from domain.config import PROJECT_ROOT, Settings
from domain.loader import parse_document, parse_document_file

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

_YAML_BITS = st.sampled_from(
    [
        "version: 1\n",
        "kind: scenario\n",
        "kind: policy\n",
        "kind: rubric\n",
        "id: x\n",
        "id: ../x\n",
        "title: t\n",
        "rules:\n",
        "  - id: r\n",
        "criteria: []\n",
        ": :\n",
        "- \n",
        "&a [*a]\n",
        "*b\n",
        "!!python/object:os.system {}\n",
        "!!binary aGk=\n",
        "{",
        "}",
        "[",
        "]",
        "'",
        '"',
        "\t",
        "  ",
        "\n",
        "key: &x {a: *x}\n",
        "? complex\n",
        "%YAML 1.2\n---\n",
        "...\n",
        "\x00",
        "\ufeff",
        "<<: {a: 1}\n",
    ]
)
_YAML_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_YAML_BITS, st.text(max_size=12)), max_size=25).map("".join),
)
_SHIPPED = [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "scenarios").rglob("*.yaml"))[:6]]


def _check_document(doc: object, text: str) -> None:
    from domain.loader import Document

    assert isinstance(doc, Document)
    if doc.model is None:
        assert doc.problems, "an invalid document must say why"
    lines = text.count("\n") + 2
    for problem in doc.problems:
        assert problem.line is None or 1 <= problem.line <= lines + 1, problem
        assert str(problem).startswith(problem.file)


@FAST
@given(_YAML_TEXT)
def test_yaml_loader_never_raises(text: str) -> None:
    _check_document(parse_document(text, source="fuzz.yaml"), text)


@pytest.mark.parametrize("text", ["&a [*a]\n", "--- &a [*a]\n", "&a [1, [2, *a]]\n"])
def test_self_referencing_alias_is_a_problem(text: str) -> None:
    doc = parse_document(text, source="alias.yaml")
    assert doc.model is None and doc.problems


@FAST
@given(st.sampled_from(_SHIPPED), st.integers(min_value=0, max_value=5000), st.text(min_size=1, max_size=20))
def test_yaml_loader_survives_edits_of_real_files(original: str, at: int, insert: str) -> None:
    at %= max(len(original), 1)
    text = original[:at] + insert + original[at:]
    _check_document(parse_document(text, source="edit.yaml"), text)


@FAST
@given(st.binary(max_size=400))
def test_yaml_files_with_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("yaml") / "scenarios" / "f.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    doc = parse_document_file(path)
    assert doc.model is None or not doc.problems
    if doc.model is None:
        assert doc.problems


# --- the CLI --------------------------------------------------------------------------------------------------------

# Commands that are slow by design (model load, benchmarks, bulk runs) are fuzzed through their --help only.
_SLOW = ("bench", "transcribe", "batch", "calibrate")
_COMMANDS = [
    "validate",
    "scenarios",
    "init",
    "play",
    "score",
    "list-users",
    "export-user",
    "delete-user",
    "add-user",
    "schema",
    "nope",
    "",
    "-",
    "--",
]
_TOKENS = st.sampled_from(
    [
        "--help",
        "--format",
        "json",
        "csv",
        "table",
        "--out",
        "out.json",
        "--rubric",
        "default",
        "--scenario",
        "billing-double-charge",
        "--seed",
        "3",
        "-1",
        "x",
        "--customer",
        "llm",
        "scripted",
        "--yes",
        "trainee",
        "--role",
        "admin",
        "--quiet",
        "--no-demo",
        "missing.txt",
        "call.txt",
        "bad.yaml",
        "../../etc/passwd",
        "--transcript-out",
        "t.json",
        "--no-score",
        "--version",
        "-h",
        "--debug=1",
        "\x00",
        "é",
        "9" * 30,
    ]
)


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "cwd"
    work.mkdir()
    (work / "call.txt").write_text("Agent: Hello, how can I help?\nCustomer: I was charged twice.\n", encoding="utf-8")
    (work / "bad.yaml").write_text("version: 1\nkind: policy\nid: ../x\n", encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("CSR_NEW_PASSWORD", "fuzz-password-1")
    assert run(["init", "--quiet"]) == 0
    return work


_ARGV = st.one_of(
    st.tuples(st.sampled_from(_COMMANDS), st.lists(st.one_of(_TOKENS, st.text(max_size=10)), max_size=6)).map(
        lambda t: [t[0], *t[1]] if t[0] else t[1]
    ),
    st.tuples(st.sampled_from(_SLOW), st.just(["--help"])).map(lambda t: [t[0], *t[1]]),
    st.lists(st.text(max_size=15), max_size=4),
)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(argv=_ARGV)
def test_cli_always_returns_an_exit_code(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    if argv and argv[0] in _SLOW and argv[1:] != ["--help"]:
        return
    argv = [a for a in argv if a != "--debug"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hello, how can I help?\n"))
    code = run(argv)
    out = capsys.readouterr()
    assert isinstance(code, int) and 0 <= code <= 255, (argv, code)
    assert "Traceback" not in out.err and "Traceback" not in out.out, (argv, out.err)
    if code != 0 and out.err.strip():
        last = out.err.strip().splitlines()[-1]
        assert len(last) < 2000


def test_cli_debug_does_show_tracebacks(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The --debug switch really changes the outcome, so the check above is not vacuous."""
    from csrsim.errors import CLIError

    with pytest.raises(CLIError):
        run(["--debug", "export-user", "no-such-user", "--out", "x.json"])
    assert run(["export-user", "no-such-user", "--out", "x.json"]) != 0
    assert "no user 'no-such-user'" in capsys.readouterr().err
