"""Author page widgets: the scenario form and the problem list with line numbers (Streamlit only)."""

from __future__ import annotations

import hashlib
from typing import Any, get_args

import pandas as pd
import streamlit as st

from domain.scenario import Scenario, Temperament
from services import authoring
from services.scenario_form import (
    FactRow,
    HiddenFactRow,
    ResolutionRow,
    ScenarioForm,
    apply_form,
    form_of,
    join,
    numbered,
    split,
)
from ui.safe_text import escape_markdown


def problems_with_lines(problems: list[str], text: str) -> None:
    """Every problem with its line number and the line quoted, wrapped (no side-scrolling), then the YAML
    with line numbers and the problem lines marked."""
    if not problems:
        st.success("Valid: no problems found.")
        return
    located = authoring.locate(problems, text)
    st.error(f"{len(problems)} problem(s):")
    for p in located:
        where = f"**Line {p.line}:** " if p.line is not None else ""
        quoted = f"  \n`{p.source_line}`" if p.source_line else ""
        st.markdown(f"{where}{escape_markdown(p.message)}{quoted}")
    with st.expander("YAML with line numbers (problem lines marked >>)", expanded=True):
        st.code(numbered(text, {p.line for p in located if p.line is not None}), language=None, wrap_lines=True)


def _rows(df: Any) -> list[dict[str, Any]]:
    frame = df if isinstance(df, pd.DataFrame) else pd.DataFrame(df)
    return [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
        for row in frame.to_dict("records")
        if str(row.get("id") or "").strip()
    ]


def scenario_form(scenario: Scenario, text: str, *, text_key: str) -> None:
    """The common fields of ``scenario`` as a form; *Apply to YAML* writes them into ``text_key``'s text.

    Widgets are keyed by a hash of the YAML, so an edit in the YAML view shows up here at once, and
    the form's result goes through the same validation as typed YAML.
    """
    f = form_of(scenario)
    tag = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    temperaments = list(get_args(Temperament))
    with st.form(f"scenario_form_{tag}"):
        title = st.text_input("Title", f.title, key=f"sf_title_{tag}")
        c1, c2 = st.columns(2)
        customer = c1.text_input("Customer name (brief)", f.customer_name, key=f"sf_customer_{tag}")
        reason = c2.text_input("Reason for contact (brief)", f.reason, key=f"sf_reason_{tag}")
        notes = st.text_area("Notes for the trainee (brief)", f.notes, key=f"sf_notes_{tag}", height=68)
        p1, p2 = st.columns(2)
        persona_name = p1.text_input("Persona name", f.persona_name, key=f"sf_pname_{tag}")
        temperament = p2.selectbox(
            "Temperament", temperaments, index=temperaments.index(f.temperament), key=f"sf_temper_{tag}"
        )
        m1, m2 = st.columns(2)
        patience = m1.slider("Patience range (turns)", 1, 10, f.patience_range, key=f"sf_patience_{tag}")
        anger = m2.slider("Starting anger range", 0.0, 1.0, f.anger_range, step=0.05, key=f"sf_anger_{tag}")
        st.markdown("**Account facts** (what the CRM shows; verifiers can confirm identity)")
        facts = st.data_editor(
            pd.DataFrame([vars(r) for r in f.facts], columns=["id", "label", "value", "verifier", "sensitive"]),
            num_rows="dynamic",
            key=f"sf_facts_{tag}",
            width="stretch",
        )
        st.markdown("**Hidden facts** — example questions and replies separated by ` | `")
        hidden = st.data_editor(
            pd.DataFrame(
                [
                    {
                        "id": h.id,
                        "description": h.description,
                        "questions": join(h.questions),
                        "replies": join(h.replies),
                    }
                    for h in f.hidden_facts
                ],
                columns=["id", "description", "questions", "replies"],
            ),
            num_rows="dynamic",
            key=f"sf_hidden_{tag}",
            width="stretch",
        )
        st.markdown("**Resolutions** — example phrasings of the offer and customer replies separated by ` | `")
        resolutions = st.data_editor(
            pd.DataFrame(
                [
                    {
                        "id": r.id,
                        "description": r.description,
                        "acceptable": r.acceptable,
                        "amount": r.amount,
                        "phrasings": join(r.phrasings),
                        "replies": join(r.replies),
                    }
                    for r in f.resolutions
                ],
                columns=["id", "description", "acceptable", "amount", "phrasings", "replies"],
            ),
            num_rows="dynamic",
            key=f"sf_res_{tag}",
            width="stretch",
        )
        applied = st.form_submit_button("Apply to YAML")
    if not applied:
        return
    form = ScenarioForm(
        title=str(title),
        customer_name=str(customer),
        reason=str(reason),
        notes=str(notes),
        persona_name=str(persona_name),
        temperament=str(temperament),
        patience_range=(int(patience[0]), int(patience[1])),
        anger_range=(float(anger[0]), float(anger[1])),
        facts=[
            FactRow(
                id=str(r["id"]).strip(),
                label=str(r.get("label") or ""),
                value=str(r.get("value") or ""),
                verifier=bool(r.get("verifier")),
                sensitive=bool(r.get("sensitive")),
            )
            for r in _rows(facts)
        ],
        hidden_facts=[
            HiddenFactRow(
                id=str(r["id"]).strip(),
                description=str(r.get("description") or ""),
                questions=split(r.get("questions")),
                replies=split(r.get("replies")),
            )
            for r in _rows(hidden)
        ],
        resolutions=[
            ResolutionRow(
                id=str(r["id"]).strip(),
                description=str(r.get("description") or ""),
                acceptable=bool(r.get("acceptable", True)),
                amount=float(r["amount"]) if r.get("amount") not in (None, "") else None,
                phrasings=split(r.get("phrasings")),
                replies=split(r.get("replies")),
            )
            for r in _rows(resolutions)
        ],
    )
    st.session_state[text_key] = apply_form(text, form)
    st.session_state["author_flash"] = "Form applied to the YAML: check the problems below, then save."
    st.rerun()
