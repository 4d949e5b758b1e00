from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from language.questions import question_type
from language.text import contains_keyword, looks_like_english, normalise, sentences, spell_out_shorthand


def test_normalise_and_keywords() -> None:
    norm = normalise("  I’d like a  REFUND, please ")
    assert norm == "i'd like a refund, please"
    assert contains_keyword(norm, "refund")
    assert not contains_keyword("refunded", "refund")
    assert not contains_keyword(norm, "  ")


def test_sentences() -> None:
    assert sentences("Hi there. How can I help? I see two charges!\nOkay") == [
        "Hi there.",
        "How can I help?",
        "I see two charges!",
        "Okay",
    ]
    assert sentences("...") == []


@pytest.mark.parametrize(
    ("text", "english"), [("Could you check my bill please", True), ("Bonjour, je voudrais", False), ("", False)]
)
def test_english_guard(text: str, english: bool) -> None:
    assert looks_like_english(text) is english


@pytest.mark.parametrize(
    ("text", "kind", "wh"),
    [
        ("How much was the second charge?", "wh", "how_much"),
        ("When did you first notice it?", "wh", "when"),
        ("Do you know when it arrived?", "wh", "when"),
        ("Is anything still owing?", "yes_no", None),
        ("anything still owing?", "yes_no", None),
        ("receipt?", "yes_no", None),
        ("Could you confirm your date of birth?", "request", None),
        ("Dates and amounts of the payments?", "request", None),
        ("um so did you get an email from us", "yes_no", None),
        ("I'll refund it now. Have a good day.", "none", None),
        ("I see the charge. When was the other one?", "wh", "when"),
    ],
)
def test_question_type(text: str, kind: str, wh: str | None) -> None:
    qt = question_type(text)
    assert (qt.kind, qt.wh) == (kind, wh)


@given(st.text(max_size=500))
def test_question_type_never_raises(text: str) -> None:
    assert question_type(text).kind in ("yes_no", "wh", "request", "none")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("you should call your bank about it", True),
        ("you don't need to call your bank about it", False),
        ("there's no need to call your bank", False),
        ("never mind your bank, i've reversed it, and yes do call your bank if it's late", True),
    ],
)
def test_a_negated_keyword_is_not_said(text: str, said: bool) -> None:
    assert contains_keyword(normalise(text), "your bank") is said


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("u gotta bring the router n tv box to a store", "you have to bring the router and tv box to a store"),
        ("ur acct is closed 2day, thx", "your account is closed today, thanks"),
        ("U'll get it tmrw", "you'll get it tomorrow"),
        # names, abbreviations and figures stay as written
        ("Plan R and Block N, U.S. R&D, $5 n/a", "Plan R and Block N, U.S. R&D, $5 n/a"),
        ("Your refund is done.", "Your refund is done."),
    ],
)
def test_chat_shorthand_is_spelled_out(text: str, spelled: str) -> None:
    assert spell_out_shorthand(text) == spelled


@given(st.text(alphabet=st.characters(blacklist_characters="unrgwpbtac2UNRGWPBTAC"), max_size=200))
def test_text_without_shorthand_letters_is_unchanged(text: str) -> None:
    assert spell_out_shorthand(text) == text
