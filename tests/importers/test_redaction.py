"""Card numbers written every way a transcript shows them; personal data; and what must be left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.transcript import Transcript, Turn, Word
from importers import ImportOptions, read_bytes, redact_text, redact_transcript
from importers.redaction import luhn_ok


@pytest.mark.parametrize(
    "card",
    [
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111 - 1111 - 1111 - 1111",
        "4111, 1111, 1111, 1111",
        "5500 0000 0000 0004",
        "3782 822463 10005",  # Amex, 15 digits
        "6011000990139424",
        "four one one one one one one one one one one one one one one one",
        "four one one one, one one one one, one one one one, one one one one",
        "Four One One One - One One One One - One One One One - One One One One",
        "four double one one, double one double one, one one one one, one one one one",
        "four triple one, one one one one, double one double one, one one one one",
        "five five oh oh, oh oh oh oh, oh oh oh oh, oh oh oh four",
        "five five zero zero zero zero zero zero zero zero zero zero zero zero zero four",
        "forty one eleven, eleven eleven, eleven eleven, eleven eleven",
        "4111 1111 one one one one 1111",
        "4111... 1111... 1111... 1111",
        "four one one one — one one one one — one one one one — one one one one",
        "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
    ],
)
@pytest.mark.parametrize("template", ["my card number is {}.", "{}", "Sure, it's {} and that's a Visa"])
def test_card_numbers_are_redacted(card: str, template: str) -> None:
    text = template.format(card)
    out, counts = redact_text(text)
    assert counts["CARD"] == 1, out
    assert "[CARD]" in out
    assert not any(ch.isdigit() for ch in out)
    assert "one one one" not in out.lower() and "oh oh" not in out.lower()


@pytest.mark.parametrize(
    ("text", "context", "kind"),
    [
        ("the CVV is 123", "", "CVV"),
        ("security code on the back is 4 5 6", "", "CVV"),
        ("it's one two three", "And the three digit code on the back of the card?", "CVV"),
        ("it expires 05/27", "", "EXPIRY"),
        ("expiration date is 11/2028", "", "EXPIRY"),
        ("oh five twenty seven", "What's the expiration date?", "EXPIRY"),
        ("May 2027", "and when does the card expire?", "EXPIRY"),
        ("my social is 123-45-6789", "", "SSN"),
        ("one two three four five six seven eight nine", "can I get your social security number?", "SSN"),
        ("reach me at jane.doe+billing@example.co.uk please", "", "EMAIL"),
        ("it's jane dot doe at gmail dot com", "", "EMAIL"),
        ("call me back at (555) 123-4567", "", "PHONE"),
        ("my number is 555-123-4567", "", "PHONE"),
        ("+44 20 7946 0958", "", "PHONE"),
        ("five five five one two three four five six seven", "what's the best number to call you back on?", "PHONE"),
        ("5551234567", "what's a good phone number?", "PHONE"),
    ],
)
def test_personal_data_is_redacted_with_typed_placeholders(text: str, context: str, kind: str) -> None:
    out, counts = redact_text(text, context=context)
    assert counts[kind] == 1, out
    assert f"[{kind}]" in out


@pytest.mark.parametrize(
    "text",
    [
        "my order number is 5551234567",
        "order 4111 1111 1111 1112 never arrived",  # fails Luhn
        "1234567890123",  # 13 digits, fails Luhn
        "the tracking number is 1Z999AA10123456784",
        "you were charged $1,299.99 twice",
        "a credit of 45.00 dollars",
        "it was on 03/15/2024 at 10:30",
        "I called on 2024-03-15",
        "that was 12/15",  # a date, no card talk
        "case number 555-12345",
        "ticket 123-45-6789 is open",
        "I have 3 kids and 2 dogs",
        "Oh one more thing",
        "my account number is 44556677",
        "twenty five dollars",
        "we spoke at 1 2 3 pm",
        "send it to the office at 4 o'clock",
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    out, counts = redact_text(text)
    assert out == text
    assert not counts


def test_transcript_redaction_counts_and_covers_words() -> None:
    words = [
        Word(word=w, start=i * 0.3, end=i * 0.3 + 0.25)
        for i, w in enumerate(["", "it's", "4111", "1111", "1111", "1111", "and", "it", "expires", "05/27"][1:])
    ]
    words = [Word(word=" " + w.word, start=w.start, end=w.end) for w in words]
    text = "".join(w.word for w in words).strip()
    transcript = Transcript(
        id="a",
        turns=[
            Turn(speaker="agent", text="Can I have the card number?"),
            Turn(speaker="customer", text=text, start=0.0, end=3.0, words=words),
            Turn(speaker="customer", text="email a@b.com or b@c.org"),
        ],
    )
    redacted = redact_transcript(transcript)
    assert redacted.metadata["redactions"] == {"CARD": 1, "EXPIRY": 1, "EMAIL": 2}
    turn = redacted.turns[1]
    assert turn.text == "it's [CARD] and it expires [EXPIRY]"
    assert turn.words is not None
    assert "".join(w.word for w in turn.words).strip() == turn.text
    card_word = next(w for w in turn.words if w.word.strip() == "[CARD]")
    assert (card_word.start, card_word.end) == (words[1].start, words[4].end)
    assert transcript.turns[1].text == text  # the input is not mutated


def test_import_redacts_by_default_and_can_be_turned_off() -> None:
    data = b"Agent: card number please\nCustomer: 4111 1111 1111 1111\n"
    [on] = read_bytes(data, filename="x.txt")
    [off] = read_bytes(data, filename="x.txt", options=ImportOptions(redact=False))
    assert on.turns[1].text == "[CARD]" and on.metadata["redactions"] == {"CARD": 1}
    assert off.turns[1].text == "4111 1111 1111 1111" and "redactions" not in off.metadata


@pytest.mark.parametrize(("digits", "ok"), [("4111111111111111", True), ("4111111111111112", False), ("0000", False)])
def test_luhn(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok


_digitish = st.lists(
    st.sampled_from(["4111", "1111", " ", "-", "one", "four", "double", "oh", "card", "cvv", "123", "05/27", "x"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=200), _digitish), context=st.text(max_size=50))
def test_redaction_output_holds_no_card_number(text: str, context: str) -> None:
    once, counts = redact_text(text, context=context)
    assert sum(counts.values()) == once.count("[") - text.count("[")
    _, again = redact_text(once, context=context)
    assert again["CARD"] == 0


def test_metadata_from_exports_is_redacted_too() -> None:
    data = b"Customer Phone: (555) 123-4567\nCustomer Email: jo@example.com\nAgent: Hello.\nCustomer: Hi.\n"
    [t] = read_bytes(data, filename="call.txt")
    assert t.metadata["header"] == {"Customer Phone": "[PHONE]", "Customer Email": "[EMAIL]"}
    assert t.metadata["redactions"] == {"EMAIL": 1, "PHONE": 1}
    assert t.metadata["source"] == "call.txt"


def test_card_misheard_short_and_words_without_spaces_are_redacted() -> None:
    # Speech recognition dropped two digits and stored its words bare: near card talk the run is still a card,
    # and the word timestamps do not keep what the text hides.
    said = ["my", "card", "number", "is", "45391488843647"]
    words = [Word(word=w, start=i * 0.3, end=i * 0.3 + 0.25) for i, w in enumerate(said)]
    transcript = Transcript(
        id="b", turns=[Turn(speaker="customer", text=" ".join(said), start=0.0, end=2.0, words=words)]
    )
    turn = redact_transcript(transcript).turns[0]
    assert turn.text == "my card number is [CARD]"
    assert turn.words is not None and [w.word for w in turn.words] == ["my", "card", "number", "is", "[CARD]"]
    assert not any(ch.isdigit() for w in turn.words for ch in w.word)


def test_a_short_number_without_card_talk_is_no_card() -> None:
    assert "[CARD]" not in redact_text("order 45391488843647 shipped").text
