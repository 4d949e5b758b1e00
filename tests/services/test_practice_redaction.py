"""A trainee who types card data in practice: no raw PAN, CVV or expiry in the database file, the snapshot, the
scorecard's transcript, the user's export or the terminal (issue 16)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csrsim.main import run
from domain.config import Settings
from domain.transcript import Transcript, Turn
from services import practice
from services.redacting import redact_practice_transcript, redact_session_snapshot, redact_turn_texts
from services.workspace import Workspace
from storage import PracticeRepo, ScoreRepo, UserRepo

PAN = "4539 1488 0343 6467"  # passes the Luhn check
CARD_LINES = [
    "Good morning, thanks for calling, my name is Sam. This call is recorded for quality and training purposes.",
    f"Let me note the card you paid with: {PAN}, expiry 09/28, security code 381.",
    "And the other card was 4539148803436467 exp 11/29.",
]
RAW = [
    re.compile(rb"4539[\s-]?1488"),
    re.compile(rb"0343[\s-]?6467"),
    re.compile(rb"09/28"),
    re.compile(rb"11/29"),
    # not inside a word or a decimal: random hex ids ('...a381f...') and unseeded timings ('12.381') are not a
    # leaked security code
    re.compile(rb"(?<![0-9A-Za-z.])381(?![0-9A-Za-z])"),
]


def _raw_in(blob: bytes) -> list[str]:
    return [p.pattern.decode() for p in RAW if p.search(blob)]


def _data_bytes(settings: Settings) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(settings.data_dir.rglob("*")) if p.is_file())


def _trainee(ws: Workspace):  # type: ignore[no-untyped-def]
    user = UserRepo(ws.db).by_username("trainee")
    assert user is not None
    return user


def test_card_data_typed_in_practice_never_reaches_the_database(ws: Workspace, settings: Settings) -> None:
    user = _trainee(ws)
    scenario = ws.library.scenario("billing-double-charge")
    live = practice.start(ws, user, scenario, engine=practice.customer_engine("scripted"), seed=4)
    for line in CARD_LINES:
        practice.say(ws, user, live, line)
    # the live session (the trainee's own tab) keeps what was typed; what is stored does not
    card_turn = next(i for i, t in enumerate(live.session.turns) if t.speaker == "agent" and PAN in t.text)
    record = PracticeRepo(ws.db).get(user, live.record_id)
    assert not _raw_in(json.dumps(record.snapshot).encode()) and not _raw_in(json.dumps(record.turns).encode())
    assert "[CARD]" in record.turns[card_turn]["text"] and "[CVV]" in record.turns[card_turn]["text"]
    assert record.snapshot["session"]["id"] == live.record_id  # our own ids survive redaction

    # a resumed call goes on from the redacted snapshot
    resumed = practice.resume(ws, user, live.record_id, engine_for=practice.customer_engine)
    practice.say(ws, user, resumed, "Which dates do you see the charges on?")
    card_id = practice.end_and_score(ws, user, resumed)
    stored = ScoreRepo(ws.db).get(user, card_id)
    assert not _raw_in(json.dumps(stored.card).encode() + json.dumps(stored.transcript).encode())
    assert stored.transcript["id"] == live.record_id and stored.transcript["metadata"]["redacted"] is True

    ws.db.dispose()  # checkpoint the write-ahead log so the scan below sees every page
    blob = _data_bytes(settings)
    assert blob and not _raw_in(blob)


def test_user_export_is_redacted_even_for_rows_stored_before_redaction(
    ws: Workspace, settings: Settings, tmp_path: Path
) -> None:
    user = _trainee(ws)
    repo = PracticeRepo(ws.db)
    turns = [{"speaker": "agent", "text": CARD_LINES[1]}, {"speaker": "customer", "text": "ok"}]
    rec = repo.start(user, scenario_id="billing-double-charge", snapshot={"session": {"turns": turns}}, turns=turns)
    assert _raw_in(json.dumps(repo.get(user, rec.id).turns).encode())  # an old, unredacted row
    ws.db.dispose()
    out = tmp_path / "trainee.zip"
    assert run(["export-user", "trainee", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        data = zf.read("user.json")
    assert not _raw_in(data)
    assert rec.id.encode() in data  # the export still names its sessions


def test_play_user_never_prints_or_stores_card_data(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["init", "--quiet"]) == 0
    capsys.readouterr()
    out = tmp_path / "call.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(CARD_LINES) + "\n"))
    assert run(["play", "billing-double-charge", "--user", "trainee", "--transcript-out", str(out)]) == 0
    printed = capsys.readouterr()
    assert not _raw_in((printed.out + printed.err).encode())
    assert not _raw_in(out.read_bytes())
    assert not _raw_in(_data_bytes(settings))


def test_split_card_and_speaker_mapping_keys() -> None:
    texts = ["Can I take the card number?", "Sure, it is 4539 1488", "Go on.", "0343 6467", "It expires 09/28."]
    speakers = ["agent", "customer", "agent", "customer", "customer"]
    assert not _raw_in("".join(redact_turn_texts(texts, speakers)).encode())
    transcript = Transcript(
        id="practice-abc123",
        turns=[Turn(speaker="agent", text="hello")],
        metadata={"speaker_mapping": {"Jo 4539 1488 0343 6467": "customer"}, "log": [f"agent said {PAN}"]},
    )
    clean = redact_practice_transcript(transcript)
    assert not _raw_in(clean.model_dump_json().encode()) and clean.id == "practice-abc123"
    snapshot = {"id": "0123456789abcdef4539148803436467", "seed": 3, "state": {"heard_lines": [PAN]}, "log": [PAN]}
    clean_snapshot = redact_session_snapshot(snapshot)
    assert clean_snapshot["id"] == snapshot["id"] and clean_snapshot["seed"] == 3
    assert not _raw_in(json.dumps({k: v for k, v in clean_snapshot.items() if k != "id"}).encode())


_cards = st.sampled_from(["4539148803436467", "4111111111111111", "5500000000000004", "378282246310005"])


@settings(max_examples=60, deadline=None)
@given(
    card=_cards,
    sep=st.sampled_from([" ", "-", ""]),
    before=st.text(alphabet="abcdefgh ,.?", max_size=30),
    seed=st.integers(0, 10**6),
)
def test_snapshot_redaction_keeps_ids_and_shape_and_drops_cards(card: str, sep: str, before: str, seed: int) -> None:
    spaced = sep.join(card[i : i + 4] for i in range(0, len(card), 4))
    snapshot = {
        "snapshot_version": 1,
        "id": "practice-x-" + card,
        "seed": seed,
        "turns": [{"speaker": "agent", "text": f"{before} card {spaced}", "start": 0.0}],
        "state": {"heard_lines": [spaced], "revealed": ["fact-a"]},
        "log": [f"heard {spaced}"],
    }
    clean = redact_session_snapshot(snapshot)
    assert clean["id"] == snapshot["id"] and clean["seed"] == seed and clean.keys() == snapshot.keys()
    assert clean["state"]["revealed"] == ["fact-a"] and clean["turns"][0]["start"] == 0.0
    body = json.dumps({k: v for k, v in clean.items() if k != "id"})
    assert card not in body and spaced not in body
