"""Real call files -> domain ``Transcript``: text, Transcript JSON/JSON Lines, CSV, WebVTT, SRT and audio.

Every importer either returns Transcripts or raises ``TranscriptImportError`` naming the file and the line,
row or cue; redaction of card numbers and personal data runs before anything leaves this package.
"""

from __future__ import annotations

from importers.errors import TranscriptImportError
from importers.export import to_srt, to_vtt
from importers.options import ImportOptions, parse_speaker_map
from importers.reader import read_bytes, read_path
from importers.redaction import redact_text, redact_transcript

ImportError_ = TranscriptImportError  # the name the brief used; prefer TranscriptImportError

__all__ = [
    "ImportError_",
    "ImportOptions",
    "TranscriptImportError",
    "parse_speaker_map",
    "read_bytes",
    "read_path",
    "redact_text",
    "redact_transcript",
    "to_srt",
    "to_vtt",
]
