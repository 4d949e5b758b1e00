"""The scenario form: the common fields of a scenario as plain rows, kept in sync with its YAML.

Trainers fill in the title, brief, persona and mood ranges, account facts, hidden facts with example
questions and resolutions with example phrasings; everything else stays in the YAML (the advanced view).
The form reads a validated :class:`~domain.scenario.Scenario` and writes back into the round-trip YAML,
so comments and the fields the form does not show survive, and the result is validated by the same
pydantic model before it is offered for saving.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from domain.scenario import Scenario

SEPARATOR = " | "  # several example phrasings in one table cell


@dataclass
class FactRow:
    id: str
    label: str
    value: str
    verifier: bool = False
    sensitive: bool = False


@dataclass
class HiddenFactRow:
    id: str
    description: str
    questions: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)


@dataclass
class ResolutionRow:
    id: str
    description: str
    acceptable: bool = True
    amount: float | None = None
    phrasings: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)


@dataclass
class ScenarioForm:
    title: str
    customer_name: str
    reason: str
    notes: str
    persona_name: str
    temperament: str
    patience_range: tuple[int, int]
    anger_range: tuple[float, float]
    facts: list[FactRow]
    hidden_facts: list[HiddenFactRow]
    resolutions: list[ResolutionRow]


def split(cell: Any) -> list[str]:
    """A table cell of ``a | b | c`` (or one phrasing per line) as a list of non-empty phrasings."""
    if cell is None:
        return []
    text = str(cell).replace("\n", SEPARATOR)
    return [part.strip() for part in text.split(SEPARATOR.strip()) if part.strip()]


def join(parts: list[str]) -> str:
    return SEPARATOR.join(parts)


def form_of(scenario: Scenario) -> ScenarioForm:
    """The form's view of a valid scenario; ranges fall back to the single starting value."""
    p = scenario.persona
    return ScenarioForm(
        title=scenario.title,
        customer_name=scenario.brief.customer_name,
        reason=scenario.brief.reason,
        notes=scenario.brief.notes,
        persona_name=p.name,
        temperament=p.temperament,
        patience_range=p.patience_range or (p.patience, p.patience),
        anger_range=p.anger_range or (p.anger, p.anger),
        facts=[
            FactRow(id=f.id, label=f.label, value=str(f.value), verifier=f.verifier, sensitive=f.sensitive)
            for f in scenario.account
        ],
        hidden_facts=[
            HiddenFactRow(id=h.id, description=h.description, questions=list(h.reveal_when.examples), replies=h.replies)
            for h in scenario.hidden_facts
        ],
        resolutions=[
            ResolutionRow(
                id=r.id,
                description=r.description,
                acceptable=r.acceptable,
                amount=r.amount,
                phrasings=list(r.when.examples),
                replies=list(r.replies),
            )
            for r in scenario.resolutions
        ],
    )


def _null(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # long customer lines stay on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True  # "90210" stays a string, as authored
    yaml.representer.add_representer(type(None), _null)  # `end_state: null` stays written out
    return yaml


def _pair(low: float, high: float) -> CommentedSeq:
    seq = CommentedSeq([low, high])
    seq.fa.set_flow_style()
    return seq


_MISSING = object()


def _put(item: Any, key: str, value: Any, *, default: Any = _MISSING) -> None:
    """Set ``key`` only when it changes, so untouched scalars keep their authored quoting and absent
    defaults stay absent."""
    if key in item:
        old = item[key]
        if old == value or (isinstance(old, str) and isinstance(value, str) and old.strip() == value.strip()):
            return
    elif default is not _MISSING and value == default:
        return
    item[key] = value


def _put_items(data: Any, key: str, items: list[Any]) -> None:
    """Replace a list of mappings only when its membership or order changed (edits happen in place)."""
    old = data.get(key)
    if old is not None and len(old) == len(items) and all(a is b for a, b in zip(old, items, strict=True)):
        return
    if old is None and not items:
        return
    data[key] = items


def _set_list(item: Any, key: str, values: list[str]) -> None:
    """Write a list only when it changed, so untouched lists keep their authored quoting."""
    if [str(v) for v in item.get(key) or []] != values:
        item[key] = list(values)


def _by_id(items: Any) -> dict[str, Any]:
    return {str(item.get("id")): item for item in items or [] if isinstance(item, dict)}


def _value(old: Any, new: str) -> Any:
    """An unchanged account value keeps its authored type and quoting; an edited one is stored as text."""
    return old if old is not None and str(old) == new else new.strip()


def apply_form(text: str, form: ScenarioForm) -> str:
    """``text`` with the form's fields written in; other keys, their order and comments are kept.

    Rows are matched to existing items by ``id``, so a hidden fact's trigger acts or a resolution's terms
    stay as authored; a new row gets the minimal item the model needs. Raises ValueError when ``text`` is
    not a YAML mapping (the form is only offered for a scenario that parsed).
    """
    yaml = _yaml()
    data = yaml.load(text)
    if not isinstance(data, dict):
        raise ValueError("the YAML is not a mapping; fix it in the YAML view first")
    _put(data, "title", form.title)
    brief = data.setdefault("brief", CommentedMap())
    _put(brief, "customer_name", form.customer_name)
    _put(brief, "reason", form.reason)
    _put(brief, "notes", form.notes, default="")
    persona = data.setdefault("persona", CommentedMap())
    _put(persona, "name", form.persona_name)
    _put(persona, "temperament", form.temperament, default="calm")
    low_p, high_p = (int(v) for v in form.patience_range)
    low_a, high_a = (round(float(v), 2) for v in form.anger_range)
    _put(persona, "patience", max(low_p, min(int(persona.get("patience", 6)), high_p)), default=6)
    _put(persona, "anger", max(low_a, min(float(persona.get("anger", 0.3)), high_a)), default=0.3)
    if "patience_range" in persona or low_p != high_p:
        _put(persona, "patience_range", _pair(low_p, high_p))
    if "anger_range" in persona or low_a != high_a:
        _put(persona, "anger_range", _pair(low_a, high_a))

    old_facts = _by_id(data.get("account"))
    facts = []
    for row in form.facts:
        item = old_facts.get(row.id, CommentedMap())
        _put(item, "id", row.id)
        _put(item, "label", row.label)
        _put(item, "value", _value(item.get("value"), row.value))
        _put(item, "verifier", bool(row.verifier), default=False)
        _put(item, "sensitive", bool(row.sensitive), default=False)
        facts.append(item)
    _put_items(data, "account", facts)

    old_hidden = _by_id(data.get("hidden_facts"))
    hidden = []
    for h in form.hidden_facts:
        item = old_hidden.get(h.id, CommentedMap())
        _put(item, "id", h.id)
        _put(item, "description", h.description)
        trigger = item.setdefault("reveal_when", CommentedMap())
        _set_list(trigger, "examples", list(h.questions))
        _set_list(item, "replies", list(h.replies))
        hidden.append(item)
    _put_items(data, "hidden_facts", hidden)

    old_res = _by_id(data.get("resolutions"))
    resolutions = []
    for r in form.resolutions:
        item = old_res.get(r.id, CommentedMap())
        _put(item, "id", r.id)
        _put(item, "description", r.description)
        _put(item, "acceptable", bool(r.acceptable), default=True)
        if r.amount is not None:
            _put(item, "amount", float(r.amount))
        elif "amount" in item:
            del item["amount"]
        trigger = item.setdefault("when", CommentedMap())
        _set_list(trigger, "examples", list(r.phrasings))
        _set_list(item, "replies", list(r.replies))
        resolutions.append(item)
    _put_items(data, "resolutions", resolutions)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


BLANK_SCENARIO = """\
version: 1
kind: scenario
id: my-new-scenario
title: My new scenario
category: billing_dispute
channel: phone
difficulty: 1
description: What the trainee practises here.
rubric: default
policies: []
brief:
  customer_name: Alex Morgan
  reason: Asks about a charge on the latest bill.
persona:
  name: Alex Morgan
  temperament: calm
  patience_range: [5, 7]
  anger_range: [0.1, 0.3]
goal: Understand the charge and have it corrected if it is wrong.
account:
  - id: account_id
    label: Account number
    value: ACC-100001
    kind: id
    verifier: true
hidden_facts:
  - id: charge_date
    description: The charge appeared on the 3rd of the month.
    reveal_when:
      examples:
        - When did the charge appear?
        - What date was the charge on your statement?
    replies:
      - It showed up on the 3rd.
resolutions:
  - id: explain_and_correct
    description: Explain the charge and correct it.
    when:
      examples:
        - I'll correct that charge for you today.
    replies:
      - Thank you, that's what I needed.
lines:
  opening:
    - Hi, I have a question about a charge on my bill.
"""


def blank_scenario(doc_id: str = "my-new-scenario") -> str:
    """A scenario template that validates as it is, so a trainer starts from green and edits."""
    return BLANK_SCENARIO.replace("id: my-new-scenario\n", f"id: {doc_id}\n", 1)


def duplicate(text: str, *, new_id: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A copy of a document's YAML under a fresh id (``-copy``, ``-copy-2`` ... when taken), titled "(copy)"."""
    candidate, n = new_id, 2
    while candidate in taken:
        candidate, n = f"{new_id}-{n}", n + 1
    yaml = _yaml()
    data = yaml.load(text)
    if not isinstance(data, dict):
        raise ValueError("only a YAML mapping can be duplicated")
    data["id"] = candidate
    if "title" in data:
        data["title"] = f"{data['title']} (copy)"
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def numbered(text: str, problem_lines: set[int]) -> str:
    """The YAML with line numbers, error lines marked ``>>`` so a "line 32" needs no counting."""
    width = len(str(max(1, text.count("\n") + 1)))
    return "\n".join(
        f"{'>>' if i in problem_lines else '  '} {i:>{width}} │ {line}"
        for i, line in enumerate(text.splitlines(), start=1)
    )
