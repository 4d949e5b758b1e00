"""Hands-free voice turn in a real browser: the trainee stops speaking -> the customer's reply text is on screen.

Starts the real app server (``streamlit run app.py``) and Debian's chromium with a fake microphone that
plays a spoken greeting (espeak-ng, padded with silence by sox) in a loop. The page's own VAD
(ui/components/voice.js) notes when speech ended; a MutationObserver notes when the chat grew by the
agent's line and the customer's reply. Latency = reply on screen - end of speech, so the VAD's wait for
silence, the upload, transcription, the simulator, the rerun and the paint all count.

Prints ``name=value budget=... ratio=...`` (ratio = budget / measured; >= 1 is within budget).
Run: ``python bench/bench_voice.py [--turns 8]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from a checkout

from tests.support.launch import CHROMIUM_ARGS, app_env, free_port, init_data, start_server, stop_server, wait_ready

CHROMIUM = "/usr/bin/chromium"
BUDGET_S = 1.5
RSS_BUDGET_MB = 1536.0
SPOKEN = "Thank you for calling, my name is Alex. How can I help you today?"
SCENARIO = "Charged twice for the same month (billing-double-charge, difficulty 2)"

# Records (time, number of chat messages) whenever the chat changes; installed before the app loads.
OBSERVER = """
window.__csrChat = [];
new MutationObserver(() => {
  const n = document.querySelectorAll('[data-testid="stChatMessage"]').length;
  const log = window.__csrChat;
  if (!log.length || log[log.length - 1].n !== n) log.push({ t: Date.now(), n });
}).observe(document, { childList: true, subtree: true });
"""


def speech_wav(path: Path, *, text: str = SPOKEN, before: float = 1.0, after: float = 2.5) -> Path:
    """A fake-microphone file: silence, ``text`` spoken by espeak-ng, silence (48 kHz mono 16-bit)."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "48000", "-c", "1", "-b", "16", str(path), "pad", str(before), str(after)], check=True
    )
    raw.unlink()
    return path


def fake_mic_args(wav: Path) -> list[str]:
    return [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
        "--autoplay-policy=no-user-gesture-required",
    ]


def login_and_start_call(page: Any, base: str, *, user: str = "trainee") -> None:
    from playwright.sync_api import expect

    page.goto(base)
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(f"{user}-demo")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Start call")).to_be_visible()
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=SCENARIO).click()
    page.get_by_role("button", name="Start call").click()
    expect(page.get_by_test_id("csr-voice-status")).to_be_visible()


def latencies(page: Any) -> list[float]:
    """Seconds from each end of speech to the chat showing agent line + customer reply."""
    sent: list[dict[str, float]] = page.evaluate("(window.__csrVoice && window.__csrVoice.log) || []")
    chat: list[dict[str, float]] = page.evaluate("window.__csrChat || []")
    out = []
    for s in sent:
        before = [c["n"] for c in chat if c["t"] <= s["sentAt"]]
        base = before[-1] if before else 0
        after = [c["t"] for c in chat if c["t"] > s["sentAt"] and c["n"] >= base + 2]
        if after:
            out.append((after[0] - s["speechEnd"]) / 1000)
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (speech model, TTS and encoder loaded by then)."""
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=8, help="voice turns to measure")
    args = ap.parse_args()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)

    with tempfile.TemporaryDirectory(prefix="csr-bench-voice-") as tmp:
        wav = speech_wav(Path(tmp) / "speech.wav")
        env = app_env(Path(tmp) / "data", CSR_PRACTICE_SEED="3")
        init_data(env)
        port = free_port()
        proc = start_server(port=port, env=env, log=Path(tmp) / "server.log")
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, timeout=90, proc=proc)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=fake_mic_args(wav))
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(60_000)
                page.add_init_script(OBSERVER)
                login_and_start_call(page, base)
                deadline = time.monotonic() + 30 + 12 * args.turns
                got: list[float] = []
                while time.monotonic() < deadline and len(got) < args.turns:
                    time.sleep(1.0)
                    got = latencies(page)
                    if page.get_by_text("The call has ended").count():
                        break
                rss = rss_mb(proc.pid)
                browser.close()
        finally:
            stop_server(proc)

    if not got:
        print("voice_turns=0 (no reply measured)")
        return 1
    print(f"app_rss_after_voice_turns={rss:.0f}MB budget={RSS_BUDGET_MB:g}MB ratio={RSS_BUDGET_MB / rss:.2f}")
    print(f"voice_turns={len(got)} median={statistics.median(got):.2f}s max={max(got):.2f}s")
    value = p95(got)
    print(f"voice_end_of_speech_to_reply_text_p95={value:.2f}s budget={BUDGET_S:g}s ratio={BUDGET_S / value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
