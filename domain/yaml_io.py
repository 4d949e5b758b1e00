"""Safe YAML parsing that remembers where every key and item came from.

ruamel's round-trip loader records line numbers on each mapping and sequence
(``.lc``); pydantic reports error locations as key paths. Walking the path
through the parsed tree turns a pydantic error into ``file:line``.

Before anything is built, one pass over the parser's event stream (no recursion, no objects) bounds the work
a document can cause: nesting deeper than :data:`MAX_DEPTH`, aliases that would expand to more than
:data:`MAX_EXPANDED_NODES` nodes (a "billion laughs" bomb of a few hundred bytes), an alias to itself, and
numbers longer than :data:`MAX_NUMBER_DIGITS` digits are refused as ``file:line`` problems.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
    ScalarEvent,
)

MAX_DEPTH = 64  # the deepest authored file in the library is about 10 levels
MAX_EXPANDED_NODES = 200_000  # nodes after expanding every alias; the whole library is a few thousand
MAX_NUMBER_DIGITS = 64
_NUMBERISH = re.compile(
    r"[-+]?(?:[0-9][0-9_,.:]*(?:[eE][-+]?[0-9_]*)?|\.[0-9_]+|0[xX][0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)"
)


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _yaml() -> YAML:
    # "rt" constructs only plain data (it derives from the safe constructor): no arbitrary objects.
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


_BRACKET = re.compile(r"[\[\]{}]")


def _check_flow_depth(text: str) -> None:
    """Flow nesting (``[[[[...``) counted on the raw text: ruamel's scanner is quadratic on it before any
    event arrives. Brackets inside quoted strings count too, which only matters past 64 unclosed ones."""
    depth = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", text.count("\n", 0, m.start()) + 1)
        else:
            depth = max(0, depth - 1)


def check_limits(text: str) -> None:
    """Refuse documents whose size after alias expansion, nesting or numbers would cost unbounded work.

    Walks the event stream once, keeping one counter per open collection and the expanded size of each
    anchored node, so the check itself is linear in the text. Raises ``YamlSyntaxError`` with the line.
    """
    _check_flow_depth(text)
    _check_events(_yaml().parse(text))


_ALIAS = (AliasEvent, libyaml.AliasEvent)
_COLLECTION_START = (CollectionStartEvent, libyaml.CollectionStartEvent)
_COLLECTION_END = (CollectionEndEvent, libyaml.CollectionEndEvent)
_SCALAR = (ScalarEvent, libyaml.ScalarEvent)
_NODE = (NodeEvent, libyaml.NodeEvent)


def _check_events(events: Iterable[Any]) -> None:
    """The limits of :func:`check_limits` over either parser's events (ruamel's, or libyaml's for the fast path)."""
    sizes: dict[str, int] = {}
    open_anchors: set[str] = set()
    stack: list[tuple[str | None, int]] = []  # (anchor, nodes so far) per open collection
    total = 0
    for event in events:
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, _ALIAS):
            name = str(event.anchor)
            if name in open_anchors:
                raise YamlSyntaxError(f"alias *{name} refers to the node that contains it (&{name})", line)
            size = sizes.get(name, 1)
        elif isinstance(event, _COLLECTION_START):
            if len(stack) >= MAX_DEPTH:
                raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", line)
            if event.anchor:
                open_anchors.add(str(event.anchor))
            stack.append((str(event.anchor) if event.anchor else None, 1))
            continue
        elif isinstance(event, _COLLECTION_END):
            closed, size = stack.pop()
            if closed:
                open_anchors.discard(closed)
                sizes[closed] = size
        elif isinstance(event, _SCALAR):
            size = 1
            value = event.value or ""
            if event.style is None and len(value) > MAX_NUMBER_DIGITS and _NUMBERISH.fullmatch(value):
                digits = sum(ch.isdigit() for ch in value)
                if digits > MAX_NUMBER_DIGITS:
                    raise YamlSyntaxError(f"a number with {digits} digits (limit {MAX_NUMBER_DIGITS})", line)
            if isinstance(event, _NODE) and event.anchor:
                sizes[str(event.anchor)] = 1
        else:
            continue
        total += size
        if total > MAX_EXPANDED_NODES:
            raise YamlSyntaxError(
                f"expands to more than {MAX_EXPANDED_NODES} values (aliases repeating aliases?)", line
            )
        if stack:
            owner, count = stack[-1]
            stack[-1] = (owner, count + size)


def parse_yaml(text: str) -> Any:
    """Parse YAML text into ruamel's commented containers; syntax errors and limits carry a 1-based line."""
    try:
        check_limits(text)
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        return_msg = f"YAML syntax: {problem}"
        raise YamlSyntaxError(return_msg, line) from exc
    except YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax: {exc}", None) from exc


class _CoreSchemaLoader(libyaml.CSafeLoader):
    """libyaml's C parser with the YAML 1.2 core schema ruamel uses ("no" and "on" stay strings, "0777" and
    "1:20" are no numbers) and duplicate keys refused, as ruamel refuses them."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, libyaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise libyaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|"
        r"\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
        list("0123456789"),
    ),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _core_int(loader: Any, node: Any) -> int:
    value = str(loader.construct_scalar(node)).replace("_", "")
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    if value.startswith("0b"):
        return int(value[2:], 2)
    return int(value)


def _core_float(loader: Any, node: Any) -> float:
    value = str(loader.construct_scalar(node)).lower().replace("_", "")
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    return float("nan") if value == ".nan" else float(value)


_CoreSchemaLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
_CoreSchemaLoader.add_constructor("tag:yaml.org,2002:float", _core_float)


_MERGE_KEY = re.compile(r"(?m)^[ \t]*(?:-[ \t]+)?<<[ \t]*:")


def fast_plain(text: str) -> Any | None:
    """Plain data parsed by libyaml's C parser, or None when this path cannot decide (any error, a tag, a
    merge key): the caller then parses with ruamel, whose errors carry the line.

    About forty times faster than ruamel's pure-Python round-trip loader; the library is loaded on every
    cold start, so this is most of ``csrsim play``'s time to the first turn. The same limits apply first.
    """
    if _MERGE_KEY.search(text):
        return None  # merge keys: ruamel decides (a tag the safe loader does not know fails below, and falls back)
    try:
        _check_flow_depth(text)
        _check_events(libyaml.parse(text, Loader=libyaml.CSafeLoader))
        return libyaml.load(text, Loader=_CoreSchemaLoader)
    except (libyaml.YAMLError, YamlSyntaxError, ValueError, TypeError, RecursionError):
        return None


_PYTHON_TAG = "tag:yaml.org,2002:python/"


def python_tag_lines(node: Any, *, _seen: set[int] | None = None) -> list[tuple[int | None, str]]:
    """Where ``!!python/...`` tags appear. The round-trip loader never constructs them, but a file
    that carries one was written for an unsafe loader and is refused rather than silently accepted."""
    seen = _seen if _seen is not None else set()
    if id(node) in seen:
        return []
    seen.add(id(node))
    found: list[tuple[int | None, str]] = []
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(tag, str) and tag.startswith(_PYTHON_TAG):
        found.append((_own_line(node), tag.replace("tag:yaml.org,2002:", "!!")))
    if isinstance(node, CommentedMap | dict):
        for value in node.values():
            found.extend(python_tag_lines(value, _seen=seen))
    elif isinstance(node, CommentedSeq | list):
        for value in node:
            found.extend(python_tag_lines(value, _seen=seen))
    return found


def to_plain(node: Any) -> Any:
    """Commented containers → dicts and lists, so models never see ruamel types."""
    if isinstance(node, CommentedMap | dict):
        return {str(k) if not isinstance(k, str) else k: to_plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq | list):
        return [to_plain(v) for v in node]
    return node


def line_of(root: Any, path: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node on ``path`` that exists in the parsed tree."""
    node = root
    line = _own_line(root)
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def _own_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def dump_yaml(data: Any) -> str:
    import io

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()
