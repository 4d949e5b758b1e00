"""Two trainees practising and a supervisor storing a batch of scored calls share one SQLite file.

Run with threads (one process, the app's case) and with separate processes (app + CLI, the case
WAL and the busy timeout exist for). Nobody may see "database is locked", every row must be there,
and SQLite's own integrity check must pass.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from domain.config import PROJECT_ROOT, Settings
from storage import Database, open_database

CALLS_PER_TRAINEE = 3
LINES = (
    "Thank you for calling, my name is Alex. Can I have your full name please?",
    "Thanks. Could you confirm the email address on the account?",
    "I am so sorry about the double charge, let me look into that for you.",
)
BATCH_FILES = 6


def _trainee_work(url: str, username: str, scored: bool) -> int:
    """Play calls the way the Practice page does; score the last one. Returns the number of turns saved."""
    from domain.loader import load_library
    from simulator import Session, make_engine
    from storage import PracticeRepo, UserRepo

    db = open_database(url)
    try:
        library = load_library(PROJECT_ROOT / "scenarios")
        user = UserRepo(db).by_username(username)
        assert user is not None
        repo = PracticeRepo(db)
        saved = 0
        for call in range(CALLS_PER_TRAINEE):
            session = Session.start(
                library.scenario("billing-double-charge"), engine=make_engine("scripted"), seed=call
            )

            def rows(session: Session = session) -> list[dict[str, object]]:
                return [{**t, "audio_path": None} for t in session.to_snapshot()["turns"]]

            def snap(session: Session = session) -> dict[str, object]:
                return {"session": session.to_snapshot(), "audio": {}}

            repo.start(user, scenario_id="billing-double-charge", snapshot=snap(), turns=rows(), session_id=session.id)
            version = 1
            for line in LINES:
                if session.ended:
                    break
                session.agent(line)
                version = repo.save_turns(user, session.id, expected_version=version, snapshot=snap(), turns=rows())
            if scored and call == CALLS_PER_TRAINEE - 1:
                import scoring

                session.end_call()
                sc = session.scenario
                transcript = session.transcript()
                card = scoring.score_transcript(
                    transcript, rubric=library.rubric(sc.rubric), scenario=sc, policies=library.policies_for(sc)
                )
                repo.finish(
                    user,
                    session.id,
                    expected_version=version,
                    snapshot=snap(),
                    turns=rows(),
                    card=card,
                    transcript=transcript,
                    rubric_yaml="",
                )
            saved += len(session.turns)
        return saved
    finally:
        db.dispose()


def _supervisor_work(url: str, folder: str) -> int:
    """Import and score a folder of real-call transcripts and store every scorecard (the Review page's loop)."""
    import importers
    import scoring
    from domain.loader import load_library
    from storage import ScoreRepo, UserRepo

    db = open_database(url)
    try:
        library = load_library(PROJECT_ROOT / "scenarios")
        supervisor = UserRepo(db).by_username("supervisor")
        trainee = UserRepo(db).by_username("trainee")
        assert supervisor is not None and trainee is not None
        rubric = library.rubric("default")
        policies = [library.policies[p] for p in rubric.policies if p in library.policies]
        stored = 0
        for path in sorted(Path(folder).iterdir()):
            for transcript in importers.read_path(path):
                card = scoring.score_transcript(transcript, rubric=rubric, policies=policies)
                ScoreRepo(db).add(
                    supervisor,
                    card=card,
                    transcript=transcript,
                    source="upload",
                    agent_name="trainee",
                    user_id=trainee.id,
                )
                stored += 1
        return stored
    finally:
        db.dispose()


def _calls(folder: Path) -> Path:
    folder.mkdir()
    for i in range(BATCH_FILES):
        (folder / f"call-{i}.txt").write_text(
            f"Agent: Thank you for calling, this is Sam, how can I help? ({i})\n"
            "Customer: I was charged twice for my bill.\n"
            "Agent: I'm sorry about that. Can you confirm your name and email?\n"
            "Customer: Jordan Lee, jordan@example.com\n"
            "Agent: Thanks, I've refunded the duplicate charge. Anything else?\n"
            "Customer: No, thanks.\n",
            encoding="utf-8",
        )
    return folder


def _check(db: Database, *, batch: int) -> None:
    with db.engine.connect() as conn:
        q = lambda sql: conn.execute(text(sql)).scalar()  # noqa: E731
        assert q("PRAGMA integrity_check") == "ok"
        assert q("PRAGMA journal_mode") == "wal"
        assert q("SELECT count(*) FROM practice_sessions") == 2 * CALLS_PER_TRAINEE
        assert q("SELECT count(*) FROM practice_sessions WHERE status = 'scored'") == 2
        assert q("SELECT count(*) FROM scorecards WHERE source = 'upload'") == batch
        assert q("SELECT count(*) FROM scorecards WHERE source = 'practice'") == 2
        # every session's turns are complete and numbered 0..n-1 with no gap or duplicate
        gaps = conn.execute(
            text("SELECT session_id, count(*), max(turn_index) FROM session_turns GROUP BY session_id")
        ).all()
        assert len(gaps) == 2 * CALLS_PER_TRAINEE and all(n == mx + 1 for _, n, mx in gaps)
        assert q("SELECT count(*) FROM practice_sessions p WHERE version < 2") == 0


def _run_threads(jobs: list[Callable[[], int]]) -> list[int]:
    results: list[int] = [0] * len(jobs)
    errors: list[str] = []

    def wrap(i: int, job: Callable[[], int]) -> None:
        try:
            results[i] = job()
        except BaseException:
            errors.append(traceback.format_exc())

    threads = [threading.Thread(target=wrap, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[0]
    return results


def test_threads_share_the_database(db: Database, settings: Settings, tmp_path: Path) -> None:
    url, folder = settings.sqlalchemy_url, str(_calls(tmp_path / "calls"))
    results = _run_threads(
        [
            lambda: _trainee_work(url, "trainee", True),
            lambda: _trainee_work(url, "trainee2", True),
            lambda: _supervisor_work(url, folder),
        ]
    )
    assert results[2] == BATCH_FILES and results[0] > 0 and results[1] > 0
    _check(db, batch=BATCH_FILES)


@pytest.mark.slow
def test_processes_share_the_database(db: Database, settings: Settings, tmp_path: Path) -> None:
    url, folder = settings.sqlalchemy_url, str(_calls(tmp_path / "calls"))
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        futures = [
            pool.apply_async(_trainee_work, (url, "trainee", True)),
            pool.apply_async(_trainee_work, (url, "trainee2", True)),
            pool.apply_async(_supervisor_work, (url, folder)),
        ]
        results = [f.get(timeout=300) for f in futures]
    assert results[2] == BATCH_FILES
    _check(db, batch=BATCH_FILES)
