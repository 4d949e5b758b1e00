"""``csrsim export-user`` and ``csrsim delete-user``: a person's data, out in one file or gone for good.

A data request has to cover everything: account (never the password hash), practice sessions with
their turns, scorecards with reviewers' overrides, assignments, and the recordings on disk. Deletion
removes the rows in one database transaction and the recordings with them: the files are first moved
aside, so a failed transaction puts them back and a committed one never leaves them behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from csrsim.errors import CLIError

if TYPE_CHECKING:
    from services.accounts import Database

logger = logging.getLogger(__name__)

# Session ids become directory names under the recordings directory; anything else is never joined to a path.
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


def _open_db() -> Database:
    from services.accounts import open_db

    return open_db()


def _recordings_dir() -> Path:
    from domain.config import get_settings

    return get_settings().recordings_dir


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


@dataclass
class UserFiles:
    """The recordings that belong to one user: whole session folders plus any file a turn points at."""

    root: Path
    folders: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def all_files(self) -> list[Path]:
        seen: dict[Path, None] = {}
        for folder in self.folders:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    seen[path] = None
        for path in self.files:
            if path.is_file() and not path.is_symlink():
                seen[path] = None
        return list(seen)


def user_files(session_ids: list[str], audio_paths: list[str], *, root: Path) -> UserFiles:
    """Recording folders and files of these sessions that really lie inside ``root`` (nothing outside is touched)."""
    found = UserFiles(root=root)
    for sid in session_ids:
        if not _SAFE_NAME.fullmatch(sid):
            logger.warning("session id %r is not a safe folder name; its recordings folder is not looked for", sid)
            continue
        folder = root / sid
        if folder.is_dir() and not folder.is_symlink() and _inside(folder, root):
            found.folders.append(folder)
    for raw in audio_paths:
        if not raw or "\x00" in raw:
            continue
        path = Path(raw)
        if not path.is_absolute():
            path = root / path
        if _inside(path, root) and path.is_file() and not any(_inside(path, f) for f in found.folders):
            found.files.append(path)
    return found


def collect(db: Database, username: str) -> dict[str, Any]:
    """Everything stored about ``username`` (storage's export), or a one-line error for an unknown user."""
    from services.accounts import StorageError, operator

    try:
        return operator(db).export(username)
    except StorageError as exc:
        raise CLIError(str(exc)) from exc


def _files_of(data: dict[str, Any], root: Path) -> UserFiles:
    sessions = data["practice_sessions"]
    audio = [t["audio_path"] for p in sessions for t in p["turns"] if t.get("audio_path")]
    return user_files([p["id"] for p in sessions], audio, root=root)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def export_user(
    username: Annotated[str, typer.Argument(help="Login name.")],
    out: Annotated[
        Path, typer.Option("--out", help="Output file: .zip for data plus recordings, anything else for JSON.")
    ],
) -> int:
    """Export everything stored about a user (account, sessions, turns, scorecards, overrides, recordings)."""
    if out.exists() and out.is_dir():
        raise CLIError(f"{out} is a directory; give a file name such as {username}.zip")
    db = _open_db()
    try:
        data = collect(db, username)
    finally:
        db.dispose()
    root = _recordings_dir()
    files = _files_of(data, root)
    from services.redacting import redact_user_export

    data = redact_user_export(data)  # rows stored before practice was redacted are cleaned on the way out
    found = {f.resolve().relative_to(root.resolve()).as_posix(): f for f in files.all_files()}
    listed: list[dict[str, Any]] = [
        {"path": name, "bytes": f.stat().st_size, "sha256": _sha256(f)} for name, f in found.items()
    ]
    data["recordings"] = listed
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    try:
        if out.suffix.lower() == ".zip":
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("user.json", text)
                for name, f in found.items():
                    zf.write(f, arcname=f"recordings/{name}")
        else:
            tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    print(
        f"exported {username}: {len(data['practice_sessions'])} session(s), {len(data['scorecards'])} scorecard(s), "
        f"{len(listed)} recording(s) -> {out}"
    )
    return 0


def delete_everything(db: Database, username: str, *, recordings_dir: Path) -> tuple[int, int, int]:
    """Delete the user's rows in one transaction and their recordings; returns (sessions, scorecards, files).

    Recordings are moved into a hidden trash folder first: if the transaction fails they go back where
    they were, if it commits the trash is removed. Nothing outside ``recordings_dir`` is ever touched.
    """
    from services.accounts import StorageError, operator

    data = collect(db, username)
    files = _files_of(data, recordings_dir)
    trash = recordings_dir / f".trash-{uuid.uuid4().hex}"
    moved: list[tuple[Path, Path]] = []
    targets: list[Path] = [*files.folders, *files.files]
    try:
        if targets:
            trash.mkdir(parents=True)
        for i, src in enumerate(targets):
            dst = trash / f"{i}-{src.name}"
            src.rename(dst)
            moved.append((src, dst))
        try:
            operator(db).delete(username)
        except StorageError as exc:
            raise CLIError(str(exc)) from exc
    except BaseException:
        for src, dst in reversed(moved):
            src.parent.mkdir(parents=True, exist_ok=True)
            dst.rename(src)
        shutil.rmtree(trash, ignore_errors=True)
        raise
    count = sum(1 for _, dst in moved for f in ([dst] if dst.is_file() else dst.rglob("*")) if f.is_file())
    shutil.rmtree(trash, ignore_errors=True)
    return len(data["practice_sessions"]), len(data["scorecards"]), count


def delete_user(
    username: Annotated[str, typer.Argument(help="Login name.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> int:
    """Delete a user with all their sessions, turns, scorecards, overrides and recordings (cannot be undone)."""
    if not yes and not typer.confirm(f"Delete {username} and all their data, recordings included?", default=False):
        raise CLIError("nothing deleted", exit_code=1)
    db = _open_db()
    try:
        sessions, cards, files = delete_everything(db, username, recordings_dir=_recordings_dir())
    finally:
        db.dispose()
    print(f"deleted {username}: {sessions} session(s), {cards} scorecard(s), {files} recording file(s)")
    return 0


def register(app: typer.Typer) -> None:
    app.command("export-user")(export_user)
    app.command("delete-user")(delete_user)
