"""Reusable pieces of layout: the scorecard, a transcript with evidence highlighted, problem lists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from storage.types import OverrideRecord
from ui.safe_text import escape_markdown

CRITERION_LABELS = {
    "empathy": "Empathy",
    "policy_compliance": "Policy compliance",
    "accuracy": "Accuracy",
    "time_on_contact": "Time on contact",
}


def label(criterion: str) -> str:
    return CRITERION_LABELS.get(criterion, criterion.replace("_", " ").capitalize())


def evidence_by_turn(card: dict[str, Any]) -> dict[int, list[tuple[str, str]]]:
    """turn index -> [(criterion, quote)] over every criterion's evidence."""
    out: dict[int, list[tuple[str, str]]] = {}
    for name, crit in card.get("criteria", {}).items():
        for ev in crit.get("evidence", []) or []:
            try:
                out.setdefault(int(ev["turn"]), []).append((name, str(ev.get("quote", ""))))
            except (KeyError, TypeError, ValueError):
                continue
    return out


def highlight(text: str, quotes: Sequence[str]) -> str:
    """Markdown of ``text`` with each quote found in it highlighted (escaped, so transcripts cannot inject)."""
    escaped = escape_markdown(text)
    for quote in sorted({q for q in quotes if q}, key=len, reverse=True):
        q = escape_markdown(quote)
        if q in escaped:
            escaped = escaped.replace(q, f"<mark>{q}</mark>", 1)
    return escaped


def transcript_view(transcript: dict[str, Any], card: dict[str, Any] | None = None) -> None:
    evidence = evidence_by_turn(card or {})
    for i, turn in enumerate(transcript.get("turns", [])):
        speaker = turn.get("speaker", "agent")
        role = {"agent": "user", "customer": "assistant"}.get(speaker, "assistant")
        avatar = {"agent": ":material/support_agent:", "customer": ":material/person:"}.get(speaker)
        with st.chat_message(role, avatar=avatar):
            marks = evidence.get(i, [])
            text = highlight(str(turn.get("text", "")), [q for _, q in marks])
            st.markdown(f"`{i}` **{speaker}**: {text}", unsafe_allow_html=True)
            if marks:
                st.caption("evidence for " + ", ".join(sorted({label(c) for c, _ in marks})))


def scorecard_view(
    card: dict[str, Any],
    *,
    overrides: Sequence[OverrideRecord] = (),
    transcript: dict[str, Any] | None = None,
    recordings: Sequence[Path] = (),
) -> None:
    """Overall, pass/fail, one bar per criterion with reasons and overrides, coaching, evidence, replay."""
    overall = card.get("overall")
    c1, c2, c3 = st.columns(3)
    c1.metric("Overall", "n/a" if overall is None else f"{overall:.1f}")
    c2.metric("Result", "PASS" if card.get("passed") else "FAIL")
    rubric = card.get("rubric", {})
    c3.metric("Rubric", f"{rubric.get('id', '?')} v{rubric.get('version', '?')}")
    if card.get("auto_fail"):
        st.error("Auto-fail: " + "; ".join(str(a) for a in card["auto_fail"]))
    st.subheader("Criteria")
    by_criterion: dict[str, list[OverrideRecord]] = {}
    for o in overrides:
        by_criterion.setdefault(o.criterion, []).append(o)
    for name, crit in card.get("criteria", {}).items():
        weight = crit.get("weight", 0)
        if not crit.get("applicable", True) or crit.get("score") is None:
            st.markdown(f"**{label(name)}** (weight {weight:.0%}): not applicable")
        else:
            score = float(crit["score"])
            st.progress(min(max(score / 100, 0.0), 1.0), text=f"{label(name)}: {score:.0f} / 100 (weight {weight:.0%})")
        reasons = [str(r) for r in crit.get("reasons", []) or []]
        if reasons:
            st.caption("  \n".join(f"• {escape_markdown(r)}" for r in reasons))
        for o in by_criterion.get(name, []):
            shown = "n/a" if o.score is None else f"{o.score:.0f}"
            st.info(
                f"Reviewer override by {o.by}: {shown} — {escape_markdown(o.comment)}", icon=":material/rate_review:"
            )
    if card.get("coaching"):
        st.subheader("Coaching")
        for tip in card["coaching"]:
            st.markdown(f"- {escape_markdown(tip)}")
    if transcript is not None:
        with st.expander("Transcript with evidence", expanded=True):
            transcript_view(transcript, card)
    playable = [p for p in recordings if p.is_file()]
    if playable:
        with st.expander("Your recorded answers"):
            for path in playable:
                st.caption(path.name)
                st.audio(path.read_bytes(), format="audio/wav")


def problems_view(problems: Sequence[str]) -> None:
    if not problems:
        st.success("Valid: no problems found.")
        return
    st.error(f"{len(problems)} problem(s):")
    st.code("\n".join(problems), language=None)
