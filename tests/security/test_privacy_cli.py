"""``csrsim export-user`` / ``delete-user``: everything of one person out, or everything of one person gone."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from csrsim.main import run
from domain.config import Settings
from domain.loader import Library
from storage import Database, ScoreRepo, UserInfo
from tests.security.conftest import finish, play

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)


@pytest.fixture
def data(db: Database, users: dict[str, UserInfo], library: Library, settings: Settings, tmp_path: Path) -> dict:
    """trainee: a scored call with a recording and an override, an open call; trainee2: one call with a recording."""
    rec = settings.recordings_dir
    # two agent lines: since issue 14 a call with under 8 agent words is not scorable (no criteria to override)
    mine = play(
        db,
        users["trainee"],
        library,
        lines=("Hello, MINE-MARKER, may I have your name?", "Thanks, let me look at the account for you now."),
    )
    card = finish(db, users["trainee"], library, mine)
    ScoreRepo(db).add_override(users["supervisor"], card, criterion="empathy", score=42.0, comment="OVERRIDE-MARKER")
    open_call = play(db, users["trainee"], library, lines=("Second call",), seed=2)
    theirs = play(db, users["trainee2"], library, lines=("Hello, THEIRS-MARKER here",), seed=5)
    outside = tmp_path / "outside.wav"
    outside.write_bytes(WAV)
    for sid in (mine.record_id, open_call.record_id, theirs.record_id):
        (rec / sid).mkdir(parents=True)
        (rec / sid / "turn-1.wav").write_bytes(WAV + sid.encode())
    with db.engine.begin() as conn:  # a turn pointing outside the recordings folder must never be touched
        conn.execute(
            text("UPDATE session_turns SET audio_path = :p WHERE session_id = :s AND turn_index = 1"),
            {"p": str(outside), "s": open_call.record_id},
        )
        conn.execute(
            text("UPDATE session_turns SET audio_path = :p WHERE session_id = :s AND turn_index = 1"),
            {"p": str(rec / mine.record_id / "turn-1.wav"), "s": mine.record_id},
        )
    return {
        "mine": mine.record_id,
        "open": open_call.record_id,
        "theirs": theirs.record_id,
        "card": card,
        "outside": outside,
    }


def _count(db: Database, sql: str, **params: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one())


def test_export_json_has_everything_of_the_user_and_nothing_else(
    data: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export" / "trainee.json"
    assert run(["export-user", "trainee", "--out", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert doc["account"]["username"] == "trainee" and doc["account"]["role"] == "trainee"
    assert "password_hash" not in raw and "$argon2" not in raw
    assert {s["id"] for s in doc["practice_sessions"]} == {data["mine"], data["open"]}
    assert all(s["turns"] for s in doc["practice_sessions"])
    assert "MINE-MARKER" in raw and "THEIRS-MARKER" not in raw and data["theirs"] not in raw
    (card,) = doc["scorecards"]
    assert card["id"] == data["card"] and card["card"]["criteria"] and card["transcript"]["turns"]
    assert [(o["criterion"], o["score"], o["comment"], o["by"]) for o in card["overrides"]] == [
        ("empathy", 42.0, "OVERRIDE-MARKER", "supervisor")
    ]
    assert sorted(r["path"] for r in doc["recordings"]) == sorted(
        f"{s}/turn-1.wav" for s in (data["mine"], data["open"])
    )
    assert all(len(r["sha256"]) == 64 for r in doc["recordings"])
    assert "exported trainee" in capsys.readouterr().out


def test_export_zip_carries_the_recordings(data: dict, tmp_path: Path, settings: Settings) -> None:
    out = tmp_path / "trainee.zip"
    assert run(["export-user", "trainee", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert "user.json" in names
        for sid in (data["mine"], data["open"]):
            arc = f"recordings/{sid}/turn-1.wav"
            assert zf.read(arc) == (settings.recordings_dir / sid / "turn-1.wav").read_bytes()
        assert not any(data["theirs"] in n or "outside" in n for n in names)
        assert json.loads(zf.read("user.json"))["account"]["username"] == "trainee"


def test_delete_removes_rows_and_recordings_of_that_user_only(
    data: dict, db: Database, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["delete-user", "trainee", "--yes"]) == 0
    assert "deleted trainee: 2 session(s), 1 scorecard(s), 2 recording file(s)" in capsys.readouterr().out
    assert _count(db, "SELECT count(*) FROM users WHERE username='trainee'") == 0
    assert (
        _count(db, "SELECT count(*) FROM practice_sessions WHERE id IN (:a, :b)", a=data["mine"], b=data["open"]) == 0
    )
    assert (
        _count(db, "SELECT count(*) FROM session_turns WHERE session_id IN (:a, :b)", a=data["mine"], b=data["open"])
        == 0
    )
    assert _count(db, "SELECT count(*) FROM scorecards") == 0
    assert _count(db, "SELECT count(*) FROM overrides") == 0
    assert not (settings.recordings_dir / data["mine"]).exists()
    assert not (settings.recordings_dir / data["open"]).exists()
    # everybody else's data, and files outside the recordings folder, are untouched
    assert (settings.recordings_dir / data["theirs"] / "turn-1.wav").is_file()
    assert data["outside"].is_file()
    assert _count(db, "SELECT count(*) FROM session_turns WHERE session_id = :s", s=data["theirs"]) > 0
    assert _count(db, "SELECT count(*) FROM users WHERE username='supervisor'") == 1
    assert not list(settings.recordings_dir.glob(".trash-*"))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []


def test_failed_delete_puts_everything_back(data: dict, db: Database, settings: Settings) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'injected'); END"))
    before = _count(db, "SELECT count(*) FROM session_turns")
    assert run(["delete-user", "trainee", "--yes"]) != 0
    assert _count(db, "SELECT count(*) FROM users WHERE username='trainee'") == 1
    assert _count(db, "SELECT count(*) FROM session_turns") == before
    assert _count(db, "SELECT count(*) FROM scorecards") == 1
    for sid in (data["mine"], data["open"]):
        assert (settings.recordings_dir / sid / "turn-1.wav").read_bytes() == WAV + sid.encode()
    assert not list(settings.recordings_dir.glob(".trash-*"))


def test_delete_asks_first(
    data: dict, db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    assert run(["delete-user", "trainee"]) != 0
    assert _count(db, "SELECT count(*) FROM users WHERE username='trainee'") == 1
    assert "nothing deleted" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["export-user", "ghost", "--out", "g.json"], ["delete-user", "ghost", "--yes"]])
def test_unknown_user_is_one_line(
    data: dict, command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(command) != 0
    err = capsys.readouterr().err.strip()
    assert err == "csrsim: no user 'ghost'"
    assert not (tmp_path / "g.json").exists()


def test_deleting_a_reviewer_keeps_their_reviews_of_others(data: dict, db: Database) -> None:
    assert run(["delete-user", "supervisor", "--yes"]) == 0
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT comment, by_id FROM overrides")).all()
    assert [(r.comment, r.by_id) for r in rows] == [("OVERRIDE-MARKER", None)]
    assert _count(db, "SELECT count(*) FROM scorecards") == 1
