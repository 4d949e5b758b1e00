"""The unit of work: one file -> rows and scorecards (or the reason it could not be scored).

Pure (same file + config -> same result, apart from the ``scored_at`` timestamp) and free of shared state except
per-process caches of the library, so it can run in this process, a process pool or on a Dask worker. Models load
once per worker process (``scoring`` caches them; the library is cached here).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from batch.config import BatchConfig
from domain.errors import LoadError, UnknownIdError
from domain.loader import Library, load_library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from domain.transcript import Transcript, Turn
from importers import TranscriptImportError, read_path

logger = logging.getLogger(__name__)


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
def scoring_inputs(
    scenarios_dir: str | None, rubric_ref: str, scenario_ref: str | None
) -> tuple[Rubric, Scenario | None, tuple[Policy, ...]]:
    """Rubric, scenario and policy packs, resolved once per process (a rubric given as a path is parsed once)."""
    setup = cached_library(scenarios_dir).scoring_setup(scenario_ref=scenario_ref, rubric_ref=rubric_ref)
    return setup.rubric, setup.scenario, tuple(setup.policies)


def resolve_rubric(config: BatchConfig) -> Rubric:
    """The rubric the config names (checked in the parent process before any work is sent out)."""
    return scoring_inputs(config.scenarios_dir, config.rubric, config.scenario)[0]


def criterion_names(config: BatchConfig) -> list[str]:
    return list(resolve_rubric(config).criteria)


def _agent(transcript: Transcript) -> str:
    meta = transcript.metadata
    for key in ("agent", "agent_name", "agent_id", "rep", "csr"):
        value = meta.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    header = meta.get("header")
    if isinstance(header, dict):
        for key, value in header.items():
            if str(key).lower() in {"agent", "agent name", "agent id", "rep", "representative"} and value:
                return str(value)
    return ""


DATE_KEYS = ("date", "call_date", "contact_date", "start_time", "started_at", "timestamp", "datetime", "created_at")


def _iso(value: Any) -> str:
    """An ISO date/datetime as written, normalised; '' for anything fromisoformat cannot read (no guessing)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def contact_date(transcript: Transcript) -> str:
    """When the contact happened, from the transcript's metadata (or a text file's header), so supervisors can
    filter by it; empty when the source did not say or said it in a form we would have to guess at."""
    meta = transcript.metadata
    header = meta.get("header")
    sources = [meta]
    if isinstance(header, dict):
        sources.append({str(k).strip().lower().replace(" ", "_"): v for k, v in header.items()})
    for source in sources:
        for key in DATE_KEYS:
            found = _iso(source.get(key))
            if found:
                return found
    return ""


def scored_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def handle_time(transcript: Transcript) -> float | None:
    """Seconds from the first turn's start to the last known time (start-only timings use the last start)."""
    starts = [t.start for t in transcript.turns if t.start is not None]
    times = starts + [t.end for t in transcript.turns if t.end is not None]
    if not starts or not times:
        return None
    return round(max(times) - min(starts), 3)


def contact_row(
    card: ScoreCard,
    transcript: Transcript,
    *,
    path: str,
    content_hash: str,
    criteria: list[str],
    scored_at: str | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "file": path,
        "transcript": transcript.id,
        "agent": _agent(transcript),
        "rubric": f"{card.rubric.id}@{card.rubric.version}",
        "overall": card.overall,
        "passed": card.passed,
        "auto_fail": "; ".join(card.auto_fail),
    }
    for name in criteria:
        result = card.criteria.get(name)
        row[f"score_{name}"] = result.score if result is not None else None
    row["handle_time_seconds"] = handle_time(transcript)
    row["turns"] = len(transcript.turns)
    row["redactions"] = sum((transcript.metadata.get("redactions") or {}).values())
    row["content_hash"] = content_hash
    row["contact_date"] = contact_date(transcript)
    row["scored_at"] = scored_at or scored_now()
    return row


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
    _score(sample, config)


def _score(transcript: Transcript, config: BatchConfig) -> ScoreCard:
    from scoring import score_transcript

    rubric, scenario, policies = scoring_inputs(config.scenarios_dir, config.rubric, config.scenario)
    return score_transcript(transcript, rubric=rubric, scenario=scenario, policies=policies)


def _redacted(message: str) -> str:
    """Error text echoes file content ("start '4111 1111 1111 1111' is not a time"): redacted like the data."""
    from importers.redaction import redact_text

    return redact_text(message).text


def score_file(job: FileJob, config: BatchConfig) -> FileResult:
    """Import, redact and score every contact in one file. Never raises for a bad file: it reports it."""
    result = FileResult(path=job.path, content_hash=job.content_hash)
    try:  # every exception of one file stays with that file (format detection, huge numbers, recursion...)
        transcripts = read_path(Path(job.path), options=config.import_options)
    except TranscriptImportError as exc:
        result.errors.append(_redacted(exc.reason if exc.where is None else f"{exc.where}: {exc.reason}"))
        return result
    except OSError as exc:
        result.errors.append(_redacted(f"cannot read: {exc.strerror or exc}"))
        return result
    except (LoadError, UnknownIdError):
        raise  # a configuration mistake, not a bad file: stop the batch
    except Exception as exc:  # a poisoned file must not stop the batch for good: report it and go on
        logger.warning("importing %s failed: %s", _redacted(job.path), type(exc).__name__)
        result.errors.append(_redacted(f"could not be read ({type(exc).__name__}: {str(exc)[:300]})"))
        return result
    criteria = criterion_names(config)
    for transcript in transcripts:
        if not transcript.turns:
            reason = transcript.metadata.get("empty_reason") or "no turns"
            result.errors.append(f"transcript {transcript.id}: {reason}")
            continue
        try:
            card = _score(transcript, config)
        except (LoadError, UnknownIdError):
            raise  # a configuration mistake, not a bad file: stop the batch
        except Exception as exc:  # a scoring bug on one contact must not stop a 10,000-file batch
            logger.error("scoring %s (%s) failed: %s", _redacted(job.path), transcript.id, type(exc).__name__)
            result.errors.append(_redacted(f"transcript {transcript.id}: scoring failed: {type(exc).__name__}: {exc}"))
            continue
        card_dict = card.to_json_dict()
        scored_at = scored_now()
        card_dict["metadata"] = {
            **card_dict.get("metadata", {}),
            "source_file": job.path,
            "content_hash": job.content_hash,
            "agent": _agent(transcript) or None,
            "handle_time_seconds": handle_time(transcript),
            "redactions": transcript.metadata.get("redactions", {}),
            "contact_date": contact_date(transcript) or None,
            "scored_at": scored_at,
        }
        result.cards.append(card_dict)
        result.rows.append(
            contact_row(
                card, transcript, path=job.path, content_hash=job.content_hash, criteria=criteria, scored_at=scored_at
            )
        )
    return result
