"""Choose the importer for a file by its content first and its extension second.

Content wins where it is unambiguous (a ``.txt`` that is really JSON, captions saved as ``.txt``); the
extension decides the rest, and plain text is the fallback. Binary junk is refused with a clear message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePath

from domain.transcript import Transcript
from importers import contact_centre
from importers.building import ImportContext
from importers.csv_format import COLUMN_ALIASES, parse_csv
from importers.json_format import parse_json, parse_json_lines
from importers.plain_text import parse_plain_text
from importers.subtitles import parse_srt, parse_vtt

Parser = Callable[..., list[Transcript]]

PARSERS: dict[str, Parser] = {
    "text": parse_plain_text,
    "json": parse_json,
    "jsonl": parse_json_lines,
    "csv": parse_csv,
    "vtt": parse_vtt,
    "srt": parse_srt,
    **contact_centre.PARSERS,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".log": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
}
_SRT_HEAD = re.compile(r"^\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


def is_audio_bytes(head: bytes) -> bool:
    """Magic numbers of the containers ``speech`` decodes (WAV, FLAC, MP3, Ogg, WebM/Matroska, MP4/M4A)."""
    return (
        (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
        or head[:4] == b"fLaC"
        or head[:3] == b"ID3"
        or (len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and head[1] != 0xFF)
        or head[:4] == b"OggS"
        or head[:4] == b"\x1a\x45\xdf\xa3"
        or head[4:8] == b"ftyp"
    )


def _csv_header(first_line: str) -> bool:
    cells = {"_".join(c.strip().strip('"').lower().split()) for c in re.split(r"[,\t;]", first_line)}
    return bool(cells & set(COLUMN_ALIASES["speaker"])) and bool(cells & set(COLUMN_ALIASES["text"]))


def _is_json_lines(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(ln), dict) for ln in lines[:20])
    except (json.JSONDecodeError, RecursionError):
        return False


def choose_format(text: str, *, filename: str) -> str:
    """The name of the parser for this text (a key of ``PARSERS``)."""
    ext = PurePath(filename).suffix.lower()
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if _SRT_HEAD.match(head):
        return "srt"
    if head[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError, ValueError):
            if _is_json_lines(text):
                return "jsonl"
        else:
            platform = contact_centre.sniff(data)
            if platform is not None:
                return platform
            return "jsonl" if ext in (".jsonl", ".ndjson") else "json"
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if _csv_header(head.split("\n", 1)[0]):
        return "csv"
    return "text"


def parse_text(text: str, *, fmt: str, ctx: ImportContext) -> list[Transcript]:
    return PARSERS[fmt](text, ctx=ctx)
