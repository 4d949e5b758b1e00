"""Recall and false-redaction floors on the generated benchmark corpus (issue 16), and the corpus itself."""

from __future__ import annotations

import pytest

from importers.redaction_corpus import generate_corpus, score_corpus


@pytest.mark.parametrize("seed", [16, 17])
def test_recall_and_false_redaction_floors(seed: int) -> None:
    corpus = generate_corpus(seed=seed)
    score = score_corpus(corpus)
    assert score.lines >= 500
    assert score.total["CARD"] >= 300 and score.kept_total >= 200
    assert score.recall("CARD") >= 0.99, score.missed[:10]
    assert score.recall() >= 0.95, score.missed[:10]
    assert score.false_redaction_rate <= 0.01, score.over[:10]


def test_the_corpus_is_deterministic_and_varied() -> None:
    a = [[t.text for t in c] for c in generate_corpus(n=50, seed=3)]
    b = [[t.text for t in c] for c in generate_corpus(n=50, seed=3)]
    assert a == b
    score = score_corpus(generate_corpus(seed=18))
    assert {"CARD", "CVV", "EXPIRY", "PHONE", "EMAIL", "SSN"} <= set(score.total)


def test_the_scorer_counts_a_leak_and_an_over_redaction() -> None:
    """The measure can fail: a card left in place is a miss, a redacted order number a false redaction."""
    from importers.redaction_corpus import Turn

    leak = [Turn("customer").add("my loyalty code is ").add("4111 1111 1111 1112", "CARD")]
    over = [Turn("customer").add("my card is ").add("4111 1111 1111 1111", mark=True)]
    score = score_corpus([leak, over])
    assert score.recall("CARD") == 0.0
    assert score.false_redactions == 1
