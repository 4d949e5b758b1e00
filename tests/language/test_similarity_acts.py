from __future__ import annotations

import pytest

from domain.acts import Act
from language.acts import classify, evaluate
from language.similarity import MATCH_THRESHOLD, ExampleBank, example_bank

BANK = {
    "second_charge": ["When was the second charge taken?", "What dates do you see the two payments on?"],
    "email": ["Which email address is on the account?", "What email should we send it to?"],
}


def test_bank_matches_paraphrase_and_names_the_example() -> None:
    bank = example_bank(BANK)
    found = bank.match("Which days were the two payments taken, and how much were they?")
    best = max(found.values(), key=lambda m: m.score)
    assert best.key == "second_charge"
    assert best.score >= MATCH_THRESHOLD
    assert best.example in BANK["second_charge"]


def test_a_question_inside_a_long_email_is_still_heard() -> None:
    email = (
        "Dear Ms Hart, thank you for your patience while I looked into this. "
        "I have gone through the account history carefully. "
        "I can see the subscription renewed as expected in March. "
        "What dates do you see the two payments on? "
        "Once I know that I can put things right. "
        "Kind regards, Sam"
    )
    bank = example_bank(BANK)
    vectors = bank.vectors(email)
    assert len(vectors) == 6 + 5  # six sentences and their five neighbouring pairs, not the whole email
    assert bank.match(email)["second_charge"].score >= MATCH_THRESHOLD


def test_off_topic_stays_below_threshold() -> None:
    found = example_bank(BANK).match("How do you spell your surname?")
    assert all(m.score < MATCH_THRESHOLD for m in found.values())


def test_bank_is_cached_and_read_only() -> None:
    bank = example_bank(BANK)
    assert example_bank(dict(BANK)) is bank
    with pytest.raises(ValueError):
        bank._matrix[0, 0] = 1.0


def test_confusions_flag_overlapping_triggers() -> None:
    bank = ExampleBank(
        {
            "a": ["When was the second charge?", "Tell me about your dog."],
            "b": ["When was the second payment taken?", "What time does the shop open?"],
        }
    )
    pairs = {(k, o) for k, o, _, _ in bank.confusions()}
    assert ("a", "b") in pairs
    assert ExampleBank({"x": ["Hello there", "Hi there"], "y": ["Refund the fee", "Remove the fee"]}).confusions() == []


def test_empty_input() -> None:
    assert example_bank(BANK).match("   ") == {}
    assert ExampleBank({}).match("anything") == {}


def test_acts_public_api_and_baseline() -> None:
    assert Act.EMPATHY in classify("I'm so sorry about that.")
    report = evaluate()
    assert report["macro_f1"] > report["baseline_macro_f1"] + 0.3


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        # something done for her, with "next time" in it: the model's rude (learned from "next time, read the
        # bill") is not heard
        ("I've noted the locked gate and dog so the reader calls ahead next time.", False),
        ("Access note added so the reader calls ahead next time.", False),
        # a rude cue, or a rude sentence of its own beside the work done, still is
        ("I've refunded it, calm down.", True),
        ("Try reading the FAQ next time.", True),
        ("mate I've got other calls waiting", True),
    ],
)
def test_work_done_for_her_is_not_heard_as_rude(text: str, rude: bool) -> None:
    assert (Act.RUDE in classify(text)) is rude


def test_terse_work_done_is_not_heard_as_rude() -> None:
    assert Act.RUDE not in classify(
        "Got it: 48,213. The estimate's cancelled and you're re-billed on that actual reading. Corrected bill: "
        "$131.20, issued within 2 business days. Access note added so the reader calls ahead next time."
    )
