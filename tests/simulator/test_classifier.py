"""The act classifier: a real model with a held-out metric above a stated floor."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.acts import Act
from simulator.classifier import evaluate, get_classifier, load_corpus

MACRO_F1_FLOOR = 0.75  # stated in docs/simulator.md; measured 0.82 when written


def test_corpus_covers_every_act_with_varied_styles() -> None:
    corpus = load_corpus()
    assert len(corpus) >= 600
    counts = Counter(a for e in corpus for a in e.acts)
    for act in Act:
        assert counts[act] >= 15, f"{act} has only {counts[act]} examples"
    assert {"formal", "informal", "chat", "spoken"} <= {e.style for e in corpus}
    assert sum(len(e.acts) > 1 for e in corpus) >= 80, "multi-act utterances are needed"


def test_held_out_macro_f1_exceeds_floor() -> None:
    report = evaluate()
    assert report["n_test"] >= 100
    assert report["macro_f1"] >= MACRO_F1_FLOOR, report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Good afternoon, you're through to Kat at Northwind.", Act.GREETING),
        ("could you confirm the postcode on the account for me", Act.IDENTITY_CHECK),
        ("Oh no, I'm really sorry that happened to you.", Act.EMPATHY),
        ("and when exactly did you first notice it", Act.QUESTION),
        ("I'll put a credit of twenty dollars on your account today.", Act.OFFER),
        ("Let me get my supervisor on the line.", Act.ESCALATION),
        ("Can I place you on a brief hold?", Act.HOLD),
        ("Is there anything else I can help you with today?", Act.CLOSING),
        ("Calm down, sir, it's not my fault.", Act.RUDE),
        ("If you keep swearing I will end this call.", Act.WARNING),
        ("I guarantee it'll never happen again.", Act.OFF_POLICY_PROMISE),
        ("It's $65 a month and there's no contract.", Act.DISCLOSURE),
    ],
)
def test_unseen_phrasings(text: str, expected: Act) -> None:
    assert expected in get_classifier().classify(text)


def test_classifier_is_cached_and_not_changed_by_use() -> None:
    clf = get_classifier()
    before = clf.scores("I can refund that for you.")
    for text in ["calm down", "hello", "x" * 5000]:
        clf.classify(text)
    assert get_classifier() is clf
    assert clf.scores("I can refund that for you.") == before


def test_long_paste_is_classified_from_head_and_tail() -> None:
    text = "I'm so sorry about this. " + "blah " * 4000 + " Is there anything else I can help with?"
    acts = get_classifier().classify(text)
    assert Act.EMPATHY in acts and Act.CLOSING in acts


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_set_of_acts(text: str) -> None:
    acts = get_classifier().classify(text)
    assert acts <= set(Act)
    assert text.strip() == "" or acts


@pytest.mark.parametrize("text", ["I'm so sorry, can I take your account number?", "calm down", "ok", "🙂", ""])
def test_fast_scores_equal_the_pipeline(text: str) -> None:
    clf = get_classifier()
    expected = clf.pipeline.predict_proba([text])[0]
    got = [clf.scores(text)[a] for a in clf.labels]
    assert got == pytest.approx(list(expected), abs=1e-9)
