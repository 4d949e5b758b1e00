"""Issue 16's card-data findings, one test each, plus redaction as a property of every field kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.transcript import Transcript, Turn
from importers import read_bytes
from importers.redaction import RedactionResult, redact_data, redact_text, redact_transcript


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("It expires 05/27.", "", "It expires [EXPIRY]."),
        ("exp 12/26", "", "exp [EXPIRY]"),
        ("Exp. 12/26, thanks", "", "Exp. [EXPIRY], thanks"),
        ("4111 1111 1111 1111 05/27 123", "", "[CARD] [EXPIRY] [CVV]"),
        ("4111111111111111 0527 123", "", "[CARD] [EXPIRY] [CVV]"),
        ("my card is 4111-1111-1111-1111, 12/29, cvv 4321.", "", "my card is [CARD], [EXPIRY], cvv [CVV]."),
        ("it's one twenty three", "What's the security code?", "it's [CVV]"),
        ("four hundred fifty six", "And the CVV?", "[CVV]"),
        ("four thousand one hundred eleven, one one one one, one one one one, one one one one", "", "[CARD]"),
        ("forty one hundred, eleven eleven, eleven eleven, eleven eleven", "", None),
        ("May twenty twenty seven", "When does it expire?", "[EXPIRY]"),
    ],
)
def test_card_details_in_every_form_are_removed(text: str, context: str, expected: str | None) -> None:
    out = redact_text(text, context=context)
    assert isinstance(out, RedactionResult)
    if expected is not None:
        assert out.text == expected
    assert not any(ch.isdigit() for ch in out.text)


@pytest.mark.parametrize(
    "text",
    [
        "the charge was 149 dollars, not 129",
        "No, it was $129 and then 149",
        "I was billed 312 twice",
    ],
)
def test_amounts_after_a_cvv_question_stay(text: str) -> None:
    assert redact_text(text, context="Can you read me the CVV on the back of the card?").text == text


def test_card_split_across_turns_with_an_acknowledgement_between() -> None:
    transcript = Transcript(
        id="t",
        turns=[
            Turn(speaker="agent", text="What's the card number?"),
            Turn(speaker="customer", text="It's 4111 1111"),
            Turn(speaker="agent", text="Mm-hm."),
            Turn(speaker="customer", text="1111 1111"),
            Turn(speaker="agent", text="And your order number?"),
            Turn(speaker="customer", text="55512345"),
        ],
    )
    out = redact_transcript(transcript)
    assert [t.text for t in out.turns][1:4] == ["It's [CARD]", "Mm-hm.", "[CARD]"]
    assert out.turns[5].text == "55512345"


def test_ids_metadata_and_labels_are_redacted() -> None:
    transcript = Transcript(
        id="call-4111111111111111",
        turns=[Turn(speaker="agent", text="hello")],
        metadata={
            "notes": ["start '4111 1111 1111 1111' is not a time"],
            "source": "jo@example.com.txt",
            "speaker_mapping": {"Jo (555) 123-4567": "customer"},
        },
    )
    out = redact_transcript(transcript)
    dumped = out.model_dump_json()
    assert "4111" not in dumped and "jo@example.com" not in dumped and "123-4567" not in dumped
    assert out.id == "call-[CARD]"


def test_uploaded_file_name_never_becomes_an_id_with_a_card_number() -> None:
    [t] = read_bytes(b"Agent: hi\nCustomer: hello\n", filename="4111111111111111.txt")
    assert "4111" not in t.model_dump_json()


def test_redact_data_walks_snapshots_and_exports() -> None:
    snapshot = {"turns": [{"text": "card 4111 1111 1111 1111 exp 05/27"}], "4111111111111111": 1, "n": 3}
    clean, counts = redact_data(snapshot)
    assert "4111" not in repr(clean) and "05/27" not in repr(clean)
    assert counts["CARD"] == 2 and counts["EXPIRY"] == 1
    assert clean["n"] == 3


_cards = st.sampled_from(["4111111111111111", "5500000000000004", "378282246310005", "6011000990139424"])
_seps = st.sampled_from([" ", "-", ", ", "... ", ""])


@settings(max_examples=200, deadline=None)
@given(card=_cards, sep=_seps, before=st.text(max_size=40), after=st.text(max_size=40), cut=st.integers(4, 12))
def test_a_card_never_survives_whatever_surrounds_it(card: str, sep: str, before: str, after: str, cut: int) -> None:
    spelled = sep.join(card[i : i + 4] for i in range(0, len(card), 4))
    text = f"{before} {spelled} {after}"
    out = redact_text(text).text
    assert card not in out.replace(" ", "").replace("-", "").replace(",", "").replace(".", "")
    transcript = Transcript(
        id="p",
        turns=[
            Turn(speaker="agent", text="card number?"),
            Turn(speaker="customer", text=card[:cut]),
            Turn(speaker="customer", text=card[cut:]),
        ],
    )
    turns = [t.text for t in redact_transcript(transcript).turns]
    assert card[:cut] not in turns[1] or card[cut:] not in turns[2]
