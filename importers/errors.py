"""The one error importers raise on purpose, worded for the person who picked the file."""

from __future__ import annotations


class TranscriptImportError(ValueError):
    """A file that cannot become a Transcript. The message names the file and, when known, the line, row or cue."""

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None) -> None:
        self.reason = message
        self.source = source
        self.where = where
        prefix = ""
        if source and where:
            prefix = f"{source}: {where}: "
        elif source:
            prefix = f"{source}: "
        elif where:
            prefix = f"{where}: "
        super().__init__(prefix + message)
