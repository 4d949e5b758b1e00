"""Timestamps as transcripts write them: "01:02:03.5", "1:23", "00:00:01,000", "83.2" -> seconds."""

from __future__ import annotations

import math
import re

_CLOCK = re.compile(r"^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


def parse_clock(text: str) -> float | None:
    """Seconds for "[h:]mm:ss[.fff]" (comma or dot decimals) or a plain number; None when it is neither."""
    match = _CLOCK.match(text)
    if match:
        hours = int(match.group(1) or 0)
        minutes = int(match.group(2))
        seconds = float(match.group(3).replace(",", "."))
        if seconds >= 60 or (match.group(1) is not None and minutes >= 60):
            return None
        return round(hours * 3600 + minutes * 60 + seconds, 3)
    if _NUMBER.match(text):
        value = float(text)
        return value if math.isfinite(value) else None
    return None


def format_clock(seconds: float, *, decimal: str = ".") -> str:
    """HH:MM:SS.mmm as WebVTT (decimal ".") and SRT (decimal ",") want it."""
    millis = round(max(seconds, 0.0) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal}{ms:03d}"
