"""Validity report: does a PASS mean what a QA expert would mean?

1. The adversarial suite (scoring/data/validity/suite.json): each case's expected verdict is data;
   every disagreement is printed and makes the script exit 1 (CI runs the same suite in
   tests/scoring/test_validity.py).
2. When the separately written evaluation data is present (evaluation/, branch ``evaluation``):
   the gaming probes (every probe must fail or be not scorable, textbook calls pass) and outcome
   prediction on labelled chats (ROC-AUC of the overall score, beside counting dollar amounts).
   Outcome labels are removed from the transcripts before scoring.
3. The empathy model beside its baselines (language/empathy_eval.py).

Run: ``python bench/bench_validity.py [--quick]`` or ``csrsim bench --only validity``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.loader import load_library  # noqa: E402
from domain.transcript import Transcript  # noqa: E402
from scoring import score_transcript  # noqa: E402
from scoring.validity import run_suite, verdict  # noqa: E402

OUTCOME_AUC_BUDGET = 0.75


def _probes(library: object) -> int:
    path = ROOT / "evaluation" / "gaming" / "probes.jsonl"
    if not path.is_file():
        print("# evaluation/gaming/probes.jsonl not present: skipped")
        return 0
    bad = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        meta = data.get("metadata", {})
        expected = meta.pop("expected", None)
        setup = library.scoring_setup(scenario_ref=meta.get("scenario"), rubric_ref=None)  # type: ignore[attr-defined]
        card = score_transcript(
            Transcript.model_validate(data), rubric=setup.rubric, scenario=setup.scenario, policies=setup.policies
        )
        got = verdict(card)
        ok = got == expected or (expected in ("fail", "not_scorable") and got in ("fail", "not_scorable"))
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} probe {data['id']:<36} expected {expected:<13} got {got}")
    print(f"gaming_probes_wrong={bad}")
    return bad


def _outcomes(library: object) -> None:
    from sklearn.metrics import roc_auc_score

    path = ROOT / "evaluation" / "outcomes" / "chats.jsonl"
    if not path.is_file():
        print("# evaluation/outcomes/chats.jsonl not present: skipped")
        return
    rubric = library.rubric("default")  # type: ignore[attr-defined]
    policies = [library.policies[p] for p in rubric.policies]  # type: ignore[attr-defined]
    y, overall, dollars, passed_ok, passed_bad = [], [], [], 0, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        label = data.get("metadata", {}).pop("outcome") == "succeeded"
        t = Transcript.model_validate(data)
        card = score_transcript(t, rubric=rubric, policies=policies)
        y.append(label)
        overall.append(card.overall if card.overall is not None else 0.0)
        dollars.append(sum(len(re.findall(r"\$\s?\d", x.text)) for x in t.turns if x.speaker == "agent"))
        passed_ok += card.passed and label
        passed_bad += card.passed and not label
    auc = roc_auc_score(y, overall)
    print(f"# {len(y)} labelled chats ({sum(y)} succeeded); passed: {passed_ok} succeeded, {passed_bad} failed")
    print(f"outcome_auc={auc:.3f} budget>={OUTCOME_AUC_BUDGET} ratio={auc / OUTCOME_AUC_BUDGET:.2f}")
    print(f"outcome_auc_dollar_count={roc_auc_score(y, dollars):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the empathy cross-validation")
    args = parser.parse_args()
    library = load_library()
    results = run_suite(library)
    wrong = [r for r in results if not r.ok]
    for r in results:
        overall = "n/a" if r.overall is None else f"{r.overall:.1f}"
        print(f"{'ok ' if r.ok else 'BAD'} {r.id:<28} expected {r.expect:<13} got {r.got:<13} overall {overall}")
    print(f"validity_suite_wrong={len(wrong)} of {len(results)}")
    bad_probes = _probes(library)
    _outcomes(library)
    if not args.quick:
        from language.empathy_eval import evaluate, render

        print(render(evaluate()))
    return 1 if wrong or bad_probes else 0


if __name__ == "__main__":
    sys.exit(main())
