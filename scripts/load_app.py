"""Load check of the Streamlit app: N trainees practising at once in headless Chromium, for a bounded time.

Usage (from the repository root)::

    .venv/bin/python scripts/load_app.py                      # starts its own server on a free port, temp data
    .venv/bin/python scripts/load_app.py --url http://127.0.0.1:8501 --user trainee --password trainee-demo

Each simulated trainee logs in, starts a call and answers the customer turn after turn; the time from
pressing Enter to the customer's reply appearing on the page is one response time. The report gives
p50/p95 of those, the turn count and every error. It only ever talks to 127.0.0.1 and stops after
``--seconds`` (at most 60).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from tests.support.launch import CHROMIUM_ARGS, app_env, chromium_path, free_port, wait_ready  # noqa: E402
from tests.support.launch import start_server as _start_server  # noqa: E402

MAX_SECONDS = 60.0
LINES = (
    "Thank you for calling, my name is Alex. May I have your full name please?",
    "Thanks. Could you confirm the email address on the account?",
    "I'm sorry about that, let me look into the charge for you.",
    "I can see the duplicate payment. I will refund it today.",
    "Is there anything else I can help you with today?",
)


def check_local(url: str) -> str:
    """Refuse anything but http://127.0.0.1:<port>: this script must never load someone else's server."""
    parsed = urlparse(url)
    if parsed.scheme != "http" or parsed.hostname != "127.0.0.1" or parsed.port is None:
        raise SystemExit(f"load_app: refusing {url!r}; only http://127.0.0.1:<port> is allowed")
    return f"http://127.0.0.1:{parsed.port}"


def prepare_data(data_dir: Path, users: list[tuple[str, str]]) -> None:
    """Migrate a fresh database and create the load-test trainees (done before the server starts)."""
    code = (
        "import sys\n"
        "from storage.seed import init_database\n"
        "from storage import UserRepo\n"
        "db, _ = init_database()\n"
        "repo = UserRepo(db)\n"
        "for line in sys.stdin.read().splitlines():\n"
        "    name, pw = line.split('\\t')\n"
        "    repo.ensure(name, pw, role='trainee', display_name=name)\n"
        "db.dispose()\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        input="\n".join(f"{u}\t{p}" for u, p in users),
        text=True,
        cwd=ROOT,
        env=app_env(data_dir),
        check=True,
    )


def start_server(data_dir: Path, port: int, *, log: Path | None = None) -> subprocess.Popen[bytes]:
    """The app on 127.0.0.1:port with its data in ``data_dir``."""
    return _start_server(port=port, env=app_env(data_dir), log=log)


# --- one simulated trainee -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    user: str
    setup: float | None = None
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cut_off: int = 0
    turns_sent: list[str] = field(default_factory=list)


async def login(page: Any, base: str, user: str, password: str, *, timeout_ms: float = 30_000) -> None:
    await page.goto(base, wait_until="domcontentloaded", timeout=timeout_ms)
    await page.get_by_label("User name").fill(user, timeout=timeout_ms)
    await page.locator('input[type="password"]').fill(password, timeout=timeout_ms)
    await page.get_by_role("button", name="Log in").click(timeout=timeout_ms)
    await page.get_by_role("heading", name="Practice").wait_for(timeout=timeout_ms)


async def chat_count(page: Any) -> int:
    return int(await page.locator('[data-testid="stChatMessage"]').count())


async def say(page: Any, text: str, *, timeout_ms: float = 30_000) -> float:
    """Type one answer, press Enter; seconds until the customer's reply is on the page."""
    before = await chat_count(page)
    box = page.locator('[data-testid="stChatInputTextArea"]')
    await box.fill(text, timeout=timeout_ms)
    started = time.perf_counter()
    await box.press("Enter")
    deadline = started + timeout_ms / 1000
    while time.perf_counter() < deadline:
        if await chat_count(page) >= before + 2:
            return time.perf_counter() - started
        await asyncio.sleep(0.05)
    raise TimeoutError(f"no reply within {timeout_ms / 1000:.0f} s")


async def start_call(page: Any, *, timeout_ms: float) -> None:
    """Start a call and wait until the trainee can speak (an inbound phone customer waits for the greeting)."""
    await page.get_by_role("button", name="Start call").click(timeout=timeout_ms)
    await page.locator('[data-testid="stChatInputTextArea"]').wait_for(timeout=timeout_ms)


def _error(user: str, exc: Exception) -> str:
    first = (str(exc).splitlines() or [""])[0][:200]
    return f"{user}: {type(exc).__name__}: {first}"


async def _skip_media(route: Any) -> None:
    await route.abort()


async def setup(
    browser: Any, base: str, user: str, password: str, *, timeout_ms: float, gate: asyncio.Semaphore
) -> tuple[Outcome, Any]:
    """Log in and start a call (not timed as load: cold start and argon2 logins would swamp the numbers).

    Logins go a few at a time through ``gate``, and the browser does not fetch the customer's voice
    (``/media/``), fonts or images: the client's own rendering must not be what the numbers measure.
    """
    outcome = Outcome(user)
    context = await browser.new_context(viewport={"width": 1000, "height": 800})
    await context.route("**/media/**", _skip_media)
    await context.route("**/*.{woff,woff2,ttf,png,jpg,svg}", _skip_media)
    page = await context.new_page()
    async with gate:
        started = time.perf_counter()
        try:
            await login(page, base, user, password, timeout_ms=timeout_ms)
            await start_call(page, timeout_ms=timeout_ms)
            outcome.setup = time.perf_counter() - started
        except Exception as exc:  # a load test reports failures, it does not stop at the first
            outcome.errors.append("setup " + _error(user, exc))
    return outcome, page


async def drive(outcome: Outcome, page: Any, *, until: float, timeout_ms: float) -> None:
    """Answer turn after turn until ``until``; a finished call is scored and a new one started."""
    while time.monotonic() < until:
        try:
            for line in LINES:
                if time.monotonic() >= until:
                    return
                outcome.times.append(await say(page, line, timeout_ms=timeout_ms))
                outcome.turns_sent.append(line)
            if time.monotonic() >= until:
                return
            await page.get_by_role("button", name="End call and score").click(timeout=timeout_ms)
            await page.get_by_role("button", name="Practise another call").click(timeout=timeout_ms)
            await start_call(page, timeout_ms=timeout_ms)
        except Exception as exc:
            if time.monotonic() >= until:
                outcome.cut_off += 1  # the deadline fell inside a turn: not an error of the app
            else:
                outcome.errors.append(_error(outcome.user, exc))
            return


async def run_load(base: str, accounts: list[tuple[str, str]], *, seconds: float) -> list[Outcome]:
    from playwright.async_api import async_playwright

    exe = chromium_path()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(headless=True, executable_path=exe, args=CHROMIUM_ARGS)
        try:
            gate = asyncio.Semaphore(2)
            ready = await asyncio.gather(
                *(setup(browser, base, u, p, timeout_ms=120_000, gate=gate) for u, p in accounts)
            )
            until = time.monotonic() + seconds
            await asyncio.gather(
                *(drive(o, page, until=until, timeout_ms=60_000) for o, page in ready if o.setup is not None)
            )
            return [o for o, _ in ready]
        finally:
            await browser.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def report(outcomes: list[Outcome], *, seconds: float) -> str:
    times = [t for o in outcomes for t in o.times]
    errors = [e for o in outcomes for e in o.errors]
    setups = [o.setup for o in outcomes if o.setup is not None]
    lines = [
        f"sessions: {len(outcomes)} ({len(setups)} started a call)  timed phase: {seconds:.0f} s  "
        f"turns: {len(times)}  errors: {len(errors)}  cut off by the deadline: {sum(o.cut_off for o in outcomes)}",
        f"login + start call (untimed setup): p50 {percentile(setups, 50):.2f} s  p95 {percentile(setups, 95):.2f} s",
        f"response time (Enter -> customer reply on page): p50 {percentile(times, 50):.2f} s  "
        f"p95 {percentile(times, 95):.2f} s  max {max(times, default=float('nan')):.2f} s"
        + (f"  mean {statistics.fmean(times):.2f} s" if times else ""),
        f"throughput: {len(times) / seconds:.2f} turns/s",
    ]
    lines.extend(f"  error: {e}" for e in errors)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running app on http://127.0.0.1:<port> (default: start one)")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=45.0, help=f"how long to drive the app (<= {MAX_SECONDS:.0f})")
    parser.add_argument("--user", default="trainee", help="with --url: the trainee account every session uses")
    parser.add_argument("--password", default="trainee-demo")
    args = parser.parse_args(argv)
    seconds = min(max(args.seconds, 1.0), MAX_SECONDS)
    if chromium_path() is None:
        print("load_app: no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 2
    proc: subprocess.Popen[bytes] | None = None
    tmp: Path | None = None
    try:
        if args.url:
            base = check_local(args.url)
            accounts = [(args.user, args.password)] * args.sessions
        else:
            tmp = Path(tempfile.mkdtemp(prefix="csr-load-"))
            accounts = [(f"load{i:02d}", f"load{i:02d}-password") for i in range(args.sessions)]
            prepare_data(tmp, accounts)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            proc = start_server(tmp, port, log=tmp / "streamlit.log")
            wait_ready(base, proc=proc)
        print(f"driving {args.sessions} practice sessions against {base} for {seconds:.0f} s ...", flush=True)
        outcomes = asyncio.run(run_load(base, accounts, seconds=seconds))
        print(report(outcomes, seconds=seconds))
        return 1 if any(o.errors for o in outcomes) or not any(o.times for o in outcomes) else 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
