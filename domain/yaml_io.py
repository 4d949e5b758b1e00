"""Safe YAML parsing that remembers where every key and item came from.

ruamel's round-trip loader records line numbers on each mapping and sequence
(``.lc``); pydantic reports error locations as key paths. Walking the path
through the parsed tree turns a pydantic error into ``file:line``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _yaml() -> YAML:
    # "rt" constructs only plain data (it derives from the safe constructor): no arbitrary objects.
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(text: str) -> Any:
    """Parse YAML text into ruamel's commented containers; syntax errors carry a 1-based line."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        return_msg = f"YAML syntax: {problem}"
        raise YamlSyntaxError(return_msg, line) from exc
    except YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax: {exc}", None) from exc


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
