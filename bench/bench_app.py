"""App start-up and memory: cold start of `streamlit run app.py` to the first rendered page, and the
resident memory of the app process once a practice call has loaded the speech model.

Drives the real server with headless chromium (Playwright). Prints ``name=value budget=... ratio=...``
lines; ratio = budget / measured for times and sizes, so ratio >= 1 is within budget.
Run: ``python bench/bench_app.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from a checkout

from tests.support.launch import CHROMIUM_ARGS, app_env, free_port, init_data, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
COLD_START_BUDGET_S = 5.0
RSS_BUDGET_MB = 1536.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def line(name: str, value: float, unit: str, budget: float) -> None:
    ratio = budget / value if value > 0 else float("inf")
    print(f"{name}={value:.2f}{unit} budget={budget:g}{unit} ratio={ratio:.2f}")


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory(prefix="csr-bench-") as tmp:
        env = app_env(Path(tmp) / "data", CSR_PRACTICE_SEED="3")
        init_data(env)
        port = free_port()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
            )
            page = browser.new_page()
            expect.set_options(timeout=60_000)
            t0 = time.perf_counter()
            proc = start_server(port=port, env=env)
            try:
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}", timeout=2000)
                        break
                    except Exception:
                        if time.perf_counter() - t0 > 60:
                            raise
                        time.sleep(0.1)
                expect(page.get_by_role("button", name="Log in")).to_be_visible()
                cold = time.perf_counter() - t0
                line("app_cold_start_to_login_page", cold, "s", COLD_START_BUDGET_S)
                rss_idle = rss_mb(proc.pid)
                t1 = time.perf_counter()
                page.get_by_role("textbox", name="User name").fill("trainee")
                page.get_by_role("textbox", name="Password").fill("trainee-demo")
                page.get_by_role("button", name="Log in").click()
                expect(page.get_by_role("button", name="Start call")).to_be_visible()
                line("login_to_practice_page", time.perf_counter() - t1, "s", COLD_START_BUDGET_S)
                page.get_by_role("button", name="Start call").click()
                expect(page.get_by_placeholder("Type your answer")).to_be_visible()
                # the practice page loads the speech model in the background: wait until memory settles
                last, stable_since = rss_mb(proc.pid), time.perf_counter()
                while time.perf_counter() - stable_since < 3 and time.perf_counter() - t1 < 60:
                    time.sleep(0.5)
                    now = rss_mb(proc.pid)
                    if abs(now - last) > 5:
                        last, stable_since = now, time.perf_counter()
                print(f"app_rss_before_login={rss_idle:.0f}MB")
                line("app_rss_with_speech_model", rss_mb(proc.pid), "MB", RSS_BUDGET_MB)
            finally:
                stop_server(proc)
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
