"""The one exception commands raise for a user mistake: printed as one line, no traceback."""

from __future__ import annotations


class CLIError(Exception):
    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
