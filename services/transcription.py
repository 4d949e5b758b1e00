"""Recordings and platform exports as the product reads them: the one door for ``csrsim transcribe`` and ``import``.

Transcription goes through the importers (attribution, language checks, redaction), so what a user sees from
these commands is exactly what scoring and storage would get.
"""

from __future__ import annotations

from importers import TranscriptImportError, read_path
from importers.audio import transcribe_recording
from speech.errors import SpeechError
from speech.formats import to_text, to_vtt
from speech.options import TranscriptionOptions

__all__ = [
    "SpeechError",
    "TranscriptImportError",
    "TranscriptionOptions",
    "read_path",
    "to_text",
    "to_vtt",
    "transcribe_recording",
]
