"""Which files a batch covers, and the content hash that makes a rerun resumable."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

_CHUNK = 1 << 20


def content_hash(path: Path) -> str:
    """SHA-256 of the file bytes: a renamed or moved file is still recognised as scored."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_files(inputs: Sequence[Path], *, exclude: Iterable[Path] = ()) -> list[Path]:
    """Files given, and every visible file under directories given (recursively), sorted, without duplicates.

    ``exclude`` holds the batch's own outputs, so writing results into the input directory is harmless.
    """
    skip = {p.resolve() for p in exclude}
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            candidates = sorted(p for p in item.rglob("*") if p.is_file() and _visible(p, item))
        else:
            candidates = [item]
        for path in candidates:
            key = path.resolve()
            if key not in skip and key not in found:
                found[key] = path
    return list(found.values())
