"""Reading what ``csrsim batch`` writes (CSV summary or JSONL scorecards) into one flat table."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd


class BatchFileError(ValueError):
    pass


def _flatten(card: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "transcript": card.get("transcript"),
        "overall": card.get("overall"),
        "passed": card.get("passed"),
        "auto_fail": ", ".join(str(a) for a in card.get("auto_fail", []) or []),
    }
    if isinstance(card.get("error"), str):
        row["error"] = card["error"]
    for name, crit in (card.get("criteria") or {}).items():
        if isinstance(crit, dict):
            row[name] = crit.get("score")
    meta = card.get("metadata") or {}
    for key, column in (("agent", "agent"), ("source_file", "file"), ("handle_time_seconds", "handle_time_seconds")):
        if key in meta:
            row[column] = meta[key]
    return row


def read_results(data: bytes, *, filename: str) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """(table, full scorecards by transcript id — empty for CSV). Worst contacts first."""
    text = data.decode("utf-8-sig", errors="replace")
    cards: dict[str, dict[str, Any]] = {}
    if filename.lower().endswith((".jsonl", ".ndjson", ".json")):
        rows = []
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if filename.lower().endswith(".json") and text.lstrip().startswith("["):
            try:
                items = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise BatchFileError(f"{filename}: not JSON ({exc})") from exc
        else:
            items = []
            for n, line in enumerate(lines, start=1):
                try:
                    items.append(json.loads(line))
                except (json.JSONDecodeError, RecursionError) as exc:
                    raise BatchFileError(f"{filename}:{n}: not JSON ({exc})") from exc
        for item in items:
            if not isinstance(item, dict):
                continue
            rows.append(_flatten(item))
            if item.get("transcript") is not None and "criteria" in item:
                cards[str(item["transcript"])] = item
        frame = pd.DataFrame(rows)
    elif filename.lower().endswith((".csv", ".tsv")):
        try:
            frame = pd.read_csv(io.StringIO(text), sep="\t" if filename.lower().endswith(".tsv") else ",")
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise BatchFileError(f"{filename}: not a readable CSV ({exc})") from exc
    else:
        raise BatchFileError(f"{filename}: expected the .csv or .jsonl file that `csrsim batch --out` wrote")
    frame = frame.rename(columns={c: c.removeprefix("score_") for c in frame.columns if c.startswith("score_")})
    if frame.empty or "overall" not in frame.columns:
        raise BatchFileError(f"{filename}: no 'overall' column; is this a `csrsim batch` results file?")
    frame["overall"] = pd.to_numeric(frame["overall"], errors="coerce")
    if "passed" in frame.columns:
        frame["passed"] = frame["passed"].map(
            lambda v: v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes")
        )
    frame = frame.sort_values("overall", na_position="first", kind="stable").reset_index(drop=True)
    return frame, cards


def criterion_columns(frame: pd.DataFrame) -> list[str]:
    skip = {
        "transcript",
        "overall",
        "passed",
        "auto_fail",
        "error",
        "agent",
        "source",
        "file",
        "rubric",
        "id",
        "handle_time_seconds",
        "turns",
        "redactions",
        "content_hash",
    }
    return [c for c in frame.columns if c not in skip and pd.api.types.is_numeric_dtype(frame[c])]
