"""Agreement of the scorer with human reviewers, per criterion.

Scores are compared three ways because each answers a different question a QA lead asks:
quadratic-weighted Cohen's kappa on banded scores (do we put calls in the same grade?),
Spearman's rho (do we rank calls the same way?) and the mean absolute difference (how far
apart are the numbers?). Bands follow the rubric's pass mark by default.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.scorecard import ScoreCard

DEFAULT_BANDS = (50.0, 65.0, 80.0, 90.0)  # <50 poor, 50-65, 65-80, 80-90 (pass), >=90 excellent


class CalibrationError(ValueError):
    """A human-scores file that cannot be read; the message names the file and row."""


@dataclass(frozen=True)
class HumanScore:
    transcript: str
    criterion: str
    score: float


@dataclass(frozen=True)
class Agreement:
    criterion: str
    n: int
    kappa: float | None
    spearman: float | None
    mean_abs_diff: float | None

    def as_dict(self) -> dict[str, object]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "criterion": self.criterion,
            "n": self.n,
            "kappa_quadratic": r(self.kappa),
            "spearman_rho": r(self.spearman),
            "mean_abs_diff": r(self.mean_abs_diff),
        }


def read_human_scores(path: Path) -> list[HumanScore]:
    """CSV with columns transcript, criterion, score (0-100); other columns (reviewer, notes) are ignored."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalibrationError(f"{path}: cannot read ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    needed = {"transcript", "criterion", "score"}
    if reader.fieldnames is None or not needed <= {f.strip().lower() for f in reader.fieldnames}:
        raise CalibrationError(f"{path}:1: needs columns transcript, criterion, score")
    out: list[HumanScore] = []
    for line, row in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        if not row.get("transcript") and not row.get("score"):
            continue
        try:
            score = float(row["score"])
        except ValueError:
            raise CalibrationError(f"{path}:{line}: score {row['score']!r} is not a number") from None
        if not 0 <= score <= 100 or math.isnan(score):
            raise CalibrationError(f"{path}:{line}: score {score:g} is outside 0-100")
        if not row["transcript"] or not row["criterion"]:
            raise CalibrationError(f"{path}:{line}: transcript and criterion must not be empty")
        out.append(HumanScore(row["transcript"], row["criterion"], score))
    if not out:
        raise CalibrationError(f"{path}: no scores")
    return out


def band(score: float, bands: Sequence[float] = DEFAULT_BANDS) -> int:
    return sum(score >= edge for edge in bands)


def machine_score(card: ScoreCard, criterion: str) -> float | None:
    if criterion == "overall":
        return card.overall
    result = card.criteria.get(criterion)
    return None if result is None else result.score


def agreement(
    human: Iterable[HumanScore], cards: Iterable[ScoreCard], *, bands: Sequence[float] = DEFAULT_BANDS
) -> list[Agreement]:
    """One row per criterion the humans scored; pairs where the scorer said 'not applicable' are left out."""
    from scipy.stats import spearmanr
    from sklearn.metrics import cohen_kappa_score

    by_id = {c.transcript: c for c in cards}
    pairs: dict[str, list[tuple[float, float]]] = {}
    for h in human:
        card = by_id.get(h.transcript)
        if card is None:
            continue
        m = machine_score(card, h.criterion)
        pairs.setdefault(h.criterion, [])
        if m is not None:
            pairs[h.criterion].append((h.score, m))
    out: list[Agreement] = []
    for criterion in sorted(pairs):
        items = pairs[criterion]
        if not items:
            out.append(Agreement(criterion, 0, None, None, None))
            continue
        hs = [a for a, _ in items]
        ms = [b for _, b in items]
        mad = sum(abs(a - b) for a, b in items) / len(items)
        kappa: float | None = None
        rho: float | None = None
        if len(items) >= 2:
            hb = [band(x, bands) for x in hs]
            mb = [band(x, bands) for x in ms]
            if len(set(hb) | set(mb)) > 1:
                k = float(cohen_kappa_score(hb, mb, weights="quadratic"))
                kappa = None if math.isnan(k) else k
            if len(set(hs)) > 1 and len(set(ms)) > 1:
                r = float(spearmanr(hs, ms).statistic)
                rho = None if math.isnan(r) else r
        out.append(Agreement(criterion, len(items), kappa, rho, mad))
    return out
