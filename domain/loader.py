"""Load scenarios, policies and rubrics from YAML, reporting every problem as ``file:line: message``.

``check_paths`` validates files against each other and against the library
(references to rubrics and policies resolve in either); ``load_library`` gives
the validated library or raises ``LoadError`` with every problem found.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from domain.errors import LoadError, Problem, UnknownIdError, display_path
from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario, Trigger
from domain.yaml_io import YamlSyntaxError, fast_plain, line_of, parse_yaml, python_tag_lines, to_plain

logger = logging.getLogger(__name__)

Kind = Literal["scenario", "policy", "rubric"]
MODELS: dict[str, type[BaseModel]] = {"scenario": Scenario, "policy": Policy, "rubric": Rubric}
_DIR_KINDS = {"scenarios": "scenario", "policies": "policy", "rubrics": "rubric"}
YAML_SUFFIXES = (".yaml", ".yml")
MAX_YAML_BYTES = 2 * 1024 * 1024
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


@dataclass
class Document:
    """One parsed authored file: its model when valid, and the tree that knows line numbers."""

    source: str
    kind: str | None
    tree: Any
    model: BaseModel | None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    """The source, kept when ``tree`` is plain data from the fast parser, to find lines on demand."""

    @property
    def ident(self) -> str | None:
        if self.model is not None:
            return str(getattr(self.model, "id", None))
        if isinstance(self.tree, dict) and isinstance(self.tree.get("id"), str):
            return str(self.tree["id"])
        return None

    def line(self, *path: str | int) -> int | None:
        if self.text is not None:
            with contextlib.suppress(YamlSyntaxError):
                self.tree = parse_yaml(self.text)  # commented containers, with their lines
            self.text = None
        return line_of(self.tree, path)


@dataclass(frozen=True)
class ScoringSetup:
    scenario: Scenario | None
    rubric: Rubric
    policies: list[Policy]


@dataclass
class Library:
    """The validated set of scenarios, policies and rubrics, by id."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def scenario(self, ref: str) -> Scenario:
        """A scenario by library id, or by path to a YAML file (validated against this library)."""
        return self._resolve(ref, "scenario", self.scenarios)  # type: ignore[return-value]

    def rubric(self, ref: str) -> Rubric:
        return self._resolve(ref, "rubric", self.rubrics)  # type: ignore[return-value]

    def policy(self, ref: str) -> Policy:
        return self._resolve(ref, "policy", self.policies)  # type: ignore[return-value]

    def policies_for(self, scenario: Scenario) -> list[Policy]:
        return [self.policies[p] for p in scenario.policies if p in self.policies]

    def scoring_setup(self, *, scenario_ref: str | None = None, rubric_ref: str | None = None) -> ScoringSetup:
        """What a contact is scored with: the scenario (practice) or none (a real call), the rubric
        (given, else the scenario's, else ``default``), and the policy packs (the scenario's, else the rubric's)."""
        scenario = self.scenario(scenario_ref) if scenario_ref else None
        rubric = self.rubric(rubric_ref or (scenario.rubric if scenario is not None else "default"))
        if scenario is not None:
            policies = self.policies_for(scenario)
        else:
            policies = [self.policies[p] for p in rubric.policies if p in self.policies]
        return ScoringSetup(scenario=scenario, rubric=rubric, policies=policies)

    def _resolve(self, ref: str, kind: str, pool: dict[str, Any]) -> BaseModel:
        if ref in pool:
            return pool[ref]  # type: ignore[no-any-return]
        path = Path(ref)
        if path.suffix in YAML_SUFFIXES and path.is_file():
            docs = [parse_document_file(path)]
            problems = cross_check(docs, self)
            if problems:
                raise LoadError(problems)
            model = docs[0].model
            if docs[0].kind != kind or model is None:
                raise LoadError([Problem(display_path(path), None, f"expected a {kind} file, got {docs[0].kind}")])
            return model
        raise UnknownIdError(kind, ref, list(pool))

    def add(self, doc: Document) -> None:
        if doc.model is None or doc.kind is None or doc.ident is None:
            return
        pools: dict[str, dict[str, Any]] = {"scenario": self.scenarios, "policy": self.policies, "rubric": self.rubrics}
        pool = pools[doc.kind]
        pool[doc.ident] = doc.model
        self.sources[(doc.kind, doc.ident)] = doc.source


def _format_error(err: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    dotted = ".".join(str(p) for p in loc)
    if kind == "extra_forbidden":
        return loc, f"unknown key '{loc[-1]}'" + (f" in {'.'.join(str(p) for p in loc[:-1])}" if len(loc) > 1 else "")
    if kind == "missing":
        return loc, f"missing required field '{dotted}'"
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    return loc, f"{dotted}: {msg}" if dotted else msg


def _kind_of(data: Any, source_path: Path | None) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("kind"), str):
        return str(data["kind"])
    if source_path is not None:
        for parent in source_path.resolve().parents:
            if parent.name in _DIR_KINDS:
                return _DIR_KINDS[parent.name]
    return None


def _fast_document(text: str, *, source: str, path: Path | None) -> Document | None:
    """The document through libyaml's C parser when it is valid as it stands, else None.

    Only a clean document is built this way; anything with a problem is parsed again by ruamel so that every
    problem carries its line. A clean document keeps its text, and finds lines later only if a check across
    files asks for one (a duplicate id, a missing rubric).
    """
    plain = fast_plain(text)
    if not isinstance(plain, dict) or "version" not in plain:
        return None
    kind = _kind_of(plain, path)
    if kind not in MODELS:
        return None
    plain.setdefault("kind", kind)
    try:
        model = MODELS[kind].model_validate(plain)
    except ValidationError:
        return None
    doc = Document(source, kind, plain, model, [], text=text)
    if isinstance(model, Scenario) and _check_scenario_internals(doc, model):
        return None
    return doc


def parse_document(text: str, *, source: str, path: Path | None = None) -> Document:
    """Parse and validate one authored document. Never raises for bad content: problems are collected."""
    if (fast := _fast_document(text, source=source, path=path)) is not None:
        return fast
    try:
        tree = parse_yaml(text)
    except YamlSyntaxError as exc:
        return Document(source, None, None, None, [Problem(source, exc.line, str(exc))])
    if tree is None:
        return Document(source, None, None, None, [Problem(source, 1, "file is empty")])
    try:
        tags = python_tag_lines(tree)
        plain = to_plain(tree)
    except RecursionError:
        return Document(source, None, None, None, [Problem(source, 1, "an alias refers to itself (&name ... *name)")])
    if tags:
        refused = [Problem(source, line or 1, f"tag {tag} is not allowed (files are plain data)") for line, tag in tags]
        return Document(source, None, None, None, refused)
    if not isinstance(plain, dict):
        return Document(source, None, tree, None, [Problem(source, 1, "top level must be a mapping of keys")])
    kind = _kind_of(plain, path)
    if kind not in MODELS:
        msg = (
            f"unknown kind {kind!r}; expected scenario, policy or rubric"
            if kind
            else "missing 'kind' (scenario, policy or rubric)"
        )
        return Document(source, None, tree, None, [Problem(source, line_of(tree, ["kind"]) or 1, msg)])
    plain.setdefault("kind", kind)
    problems: list[Problem] = []
    if "version" not in plain:
        problems.append(Problem(source, 1, "missing required field 'version' (every authored file is versioned)"))
    try:
        model = MODELS[kind].model_validate(plain)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = _format_error(dict(err))
            if message.startswith("missing required field 'version'"):
                continue
            problems.append(Problem(source, line_of(tree, loc), message))
        return Document(source, kind, tree, None, problems)
    doc = Document(source, kind, tree, model, problems)
    if isinstance(model, Scenario):
        doc.problems.extend(_check_scenario_internals(doc, model))
    if problems:
        doc.model = None
    return doc


def parse_document_file(path: Path) -> Document:
    source = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            return Document(
                source, None, None, None, [Problem(source, None, f"file is {size} bytes; limit is {MAX_YAML_BYTES}")]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Document(source, None, None, None, [Problem(source, None, f"not UTF-8 text ({exc.reason})")])
    except OSError as exc:
        return Document(source, None, None, None, [Problem(source, None, f"cannot read: {exc.strerror or exc}")])
    return parse_document(text, source=source, path=path)


def _dupes(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: set[str] = set()
    out = []
    for ident, index in items:
        if ident in seen:
            out.append((ident, index))
        seen.add(ident)
    return out


def _check_scenario_internals(doc: Document, sc: Scenario) -> list[Problem]:
    """Checks one scenario can make on its own: duplicate ids, dangling flow and fact references."""
    out: list[Problem] = []
    sections: tuple[tuple[str, list[str]], ...] = (
        ("account", [f.id for f in sc.account]),
        ("hidden_facts", [h.id for h in sc.hidden_facts]),
        ("resolutions", [r.id for r in sc.resolutions]),
    )
    for section, ids in sections:
        for ident, index in _dupes((item, i) for i, item in enumerate(ids)):
            out.append(Problem(doc.source, doc.line(section, index, "id"), f"duplicate id '{ident}' in {section}"))
    hidden_ids = {h.id for h in sc.hidden_facts}
    fact_ids = {f.id for f in sc.account} | {"customer_name"}

    def check_trigger(trigger: Trigger, path: tuple[str | int, ...]) -> None:
        for j, ref in enumerate(trigger.requires_facts):
            if ref not in hidden_ids:
                out.append(
                    Problem(
                        doc.source,
                        doc.line(*path, "requires_facts", j),
                        f"requires_facts names unknown hidden fact '{ref}'",
                    )
                )

    for i, h in enumerate(sc.hidden_facts):
        check_trigger(h.reveal_when, ("hidden_facts", i, "reveal_when"))
    for i, r in enumerate(sc.resolutions):
        check_trigger(r.when, ("resolutions", i, "when"))
    if sc.flow is not None:
        node_ids = [n.id for n in sc.flow.nodes]
        for ident, index in _dupes((n, i) for i, n in enumerate(node_ids)):
            out.append(Problem(doc.source, doc.line("flow", "nodes", index, "id"), f"duplicate node id '{ident}'"))
        if sc.flow.start not in node_ids:
            out.append(Problem(doc.source, doc.line("flow", "start"), f"flow starts at missing node '{sc.flow.start}'"))
        for i, node in enumerate(sc.flow.nodes):
            for j, br in enumerate(node.branches):
                if br.goto not in node_ids:
                    out.append(
                        Problem(
                            doc.source,
                            doc.line("flow", "nodes", i, "branches", j, "goto"),
                            f"branch in node '{node.id}' points to missing node '{br.goto}'",
                        )
                    )
                check_trigger(br.when, ("flow", "nodes", i, "branches", j, "when"))
    # Placeholders in customer lines must name account facts, or the customer would say "{acount_id}".
    for key, lines in sc.lines.model_dump().items():
        for j, line in enumerate(lines):
            for name in _PLACEHOLDER.findall(line):
                if name not in fact_ids:
                    out.append(
                        Problem(
                            doc.source, doc.line("lines", key, j), f"placeholder '{{{name}}}' is not an account fact id"
                        )
                    )
    return out


def cross_check(docs: Sequence[Document], library: Library | None = None) -> list[Problem]:
    """Problems of the given documents, with references resolved in them first, then in ``library``."""
    problems = [p for d in docs for p in d.problems]
    pool = Library()
    if library is not None:
        pool.scenarios.update(library.scenarios)
        pool.policies.update(library.policies)
        pool.rubrics.update(library.rubrics)
    first_seen: dict[tuple[str, str], Document] = {}
    for doc in docs:
        if doc.kind is None or doc.ident is None:
            continue
        key = (doc.kind, doc.ident)
        if key in first_seen and first_seen[key].source != doc.source:
            problems.append(
                Problem(
                    doc.source,
                    doc.line("id"),
                    f"duplicate {doc.kind} id '{doc.ident}' (also in {first_seen[key].source})",
                )
            )
            continue
        first_seen[key] = doc
        pool.add(doc)
    for doc in docs:
        problems.extend(_reference_problems(doc, pool))
    return problems


def _reference_problems(doc: Document, pool: Library) -> list[Problem]:
    """Dangling rubric/policy references, read from the raw tree so they show even when other fields are bad."""
    raw = to_plain(doc.tree)
    if doc.kind not in ("scenario", "rubric") or not isinstance(raw, dict):
        return []
    out: list[Problem] = []
    rubric = raw.get("rubric", "default") if doc.kind == "scenario" else None
    if isinstance(rubric, str) and rubric not in pool.rubrics:
        out.append(Problem(doc.source, doc.line("rubric"), f"rubric '{rubric}' does not exist"))
    policies = raw.get("policies")
    if isinstance(policies, list):
        for i, pol in enumerate(policies):
            if isinstance(pol, str) and pol not in pool.policies:
                out.append(Problem(doc.source, doc.line("policies", i), f"policy '{pol}' does not exist"))
    return out


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), None, "no such file or directory"))
    return files, problems


def check_paths(paths: Sequence[Path], *, library: Library | None = None) -> tuple[list[Document], list[Problem]]:
    """Validate files (directories are searched for *.yaml); references may point into ``library``."""
    files, problems = collect_files(paths)
    docs = [parse_document_file(f) for f in files]
    problems.extend(cross_check(docs, library))
    return docs, sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))


def load_library(directory: Path | None = None) -> Library:
    """The library under ``directory`` (default: settings' scenarios_dir); raises LoadError if any file is bad."""
    if directory is None:
        from domain.config import get_settings

        directory = get_settings().scenarios_dir
    docs, problems = check_paths([directory])
    if problems:
        raise LoadError(problems)
    library = Library()
    for doc in docs:
        library.add(doc)
    logger.debug(
        "library loaded: %d scenarios, %d policies, %d rubrics",
        len(library.scenarios),
        len(library.policies),
        len(library.rubrics),
    )
    return library
