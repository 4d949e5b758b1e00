"""Per-scenario customer measurement sets (paraphrases kept apart from the trigger examples).

Format (``evaluation/customer/<scenario-id>.yaml``, written by people other than the
trigger authors)::

    version: 1
    scenario: billing-double-charge
    hidden_facts: {second_charge: ["natural question", ...]}
    off_topic: ["question with a trigger word that must reveal nothing", ...]
    resolutions: {reverse-duplicate: ["natural policy-correct resolution", ...]}   # or a plain list
    bad_offers: ["goal-violating offer", ...]

They are used for measurement only (``csrsim doctor``, ``bench/report_customer.py``), never
to tune triggers: a hidden set by other authors judges the product.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.config import PROJECT_ROOT

DEFAULT_DIR = PROJECT_ROOT / "evaluation" / "customer"


class CustomerEvalSet(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int = 1
    scenario: str
    hidden_facts: dict[str, list[str]] = Field(default_factory=dict)
    off_topic: list[str] = Field(default_factory=list)
    resolutions: dict[str, list[str]] = Field(default_factory=dict)
    bad_offers: list[str] = Field(default_factory=list)

    @field_validator("resolutions", mode="before")
    @classmethod
    def _list_is_any(cls, value: object) -> object:
        if isinstance(value, list):
            return {"*": value}
        return value


def load_eval_set(path: Path) -> CustomerEvalSet:
    """One set; raises ValueError naming the file on bad YAML or shape."""
    from domain.yaml_io import parse_yaml, to_plain

    try:
        data = to_plain(parse_yaml(path.read_text(encoding="utf-8")))
        return CustomerEvalSet.model_validate(data)
    except Exception as exc:  # ruamel raises many error types; all mean "this file is bad"
        raise ValueError(f"{path}: {exc}") from exc


def load_eval_sets(directory: Path = DEFAULT_DIR) -> dict[str, CustomerEvalSet]:
    """Scenario id → set, for every ``*.yaml`` in ``directory`` (empty when it does not exist)."""
    if not directory.is_dir():
        return {}
    sets = (load_eval_set(p) for p in sorted(directory.glob("*.yaml")))
    return {s.scenario: s for s in sets}
