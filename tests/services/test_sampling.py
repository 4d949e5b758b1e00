"""Review sampling: the miss chance and margin formulas (property tests), the picks, and the CLI on batch outputs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csrsim.main import run
from services import sampling


@given(n_pop=st.integers(1, 400), share=st.floats(0.001, 1.0), data=st.data())
def test_miss_probability_properties(n_pop: int, share: float, data: st.DataObject) -> None:
    n = data.draw(st.integers(0, n_pop))
    p = sampling.miss_probability(n_pop, n, share)
    assert 0.0 <= p <= 1.0
    if n < n_pop:
        assert sampling.miss_probability(n_pop, n + 1, share) <= p + 1e-12  # more review, less chance to miss
    affected = math.ceil(round(share * n_pop, 9))
    if n > n_pop - affected:
        assert p == pytest.approx(0.0, abs=1e-12)  # the sample must contain an affected contact
    assert p <= (1 - affected / n_pop) ** n + 1e-9  # without replacement never misses more often than with


@pytest.mark.parametrize(
    ("population", "sample", "share", "expected"),
    [(100, 10, 0.10, 0.3305), (1000, 30, 0.05, 0.2097), (20, 5, 0.0, 1.0), (10, 10, 0.1, 0.0), (50, 0, 0.5, 1.0)],
)
def test_miss_probability_known_values(population: int, sample: int, share: float, expected: float) -> None:
    # C(90,10)/C(100,10) = 0.3305; C(950,30)/C(1000,30) = 0.2097 (with replacement: 0.95^30 = 0.2146)
    assert sampling.miss_probability(population, sample, share) == pytest.approx(expected, abs=1e-4)


@settings(max_examples=60)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=40), st.integers(0, 500))
def test_margin_properties(scores: list[float], extra: int) -> None:
    population = len(scores) + extra
    m = sampling.margin_of_error(scores, population)
    assert m is not None and m >= 0
    if extra == 0:
        assert m == pytest.approx(0.0, abs=1e-9)  # the whole population was reviewed
    assert m <= (sampling.margin_of_error(scores, population + 1000) or 0) + 1e-9


def test_margin_matches_the_textbook_formula() -> None:
    scores = [70.0, 80.0, 90.0, 85.0, 75.0]
    sd = pd.Series(scores).std()
    expected = 2.7764451 * sd / math.sqrt(5) * math.sqrt((50 - 5) / 49)
    assert sampling.margin_of_error(scores, 50) == pytest.approx(expected, rel=1e-6)
    assert sampling.margin_of_error([80.0], 50) is None


def _frame() -> pd.DataFrame:
    rows = []
    for agent, base in (("ana", 85.0), ("bo", 70.0)):
        for i in range(30):
            rows.append(
                {
                    "agent": agent,
                    "transcript": f"{agent}-{i}",
                    "file": f"{agent}/{i}.json",
                    "overall": base + (i % 5),
                    "auto_fail": "",
                }
            )
    rows[3]["auto_fail"] = "disclosed_card_number"
    rows[4]["overall"] = None
    rows[5]["overall"] = 5.0
    rows[40]["overall"] = 80.5
    return pd.DataFrame(rows)


def test_propose_random_plus_risk() -> None:
    frame = _frame()
    plan = sampling.propose(frame, per_agent=4, seed=1)
    random = plan.picks[plan.picks["pick"] == "random"]
    assert random.groupby("agent").size().to_dict() == {"ana": 4, "bo": 4}
    assert not plan.picks["transcript"].duplicated().any()
    risky = dict(zip(plan.picks["transcript"], plan.picks["reason"], strict=True))
    for tid, why in (("ana-3", "critical fail"), ("ana-4", "not scorable"), ("ana-5", "outlier")):
        assert why in risky[tid]
    assert {a.agent: (a.contacts, a.sampled) for a in plan.agents} == {"ana": (30, 4), "bo": (30, 4)}
    assert all(a.margin is not None and a.margin > 0 for a in plan.agents)
    assert sampling.propose(frame, per_agent=4, seed=1).picks.equals(plan.picks)  # reproducible
    small = sampling.propose(frame[frame["agent"] == "bo"].head(3), per_agent=10)
    assert small.agents[0].sampled == 3 and small.agents[0].miss[0.05] == 0.0


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_cli_reads_batch_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    frame = _frame()
    path = tmp_path / f"results.{fmt}"
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n")
    else:
        frame.to_parquet(path)
    out = tmp_path / "review.csv"
    assert run(["sample", str(path), "--per-agent", "5", "--share", "5", "--share", "10", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "P(miss 5%)" in text and "P(miss 10%)" in text and "±95%" in text
    review = pd.read_csv(out)
    assert (review["pick"] == "random").sum() == 10 and "critical fail" in set(review["reason"].fillna(""))
    assert run(["sample", str(path), "--per-agent", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["agent"] for a in data["agents"]] == ["ana", "bo"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{bad json\n", "results.jsonl:1: not JSON"), ('{"file": "x"}\n', "no column agent, overall")],
)
def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(content)
    assert run(["sample", str(path), "--per-agent", "3"]) != 0
    assert message in capsys.readouterr().err
