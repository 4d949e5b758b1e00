"""Scoring contacts: import -> redact -> score -> (store), one path for the Review page, ``csrsim score`` and batch.

The rubric, scenario and policy packs are resolved once by :func:`scoring_setup`; every scorecard gets the same
contact facts in its metadata (file, content hash, agent, handle time, dates), which is what the flat scorecard row
(``ScoreCard.to_row``) is built from, so every export agrees. Stored contacts are de-duplicated by the content hash
of the file they came from: importing the same file again returns the scorecards already stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from domain.errors import LoadError, UnknownIdError
from domain.loader import Library, ScoringSetup
from domain.scenario import Scenario
from domain.scorecard import ScoreCard
from domain.transcript import Channel, Transcript
from importers.options import ImportOptions, parse_speaker_map

if TYPE_CHECKING:
    from scoring.judge import LLMJudge
    from services.workspace import Workspace
    from storage.types import UserInfo

logger = logging.getLogger(__name__)

AGENT_KEYS = ("agent", "agent_name", "agent_id", "rep", "csr")
DATE_KEYS = ("date", "call_date", "contact_date", "start_time", "started_at", "timestamp", "datetime", "created_at")


# --- contact facts ---------------------------------------------------------------------------------------------


def agent_of(transcript: Transcript) -> str:
    """The agent named in the transcript's metadata (or a text file's header); '' when none is."""
    meta = transcript.metadata
    for key in AGENT_KEYS:
        value = meta.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    header = meta.get("header")
    if isinstance(header, dict):
        for key, value in header.items():
            if str(key).lower() in {"agent", "agent name", "agent id", "rep", "representative"} and value:
                return str(value)
    return ""


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


def content_hash_of(data: bytes) -> str:
    """SHA-256 of a file's bytes (the same digest ``csrsim batch`` records per file)."""
    return hashlib.sha256(data).hexdigest()


def annotate(
    card: ScoreCard,
    transcript: Transcript,
    *,
    source_file: str | None = None,
    content_hash: str | None = None,
    scored_at: str | None = None,
) -> ScoreCard:
    """A copy of ``card`` with the contact facts in its metadata (the flat row reads them from there)."""
    metadata = {
        **card.metadata,
        "source_file": source_file,
        "content_hash": content_hash,
        "agent": agent_of(transcript) or None,
        "handle_time_seconds": handle_time(transcript),
        "turns": len(transcript.turns),
        "redactions": transcript.metadata.get("redactions", {}),
        "contact_date": contact_date(transcript) or None,
        "scored_at": scored_at or scored_now(),
    }
    return card.model_copy(update={"metadata": metadata})


def read_file(path: Path, *, options: ImportOptions | None = None) -> list[Transcript]:
    """Every contact in one file (any importable format), normalised and redacted as it would be stored.

    Raises ``importers.TranscriptImportError`` (a ValueError naming the file) or OSError for a bad file.
    """
    from importers import read_path

    return list(read_path(path, options=options) if options is not None else read_path(path))


def llm_judge(settings: Any) -> LLMJudge | None:
    """The optional LLM judge configured by ``CSR_LLM_BASE_URL`` (None when not configured)."""
    from scoring.judge import LLMJudge

    return LLMJudge.from_settings(settings)


# --- scoring ---------------------------------------------------------------------------------------------------


def scoring_setup(library: Library, *, rubric_ref: str | None = None, scenario_ref: str | None = None) -> ScoringSetup:
    """Rubric (given, else the scenario's, else ``default``), scenario (practice) and policy packs."""
    return library.scoring_setup(scenario_ref=scenario_ref, rubric_ref=rubric_ref)


def practice_setup(library: Library, scenario: Scenario) -> ScoringSetup:
    """What a practice call is scored with: its own scenario object, the scenario's rubric and policy packs."""
    return ScoringSetup(
        scenario=scenario, rubric=library.rubric(scenario.rubric), policies=library.policies_for(scenario)
    )


def score_contact(
    transcript: Transcript,
    *,
    setup: ScoringSetup,
    judge: LLMJudge | None = None,
    channel: Channel | None = None,
) -> ScoreCard:
    """Score one transcript with a resolved setup (the only place pages, CLI and batch reach the scorer).

    ``channel`` (phone, chat, email) overrides the transcript's own, for exports that do not say.
    """
    from scoring import score_transcript

    return score_transcript(
        transcript,
        rubric=setup.rubric,
        scenario=setup.scenario,
        policies=setup.policies,
        judge=judge,
        channel=channel,
    )


@dataclass
class FileScores:
    """What scoring one file produced; ``errors`` name contacts (or the whole file) that could not be scored."""

    path: str
    content_hash: str
    cards: list[ScoreCard] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def score_file(
    path: Path,
    *,
    setup: ScoringSetup,
    options: ImportOptions | None = None,
    content_hash: str | None = None,
    judge: LLMJudge | None = None,
    source_file: str | None = None,
    channel: Channel | None = None,
) -> FileScores:
    """Import, redact and score every contact in one file. A bad file or contact is reported, never raised;
    a configuration mistake (unknown rubric, broken YAML) is raised, since every other file would fail too."""
    from importers import TranscriptImportError, read_path

    name = source_file if source_file is not None else str(path)
    result = FileScores(path=name, content_hash=content_hash or "")
    try:  # every exception of one file stays with that file (format detection, huge numbers, recursion...)
        if not content_hash:
            result.content_hash = content_hash_of(path.read_bytes())
        transcripts = read_path(path, options=options) if options is not None else read_path(path)
    except TranscriptImportError as exc:
        result.errors.append(_redacted(exc.reason if exc.where is None else f"{exc.where}: {exc.reason}"))
        return result
    except OSError as exc:
        result.errors.append(_redacted(f"cannot read: {exc.strerror or exc}"))
        return result
    except (LoadError, UnknownIdError):
        raise  # a configuration mistake, not a bad file: stop the batch
    except Exception as exc:  # a poisoned file must not stop the batch for good: report it and go on
        logger.warning("importing %s failed: %s", _redacted(name), type(exc).__name__)
        result.errors.append(_redacted(f"could not be read ({type(exc).__name__}: {str(exc)[:300]})"))
        return result
    for transcript in transcripts:
        if not transcript.turns:
            reason = transcript.metadata.get("empty_reason") or "no turns"
            result.errors.append(_redacted(f"transcript {transcript.id}: {reason}"))
            continue
        try:
            card = score_contact(transcript, setup=setup, judge=judge, channel=channel)
        except (LoadError, UnknownIdError):
            raise
        except Exception as exc:  # a scoring bug on one contact must not stop a 10,000-file batch
            logger.error("scoring %s (%s) failed: %s", _redacted(name), transcript.id, type(exc).__name__)
            result.errors.append(_redacted(f"transcript {transcript.id}: scoring failed: {type(exc).__name__}: {exc}"))
            continue
        result.cards.append(annotate(card, transcript, source_file=name, content_hash=result.content_hash))
    return result


def _redacted(message: str) -> str:
    """Error text echoes file content ("start '4111 1111 1111 1111' is not a time"): redacted like the data."""
    from importers.redaction import redact_text

    return redact_text(message).text


# --- storing uploaded contacts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name and bytes."""

    name: str
    data: bytes


@dataclass
class StoreOutcome:
    """The scorecard ids of exactly the contacts just imported (new) or found already stored (existing)."""

    ids: list[int] = field(default_factory=list)  # new and existing, in upload order: what the page opens
    new: list[int] = field(default_factory=list)
    existing: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def import_and_store(
    ws: Workspace,
    viewer: UserInfo,
    uploads: Sequence[Upload],
    *,
    rubric_ref: str,
    scenario_ref: str | None = None,
    agent: str = "",
) -> StoreOutcome:
    """Check, import, redact, score and store uploaded files for review.

    A file whose content hash was already stored under the same rubric version is not imported again: its stored
    scorecards are returned as ``existing``. Errors are sentences for the user (file name first).
    """
    from services.uploads import import_upload
    from storage import ScoreRepo, UserRepo

    scores = ScoreRepo(ws.db)
    setup = scoring_setup(ws.library, rubric_ref=rubric_ref, scenario_ref=scenario_ref)
    agent_user = UserRepo(ws.db).by_username(agent) if agent else None
    rubric_yaml, rubric_revision = ws.rubric_snapshot(setup.rubric.id)
    outcome = StoreOutcome()
    for upload in uploads:
        digest = content_hash_of(upload.data)
        already = scores.ids_for_content(
            viewer, content_hash=digest, rubric_id=setup.rubric.id, rubric_version=setup.rubric.version
        )
        if already:
            outcome.existing.extend(already)
            outcome.ids.extend(already)
            continue
        try:
            transcripts = import_upload(upload.data, filename=upload.name, settings=ws.settings)
            # every contact of a file is scored before any is stored: a contact that fails to score stores none
            # of the file, so a re-import does not find half of it under its hash and skip the rest
            scored = [
                (t, annotate(score_contact(t, setup=setup), t, source_file=upload.name, content_hash=digest))
                for t in transcripts
            ]
            for transcript, card in scored:
                card_id = scores.add(
                    viewer,
                    card=card,
                    transcript=transcript,
                    source="upload",
                    agent_name=agent or agent_of(transcript),
                    user_id=agent_user.id if agent_user else None,
                    scenario_id=setup.scenario.id if setup.scenario else None,
                    rubric_yaml=rubric_yaml,
                    rubric_revision=rubric_revision,
                    content_hash=digest,
                )
                outcome.new.append(card_id)
                outcome.ids.append(card_id)
        except Exception as exc:  # importer and size errors are sentences written for the user
            outcome.errors.append(str(exc))
    return outcome


__all__ = [
    "FileScores",
    "ImportOptions",
    "StoreOutcome",
    "Upload",
    "annotate",
    "import_and_store",
    "llm_judge",
    "parse_speaker_map",
    "practice_setup",
    "read_file",
    "score_contact",
    "score_file",
    "scoring_setup",
]
