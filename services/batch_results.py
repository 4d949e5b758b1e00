"""Reading what ``csrsim batch`` writes (CSV/JSONL rows or JSONL scorecards) into one flat table, and filtering it.

Every form becomes the one flat scorecard row (``domain.scorecard``), criterion columns without their prefix.

The filters are plain functions over the DataFrame so the page only lays out widgets and they test without Streamlit.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Literal

import pandas as pd
from pydantic import ValidationError

from domain.scorecard import CRITERION_PREFIX, HEAD_COLUMNS, TAIL_COLUMNS, ScoreCard


class BatchFileError(ValueError):
    pass


def _flatten(item: dict[str, Any]) -> dict[str, Any]:
    """A scorecard (``results.scorecards.jsonl``) becomes its flat row (``ScoreCard.to_row``); a results row
    (``results.jsonl``) already is one."""
    if "criteria" not in item:
        return item
    try:
        return ScoreCard.model_validate(item).to_row()
    except ValidationError:
        row = {k: item.get(k) for k in ("transcript", "overall", "passed")}
        for name, crit in (item.get("criteria") or {}).items():
            if isinstance(crit, dict):
                row[f"{CRITERION_PREFIX}{name}"] = crit.get("score")
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
            frame = pd.read_csv(
                io.StringIO(text),
                sep="\t" if filename.lower().endswith(".tsv") else ",",
                dtype={"agent": str, "contact_date": str, "scored_at": str},  # agent ids stay "101", not 101.0
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise BatchFileError(f"{filename}: not a readable CSV ({exc})") from exc
    else:
        raise BatchFileError(f"{filename}: expected the .csv or .jsonl file that `csrsim batch --out` wrote")
    frame = frame.rename(
        columns={c: c.removeprefix(CRITERION_PREFIX) for c in frame.columns if c.startswith(CRITERION_PREFIX)}
    )
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
    skip = {*HEAD_COLUMNS, *TAIL_COLUMNS, "overall", "source", "id", "scorecard", "stored_at", "overrides"}
    return [c for c in frame.columns if c not in skip and pd.api.types.is_numeric_dtype(frame[c])]


def agents(frame: pd.DataFrame) -> list[str]:
    """The agents present (blank agent cells are not an agent)."""
    if "agent" not in frame.columns:
        return []
    return sorted({str(a).strip() for a in frame["agent"].dropna() if str(a).strip()})


def _day(value: Any) -> date | None:
    """The calendar day of an ISO date/datetime as written (no time-zone shift: a call's day is its local day)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def contact_days(frame: pd.DataFrame) -> pd.Series:
    """Each contact's day: its ``contact_date``, else the day the batch scored it, else None."""
    days = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for column in ("scored_at", "contact_date"):  # contact_date last so it wins where present
        if column in frame.columns:
            parsed = frame[column].map(_day)
            days = parsed.where(parsed.notna(), days)
    return days


def filter_results(
    frame: pd.DataFrame,
    *,
    status: Literal["all", "failed", "passed"] = "all",
    overall: tuple[float, float] = (0, 100),
    agent_names: Sequence[str] = (),
    criterion: str | None = None,
    criterion_range: tuple[float, float] = (0, 100),
    days: tuple[date, date] | None = None,
) -> pd.DataFrame:
    """The rows matching every filter given, in the frame's order (worst first from ``read_results``).

    Contacts with no overall score stay visible under the overall filter (they need a look); a criterion or date
    filter keeps only contacts that have that criterion score or a date, since "in range" means nothing otherwise.
    """
    keep = pd.Series(True, index=frame.index)
    if status != "all" and "passed" in frame.columns:
        keep &= frame["passed"] == (status == "passed")
    low, high = overall
    keep &= frame["overall"].isna() | frame["overall"].between(low, high)
    if agent_names:
        column = frame["agent"] if "agent" in frame.columns else pd.Series("", index=frame.index)
        keep &= column.map(lambda a: str(a).strip() if pd.notna(a) else "").isin(set(agent_names))
    if criterion:
        scores = pd.to_numeric(frame[criterion], errors="coerce") if criterion in frame.columns else None
        if scores is None:
            keep &= False
        else:
            keep &= scores.between(*criterion_range)
    if days is not None:
        first, last = days
        keep &= contact_days(frame).map(lambda d: d is not None and first <= d <= last).astype(bool)
    return frame[keep]
