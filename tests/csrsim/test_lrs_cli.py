"""``csrsim lrs push`` with no LRS reachable: exit 3, everything stays queued and the output says so."""

from __future__ import annotations

import socket

import pytest

from csrsim.main import run
from domain.config import Settings
from storage import PracticeRepo, UserRepo, open_database
from tests.services.conftest import make_card, make_transcript


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_push_without_and_with_a_dead_lrs(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", "--quiet"]) == 0
    monkeypatch.delenv("CSR_LRS_URL", raising=False)
    assert run(["lrs", "push"]) == 3
    assert "CSR_LRS_URL is not set" in capsys.readouterr().out
    monkeypatch.setenv("CSR_LRS_URL", f"http://127.0.0.1:{_closed_port()}/xAPI")
    monkeypatch.setenv("CSR_LRS_ATTEMPTS", "2")
    monkeypatch.setenv("CSR_LRS_BACKOFF_SECONDS", "0")
    db = open_database(settings.sqlalchemy_url)
    trainee = UserRepo(db).by_username("trainee")
    assert trainee is not None
    repo = PracticeRepo(db)
    rec = repo.start(trainee, scenario_id="billing-double-charge", snapshot={"session": {"seed": 4}})
    repo.finish(
        trainee,
        rec.id,
        expected_version=rec.version,
        snapshot={},
        turns=[],
        card=make_card("p1", 90.0),
        transcript=make_transcript("p1"),
        rubric_yaml="",
    )
    db.dispose()
    assert run(["lrs", "push"]) == 3
    out = capsys.readouterr().out
    assert "queued 2 new statement(s); sent 0; 2 queued (2 practice); LRS unreachable" in out
    assert run(["lrs", "push"]) == 3
    assert "queued 0 new statement(s); sent 0; 2 queued" in capsys.readouterr().out
    assert run(["lrs", "status"]) == 0
    assert capsys.readouterr().out.strip() == "sent 0; queued 2"
