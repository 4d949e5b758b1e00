"""JSON Schema of authored files, generated from the models so it can never drift from them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario

AuthoredFile = Annotated[Scenario | Policy | Rubric, Field(discriminator="kind")]


def authored_schema() -> dict[str, Any]:
    schema = TypeAdapter(AuthoredFile).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "CSR Coach scenario, policy or rubric file"
    return schema


def schema_text() -> str:
    return json.dumps(authored_schema(), indent=2, sort_keys=True) + "\n"


def write_schema(path: Path) -> None:
    path.write_text(schema_text(), encoding="utf-8")
