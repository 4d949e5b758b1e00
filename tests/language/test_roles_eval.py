"""The role model's evaluation: the helpers it is built from, and (slow) the margins over its baselines."""

from __future__ import annotations

import numpy as np
import pytest

from language.roles_eval import (
    BASELINES,
    Metrics,
    RoleReport,
    _bootstrap,
    _paired_delta,
    _reliability,
    build_scenario_lines,
    estimators,
    evaluate,
)


def _metrics(f1: float, auc: float) -> Metrics:
    return Metrics(accuracy=f1, macro_f1=f1, auc=auc, macro_f1_spread=(0.0, 0.0), auc_spread=(0.0, 0.0))


@pytest.mark.parametrize(
    ("model", "lexicon", "expected"),
    [((0.90, 0.95), (0.80, 0.85), True), ((0.81, 0.95), (0.80, 0.85), False), ((0.90, 0.84), (0.80, 0.85), False)],
)
def test_beating_the_baselines_needs_both_metrics_by_the_margin(
    model: tuple[float, float], lexicon: tuple[float, float], expected: bool
) -> None:
    cv = {"model": _metrics(*model), "dummy": _metrics(0.4, 0.5), "length": _metrics(0.6, 0.6)}
    cv["lexicon"] = _metrics(*lexicon)
    report = RoleReport(n_train=10, agent_share=0.5, cv=cv, brier_oof=0.1, reliability=[])
    assert report.model_beats_baselines() == {"cv": expected}


def test_bootstrap_interval_contains_the_point_and_resamples_whole_clusters() -> None:
    rng = np.random.default_rng(3)
    y = np.tile([0, 1], 50)
    score = np.clip(y * 0.6 + rng.normal(0.2, 0.25, len(y)), 0, 1)
    pred = (score > 0.5).astype(int)
    (f_lo, f_hi), (a_lo, a_hi) = _bootstrap(y, score, pred, [f"c{i // 4}" for i in range(len(y))])
    assert 0.0 <= f_lo <= f_hi <= 1.0 and 0.0 <= a_lo <= a_hi <= 1.0
    assert a_lo < 0.99 and a_hi > 0.6


def test_reliability_bins_count_every_line() -> None:
    y = np.array([0, 0, 1, 1, 1])
    proba = np.array([0.05, 0.3, 0.55, 0.9, 0.95])
    bins = _reliability(y, proba)
    assert sum(n for _, _, n in bins) == 5
    assert bins[-1] == (0.925, 1.0, 2)


def test_scenario_snapshot_has_both_roles_and_no_placeholders() -> None:
    rows = build_scenario_lines()
    roles = {role for _, role, _, _ in rows}
    assert roles == {"agent", "customer"}
    assert not [text for *_, text in rows if "{" in text]
    assert len({group for group, *_ in rows}) >= 10


def test_every_estimator_scores_every_line() -> None:
    train = ["how can i help you today", "my bill is wrong again", "let me check that", "i want a refund now"] * 3
    y = np.array([1, 0, 1, 0] * 3)
    for name, run in estimators().items():
        score, pred = run(train, y, ["can i take your name", "why is it late"])
        assert score.shape == pred.shape == (2,), name
        assert set(pred.tolist()) <= {0, 1}, name


@pytest.mark.slow
def test_model_beats_every_baseline_in_the_same_run() -> None:
    report = evaluate()
    beats = report.model_beats_baselines()
    assert beats["cv"] and beats["roles_eval.csv (ASR style)"], beats
    assert report.brier_oof < 0.2
    for name in BASELINES:
        assert report.cv["model"].macro_f1 > report.cv[name].macro_f1
    mean_f1 = report.cv["model"].macro_f1
    sd_f1 = report.cv["model"].macro_f1_spread[0]
    assert 0.0 < sd_f1 < 0.2 and mean_f1 > 0.7


def test_paired_delta_is_zero_against_itself_and_positive_against_a_coin() -> None:
    rng = np.random.default_rng(5)
    y = np.tile([0, 1], 40)
    good = (y * 0.8 + rng.uniform(0, 0.2, len(y)), y.copy())
    coin_score = rng.uniform(0, 1, len(y))
    coin = (coin_score, (coin_score > 0.5).astype(int))
    clusters = [f"line{i}" for i in range(len(y))]
    assert _paired_delta(y, good, good, clusters) == ((0.0, 0.0), (0.0, 0.0))
    (f_lo, _), (a_lo, _) = _paired_delta(y, good, coin, clusters)
    assert f_lo > 0.2 and a_lo > 0.2
