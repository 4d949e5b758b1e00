"""The role classifier: what it says about clear lines, acknowledgements and empty text, and its shipped data."""

from __future__ import annotations

import numpy as np
import pytest

from language.roles import (
    CUE_NAMES,
    EVAL_FILE,
    FEATURE_NAMES,
    MIN_WORDS,
    content,
    cue_features,
    get_role_classifier,
    lexicon_score,
    load_rows,
    load_training,
    normalise,
)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("thanks for calling, my name is kim, how can i help you", "agent"),
        ("could you confirm your postcode for me please", "agent"),
        ("i've gone ahead and refunded that for you", "agent"),
        ("so what i'll do is book an engineer for thursday morning", "agent"),
        ("my internet keeps cutting out and nobody has fixed it", "customer"),
        ("i want to cancel my contract", "customer"),
        ("i've rung three times and i'm still waiting for the refund", "customer"),
    ],
)
def test_clear_lines(text: str, role: str) -> None:
    p = float(get_role_classifier().agent_probability([text])[0])
    assert (p > 0.5) == (role == "agent"), p


@pytest.mark.parametrize("text", ["okay", "yes", "right", "mm-hmm", "okay thanks", "Yeah, sure.", "thank you"])
def test_acknowledgements_carry_little_evidence(text: str) -> None:
    p = float(get_role_classifier().agent_probability([text])[0])
    assert 0.2 < p < 0.8, p


@pytest.mark.parametrize(
    ("raw", "normalised", "kept"),
    [
        ("Okay, thank you. So I can see the charge!", "okay thank you so i can see the charge", "i can see the charge"),
        ("I'VE   been charged twice?!", "i've been charged twice", "i've been charged twice"),
        ("mm-hmm", "mm hmm", ""),
        ("Right, got it, yeah.", "right got it yeah", ""),
    ],
)
def test_normalise_and_content(raw: str, normalised: str, kept: str) -> None:
    assert normalise(raw) == normalised
    assert content(raw) == kept


def test_empty_text_is_no_evidence_and_shapes_hold() -> None:
    clf = get_role_classifier()
    assert list(clf.agent_probability(["", "  "])) == [0.5, 0.5]
    assert cue_features(["a", "b"]).shape == (2, len(FEATURE_NAMES))
    assert len(FEATURE_NAMES) == len(CUE_NAMES) + 2
    assert lexicon_score(["let me check that for you"])[0] > 0
    assert lexicon_score(["i want my money back"])[0] < 0
    assert "agent_action" in clf.reasons("let me check that for you")


def test_probabilities_are_probabilities() -> None:
    texts = ["how can i help", "my bill is wrong", "the engineer is booked", "why is it late"]
    p = get_role_classifier().agent_probability(texts)
    assert p.shape == (4,) and np.all((p > 0) & (p < 1))


def test_shipped_data_has_both_roles_many_groups_and_no_short_lines() -> None:
    data = load_training()
    assert len(data.texts) == len(data.labels) == len(data.groups) == len(data.sources)
    assert set(data.sources) == {"roles", "extra", "scenarios", "acts"}
    assert np.all(np.isin(data.labels, [0, 1]))
    agents, customers = int(data.labels.sum()), int((1 - data.labels).sum())
    assert min(agents, customers) >= 900
    assert len(set(data.groups)) >= 40
    assert all(len(t.split()) >= MIN_WORDS for t in data.texts)
    # The held-out lines are never training lines.
    held_out, _, _ = load_rows(EVAL_FILE)
    assert not {normalise(t) for t in held_out} & {normalise(t) for t in data.texts}
