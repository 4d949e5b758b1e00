"""The two entry points: a path on disk or uploaded bytes -> Transcripts, checked, parsed and redacted."""

from __future__ import annotations

import logging
from pathlib import Path

from domain.transcript import Transcript
from importers.audio import AUDIO_EXTENSIONS, read_audio_bytes, read_audio_file
from importers.building import ImportContext
from importers.decoding import decode_text
from importers.errors import TranscriptImportError
from importers.options import ImportOptions
from importers.redaction import redact_transcript
from importers.registry import choose_format, is_audio_bytes, parse_text

logger = logging.getLogger(__name__)

_MB = 1024 * 1024


def _too_big(size: int, limit: int, *, kind: str, source: str) -> TranscriptImportError:
    return TranscriptImportError(f"{kind} file is {size / _MB:.1f} MB, over the {limit // _MB} MB limit", source=source)


def _finish(transcripts: list[Transcript], options: ImportOptions) -> list[Transcript]:
    if not options.redact:
        return transcripts
    return [redact_transcript(t) for t in transcripts]


def _from_text_bytes(data: bytes, *, filename: str, options: ImportOptions, source: str) -> list[Transcript]:
    if not data.strip():
        raise TranscriptImportError("file is empty", source=source)
    decoded = decode_text(data, source=source)
    fmt = choose_format(decoded.text, filename=filename)
    ctx = ImportContext(source=source, options=options, format=fmt)
    if decoded.note:
        ctx.notes.append(decoded.note)
        ctx.metadata["encoding"] = decoded.encoding
    logger.debug("importing %s as %s", source, fmt)
    try:
        return parse_text(decoded.text, fmt=fmt, ctx=ctx)
    except RecursionError:
        raise TranscriptImportError("input nested too deeply to read", source=source) from None


def read_bytes(data: bytes, *, filename: str, options: ImportOptions | None = None) -> list[Transcript]:
    """Uploaded file contents -> Transcripts. ``filename`` names them and hints at the format."""
    options = options or ImportOptions()
    source = Path(filename).name or "upload"
    ext = Path(filename).suffix.lower()
    if is_audio_bytes(data[:16]) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(data) > options.max_audio_bytes:
            raise _too_big(len(data), options.max_audio_bytes, kind="audio", source=source)
        return _finish(read_audio_bytes(data, filename=source, options=options, source=source), options)
    if ext in AUDIO_EXTENSIONS:
        if not data:
            raise TranscriptImportError("file is empty", source=source)
        return _finish(read_audio_bytes(data, filename=source, options=options, source=source), options)
    if len(data) > options.max_text_bytes:
        raise _too_big(len(data), options.max_text_bytes, kind="text", source=source)
    return _finish(_from_text_bytes(data, filename=source, options=options, source=source), options)


def read_path(path: Path, *, options: ImportOptions | None = None) -> list[Transcript]:
    """A transcript or recording on disk -> Transcripts (a CSV or JSON Lines file may hold several)."""
    options = options or ImportOptions()
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise TranscriptImportError("no such file", source=source)
    if path.is_dir():
        raise TranscriptImportError("is a directory, not a file", source=source)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise TranscriptImportError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if size == 0:
        raise TranscriptImportError("file is empty", source=source)
    audio = path.suffix.lower() in AUDIO_EXTENSIONS or (
        is_audio_bytes(head) and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    )
    if audio:
        if size > options.max_audio_bytes:
            raise _too_big(size, options.max_audio_bytes, kind="audio", source=source)
        return _finish(read_audio_file(path, options=options, source=source), options)
    if size > options.max_text_bytes:
        raise _too_big(size, options.max_text_bytes, kind="text", source=source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptImportError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return _finish(_from_text_bytes(data, filename=path.name, options=options, source=source), options)
