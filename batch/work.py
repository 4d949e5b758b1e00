"""The unit of work: one file -> rows and scorecards (or the reason it could not be scored).

Pure (same file + config -> same result, apart from the ``scored_at`` timestamp) and free of shared state except
per-process caches of the library, so it can run in this process, a process pool or on a Dask worker. Importing,
scoring and the contact facts are :mod:`services.contacts` (the same path as ``csrsim score`` and the Review
page); the rows are ``ScoreCard.to_row`` (the one flat scorecard row). Models load once per worker process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from batch.config import BatchConfig
from domain.loader import Library, ScoringSetup, load_library
from domain.rubric import Rubric
from domain.transcript import Transcript, Turn
from services.contacts import contact_date, handle_time, score_contact, scoring_setup
from services.contacts import score_file as score_contacts_in_file

logger = logging.getLogger(__name__)

__all__ = ["FileJob", "FileResult", "contact_date", "criterion_names", "handle_time", "score_file", "warm_up"]


@dataclass(frozen=True)
class FileJob:
    path: str
    content_hash: str


@dataclass
class FileResult:
    """What scoring one file produced; ``errors`` name contacts (or the whole file) that could not be scored."""

    path: str
    content_hash: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def cached_library(scenarios_dir: str | None) -> Library:
    """The scenario library, loaded once per worker process and never mutated."""
    return load_library(Path(scenarios_dir) if scenarios_dir else None)


@lru_cache(maxsize=8)
def setup_for(scenarios_dir: str | None, rubric_ref: str, scenario_ref: str | None) -> ScoringSetup:
    """Rubric, scenario and policy packs, resolved once per process (a rubric given as a path is parsed once)."""
    return scoring_setup(cached_library(scenarios_dir), rubric_ref=rubric_ref, scenario_ref=scenario_ref)


def resolve_rubric(config: BatchConfig) -> Rubric:
    """The rubric the config names (checked in the parent process before any work is sent out)."""
    return setup_for(config.scenarios_dir, config.rubric, config.scenario).rubric


def criterion_names(config: BatchConfig) -> list[str]:
    return list(resolve_rubric(config).criteria)


def warm_up(config: BatchConfig) -> None:
    """Load the library and train/cache scoring's models in this process (before forking workers that share them)."""
    sample = Transcript(
        id="warm-up",
        turns=[
            Turn(speaker="agent", text="Thank you for calling, how can I help?", start=0.0, end=2.0),
            Turn(speaker="customer", text="I was charged twice and I'm upset.", start=2.5, end=4.0),
            Turn(speaker="agent", text="I'm sorry about that, let me fix it.", start=4.5, end=6.0),
        ],
    )
    score_contact(sample, setup=setup_for(config.scenarios_dir, config.rubric, config.scenario))


def score_file(job: FileJob, config: BatchConfig) -> FileResult:
    """Import, redact and score every contact in one file. Never raises for a bad file: it reports it."""
    setup = setup_for(config.scenarios_dir, config.rubric, config.scenario)
    scores = score_contacts_in_file(
        Path(job.path),
        setup=setup,
        options=config.import_options,
        content_hash=job.content_hash,
        source_file=job.path,
        channel=config.channel,
    )
    criteria = list(setup.rubric.criteria)
    result = FileResult(path=job.path, content_hash=job.content_hash, errors=list(scores.errors))
    for card in scores.cards:
        result.cards.append(card.to_json_dict())
        result.rows.append(card.to_row(criteria=criteria))
        if card.error is not None:  # fail closed: the card is kept, and the errors file says what broke
            result.errors.append(
                f"transcript {card.transcript}: criterion {card.error.criterion} raised {card.error.message}"
            )
    return result
