"""Tables behind the dashboards: plain pandas over stored scorecards, so they are testable without a browser."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from domain.loader import Library
from services.disputes import _pass_mark, weighted_overall
from storage.types import ScoreRecord

UNASSIGNED = "(unassigned)"
NOT_SCORABLE = "not scorable"


def readable(criterion: str) -> str:
    """``policy_compliance`` -> ``Policy compliance``: the fallback name when a page passes no labels."""
    return criterion.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Headline:
    """The score a person sees first: overrides applied, with the automatic score kept beside it."""

    overall: float | None
    passed: bool
    automatic: float | None
    changed: bool

    @property
    def scorable(self) -> bool:
        return self.overall is not None


def headline(record: ScoreRecord) -> Headline:
    """A reviewer's latest override per criterion re-weighs the overall exactly as the engine does.

    A card that could not be scored (``overall`` None) stays "not scorable" and never passes.
    """
    latest = {o.criterion: o for o in record.overrides}
    criteria = record.card.get("criteria", {}) or {}
    if record.overall is None or not latest:
        return Headline(record.overall, record.passed and record.overall is not None, record.overall, False)
    scores: dict[str, tuple[float, float | None]] = {}
    for name, crit in criteria.items():
        auto = crit.get("score") if crit.get("applicable", True) else None
        o = latest.get(name)
        scores[name] = (float(crit.get("weight") or 0.0), o.score if o is not None and o.score is not None else auto)
    final = weighted_overall(scores)
    if final is None or final == record.overall:
        return Headline(record.overall, record.passed, record.overall, False)
    passed = final >= _pass_mark(record.rubric_yaml) and not record.card.get("auto_fail")
    return Headline(final, passed, record.overall, True)


def channel_of(record: ScoreRecord) -> str:
    return str(record.transcript.get("channel") or record.card.get("channel") or "phone")


def filter_records(
    records: Iterable[ScoreRecord],
    *,
    teams_by_user: dict[int, str | None] | None = None,
    teams: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    channels: Sequence[str] = (),
) -> list[ScoreRecord]:
    """The dashboard's filters: team of the person scored, date range (inclusive), channel; empty means all."""
    team_of = teams_by_user or {}
    out = []
    for r in records:
        day = r.created_at.date()
        if teams and (r.user_id is None or team_of.get(r.user_id) not in teams):
            continue
        if (since and day < since) or (until and day > until) or (channels and channel_of(r) not in channels):
            continue
        out.append(r)
    return out


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
    """One row per scorecard: ``overall`` is the headline (overrides applied), ``automatic`` the engine's,
    ``result`` PASS / FAIL / not scorable."""
    rows = []
    for r in records:
        h = headline(r)
        rows.append(
            {
                "scorecard": r.id,
                "when": r.created_at,
                "agent": r.agent_name or UNASSIGNED,
                "source": r.source,
                "channel": channel_of(r),
                "transcript": r.transcript_id,
                "scenario": r.scenario_id or "",
                "rubric": f"{r.rubric_id} v{r.rubric_version}",
                "overall": h.overall,
                "automatic": h.automatic,
                "result": NOT_SCORABLE if not h.scorable else ("PASS" if h.passed else "FAIL"),
                "passed": h.passed,
                "auto_fail": ", ".join(r.card.get("auto_fail", [])),
                "overrides": len(r.overrides),
            }
        )
    columns = [
        "scorecard",
        "when",
        "agent",
        "source",
        "channel",
        "transcript",
        "scenario",
        "rubric",
        "overall",
        "automatic",
        "result",
        "passed",
        "auto_fail",
        "overrides",
    ]
    return pd.DataFrame(rows, columns=columns)


def weakest_criteria(frame: pd.DataFrame, *, top: int = 5, label: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Criteria by mean final score, lowest first (means rounded to one decimal; ``label`` names them)."""
    if frame.empty:
        return pd.DataFrame(columns=["criterion", "mean", "count"])
    grouped = frame.groupby("criterion")["final"].agg(["mean", "count"]).reset_index()
    grouped = grouped.sort_values(["mean", "criterion"]).head(top).reset_index(drop=True)
    grouped["mean"] = grouped["mean"].round(1)
    if label is not None:
        grouped["criterion"] = grouped["criterion"].map(label)
    return grouped


def scorable(records: Iterable[ScoreRecord]) -> list[ScoreRecord]:
    return [r for r in records if r.overall is not None]


def pass_rate(records: Sequence[ScoreRecord]) -> float | None:
    """Share of scorable contacts that passed (overrides applied); not-scorable ones are left out, not failed."""
    judged = [headline(r) for r in scorable(records)]
    return None if not judged else sum(1 for h in judged if h.passed) / len(judged)


def average_overall(records: Sequence[ScoreRecord]) -> float | None:
    """Mean headline score of the scorable contacts, one decimal."""
    values = [h.overall for h in map(headline, records) if h.overall is not None]
    return round(sum(values) / len(values), 1) if values else None


def trend(frame: pd.DataFrame, *, by: str = "criterion", label: Callable[[str], str] = readable) -> pd.DataFrame:
    """Wide table for st.line_chart: one row per day (a date index, so the x-axis shows dates), one column
    per ``by`` value under its readable name, daily means rounded to one decimal."""
    if frame.empty:
        return pd.DataFrame()
    days = frame.assign(day=pd.to_datetime(frame["when"]).dt.normalize())
    value = "final" if "final" in frame.columns else "overall"
    wide = days.pivot_table(index="day", columns=by, values=value, aggfunc="mean").sort_index().round(1)
    if by == "criterion":
        wide = wide.rename(columns=label)
    wide.index.name = "date"
    wide.columns.name = None
    return wide


def suggest_scenario(frame: pd.DataFrame, library: Library, *, exclude: Iterable[str] = ()) -> tuple[str, str] | None:
    """(weakest criterion, scenario id) — a scenario whose ``skills`` include the weakest skill practised.

    With no history, the easiest scenario is suggested for the first criterion of the default rubric.
    """
    skipped = set(exclude)  # e.g. the scenario just played: suggest something else
    by_skill: dict[str, list[tuple[int, str]]] = {}
    for sid, sc in library.scenarios.items():
        for skill in sc.skills:
            by_skill.setdefault(str(skill), []).append((int(sc.difficulty), sid))
    order = list(weakest_criteria(frame, top=100)["criterion"]) if not frame.empty else []
    order += sorted(by_skill)
    for criterion in order:
        options = sorted(o for o in by_skill.get(criterion, []) if o[1] not in skipped)
        if options:
            return criterion, options[0][1]
    for criterion in order:  # everything practising a weak skill was excluded: repeat rather than nothing
        if by_skill.get(criterion):
            return criterion, sorted(by_skill[criterion])[0][1]
    return None
