"""Which contacts a person should review, and what the review can and cannot tell.

Per agent, a simple random sample of ``per_agent`` contacts (a stratified sample with the agent as the
stratum) is what estimates the agent's score; its margin of error is the t interval's half-width with the
finite population correction. Risk-based picks (critical fails, contacts nothing could score, outliers,
scores too close to the pass mark to trust) are added on top and never enter the estimate: they are
chosen for being unusual, so they would bias it.

The chance that a problem present in a share ``p`` of an agent's ``N`` contacts goes unseen in a random
sample of ``n`` is hypergeometric: P(no affected contact drawn) with ``D = ceil(p N)`` affected ones.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

RISK_ORDER = ("critical fail", "not scorable", "outlier", "low confidence")
DEFAULT_SHARES = (0.05, 0.10)


class ResultsFileError(ValueError):
    """A results file that cannot be read; the message names the file (and line)."""


def read_results(path: Path) -> pd.DataFrame:
    """A ``csrsim batch`` results file (CSV, JSONL or parquet) as a frame with at least agent/overall columns."""
    if not path.exists():
        raise ResultsFileError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResultsFileError(f"{path}: cannot read ({exc})") from exc
    return read_results_bytes(data, filename=str(path))


def read_results_bytes(data: bytes, *, filename: str) -> pd.DataFrame:
    """The same from bytes (an upload); the format follows the file name's suffix."""
    suffix = Path(filename).suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(io.BytesIO(data))
        elif suffix in (".jsonl", ".json"):
            records = []
            for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ResultsFileError(f"{filename}:{number}: not JSON ({exc.msg})") from exc
            frame = pd.DataFrame.from_records(records)
        else:
            frame = pd.read_csv(io.BytesIO(data), dtype={"agent": str, "transcript": str, "auto_fail": str})
    except ResultsFileError:
        raise
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ResultsFileError(f"{filename}: cannot read ({exc})") from exc
    missing = {"agent", "overall"} - set(frame.columns)
    if missing:
        raise ResultsFileError(f"{filename}: not a batch results file (no column {', '.join(sorted(missing))})")
    frame = frame.copy()
    frame["agent"] = frame["agent"].fillna("").astype(str).replace("", "(unknown agent)")
    frame["overall"] = pd.to_numeric(frame["overall"], errors="coerce")
    if "auto_fail" not in frame.columns:
        frame["auto_fail"] = ""
    frame["auto_fail"] = frame["auto_fail"].fillna("").astype(str)
    return frame.reset_index(drop=True)


def miss_probability(population: int, sample: int, share: float) -> float:
    """P(a random sample of ``sample`` of ``population`` contacts contains none of the affected ones).

    ``ceil(share * population)`` contacts are affected (so any share > 0 means at least one).
    """
    if population < 0 or sample < 0 or not 0 <= share <= 1:
        raise ValueError("population, sample >= 0 and 0 <= share <= 1")
    sample = min(sample, population)
    affected = math.ceil(round(share * population, 9))
    if affected == 0:
        return 1.0
    return float(stats.hypergeom(population, affected, sample).pmf(0))


def margin_of_error(scores: Sequence[float], population: int, *, confidence: float = 0.95) -> float | None:
    """Half-width of the t confidence interval of the mean score, with the finite population correction.

    ``None`` with fewer than two scores (no spread to estimate); 0 when the whole population is in the sample.
    """
    values = np.asarray([s for s in scores if s is not None and not math.isnan(s)], dtype=float)
    n = len(values)
    if n < 2:
        return None
    population = max(population, n)
    fpc = math.sqrt((population - n) / (population - 1)) if population > 1 else 0.0
    t = float(stats.t.ppf(0.5 + confidence / 2, n - 1))
    return float(t * values.std(ddof=1) / math.sqrt(n) * fpc)


@dataclass(frozen=True)
class AgentSummary:
    agent: str
    contacts: int
    sampled: int
    risk_picks: int
    mean: float | None
    margin: float | None
    miss: dict[float, float]


@dataclass
class SamplePlan:
    picks: pd.DataFrame
    agents: list[AgentSummary] = field(default_factory=list)
    confidence: float = 0.95


def risk_reasons(frame: pd.DataFrame, *, pass_mark: float, band: float, outlier_z: float) -> pd.Series:
    """Why each contact is risky ("" when it is not), in the order of ``RISK_ORDER``."""
    overall = frame["overall"]
    scored = overall.dropna()
    median = float(scored.median()) if len(scored) else 0.0
    mad = float((scored - median).abs().median()) * 1.4826 if len(scored) else 0.0
    robust_z = (overall - median).abs() / mad if mad > 0 else pd.Series(0.0, index=frame.index)
    reasons = []
    has_conf = "confidence" in frame.columns
    for i in frame.index:
        why = []
        if frame.at[i, "auto_fail"].strip():
            why.append("critical fail")
        if pd.isna(overall.at[i]):
            why.append("not scorable")
        elif robust_z.at[i] > outlier_z:
            why.append("outlier")
        low = abs(overall.at[i] - pass_mark) <= band if not pd.isna(overall.at[i]) else False
        if has_conf and not pd.isna(frame.at[i, "confidence"]):
            low = low or float(frame.at[i, "confidence"]) < 0.5
        if low:
            why.append("low confidence")
        reasons.append("; ".join(why))
    return pd.Series(reasons, index=frame.index, dtype=str)


def propose(
    frame: pd.DataFrame,
    *,
    per_agent: int,
    seed: int = 0,
    shares: Sequence[float] = DEFAULT_SHARES,
    pass_mark: float = 80.0,
    band: float = 5.0,
    outlier_z: float = 2.5,
    max_risk_per_agent: int | None = None,
    confidence: float = 0.95,
) -> SamplePlan:
    """Random picks per agent (the estimate) plus risk picks (the rest of the review list)."""
    if per_agent < 1:
        raise ValueError("--per-agent must be at least 1")
    rng = np.random.default_rng(seed)
    reasons = risk_reasons(frame, pass_mark=pass_mark, band=band, outlier_z=outlier_z)
    cap = per_agent if max_risk_per_agent is None else max_risk_per_agent
    picked: list[pd.DataFrame] = []
    summaries = []
    for agent, group in frame.groupby("agent", sort=True):
        n = min(per_agent, len(group))
        chosen = rng.choice(group.index.to_numpy(), size=n, replace=False)
        random_rows = group.loc[sorted(chosen)].assign(pick="random", reason=reasons.loc[sorted(chosen)])
        rest = group.drop(index=chosen)
        risky = rest[reasons.loc[rest.index] != ""]
        order = reasons.loc[risky.index].map(lambda r: min(RISK_ORDER.index(x) for x in r.split("; ")))
        risky = risky.loc[order.sort_values(kind="stable").index[:cap]]
        risk_rows = risky.assign(pick="risk", reason=reasons.loc[risky.index])
        picked.extend([random_rows, risk_rows])
        sample_scores = random_rows["overall"].dropna().tolist()
        summaries.append(
            AgentSummary(
                agent=str(agent),
                contacts=len(group),
                sampled=n,
                risk_picks=len(risk_rows),
                mean=float(np.mean(sample_scores)) if sample_scores else None,
                margin=margin_of_error(sample_scores, int(group["overall"].notna().sum()), confidence=confidence),
                miss={share: miss_probability(len(group), n, share) for share in shares},
            )
        )
    picks = pd.concat(picked) if picked else frame.head(0).assign(pick="", reason="")
    return SamplePlan(picks=picks.reset_index(drop=True), agents=summaries, confidence=confidence)


def summary_table(plan: SamplePlan) -> list[dict[str, object]]:
    """One row per agent: what the CLI prints and the page shows."""
    rows = []
    for a in plan.agents:
        row: dict[str, object] = {
            "agent": a.agent,
            "contacts": a.contacts,
            "random": a.sampled,
            "risk": a.risk_picks,
            "mean": None if a.mean is None else round(a.mean, 1),
            f"±{plan.confidence:.0%}": None if a.margin is None else round(a.margin, 1),
        }
        for share, p in a.miss.items():
            row[f"P(miss {share:.0%})"] = round(p, 3)
        rows.append(row)
    return rows
