"""The bundled sentence encoder: real model, real tokenizer, offline."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from language.encoder import DIMENSIONS, cosine_matrix, get_encoder


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    return get_encoder(verify=True)


def test_vectors_are_unit_length_and_empty_text_is_zero(encoder) -> None:  # type: ignore[no-untyped-def]
    vectors = encoder.encode(["I was charged twice this month.", "   ", ""])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-4)
    assert not vectors[1].any() and not vectors[2].any()


@pytest.mark.parametrize(
    ("anchor", "paraphrase", "unrelated"),
    [
        (
            "What were the dates and amounts of the charges?",
            "When were you billed, and how much each time?",
            "Is there anything else I can help you with today?",
        ),
        (
            "Has anything else been damaged in the house?",
            "Did the installers break anything apart from the ceiling?",
            "Could you spell your surname for me?",
        ),
        (
            "I'm removing the late fee from your account now.",
            "I've gone ahead and waived that late charge for you.",
            "Our opening hours are nine to five on weekdays.",
        ),
    ],
)
def test_paraphrase_is_closer_than_unrelated_line(encoder, anchor: str, paraphrase: str, unrelated: str) -> None:  # type: ignore[no-untyped-def]
    sims = cosine_matrix(encoder.encode([paraphrase, unrelated]), encoder.encode([anchor])).ravel()
    assert sims[0] > sims[1] + 0.2


def test_cached_and_fresh_vectors_agree(encoder) -> None:  # type: ignore[no-untyped-def]
    text = "Let me check the account for you."
    first = encoder.encode_one(text)
    again = encoder.encode([text, "other"])[0]
    np.testing.assert_allclose(first, again, atol=1e-6)


def test_shared_encoder_is_safe_across_threads(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = [f"Thread line number {i} about a refund." for i in range(40)]
    expected = encoder.encode(texts)
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(get_encoder().encode(texts))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for got in results:
        np.testing.assert_allclose(got, expected, atol=1e-5)


def test_batches_group_texts_of_about_one_length_and_keep_every_row() -> None:
    from language.encoder import _length_batches

    todo = [(0, "x" * 500), (1, "short one"), (2, "another short"), (3, "y" * 480), (4, "mid " * 30)]
    batches = _length_batches(todo, batch_size=2)
    assert sorted(i for batch in batches for i, _ in batch) == [0, 1, 2, 3, 4]
    assert all(len(batch) <= 2 for batch in batches)
    assert not any({0, 1} <= {i for i, _ in batch} for batch in batches)  # a long text never pads a short one


def test_grouped_batches_give_the_vectors_of_one_text_at_a_time(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "I'm so sorry about the two late fees on your account, and I can see autopay stopped after the move "
        "to the new billing platform in August, which was not anything you did.",
        "When did you pay?",
        "Thanks.",
    ]
    together = encoder.encode([f"{t} (batched)" for t in texts])
    alone = np.vstack([encoder._run([f"{t} (batched)"]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=16),
    parts=st.integers(min_value=1, max_value=4),
)
def test_balanced_batches_keep_every_row_once(lengths: list[int], parts: int) -> None:
    from language.encoder import _balanced, _length_batches

    todo = [(i, "w" * n) for i, n in enumerate(lengths)]
    balanced = _balanced(_length_batches(todo, batch_size=32), parts=parts)
    assert sorted(i for batch in balanced for i, _ in batch) == list(range(len(lengths)))
    assert all(batch for batch in balanced)
    # cut until there are enough batches for the workers, or every batch is one text
    assert len(balanced) >= min(parts, len(lengths))


def test_turns_spread_over_workers_give_the_same_vectors(encoder) -> None:  # type: ignore[no-untyped-def]
    from language.encoder import SentenceEncoder

    serial = SentenceEncoder(model_path=encoder.model_path, tokenizer_path=encoder.tokenizer_path, workers=1)
    parallel = SentenceEncoder(model_path=encoder.model_path, tokenizer_path=encoder.tokenizer_path, workers=2)
    turn = [
        "I've refunded the duplicate $59.99 and it will be back on your card in three to five business days.",
        "I'm sorry about this.",
        "Is there anything else?",
    ]
    assert parallel._pool is not None and serial._pool is None
    np.testing.assert_allclose(parallel.encode(turn), serial.encode(turn), atol=1e-5)
    parallel.forget()
    assert not parallel._cache
