"""Reusable pieces of layout: the scorecard, a transcript with evidence highlighted, problem lists."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from domain.scenario import Scenario
from services import scorecards
from services.scorecards import Headline
from storage.types import OverrideRecord
from ui.private_media import private_audio
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


SYSTEM_LINES = {
    "[hold]": "Caller on hold",
    "[resume]": "Caller taken off hold",
    "[transfer]": "Transferred to another team",
    "[escalate]": "Escalated to a supervisor",
}
AUTO_FAIL_LABELS = {
    "critical-policy": "A critical policy rule was broken (e.g. account details given before identity was verified)",
    "abusive-agent": "Rude or abusive language",
    "unresolved": "The customer's problem was not resolved",
}
TECHNICAL = re.compile(r"VADER|P\(\w+\)|probabilit|logistic|model |LLM judge|cosine|encoder", re.IGNORECASE)
"""Reasons written for trainers (model probabilities, sentiment deltas): folded away on the trainee's card."""
VOICE_ONLY = re.compile(r"talk ratio|words per minute|\bpace\b|dead air|silence|interrupt|talk-over", re.IGNORECASE)
"""Reasons about speech timing: meaningless on typed contacts (chat, email), so not shown there."""
MONEY = re.compile(r"\$\s?(\d+(?:\.\d+)?)(?!\d)")


def auto_fail_label(rule: str) -> str:
    return AUTO_FAIL_LABELS.get(rule, rule.replace("-", " ").replace("_", " ").capitalize())


def money(text: str) -> str:
    """``$55.0`` -> ``$55.00`` (amounts in reasons read like money)."""
    return MONEY.sub(lambda m: f"${float(m.group(1)):,.2f}", text)


BAR_COLOURS = {"green": "#21a366", "orange": "#e8891c", "red": "#d93f3f", "gray": "#9aa0a6"}


def bar(score: float) -> str:
    """A score bar in the criterion's colour (``st.progress`` has one colour for every bar)."""
    width = min(max(score, 0.0), 100.0)
    fill = BAR_COLOURS[colour(score)]
    return (
        '<div class="criterion-bar" style="background:#e9ecef;border-radius:4px;height:8px;margin:-0.5rem 0 0.5rem">'
        f'<div style="width:{width:.0f}%;background:{fill};height:8px;border-radius:4px"></div></div>'
    )


def colour(score: float | None) -> str:
    if score is None:
        return "gray"
    return "green" if score >= 80 else "orange" if score >= 60 else "red"


def _split_reasons(reasons: Sequence[str], *, typed: bool) -> tuple[list[str], list[str]]:
    """(plain reasons for the trainee, technical ones for trainers); speech-timing ones dropped when typed."""
    plain: list[str] = []
    technical: list[str] = []
    for r in reasons:
        if typed and VOICE_ONLY.search(r):
            continue
        (technical if TECHNICAL.search(r) else plain).append(money(r))
    return plain, technical


def transcript_view(
    transcript: dict[str, Any], card: dict[str, Any] | None = None, *, audio: Mapping[int, bytes] | None = None
) -> None:
    """The contact turn by turn (each with an anchor ``turn-N`` evidence links point at), evidence marked;
    call controls read as captions and ``[end]`` is not shown. A turn with a recording (``audio``: turn index ->
    WAV) carries its player (anchor ``turn-N-audio``), embedded privately: what was said can be heard where it is
    quoted."""
    evidence = evidence_by_turn(card or {})
    audio = audio or {}
    for i, turn in enumerate(transcript.get("turns", [])):
        speaker = turn.get("speaker", "agent")
        text_raw = str(turn.get("text", ""))
        if speaker == "system":
            if text_raw != "[end]":
                st.caption(f"`{i}` " + escape_markdown(SYSTEM_LINES.get(text_raw, text_raw)))
            continue
        role = {"agent": "user", "customer": "assistant"}.get(speaker, "assistant")
        avatar = {"agent": ":material/support_agent:", "customer": ":material/person:"}.get(speaker)
        with st.chat_message(role, avatar=avatar):
            marks = evidence.get(i, [])
            text = highlight(text_raw, [q for _, q in marks])
            st.markdown(f'<span id="turn-{i}"></span>`{i}` **{speaker}**: {text}', unsafe_allow_html=True)
            extras = []
            if turn.get("speaker_confidence") is not None:
                with contextlib.suppress(TypeError, ValueError):
                    extras.append(f"speaker confidence {float(turn['speaker_confidence']):.0%}")
            notes = turn.get("notes") or []
            if isinstance(notes, str):
                notes = [notes]
            extras.extend(escape_markdown(str(n)) for n in notes)
            if extras:
                st.caption(" · ".join(extras))
            if marks:
                st.caption("evidence for " + ", ".join(sorted({label(c) for c, _ in marks})))
            if i in audio:
                private_audio(audio[i], label=f"Recording of turn {i}", anchor=audio_anchor(i))


def audio_anchor(turn: int) -> str:
    """The element id of a turn's recording player (evidence links jump to it)."""
    return f"turn-{turn}-audio"


def evidence_link(turn: int, *, recorded: bool) -> str:
    """Markdown link from a criterion's evidence to its turn, or straight to the turn's recording."""
    if recorded:
        return f"[turn {turn} · :material/play_circle: listen](#{audio_anchor(turn)})"
    return f"[turn {turn}](#turn-{turn})"


def _read_clips(recordings: Mapping[int, Path] | Sequence[Path]) -> tuple[dict[int, bytes], list[Path]]:
    """(clip bytes by turn index, recordings that belong to no known turn)."""
    if isinstance(recordings, Mapping):
        by_turn = {int(i): p for i, p in recordings.items() if p.is_file()}
        return {i: p.read_bytes() for i, p in by_turn.items()}, []
    return {}, [p for p in recordings if p.is_file()]


def scorecard_view(
    card: dict[str, Any],
    *,
    overrides: Sequence[OverrideRecord] = (),
    transcript: dict[str, Any] | None = None,
    recordings: Mapping[int, Path] | Sequence[Path] = (),
    headline: Headline | None = None,
    scenario: Scenario | None = None,
) -> None:
    """A scorecard written for the trainee: the score that counts (beside the automatic one when a reviewer
    changed it), pass/fail in colour, why it could not be scored, the one thing to do differently with a
    model answer from the scenario, each criterion in colour with evidence linked to its turn, the
    transcript, replay; model probabilities and sentiment deltas folded into *Details for trainers*.

    ``recordings`` maps a transcript turn to its recorded clip (a voice call): evidence from that turn links to
    its player in the transcript, so the trainee hears how it was said. Recordings without a turn (a plain list)
    are listed under *Your recorded answers*."""
    head = headline or scorecards.headline(card, overrides=overrides)
    clips, loose = _read_clips(recordings)
    if transcript is None:  # no transcript to hang the players on: list them all
        loose = [*(recordings[i] for i in sorted(clips)), *loose] if isinstance(recordings, Mapping) else loose
        clips = {}
    channel = str((transcript or {}).get("channel") or card.get("metadata", {}).get("channel") or "phone")
    typed = channel in ("chat", "email")
    c1, c2, c3 = st.columns(3)
    c1.metric("Overall", "n/a" if head.overall is None else f"{head.overall:.1f}")
    if head.changed_by:
        auto = "n/a" if head.automatic_overall is None else f"{head.automatic_overall:.1f}"
        c1.caption(
            f"after reviewer {' and '.join(head.changed_by)}s · automatic score {auto} "
            f"({'PASS' if head.automatic_passed else 'FAIL'})"
        )
    with c2:
        st.markdown("Result")
        st.markdown("### :green-background[PASS]" if head.passed else "### :red-background[FAIL]")
    rubric = card.get("rubric", {})
    c3.metric("Rubric", f"{rubric.get('id', '?')} v{rubric.get('version', '?')}")
    if card.get("not_scorable"):
        st.warning(f"Not scorable: {card['not_scorable']}", icon=":material/block:")
    error = card.get("error")
    if isinstance(error, dict):
        st.error(f"Scoring error in {label(str(error.get('criterion', '?')))}: {error.get('message', '')}")
    for rule in card.get("auto_fail") or []:
        st.error(f"Automatic fail: {auto_fail_label(str(rule))}", icon=":material/cancel:")
    tip = scorecards.next_time(card, scenario)
    if tip is not None and not card.get("not_scorable"):
        with st.container(border=True):
            st.markdown(f"**Next time — {label(tip.criterion)}**")
            if tip.why:
                st.markdown(escape_markdown(money(tip.why)))
            if tip.model_answer:
                st.markdown(f"*Try:* “{escape_markdown(tip.model_answer)}”")
    st.subheader("Criteria")
    by_criterion: dict[str, list[OverrideRecord]] = {}
    for o in overrides:
        by_criterion.setdefault(o.criterion, []).append(o)
    technical_all: list[str] = []
    for name, crit in card.get("criteria", {}).items():
        weight = crit.get("weight", 0)
        if not crit.get("applicable", True) or crit.get("score") is None:
            st.markdown(f"**{label(name)}** :gray[not applicable] (weight {weight:.0%})")
        else:
            score = float(crit["score"])
            st.markdown(f"**{label(name)}** :{colour(score)}[**{score:.0f} / 100**] (weight {weight:.0%})")
            st.markdown(bar(score), unsafe_allow_html=True)
        plain, technical = _split_reasons([str(r) for r in crit.get("reasons", []) or []], typed=typed)
        technical_all.extend(f"{label(name)}: {r}" for r in technical)
        if plain:
            st.caption("  \n".join(f"• {escape_markdown(r)}" for r in plain))
        links = sorted({int(ev["turn"]) for ev in crit.get("evidence", []) or [] if "turn" in ev})
        if links and transcript is not None:
            st.markdown("Evidence: " + ", ".join(evidence_link(t, recorded=t in clips) for t in links))
        for o in by_criterion.get(name, []):
            shown = "n/a" if o.score is None else f"{o.score:.0f}"
            st.info(
                f"Reviewer override by {o.by}: {shown} — {escape_markdown(o.comment)}", icon=":material/rate_review:"
            )
    if card.get("coaching"):
        st.subheader("Coaching")
        for line in card["coaching"]:
            if not (typed and VOICE_ONLY.search(str(line))):
                st.markdown(f"- {escape_markdown(money(str(line)))}")
    if transcript is not None:
        with st.expander("Transcript with evidence", expanded=True):
            transcript_view(transcript, card, audio=clips)
    if loose:
        with st.expander("Your recorded answers"):
            for path in loose:
                st.caption(path.name)
                private_audio(path.read_bytes(), label=f"Recording {path.stem}")
    with st.expander("Details for trainers"):
        for r in technical_all:
            st.caption(escape_markdown(r))
        st.json({n: c.get("metrics", {}) for n, c in card.get("criteria", {}).items()}, expanded=False)


def problems_view(problems: Sequence[str]) -> None:
    if not problems:
        st.success("Valid: no problems found.")
        return
    st.error(f"{len(problems)} problem(s):")
    st.code("\n".join(problems), language=None)
