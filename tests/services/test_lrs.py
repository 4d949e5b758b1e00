"""xAPI statements to a real LRS (Ralph on 127.0.0.1) and through outages from a stub: none lost, none doubled."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from services import certification, disputes, lrs
from storage import Database, UserInfo
from storage.qa import LrsStatement
from tests.services import lrs_server


@pytest.fixture(scope="module")
def ralph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        with lrs_server.running_ralph(tmp_path_factory.mktemp("ralph")) as url:
            yield url
    except lrs_server.RalphUnavailable as exc:
        pytest.skip(f"no real LRS: {exc}")


@pytest.fixture
def results(db: Database, users: dict[str, UserInfo], practise: Callable[..., int]) -> dict[str, int]:
    """Two passes (certifying a k=2 plan), one fail, and a settled dispute on the fail."""
    t = users["trainee"]
    plan = certification.create_plan(db, users["trainer"], trainee_id=t.id, scenario_ids=["billing-double-charge"], k=2)
    fail = practise(t, "billing-double-charge", seed=1, overall=60, scores={"empathy": 20.0, "accuracy": 100.0})
    practise(t, "billing-double-charge", seed=2, overall=90)
    practise(t, "billing-double-charge", seed=3, overall=88)
    assert certification.evaluate(db, plan).state == "certified"
    did = disputes.open_dispute(db, t, fail, criterion="empathy", comment="I did acknowledge it")
    disputes.settle(db, users["supervisor"], did, action="adjusted", comment="partly", score=60)
    return {"fail": fail, "plan": plan}


def _settings(url: str, **kw: object) -> lrs.LrsSettings:
    return lrs.LrsSettings(url=url, username=lrs_server.USERNAME, password=lrs_server.PASSWORD, backoff_seconds=0, **kw)  # type: ignore[arg-type]


def test_statement_shape(db: Database, results: dict[str, int]) -> None:
    settings = lrs.LrsSettings()
    assert lrs.collect(db, settings) == 3 * 2 + 1 + 1  # completed + verdict per practice, a certificate, a dispute
    assert lrs.collect(db, settings) == 0  # stable ids: collecting again queues nothing
    with db.transaction() as s:
        rows = {r.id: (r.kind, json.loads(r.statement_json)) for r in s.query(LrsStatement)}
    verbs = sorted(st["verb"]["id"].rsplit("/", 1)[1] for _, st in rows.values())
    assert verbs == ["completed"] * 3 + ["failed"] * 2 + ["passed"] * 3
    for sid, (kind, st) in rows.items():
        assert str(uuid.UUID(sid)) == sid == st["id"]
        assert st["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
        assert st["context"]["registration"] and st["context"]["contextActivities"]["category"]
        if "score" in st["result"]:
            score = st["result"]["score"]
            assert score["min"] == 0 and score["max"] == 100 and score["scaled"] == pytest.approx(score["raw"] / 100)
            assert isinstance(st["result"]["success"], bool)
        if kind == "practice":
            assert st["result"]["duration"].startswith("PT") and st["result"]["completion"] is True
            criteria = next(v for k, v in st["result"]["extensions"].items() if k.endswith("/criteria"))
            assert set(criteria) == {"empathy", "policy_compliance", "accuracy"} or set(criteria) == {
                "empathy",
                "accuracy",
            }
    adjusted = [
        st
        for _, st in rows.values()
        if any(k.endswith("human-adjusted-score") for k in st["result"].get("extensions", {}))
    ]
    assert len(adjusted) == 3  # the failed practice's completed + verdict, and the dispute statement
    registrations = {st["context"]["registration"] for k, st in rows.values() if k == "practice"}
    assert len(registrations) == 3  # one per attempt


@pytest.mark.parametrize(("seconds", "text"), [(0, "PT0S"), (92.5, "PT92.5S"), (61.004, "PT61S"), (-3, "PT0S")])
def test_iso_duration(seconds: float, text: str) -> None:
    assert lrs.iso_duration(seconds) == text


def test_real_lrs_round_trip(db: Database, results: dict[str, int], ralph_url: str) -> None:
    settings = _settings(ralph_url)
    queued = lrs.collect(db, settings)
    report = lrs.push(db, settings)
    assert (report.sent, report.queued, report.error) == (queued, 0, None)
    auth = (lrs_server.USERNAME, lrs_server.PASSWORD)
    headers = {"X-Experience-API-Version": "1.0.3"}
    with db.transaction() as s:
        ids = [r.id for r in s.query(LrsStatement)]
    for sid in ids:
        got = httpx.get(f"{ralph_url}/statements", params={"statementId": sid}, auth=auth, headers=headers)
        assert got.status_code == 200, got.text
        body = got.json()
        found = [body] if "id" in body else body.get("statements", [])
        assert [st["id"] for st in found] == [sid]
        assert found[0]["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
    # a retry of everything (as after a lost response) leaves exactly one copy of each at the LRS
    with db.transaction() as s:
        s.query(LrsStatement).update({"sent": False})
    again = lrs.push(db, settings)
    assert again.error is None and again.queued == 0
    listed = httpx.get(f"{ralph_url}/statements", params={"limit": 500}, auth=auth, headers=headers).json()[
        "statements"
    ]
    mine = [st["id"] for st in listed if st["id"] in set(ids)]
    assert sorted(mine) == sorted(ids)


class FlakyLrs:
    """An in-process LRS behind httpx.MockTransport that fails on cue: 503s, refused connections, lost replies."""

    def __init__(self, plan: list[str]) -> None:
        self.plan = list(plan)  # per request: "ok", "503", "down", "lost" (stored, then the reply is lost)
        self.stored: dict[str, dict[str, object]] = {}
        self.puts = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.puts += 1
        step = self.plan.pop(0) if self.plan else "ok"
        if step == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if step == "503":
            return httpx.Response(503)
        sid = request.url.params["statementId"]
        body = json.loads(request.content)
        assert body["id"] == sid and request.headers["X-Experience-API-Version"] == "1.0.3"
        if sid in self.stored:
            return httpx.Response(409)
        self.stored[sid] = body
        if step == "lost":
            raise httpx.ReadTimeout("reply lost", request=request)
        return httpx.Response(204)


def test_outage_loses_and_duplicates_nothing(db: Database, results: dict[str, int]) -> None:
    settings = _settings("http://lrs.invalid/xAPI", attempts=3)
    total = lrs.collect(db, settings)
    # the LRS is down for good: nothing sent, everything still queued, and the report says so
    down = FlakyLrs(["down"] * 100)
    report = lrs.push(db, settings, transport=httpx.MockTransport(down))
    assert report.sent == 0 and report.queued == total and report.error and "ConnectError" in report.error
    assert "queued" in report.summary() and down.puts == 3  # tenacity gave up after 3 tries on the first one
    # it comes back flaky: 503s, a refused connection and a reply lost after the LRS stored the statement
    flaky = FlakyLrs(["503", "ok", "lost", "down", "ok", "503", "503", "ok"])
    report = lrs.push(db, settings, transport=httpx.MockTransport(flaky))
    assert report.error is None and report.sent == total and report.queued == 0
    with db.transaction() as s:
        ids = sorted(r.id for r in s.query(LrsStatement))
    assert sorted(flaky.stored) == ids  # every statement exactly once (a dict cannot hold two)
    assert lrs.push(db, settings, transport=httpx.MockTransport(FlakyLrs([]))).sent == 0


def test_rejected_statement_stays_queued(db: Database, results: dict[str, int]) -> None:
    settings = _settings("http://lrs.invalid/xAPI")
    lrs.collect(db, settings)
    report = lrs.push(db, settings, transport=httpx.MockTransport(lambda r: httpx.Response(400, text="bad actor")))
    assert report.sent == 0 and "400" in (report.error or "")
    with db.transaction() as s:
        first = s.query(LrsStatement).filter(LrsStatement.attempts > 0).one()
    assert first.last_error and not first.sent


def test_no_url_says_what_is_queued(db: Database, results: dict[str, int]) -> None:
    settings = lrs.LrsSettings(url=None)
    n = lrs.collect(db, settings)
    report = lrs.push(db, settings)
    assert report.queued == n and report.error == "CSR_LRS_URL is not set"
    assert lrs.queue_status(db) == {"sent": 0, "queued": n}


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CSR_LRS_URL", "http://x/xAPI")
    monkeypatch.setenv("CSR_LRS_USERNAME", "u")
    monkeypatch.setenv("CSR_LRS_PASSWORD", "p")
    s = lrs.LrsSettings()
    assert (s.url, s.username, s.password.get_secret_value()) == ("http://x/xAPI", "u", "p")


def test_push_now_is_one_line_even_when_down(db: Database, results: dict[str, int]) -> None:
    line = lrs.push_now(db, lrs.LrsSettings(url="http://127.0.0.1:9/xAPI", attempts=1, backoff_seconds=0))
    assert line.startswith("queued 8 new statement(s); sent 0; 8 queued") and "LRS unreachable" in line
