"""Atomic file writes (a crash or a full disk never leaves half a file under the final name) and owner-only
files and directories: ``mkstemp`` creates files 0600, so everything written through here is private."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(data, str):
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:  # exactly the text given
                fh.write(data)
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def private_dir(path: Path) -> Path:
    """``path`` as a directory only its owner can enter (0700), created if missing, tightened if it exists.

    The data directory holds the database, recordings and exports: personal data that other accounts on the
    machine must not read. A directory owned by someone else, or with the sticky bit (``/tmp``), is left alone.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = path.stat()
    if info.st_uid == os.getuid() and not info.st_mode & 0o1000:
        path.chmod(0o700)
    return path
