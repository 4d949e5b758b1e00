"""``csrsim validate PATH...``: every problem as ``file:line: message``, exit 1 on any."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from domain.config import get_settings
from domain.loader import Library, check_paths


def library_for_references() -> Library:
    """The valid part of the installed library, so a single file may reference its rubric and policies."""
    docs, _ = check_paths([get_settings().scenarios_dir])
    library = Library()
    for doc in docs:
        if not doc.problems:
            library.add(doc)
    return library


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Scenario, policy or rubric YAML files or directories.")],
) -> int:
    """Validate scenarios, policies and rubrics; print file:line: message for every problem."""
    docs, problems = check_paths(paths, library=library_for_references())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s)", file=sys.stderr)
        return 1
    _warn_confusable_triggers(docs)
    kinds = [d.kind for d in docs]
    print(
        f"ok: {len(docs)} file(s) valid "
        f"({kinds.count('scenario')} scenarios, {kinds.count('policy')} policies, {kinds.count('rubric')} rubrics)"
    )
    return 0


def _warn_confusable_triggers(docs: list) -> None:  # type: ignore[type-arg]
    """Warnings (not errors): triggers whose example phrasings are closer to another trigger's than their own."""
    from domain.scenario import Scenario

    scenarios = [d for d in docs if isinstance(d.model, Scenario)]
    if not scenarios:
        return
    try:
        from services.scenario_checks import confusable_triggers

        for doc in scenarios:
            for c in confusable_triggers(doc.model):
                print(f"{doc.source}:{doc.line(*c.path) or 1}: {c.message()}", file=sys.stderr)
    except Exception as exc:  # the encoder missing must not turn a valid file invalid
        print(f"note: trigger overlap not checked ({exc})", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
