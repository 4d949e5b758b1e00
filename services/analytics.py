"""Tables behind the dashboards: plain pandas over stored scorecards, so they are testable without a browser."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from domain.loader import Library
from storage.types import ScoreRecord

UNASSIGNED = "(unassigned)"


def criteria_frame(records: Iterable[ScoreRecord]) -> pd.DataFrame:
    """One row per scorecard and applicable criterion; ``final`` is the reviewer's override when there is one."""
    rows = []
    for r in records:
        latest_override = {o.criterion: o for o in r.overrides}
        for name, crit in r.card.get("criteria", {}).items():
            if not crit.get("applicable", True) or crit.get("score") is None:
                continue
            override = latest_override.get(name)
            rows.append(
                {
                    "scorecard": r.id,
                    "when": r.created_at,
                    "agent": r.agent_name or UNASSIGNED,
                    "source": r.source,
                    "scenario": r.scenario_id or "",
                    "criterion": name,
                    "score": float(crit["score"]),
                    "override": override.score if override else None,
                    "final": float(override.score) if override and override.score is not None else float(crit["score"]),
                }
            )
    columns = ["scorecard", "when", "agent", "source", "scenario", "criterion", "score", "override", "final"]
    return pd.DataFrame(rows, columns=columns)


def overall_frame(records: Iterable[ScoreRecord]) -> pd.DataFrame:
    rows = [
        {
            "scorecard": r.id,
            "when": r.created_at,
            "agent": r.agent_name or UNASSIGNED,
            "source": r.source,
            "transcript": r.transcript_id,
            "scenario": r.scenario_id or "",
            "rubric": f"{r.rubric_id} v{r.rubric_version}",
            "overall": r.overall,
            "passed": r.passed,
            "auto_fail": ", ".join(r.card.get("auto_fail", [])),
            "overrides": len(r.overrides),
        }
        for r in records
    ]
    columns = [
        "scorecard",
        "when",
        "agent",
        "source",
        "transcript",
        "scenario",
        "rubric",
        "overall",
        "passed",
        "auto_fail",
        "overrides",
    ]
    return pd.DataFrame(rows, columns=columns)


def weakest_criteria(frame: pd.DataFrame, *, top: int = 5) -> pd.DataFrame:
    """Criteria by mean final score, lowest first."""
    if frame.empty:
        return pd.DataFrame(columns=["criterion", "mean", "count"])
    grouped = frame.groupby("criterion")["final"].agg(["mean", "count"]).reset_index()
    return grouped.sort_values(["mean", "criterion"]).head(top).reset_index(drop=True)


def pass_rate(records: Sequence[ScoreRecord]) -> float | None:
    return None if not records else sum(1 for r in records if r.passed) / len(records)


def trend(frame: pd.DataFrame, *, by: str = "criterion") -> pd.DataFrame:
    """Wide table: one row per scorecard time, one column per ``by`` value (for st.line_chart)."""
    if frame.empty:
        return pd.DataFrame()
    wide = frame.pivot_table(index="when", columns=by, values="final", aggfunc="mean")
    return wide.sort_index()


def suggest_scenario(frame: pd.DataFrame, library: Library, *, exclude: Iterable[str] = ()) -> tuple[str, str] | None:
    """(weakest criterion, scenario id) — a scenario whose ``skills`` include the weakest skill practised.

    With no history, the easiest scenario is suggested for the first criterion of the default rubric.
    """
    skipped = set(exclude)
    by_skill: dict[str, list[tuple[int, str]]] = {}
    for sid, sc in library.scenarios.items():
        for skill in sc.skills:
            by_skill.setdefault(str(skill), []).append((int(sc.difficulty), sid))
    order = list(weakest_criteria(frame, top=100)["criterion"]) if not frame.empty else []
    order += sorted(by_skill)
    for criterion in order:
        options = sorted(o for o in by_skill.get(criterion, []) if o[1] not in skipped) or sorted(
            by_skill.get(criterion, [])
        )
        if options:
            return criterion, options[0][1]
    return None
