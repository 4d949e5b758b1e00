"""Secrets (the LLM API key, a database password) come from the environment and never leak.

They must not appear in ``repr(Settings)``, logs (every logger at DEBUG, which ``--debug`` turns on),
error messages, transcripts, session snapshots or exports. A local fake LLM endpoint on 127.0.0.1
proves the key really is used, so the "not in the logs" checks are checks on a live code path.
"""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from csrsim.main import run
from domain.config import Settings, get_settings
from domain.loader import Library

API_KEY = "sk-test-DO-NOT-LEAK-7f3a9c"
DB_PASSWORD = "pg-DO-NOT-LEAK-51c2"
PG_URL = f"postgresql+psycopg://csr:{DB_PASSWORD}@127.0.0.1:1/csr"


class _FakeLLM(BaseHTTPRequestHandler):
    seen_auth: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        type(self).seen_auth.append(self.headers.get("Authorization", ""))
        body = {
            "id": "cmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": "fake",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": json.dumps({"reply": "Okay, go on please."})},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_llm() -> Iterator[str]:
    _FakeLLM.seen_auth = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret_env(settings: Settings, fake_llm: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("CSR_LLM_BASE_URL", fake_llm)
    monkeypatch.setenv("CSR_LLM_API_KEY", API_KEY)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_settings_hide_secrets() -> None:
    s = Settings(llm_api_key=API_KEY, database_url=PG_URL)  # type: ignore[arg-type]
    for shown in (repr(s), str(s), s.model_dump_json(), json.dumps(s.model_dump(mode="json")), f"{s!r} {s}"):
        assert API_KEY not in shown and DB_PASSWORD not in shown
    assert s.llm_api_key is not None and s.llm_api_key.get_secret_value() == API_KEY
    assert DB_PASSWORD in s.sqlalchemy_url  # the real value is there for the code that needs it


def test_database_url_password_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    from storage import open_database

    caplog.set_level(logging.DEBUG)
    db = open_database(PG_URL)
    try:
        assert DB_PASSWORD not in db.url and "***" in db.url
        assert "database opened" in caplog.text
        assert DB_PASSWORD not in caplog.text
    finally:
        db.dispose()


def test_cli_database_error_does_not_print_the_password(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Nothing listens on port 1: the connection fails and the message must still not carry the password."""
    monkeypatch.setenv("CSR_DATABASE_URL", PG_URL)
    get_settings.cache_clear()
    caplog.set_level(logging.DEBUG)
    code = run(["list-users"])
    out = capsys.readouterr()
    assert code != 0
    assert out.err.strip()  # it did fail, with a message
    for text in (out.out, out.err, caplog.text):
        assert DB_PASSWORD not in text


def test_llm_key_is_used_but_never_logged_or_stored(
    secret_env: Settings, library: Library, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    from simulator import Session, make_engine

    caplog.set_level(logging.DEBUG)
    session = Session.start(library.scenario("billing-double-charge"), engine=make_engine("llm"), seed=1)
    session.agent("Thank you for calling, may I have your full name please?")
    session.agent("Thanks, I am sorry about the double charge, let me check it.")
    assert _FakeLLM.seen_auth and all(a == f"Bearer {API_KEY}" for a in _FakeLLM.seen_auth)  # really sent
    stored = json.dumps(session.to_snapshot()) + session.transcript().model_dump_json() + "\n".join(session.log)
    assert API_KEY not in stored
    assert API_KEY not in caplog.text
    assert any(r.name.startswith(("openai", "httpx", "httpcore")) for r in caplog.records)  # debug logging was live


def test_cli_debug_play_with_llm_does_not_print_the_key(
    secret_env: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    out_file = tmp_path / "t.json"
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hello, may I have your name please?\nThanks, goodbye.\n"))
    caplog.set_level(logging.DEBUG)
    code = run(
        [
            "--debug",
            "play",
            "billing-double-charge",
            "--customer",
            "llm",
            "--seed",
            "2",
            "--transcript-out",
            str(out_file),
            "--no-score",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert _FakeLLM.seen_auth
    for text in (out.out, out.err, caplog.text, out_file.read_text(encoding="utf-8")):
        assert API_KEY not in text


def test_user_export_has_no_secrets(secret_env: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["init", "--quiet"]) == 0
    target = tmp_path / "trainee.json"
    assert run(["export-user", "trainee", "--out", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert '"username": "trainee"' in text
    assert API_KEY not in text and "argon2" not in text and "password_hash" not in text


_PAGES = {
    "admin": [
        "app_pages/author.py",
        "app_pages/review.py",
        "app_pages/team.py",
        "app_pages/batch_results.py",
        "app_pages/admin.py",
        "app_pages/library.py",
    ],
    "trainee": ["app_pages/practice.py", "app_pages/progress.py"],
}


def _everything_shown(at: Any) -> str:
    parts: list[str] = []
    kinds = (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "code",
        "text",
        "error",
        "warning",
        "info",
        "success",
        "json",
        "metric",
        "text_input",
        "text_area",
        "selectbox",
        "radio",
    )
    for kind in kinds:
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
            parts.extend(str(o) for o in getattr(element, "options", []) or [])
    parts.extend(frame.value.to_string() for frame in at.dataframe)
    return "\n".join(parts)


@pytest.mark.parametrize("username", sorted(_PAGES))
def test_no_page_shows_the_key(secret_env: Settings, username: str) -> None:
    import time

    from streamlit.testing.v1 import AppTest

    from domain.config import PROJECT_ROOT
    from storage import UserRepo
    from storage.seed import init_database

    db, _ = init_database(secret_env.sqlalchemy_url)
    user = UserRepo(db).by_username(username)
    db.dispose()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.session_state["auth_user"] = user
    at.session_state["auth_login_at"] = time.time()
    at.run()
    for page in _PAGES[username]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        shown = _everything_shown(at)
        assert API_KEY not in shown, page
    if username == "trainee":  # the practice page talks to the (fake) LLM: the key is in use while we look
        at.switch_page("app_pages/practice.py").run()
        next(b for b in at.button if b.label == "Start call").click().run()
        at.chat_input[0].set_value("Hello, thank you for calling, how can I help?").run()  # the agent opens
        at.chat_input[0].set_value("Hello, may I have your name please?").run()
        assert not at.exception, at.exception
        assert _FakeLLM.seen_auth
        shown = "\n".join(m.markdown[0].value for m in at.chat_message if m.markdown)
        assert "Hello, may I have your name" in shown and API_KEY not in shown
