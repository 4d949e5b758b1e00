"""Exceptions a caller can show to a person as they are: one readable sentence, no traceback needed."""

from __future__ import annotations


class SpeechError(Exception):
    """Base of every error the speech package raises on purpose."""


class AudioError(SpeechError):
    """The audio cannot be used: empty, not audio, corrupt, truncated, too long or an unsupported codec."""


class ModelError(SpeechError):
    """The speech model cannot be found or loaded (never downloaded unless settings allow it)."""


class InvalidSessionIdError(SpeechError, ValueError):
    """A session id that could escape the recordings directory or is otherwise not a safe file name."""
