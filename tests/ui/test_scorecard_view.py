"""The scorecard as a trainee sees it: plain language, colour, folded technical detail, channel-true metrics."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

CARD: dict[str, Any] = {
    "transcript": "t1",
    "rubric": {"id": "default", "version": 2},
    "overall": 48.0,
    "passed": False,
    "auto_fail": ["critical-policy", "abusive-agent"],
    "criteria": {
        "empathy": {
            "score": 30.0,
            "weight": 0.5,
            "applicable": True,
            "evidence": [{"turn": 1, "quote": "Whatever."}],
            "reasons": ["no acknowledgement of the upset customer", "model P(cold)=0.66", "VADER change -0.48"],
            "metrics": {"p_cold": 0.66},
        },
        "accuracy": {
            "score": 90.0,
            "weight": 0.3,
            "applicable": True,
            "evidence": [],
            "reasons": ["stated $55.0 matches the refund"],
        },
        "time_on_contact": {
            "score": 70.0,
            "weight": 0.2,
            "applicable": True,
            "evidence": [],
            "reasons": ["talk ratio 0% agent", "agent pace 3786 words per minute", "handle time 2:10 of 6:00"],
        },
    },
    "coaching": ["Acknowledge the feeling before the fix."],
}
TRANSCRIPT = {
    "channel": "chat",
    "turns": [
        {"speaker": "customer", "text": "You charged me twice."},
        {"speaker": "agent", "text": "Whatever."},
        {"speaker": "system", "text": "[end]"},
    ],
}


def show(card: dict, transcript: dict) -> None:  # type: ignore[type-arg]
    from ui.widgets import scorecard_view

    scorecard_view(card, transcript=transcript)


def run(card: dict[str, Any], transcript: dict[str, Any]) -> AppTest:
    at = AppTest.from_function(show, args=(card, transcript), default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def visible(at: AppTest) -> str:
    """Text outside the trainers' expander."""
    details = next(e for e in at.expander if e.label == "Details for trainers")
    folded = {str(c.value) for c in details.caption}
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "warning") for e in getattr(at, kind)]
    return "\n".join(p for p in parts if p not in folded)


def test_plain_language_colour_and_folded_detail() -> None:
    at = run(CARD, TRANSCRIPT)
    page = visible(at)
    assert "P(cold)" not in page and "VADER" not in page
    details = next(e for e in at.expander if e.label == "Details for trainers")
    assert any("VADER" in str(c.value) for c in details.caption)
    assert "critical-policy" not in page and "A critical policy rule was broken" in page
    assert "Rude or abusive language" in page
    assert ":red-background[FAIL]" in page and ":red[**30 / 100**]" in page and ":green[**90 / 100**]" in page
    assert "width:30%;background:#d93f3f" in page and "width:90%;background:#21a366" in page  # coloured bars
    assert "$55.00" in page and "55.0 " not in page
    assert "[turn 1](#turn-1)" in page  # evidence links to its turn
    assert "[end]" not in page  # no "system: [end]" line in the transcript


def test_speech_metrics_hidden_on_typed_contacts_and_shown_on_calls() -> None:
    typed = visible(run(CARD, TRANSCRIPT))
    assert "talk ratio" not in typed and "words per minute" not in typed and "handle time 2:10" in typed
    spoken = visible(run(CARD, {**TRANSCRIPT, "channel": "phone"}))
    assert "talk ratio 0% agent" in spoken


def test_not_scorable_and_scoring_errors_are_said_plainly() -> None:
    card = {**CARD, "auto_fail": [], "not_scorable": "the agent never spoke"}
    assert "Not scorable: the agent never spoke" in visible(run(card, TRANSCRIPT))
    card = {**CARD, "auto_fail": [], "error": {"criterion": "policy_compliance", "message": "rule pack missing"}}
    assert "Scoring error in Policy compliance: rule pack missing" in visible(run(card, TRANSCRIPT))
