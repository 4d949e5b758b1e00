"""Redaction does bounded work on hostile text: memory is measured (tracemalloc), never wall-clock time.

The issue's reproduction: ``'Agent: ' + '1 ' * 524288`` took 44 s and 2.3 GB because every token built about
19 candidate pairs that were all kept and sorted. Each case here must stay far below the 500 MB budget and
leave no digit behind (over-long number runs fail closed as ``[DIGITS]``).
"""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable

import pytest

from importers import ImportOptions, read_bytes
from importers.redaction import MAX_JUDGED_CHARS, redact_text

MB = 1024 * 1024
BUDGET = 500 * MB

HOSTILE: dict[str, Callable[[int], str]] = {
    "digit run": lambda n: "1 " * (n // 2),
    "digits and letters": lambda n: "1 x " * (n // 4),
    "three-digit numbers after a CVV question": lambda n: "123 x " * (n // 6),
    "spoken digits": lambda n: "one " * (n // 4),
    "one long number": lambda n: "7" * n,
    "dotted e-mail-ish": lambda n: "a." * (n // 2),
}


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_one_megabyte_of_hostile_text_is_redacted_in_bounded_memory(name: str) -> None:
    text = HOSTILE[name](MB)
    result: list[str] = []
    peak = _peak(lambda: result.append(redact_text(text, context="what is the cvv and expiry on the card?").text))
    assert peak < 100 * MB, f"{name}: {peak / MB:.0f} MB"
    assert not re.search(r"\d{3}", result[0]), "a number survived"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_largest_allowed_upload_stays_within_the_memory_budget(name: str) -> None:
    size = ImportOptions().max_text_bytes
    text = HOSTILE[name](size)
    peak = _peak(lambda: redact_text(text, context="card cvv"))
    assert peak < BUDGET, f"{name}: {peak / MB:.0f} MB at {size / MB:.0f} MB"


def test_the_reported_file_imports_with_its_digits_redacted() -> None:
    data = ("Agent: " + "1 " * 524288 + "\nCustomer: ok\n").encode()
    peak = _peak(lambda: read_bytes(data, filename="d.txt"))
    [transcript] = read_bytes(data, filename="d.txt")
    assert peak < BUDGET
    assert not any(ch.isdigit() for t in transcript.turns for ch in t.text)
    assert transcript.metadata["redactions"].get("DIGITS", 0) >= 1


def test_a_card_beyond_the_judged_part_of_a_huge_turn_is_still_removed() -> None:
    text = "blah " * (MAX_JUDGED_CHARS // 5 + 10) + " my card is 4111 1111 1111 1111, mail jo@example.com"
    out = redact_text(text).text
    assert "4111" not in out and "jo@example.com" not in out
