"""Migrations never drop data: a database filled at every revision keeps its rows through ``upgrade head``.

With one migration today this checks first == head is a no-op on filled data; every migration added
later is checked from each earlier revision automatically (the revisions come from the script directory).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from storage.db import make_engine
from storage.migrate import MIGRATIONS_DIR, alembic_config, current_revision, head_revision, upgrade_head

REVISIONS = [s.revision for s in reversed(list(ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()))]

# Rows with the columns of the first migration: later migrations may add columns, never lose these values.
ROWS: dict[str, list[dict[str, Any]]] = {
    "users": [
        {
            "id": 1,
            "username": "old-trainee",
            "display_name": "Old",
            "role": "trainee",
            "password_hash": "$argon2id$x",
            "failed_logins": 2,
            "active": 1,
            "created_at": "2026-01-02 03:04:05",
        },
        {
            "id": 2,
            "username": "old-super",
            "display_name": "Sup",
            "role": "supervisor",
            "password_hash": "$argon2id$y",
            "failed_logins": 0,
            "active": 1,
            "created_at": "2026-01-02 03:04:05",
        },
    ],
    "authored_documents": [
        {
            "id": 1,
            "kind": "rubric",
            "doc_id": "default",
            "revision": 1,
            "yaml_text": "version: 1\nkind: rubric\n",
            "author_id": 2,
            "created_at": "2026-01-03 00:00:00",
        },
    ],
    "assignments": [
        {
            "id": 1,
            "trainee_id": 1,
            "scenario_id": "billing-double-charge",
            "assigned_by_id": 2,
            "done": 0,
            "created_at": "2026-01-03 00:00:00",
        },
    ],
    "practice_sessions": [
        {
            "id": "sess-1",
            "user_id": 1,
            "scenario_id": "billing-double-charge",
            "status": "scored",
            "version": 4,
            "snapshot_json": '{"session": {"turns": []}}',
            "started_at": "2026-01-04 10:00:00",
            "updated_at": "2026-01-04 10:05:00",
        },
    ],
    "session_turns": [
        {
            "id": i + 1,
            "session_id": "sess-1",
            "turn_index": i,
            "speaker": sp,
            "text": f"line {i} ünïcode",
            "start": float(i),
            "end": i + 0.5,
        }
        for i, sp in enumerate(["customer", "agent", "customer"])
    ],
    "scorecards": [
        {
            "id": 1,
            "user_id": 1,
            "agent_name": "old-trainee",
            "source": "practice",
            "transcript_id": "sess-1",
            "scenario_id": "billing-double-charge",
            "session_id": "sess-1",
            "rubric_id": "default",
            "rubric_version": 1,
            "rubric_revision": 1,
            "rubric_yaml": "version: 1\n",
            "overall": 81.5,
            "passed": 1,
            "card_json": '{"criteria": {"empathy": {"score": 80}}}',
            "transcript_json": '{"turns": []}',
            "created_by_id": 1,
            "created_at": "2026-01-04 10:05:00",
        },
    ],
    "overrides": [
        {
            "id": 1,
            "scorecard_id": 1,
            "criterion": "empathy",
            "score": 70.0,
            "comment": "tone",
            "by_id": 2,
            "created_at": "2026-01-05 00:00:00",
        },
    ],
}


def _upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _fill(engine: Engine) -> None:
    present = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        for table, rows in ROWS.items():
            if table not in present:
                continue
            for row in rows:
                cols = ", ".join(row)
                conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in row)})"), row)


def _read(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table, rows in ROWS.items():
            cols = list(rows[0])
            result = conn.execute(text(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id"))
            out[table] = [
                dict(zip(cols, (str(v) if "_at" in c else v for c, v in zip(cols, r, strict=True)), strict=True))
                for r in result
            ]
    return out


def _expected() -> dict[str, list[dict[str, Any]]]:
    return {t: [{k: (str(v) if "_at" in k else v) for k, v in r.items()} for r in rows] for t, rows in ROWS.items()}


@pytest.mark.parametrize("start", REVISIONS)
def test_rows_survive_upgrade_to_head(tmp_path: Path, start: str) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _upgrade_to(engine, start)
        assert current_revision(engine) == start
        _fill(engine)
        upgrade_head(engine)
        assert current_revision(engine) == head_revision()
        assert _read(engine) == _expected()
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        engine.dispose()


def test_first_revision_is_the_base() -> None:
    assert REVISIONS and ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(REVISIONS[0]).down_revision is None
