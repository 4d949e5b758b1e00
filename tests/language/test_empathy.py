"""language.empathy: per-sentence labels, cold families by cue, and the model beats its baselines."""

from __future__ import annotations

import pytest

from language.empathy import COLD_LABELS, judge_sentences, split_sentences


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("You people are idiots who can't read a bill.", "insulting"),
        ("Oh great, another genius who can't restart a router.", "sarcastic"),
        ("I'm sorry, but this is your own fault for not reading the contract.", "blaming"),
        ("I'm so sorry, that sounds really frustrating.", "empathetic"),
        ("Oh no, sorry!", "empathetic"),
        ("Can I have your account number?", "neutral"),
        ("The refund takes 3 to 5 business days.", "neutral"),
    ],
)
def test_labels(sentence: str, label: str) -> None:
    (judged,) = judge_sentences([sentence])
    assert judged.label == label
    assert 0.0 <= judged.probability <= 1.0


def test_a_question_cannot_dilute_an_insult() -> None:
    turn = "Honestly, you people are idiots who can't read a bill. Which charge do you mean?"
    judged = judge_sentences(split_sentences(turn))
    assert len(judged) == 2
    assert judged[0].label == "insulting" and judged[0].p_cold >= 0.9
    assert any(j.label in COLD_LABELS for j in judged)


def test_please_does_not_make_a_cold_reply_warm() -> None:
    cold, polite_cold = judge_sentences(
        ["Calm down, that's not my problem.", "Please calm down, that's not my problem, thank you."]
    )
    assert cold.cold and polite_cold.cold


def test_sentences_over_the_encoder_budget_use_the_cue_model() -> None:
    judged = judge_sentences(["I'm so sorry.", "Let me check.", "You should have read it."], max_encoded=1)
    assert [j.encoded for j in judged] == [True, False, False]
    assert judged[2].label == "blaming"


def test_split_sentences_drops_blanks() -> None:
    assert split_sentences("Hi.  \n\n How are you?  ") == ["Hi.", "How are you?"]


@pytest.mark.slow
def test_model_beats_its_baselines_in_grouped_cross_validation() -> None:
    from language.empathy_eval import evaluate

    report = evaluate()
    model = report.cv_auc["model"][0]
    assert model >= report.cv_auc["dummy"][0] + 0.30
    assert model >= report.cv_auc["five_word_lexicon"][0] + 0.10
    # the corpus is length-confounded; on the length-matched subset word count must not help
    assert report.length_matched_auc["model"] >= report.length_matched_auc["word_count"] + 0.10
    assert report.brier < 0.1
