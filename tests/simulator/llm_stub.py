"""A tiny OpenAI-compatible server for tests: real HTTP on 127.0.0.1, no mocks of the client.

Modes (set ``stub.mode``): ``good`` answers ``{"reply": ...}`` rewording the prompt's
SCRIPTED LINE; ``invalid`` answers text that is not JSON; ``leak`` answers a valid
reply containing ``stub.leak_text``; ``slow`` sleeps ``stub.delay`` seconds first;
``json`` answers ``stub.content`` verbatim (for other LLM users, e.g. a judge).
Every request body is kept in ``stub.requests``.

    with LLMStub() as stub:
        settings = Settings(llm_base_url=stub.base_url, llm_model="stub")
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_SCRIPTED = re.compile(r"SCRIPTED LINE: (.*)$", re.MULTILINE)


class LLMStub:
    def __init__(self, *, mode: str = "good") -> None:
        self.mode = mode
        self.delay = 2.0
        self.leak_text = ""
        self.content = "{}"
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append(body)
                if not self.path.endswith("/chat/completions"):
                    self._send(404, {"error": {"message": "not found"}})
                    return
                if stub.mode == "slow":
                    time.sleep(stub.delay)
                self._send(200, stub.completion(body))

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        port = self.server.server_address[1]
        return f"http://127.0.0.1:{port}/v1"

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        match = _SCRIPTED.search(prompt)
        scripted = match.group(1).strip() if match else "Okay."
        if self.mode == "invalid":
            content = "Sure! Here is my reply: I am not JSON"
        elif self.mode == "leak":
            content = json.dumps({"reply": f"{scripted} Also, {self.leak_text}"})
        elif self.mode == "json":
            content = self.content
        else:
            content = json.dumps({"reply": f"Well... {scripted}"})
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def __enter__(self) -> LLMStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
