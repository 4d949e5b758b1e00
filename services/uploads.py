"""Uploads for review: type and size checked before any parsing, then imported and scored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from domain.config import Settings
from domain.transcript import Transcript
from importers.audio import AUDIO_EXTENSIONS
from importers.registry import EXTENSIONS as TEXT_EXTENSIONS


class UploadRejected(ValueError):
    """An upload refused before processing; the message is shown to the user as is."""


def kind_of(filename: str) -> str:
    ext = PurePath(filename).suffix.lower()
    if ext in TEXT_EXTENSIONS:
        return "text"
    if ext in AUDIO_EXTENSIONS:
        return "audio"
    accepted = ", ".join(sorted({*TEXT_EXTENSIONS, *AUDIO_EXTENSIONS}))
    raise UploadRejected(f"{filename}: files of type '{ext or 'none'}' are not accepted; use one of {accepted}")


def check(filename: str, size: int, settings: Settings) -> str:
    """The upload's kind (text or audio) if its type and size are allowed; UploadRejected otherwise."""
    kind = kind_of(filename)
    limit_mb = settings.max_text_upload_mb if kind == "text" else settings.max_audio_upload_mb
    if size > limit_mb * 1024 * 1024:
        raise UploadRejected(
            f"{filename} is {size / 1024 / 1024:.1f} MB; the limit for {kind} files is {limit_mb} MB "
            f"(CSR_MAX_{kind.upper()}_UPLOAD_MB). Nothing was imported."
        )
    if size == 0:
        raise UploadRejected(f"{filename} is empty. Nothing was imported.")
    return kind


def import_upload(data: bytes, *, filename: str, settings: Settings) -> list[Transcript]:
    check(filename, len(data), settings)
    import importers

    return list(importers.read_bytes(data, filename=filename))


@dataclass
class UploadResult:
    stored: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
