"""Bytes -> text without ever crashing: real exports come from Windows tools in cp1252 as often as UTF-8."""

from __future__ import annotations

from dataclasses import dataclass

from importers.errors import TranscriptImportError

_SAMPLE = 8192
_CONTROL_OK = {9, 10, 12, 13}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    note: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text transcript (UTF-16 is checked first)."""
    sample = data[:_SAMPLE]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _CONTROL_OK)
    return controls / len(sample) > 0.05


def decode_text(data: bytes, *, source: str | None = None) -> DecodedText:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, then cp1252, then latin-1 (which always succeeds)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise TranscriptImportError(f"invalid UTF-16 text at byte {exc.start}", source=source) from None
    if looks_binary(data):
        raise TranscriptImportError("binary data, not a text transcript or a known audio format", source=source)
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = f"not valid UTF-8 (byte {bad_at}); decoded as {encoding}"
        return DecodedText(text, encoding, note)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover
