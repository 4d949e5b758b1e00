"""Which files a batch covers, and the content hash that makes a rerun resumable."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

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


def _walk(root: Path, *, follow_symlinks: bool) -> list[Path]:
    """Visible files under ``root``; ``os.walk`` descends into linked directories only when following links
    (and then never into the same real directory twice, so a link loop ends)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for current, dirs, files in os.walk(root, followlinks=follow_symlinks):
        real = Path(current).resolve()
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(current) / name for name in files if not name.startswith("."))
        if not follow_symlinks:
            found.extend(Path(current) / d for d in dirs if (Path(current) / d).is_symlink())
    return sorted(p for p in found if _visible(p, root))


def collect_files(
    inputs: Sequence[Path],
    *,
    exclude: Iterable[Path] = (),
    follow_symlinks: bool = False,
    skipped: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Files given, and every visible file under directories given (recursively), sorted, without duplicates.

    ``exclude`` holds the batch's own outputs, so writing results into the input directory is harmless. A
    symlink whose target lies outside its input folder (``/etc/passwd`` planted in a call folder) is skipped
    and listed in ``skipped`` unless ``follow_symlinks``; a file named on the command line is always read.
    """
    skip = {p.resolve() for p in exclude}
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            root = item.resolve()
            candidates = []
            for path in _walk(item, follow_symlinks=follow_symlinks):
                if path.is_symlink() or path.resolve() != root / path.relative_to(item):
                    target = path.resolve()
                    if not follow_symlinks and not target.is_relative_to(root):
                        logger.warning("skipped %s: a link that leaves %s", path, item)
                        if skipped is not None:
                            skipped.append(
                                (
                                    str(path),
                                    "skipped: a symbolic link that leaves the input folder "
                                    "(use --follow-symlinks to read it)",
                                )
                            )
                        continue
                if path.is_file():
                    candidates.append(path)
        else:
            candidates = [item]
        for path in candidates:
            key = path.resolve()
            if key not in skip and key not in found:
                found[key] = path
    return list(found.values())
